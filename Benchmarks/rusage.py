#!/usr/bin/env python3
"""Runs a command and writes `wall user sys maxrss` (seconds, seconds, seconds, KiB) to the file after -o.

What GNU time's `-f '%e %U %S %M'` reports, from the same wait4 rusage (the command and every descendant it
waited for, as `go tool pprof`'s tool process), but to the microsecond: GNU time cuts user and sys to 10 ms
each, which is up to a tenth of a 0.2 s run. Exit status: the command's.

    rusage.py -o FILE COMMAND [ARG...]
"""
import os
import sys
import time


def main() -> int:
    if len(sys.argv) < 4 or sys.argv[1] != "-o":
        print("usage: rusage.py -o FILE COMMAND [ARG...]", file=sys.stderr)
        return 2
    destination, command = sys.argv[2], sys.argv[3:]
    start = time.monotonic()
    child = os.fork()
    if child == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(child, 0)
    wall = time.monotonic() - start
    with open(destination, "w") as stamp:
        stamp.write(f"{wall:.6f} {usage.ru_utime:.6f} {usage.ru_stime:.6f} {usage.ru_maxrss}\n")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
