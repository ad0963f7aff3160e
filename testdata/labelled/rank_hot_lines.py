#!/usr/bin/env python3
"""rank_hot_lines.py: the hot lines of a heap profile as pprof-list's default report attributes them.

Usage: rank_hot_lines.py RAW ESCAPE_LOG [N] > hot.tsv
  RAW         the output of `go tool pprof -raw mem.out` (Go 1.27.3's pprof)
  ESCAPE_LOG  the -gcflags=PKG=-m=2 log (text; .gz allowed) whose `# pkg` headers say which packages it compiled
  N           how many lines to print (default 10)

Attribution (issue 12): a sample is credited to the FIRST frame, walking from the leaf outward (in each
location the innermost inlined frame first, then the functions it was inlined into, then the caller
locations), whose function belongs to a package the escape log compiled: the package of every `# P` or
`# P [P.test]` header, except the generated test main `# P.test`. The package of a function is its name up to
the first '.' after the last '/'. If no frame qualifies, the sample is credited to the leaf (innermost frame of
the first location). Lines are (function, file, line); the value is the sample's alloc_space. Ties sort by
function, file, line.

Output, TAB-separated, header first: rank, alloc_space bytes, percent of the profile's total alloc_space,
function, file base name, line, full file path, leaf frame (function file:line, where the bytes were allocated;
equal to the credited frame when the allocation is in covered code).
"""
import gzip
import re
import sys
from collections import defaultdict


def covered_packages(path):
    opener = gzip.open if path.endswith(".gz") else open
    pkgs = set()
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"^# (\S+)(?: \[(\S+)\])?\s*$", line)
            if not m:
                continue
            pkg, test = m.group(1), m.group(2)
            if test is None and pkg.endswith(".test"):
                continue  # generated test main
            pkgs.add(pkg)
    return pkgs


def package_of(func):
    slash = func.rfind("/")
    dot = func.find(".", slash + 1)
    return func if dot < 0 else func[:dot]


def parse_raw(path):
    """Returns (sample_types, samples [(values, [loc ids])], locations {id: [(func, file, line)] innermost first})."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    i = 0
    while lines[i] != "Samples:":
        i += 1
    types = lines[i + 1].split()
    i += 2
    samples = []
    while i < len(lines) and not lines[i].startswith("Locations"):
        m = re.match(r"^\s*([-\d\s]+):((?:\s+\d+)*)\s*$", lines[i])
        if m:
            values = [int(v) for v in m.group(1).split()]
            samples.append((values, [int(x) for x in m.group(2).split()]))
        i += 1
    locs = {}
    cur = None
    # FUNCTION FILE:LINE:COL s=START[(SYSTEM_NAME)]; function names may hold blanks (generic shapes), files not.
    # pprof prints (SYSTEM_NAME) when it differs from the name: for generic shapes the profile's name drops
    # the parentheses of method signatures ("{ Area float64 }"), the system name keeps them ("{ Area() float64 }").
    frame = re.compile(r"^(.+) (\S+):(\d+):\d+ s=\d+(?:\((.*)\))?$")
    for line in lines[i + 1:]:
        if line.startswith("Mappings"):
            break
        m = re.match(r"^\s+(\d+): 0x[0-9a-f]+ (?:M=\d+ )?(.*)$", line)
        if m:
            cur = int(m.group(1))
            locs[cur] = []
            rest = m.group(2)
        elif line.startswith("             ") and cur is not None:
            rest = line.strip()
        else:
            continue
        fm = frame.match(rest)
        if fm:
            locs[cur].append((fm.group(1), fm.group(2), int(fm.group(3))))
        elif rest.strip():
            sys.exit("rank_hot_lines.py: cannot parse frame %r" % rest)
    return types, samples, locs


def main():
    raw, log = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    pkgs = covered_packages(log)
    types, samples, locs = parse_raw(raw)
    col = next(k for k, t in enumerate(types) if t.startswith("alloc_space/"))
    total = 0
    value = defaultdict(int)
    leaf_of = defaultdict(lambda: defaultdict(int))
    for values, ids in samples:
        v = values[col]
        total += v
        if v == 0:
            continue
        frames = [fr for lid in ids for fr in locs.get(lid, [])]
        if not frames:
            continue
        credited = next((fr for fr in frames if package_of(fr[0]) in pkgs), frames[0])
        value[credited] += v
        leaf_of[credited][frames[0]] += v
    ranked = sorted(value.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    print("rank\talloc_space\tpercent\tfunction\tfile\tline\tpath\tleaf")
    for r, ((fn, path, line), v) in enumerate(ranked, 1):
        lf = max(leaf_of[(fn, path, line)].items(), key=lambda kv: (kv[1], kv[0]))[0]
        leaf = "%s %s:%d" % (lf[0], lf[1].rsplit("/", 1)[-1], lf[2])
        pct = 100.0 * v / total if total else 0.0
        print("%d\t%d\t%.2f\t%s\t%s\t%d\t%s\t%s" % (r, v, pct, fn, path.rsplit("/", 1)[-1], line, path, leaf))


if __name__ == "__main__":
    main()
