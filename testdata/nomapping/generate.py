#!/usr/bin/env python3
"""Writes the profiles of testdata/nomapping by hand, in profile.proto's wire format (no pprof library).

    python3 testdata/nomapping/generate.py        (rewrites the files below; deterministic)

cpu.out, cpu2.out  CPU-style profiles with NO mappings, as third-party converters and crash dumps write them:
                   inlined frames, a location without lines (address only), a frame with no file, string and
                   numeric labels. pprof's driver gives such a profile a fake mapping before symbolizing.
utf8.out           the same shape, with strings that are not valid UTF-8 (function and file names, a label
                   value, a comment) and valid non-ASCII ones, for Go's byte-for-byte printing.
tiny.elf           a 64-byte ELF file header and nothing else: what `go tool pprof BINARY profile` needs to take
                   its first argument for a binary (Go's debug/elf opens it; it has no symbols to use).
notelf.bin         the ELF magic and nothing more: Go cannot open it as a binary, so pprof reads it as a profile.
src/ok.go          a source file for utf8.out's main.ok (/src/app/ok.go) whose lines are not all UTF-8, for -list.
"""
import gzip
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def varint(n):
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field_varint(number, value):
    return varint(number << 3) + varint(value)


def field_bytes(number, data):
    return varint(number << 3 | 2) + varint(len(data)) + data


def packed(number, values):
    return field_bytes(number, b"".join(varint(v) for v in values))


class Strings:
    def __init__(self):
        self.table = [b""]
        self.index = {b"": 0}

    def __call__(self, s):
        if isinstance(s, str):
            s = s.encode()
        if s not in self.index:
            self.index[s] = len(self.table)
            self.table.append(s)
        return self.index[s]


def profile(functions, locations, samples, sample_types, period_type, period, time_nanos, duration,
            comments=()):
    """functions: [(name, file, start_line)], ids from 1; locations: [(address, [(function_id, line)])],
    ids from 1, innermost frame first; samples: [(location ids leaf first, values, labels)] where a label is
    (key, str) or (key, num, unit)."""
    st = Strings()
    out = bytearray()
    for type_, unit in sample_types:
        out += field_bytes(1, field_varint(1, st(type_)) + field_varint(2, st(unit)))
    for locs, values, labels in samples:
        body = packed(1, locs) + packed(2, values)
        for label in labels:
            if len(label) == 2:
                body += field_bytes(3, field_varint(1, st(label[0])) + field_varint(2, st(label[1])))
            else:
                body += field_bytes(3, field_varint(1, st(label[0])) + field_varint(3, label[1])
                                    + (field_varint(4, st(label[2])) if label[2] else b""))
        out += field_bytes(2, body)
    for i, (address, lines) in enumerate(locations, 1):
        body = field_varint(1, i) + field_varint(3, address)
        for function_id, line in lines:
            body += field_bytes(4, field_varint(1, function_id) + field_varint(2, line))
        out += field_bytes(4, body)
    for i, (name, file, start) in enumerate(functions, 1):
        body = field_varint(1, i) + field_varint(2, st(name)) + field_varint(3, st(name))
        if file:
            body += field_varint(4, st(file))
        if start:
            body += field_varint(5, start)
        out += field_bytes(5, body)
    out += field_varint(9, time_nanos) + field_varint(10, duration)
    out += field_bytes(11, field_varint(1, st(period_type[0])) + field_varint(2, st(period_type[1])))
    out += field_varint(12, period)
    for comment in comments:
        out += field_varint(13, st(comment))
    # The string table last, as the Go runtime writes it.
    for s in st.table:
        out += field_bytes(6, s)
    return bytes(out)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(gzip.compress(data, mtime=0))


FUNCTIONS = [
    ("main.main", "/src/app/main.go", 10),               # 1
    ("main.work", "/src/app/work.go", 20),               # 2
    ("main.parse", "/src/app/parse.go", 5),              # 3 (inlined into work)
    ("main.(*Decoder).next", "/src/app/parse.go", 40),   # 4
    ("memcpy", "", 0),                                   # 5 (a C frame: no file)
    ("runtime.mallocgc", "/usr/lib/go/src/runtime/malloc.go", 900),  # 6
]
LOCATIONS = [
    (0x401010, [(1, 14)]),             # 1 main.main
    (0x402020, [(3, 7), (2, 25)]),     # 2 parse inlined in work
    (0x402080, [(2, 28)]),             # 3 work
    (0x403000, [(4, 44)]),             # 4 Decoder.next
    (0x7f0000001000, [(5, 0)]),        # 5 memcpy
    (0x4011aa, []),                    # 6 unsymbolized
    (0x404400, [(6, 950)]),            # 7 mallocgc
]
CPU_TYPES = [("samples", "count"), ("cpu", "nanoseconds")]
MS = 10_000_000


def cpu_samples(scale):
    s = []
    s.append(([4, 2, 1], [3 * scale, 3 * scale * MS], [("thread", "main"), ("request", 512, "bytes")]))
    s.append(([5, 4, 2, 1], [2 * scale, 2 * scale * MS], [("thread", "main"), ("request", 2048, "bytes")]))
    s.append(([2, 1], [5 * scale, 5 * scale * MS], [("thread", "worker")]))
    s.append(([3, 1], [1, MS], [("thread", "worker"), ("thread", "io")]))
    s.append(([6, 3, 1], [2, 2 * MS], []))
    s.append(([7, 4, 3, 1], [scale, scale * MS], [("request", 64, "bytes")]))
    s.append(([6], [1, MS], [("thread", "main")]))
    return s


write("cpu.out", profile(FUNCTIONS, LOCATIONS, cpu_samples(1), CPU_TYPES, ("cpu", "nanoseconds"), MS,
                         1_700_000_000_000_000_000, 2_000_000_000))
write("cpu2.out", profile(FUNCTIONS, LOCATIONS, cpu_samples(3), CPU_TYPES, ("cpu", "nanoseconds"), MS,
                          1_700_000_100_000_000_000, 3_000_000_000))

UTF8_FUNCTIONS = [
    ("main.main", "/src/app/main.go", 10),
    (b"main.caf\xe9", b"/src/app/\xff\xfeodd.go", 20),    # Latin-1 bytes, not UTF-8
    ("main.naïve", "/src/app/naïve.go", 30),             # valid UTF-8, two bytes for one rune
    (b"main.trunc\xe2\x82", "/src/app/t.go", 0),         # a rune cut short
    ("main.ok", "/src/app/ok.go", 50),
]
UTF8_LOCATIONS = [
    (0x401000, [(1, 12)]),
    (0x402000, [(2, 22)]),
    (0x403000, [(3, 33)]),
    (0x404000, [(4, 7)]),
    (0x405000, [(5, 55), (2, 23)]),
]
UTF8_SAMPLES = [
    ([2, 1], [4, 4 * MS], [("who", b"caf\xe9")]),
    ([3, 1], [3, 3 * MS], [("who", "naïve")]),
    ([4, 3, 1], [2, 2 * MS], [(b"k\xff", "v")]),
    ([5, 1], [1, MS], [("who", "ok")]),
]
write("utf8.out", profile(UTF8_FUNCTIONS, UTF8_LOCATIONS, UTF8_SAMPLES, CPU_TYPES, ("cpu", "nanoseconds"), MS,
                          1_700_000_000_000_000_000, 1_000_000_000, comments=[b"made by \xff generate.py"]))

# ELF64, little endian, version 1, ET_EXEC, x86-64; no program or section headers.
elf = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
elf += struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x401000, 0, 0, 0, 64, 56, 0, 64, 0, 0)
assert len(elf) == 64
with open(os.path.join(HERE, "tiny.elf"), "wb") as f:
    f.write(elf)
with open(os.path.join(HERE, "notelf.bin"), "wb") as f:
    f.write(b"\x7fELF")

# Lines 50 and 55 (main.ok's start and sampled line) hold bytes that are not UTF-8 beside valid non-ASCII ones.
source = [b"// line %d" % i for i in range(1, 61)]
source[49] = b"func ok() { // caf\xe9 \xff"
source[54] = b'\tx := "\xe9t\xe9" // na\xc3\xafve'
os.makedirs(os.path.join(HERE, "src"), exist_ok=True)
with open(os.path.join(HERE, "src", "ok.go"), "wb") as f:
    f.write(b"\n".join(source) + b"\n")
