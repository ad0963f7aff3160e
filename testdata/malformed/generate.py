#!/usr/bin/env python3
"""Writes the hand-made malformed inputs of testdata/malformed (see README.md there).

    python3 testdata/malformed/generate.py

Deterministic: gzip members carry mtime 0, and the only real profile used is the small committed
testdata/seed/go1.27/example1/mem-defaultrate.out (regenerating testdata changes it, so offsets in the
README's expected messages would move: rerun this and the tests, and update the README). Files found by
fuzzing (`*/crash-*`, `*/timeout-*`, `*/oom-*`) are not made here; they are kept as libFuzzer wrote them.
"""
import gzip
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.dirname(HERE)
BASE_PROFILE = os.path.join(TESTDATA, "seed", "go1.27", "example1", "mem-defaultrate.out")
BASE_LOG = os.path.join(TESTDATA, "seed", "go1.27", "example1", "escape.log")
BASE_JSON = os.path.join(TESTDATA, "seed", "go1.27", "example1", "json", "flaws%2Fexample1", "example1_test.json")


def write(relative, data):
    path = os.path.join(HERE, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def gz(data, level=9):
    return gzip.compress(data, compresslevel=level, mtime=0)


# --- a minimal protobuf writer -------------------------------------------------------------------

def varint(value):
    value &= (1 << 64) - 1
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def key(field, wire_type):
    return varint(field << 3 | wire_type)


def vfield(field, value):
    return key(field, 0) + varint(value)


def lfield(field, payload):
    return key(field, 2) + varint(len(payload)) + payload


def packed(field, values):
    return lfield(field, b"".join(varint(v) for v in values))


def profile(
    strings=("", "alloc_space", "bytes", "main.f", "/src/f.go", "main.g"),
    sample_types=((1, 2),),
    samples=(((1, 2), (100,)), ((2,), (40,))),
    locations=((1, ((1, 10),)), (2, ((2, 20),))),
    functions=((1, 3), (2, 5)),
    time_nanos=(1_700_000_000_000_000_000,),
):
    out = bytearray()
    for type_index, unit_index in sample_types:
        out += lfield(1, vfield(1, type_index) + vfield(2, unit_index))
    for location_ids, values in samples:
        out += lfield(2, packed(1, location_ids) + packed(2, values))
    out += lfield(3, vfield(1, 1) + vfield(2, 0x1000) + vfield(3, 0x2000))
    for location_id, lines in locations:
        body = vfield(1, location_id) + vfield(2, 1)
        for function_id, line in lines:
            body += lfield(4, vfield(1, function_id) + vfield(2, line))
        out += lfield(4, body)
    for function_id, name in functions:
        out += lfield(5, vfield(1, function_id) + vfield(2, name) + vfield(4, 4))
    for t in time_nanos:
        out += vfield(9, t)
    for s in strings:
        out += lfield(6, s.encode())
    return bytes(out)


def png_1x1():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def main():
    real_gz = open(BASE_PROFILE, "rb").read()
    real = gzip.decompress(real_gz)

    # Compression layer.
    write("profile/truncated-half.pb.gz", real_gz[: len(real_gz) // 2])
    write("profile/truncated-header.pb.gz", real_gz[:10])
    write("profile/truncated-trailer.pb.gz", real_gz[:-4])
    bad_crc = bytearray(real_gz)
    bad_crc[-8] ^= 0xFF
    write("profile/bad-crc.pb.gz", bytes(bad_crc))
    bad_block = bytearray(real_gz)
    bad_block[10] = 0x07  # BFINAL=1, BTYPE=11: the reserved block type
    write("profile/bad-block-type.pb.gz", bytes(bad_block))
    write("profile/trailing-garbage.pb.gz", real_gz + b"garbage\n")
    write("profile/two-members.pb.gz", gz(real[:100]) + gz(real[100:]))
    # A bomb: a valid profile padded by an unknown field (number 100) of 4 MB of zeros, 4 KB compressed.
    write("profile/bomb.pb.gz", gz(profile() + lfield(100, bytes(4_000_000))))

    # A profile whose own drop_frames pattern, `(a+)+$`, a backtracking engine takes exponential time on
    # against names of a's that end otherwise (issue 14); RE2, as Go's regexp, answers in linear time.
    hostile_names = ("", "alloc_space", "bytes", "a" * 64 + "!", "/src/f.go", "a" * 64 + ".g", "(a+)+$")
    write("profile/regex-drop-frames.pb", profile(strings=hostile_names) + vfield(7, 6))

    # Memory amplifiers (issue 14): 15 MiB inflated from 15 KB of gzip (under the fuzzers' 16 MiB cap), each entity a byte or two on the
    # wire and tens of bytes decoded, refused by the decoder's budget (12 bytes per byte read, plus 64 MiB)
    # before the allocation that would fail under an address-space limit. Each is a valid profile but for
    # the amplifier, so that only the budget stops it.
    size = 15 << 20
    head = lfield(6, b"") + lfield(6, b"alloc_space") + lfield(6, b"bytes") + lfield(1, vfield(1, 1) + vfield(2, 2))
    # 5.2 million one-byte strings: 3 bytes each, 16 decoded (5.3 per byte, under the ratio: loads, but not
    # under a small address-space limit).
    write("profile/amplify-strings.pb.gz", gz(head + lfield(6, b"a") * (size // 3)))
    # One location of 7.9 million empty lines: 2 bytes each, 48 decoded and resolved.
    write("profile/amplify-lines.pb.gz", gz(head + lfield(4, vfield(1, 1) + lfield(4, b"") * (size // 2))))
    # 7.9 million empty sample types.
    write("profile/amplify-sample-types.pb.gz", gz(head + lfield(1, b"") * (size // 2)))
    # One sample of 15.7 million one-byte values: each a value in the scratch buffer and in the row.
    write("profile/amplify-values.pb.gz", gz(head + lfield(2, lfield(2, bytes(size)))))
    # One sample through location 1 15.7 million times, packed: a reference of 4 bytes per byte.
    write("profile/amplify-location-ids.pb.gz", gz(head + lfield(2, lfield(1, b"\x01" * size) + lfield(2, b"\x01"))))
    # One sample of 7.9 million empty labels, kept when labels are read (-raw, -tagfocus, ...).
    write("profile/amplify-labels.pb.gz", gz(head + lfield(2, packed(2, (1,)) + lfield(3, b"") * (size // 2))))

    # Wire layer.
    write("profile/truncated-raw.pb", real[: len(real) // 2])
    write("profile/truncated-varint.pb", profile() + key(12, 0) + b"\xff\xff")
    write("profile/overlong-varint.pb", key(9, 0) + b"\xff" * 10 + b"\x01")
    write("profile/huge-length.pb", key(6, 2) + varint(1 << 62) + b"abc")
    write("profile/huge-packed-length.pb", lfield(2, key(1, 2) + varint(0x7FFF_FFFF) + b"\x01\x02"))
    write("profile/group.pb", key(7, 3) + key(7, 4))
    write("profile/wire-type-7.pb", key(1, 7))
    write("profile/field-zero.pb", key(0, 0) + b"\x00")
    write("profile/wire-type-mismatch.pb", vfield(1, 5))

    # Valid on the wire, inconsistent as a profile.
    write("profile/dangling-location.pb", profile(samples=(((1, 99), (100,)),)))
    write("profile/dangling-function.pb", profile(locations=((1, ((9, 10),)), (2, ((2, 20),)))))
    write("profile/value-count-mismatch.pb", profile(sample_types=((1, 2), (1, 2))))
    write("profile/value-count-changes.pb", profile(samples=(((1,), (1,)), ((2,), (1, 2, 3)))))
    write("profile/missing-sample-types.pb", profile(sample_types=()))
    write("profile/string-index-out-of-range.pb", profile(functions=((1, 1000), (2, 5))))
    write("profile/negative-string-index.pb", profile(functions=((1, -1), (2, 5))))
    write("profile/duplicate-location-id.pb", profile(locations=((1, ((1, 10),)), (1, ((2, 20),)))))
    write("profile/duplicate-function-id.pb", profile(functions=((1, 3), (1, 5))))
    write("profile/reserved-location-id.pb", profile(samples=(((0,), (1,)),), locations=((0, ((1, 10),)),)))
    write("profile/first-string-not-empty.pb", profile(strings=("x", "alloc_space", "bytes", "main.f", "/src/f.go", "main.g")))
    write("profile/concatenated.pb", profile() + profile())
    # Odd but valid: ids at the dense-table boundary and the largest id, one sample through one location
    # 1000 times, negative and extreme values.
    write("profile/extreme-ids.pb", profile(
        samples=(((4_194_304, 18446744073709551615) * 500, (-(1 << 63),)), ((18446744073709551615,), ((1 << 63) - 1,))),
        locations=((4_194_304, ((1, -5),)), (18446744073709551615, ((18446744073709551615, 1 << 40),))),
        functions=((1, 3), (18446744073709551615, 5))))
    write("profile/no-samples.pb", profile(samples=()))

    # What the command line gets handed by mistake.
    write("cli/empty.pb.gz", b"")
    write("cli/text.txt", b"This is a text file, not a profile.\nIt has two lines.\n")
    write("cli/image.png", png_1x1())

    # Escape logs: damaged real logs and logs that are not logs.
    log = open(BASE_LOG, "rb").read()
    lines = log.split(b"\n")
    damaged = []
    for number, line in enumerate(lines):
        if number % 7 == 3:
            line = line[: len(line) // 2]  # cut mid-line
        elif number % 11 == 5:
            line = line.replace(b":", b";", 1)  # position destroyed
        elif number % 13 == 6:
            line = b"\xff\xfe" + line  # invalid UTF-8
        damaged.append(line)
    write("escape/damaged.log", b"\n".join(damaged))
    write("escape/truncated.log", log[: len(log) // 3])
    write("escape/huge-positions.log",
          b"./x.go:99999999999999999999:1: moved to heap: x\n"
          b"./x.go:1:99999999999999999999: moved to heap: y\n"
          b"./x.go:-1:-1: moved to heap: z\n"
          b":::::::::: : :1: :1:1:\n"
          b"./x.go:2:3:\n")
    write("escape/not-a-log.txt", b"Dear reader,\nthis file is a letter, not a compiler log.\nRegards\n")
    write("escape/binary.log", bytes((i * 7919 + 13) % 256 for i in range(2048)))

    json_log = open(BASE_JSON, "rb").read()
    json_lines = json_log.split(b"\n")
    write("escape/damaged.json", b"\n".join(
        line[: len(line) * 2 // 3] if number % 3 == 1 else line for number, line in enumerate(json_lines)))
    write("escape/deep-nesting.json", b"[" * 10_000 + b"\n" + b'{"a":' * 2_000 + b"\n")
    write("escape/bad-values.json",
          b'{"version":0,"package":"p","goos":"linux","goarch":"amd64","gc_version":"x","file":"x.go"}\n'
          b'{"range":{"start":{"line":1e300,"character":-5},"end":{"line":1,"character":1}},"severity":3,"code":"escape","source":"go compiler","message":"x escapes to heap"}\n'
          b'{"range":{"start":{"line":-1,"character":1}},"code":"leak","message":"\\ud800\\udc00\\ud800 \\u0000"}\n'
          b'{"range":{"start":{"line":3,"character":2}},"code":7,"message":null,"relatedInformation":7}\n'
          b'{"range":{"start":{"line":4,"character":2.5}},"code":"escape","message":"","relatedInformation":[{"message":"escflow:"},{}]}\n')


if __name__ == "__main__":
    main()
