#!/usr/bin/env python3
"""Derive a test profile from a real one by editing profile.proto's top level fields only.

    make-input.py IN OUT [--drop RE] [--keep RE] [--rename OLD=NEW ...]

--drop/--keep append the pattern to the string table and set drop_frames (field 7) / keep_frames (field 8);
--rename replaces whole string-table entries (field 6), e.g. bytes=kilobytes to change a unit everywhere.
Everything else is copied byte for byte; the output is gzip'ed with mtime 0, so runs are reproducible.
Standard library only."""
import gzip, sys, argparse

def varint(b, i):
    r = s = 0
    while True:
        c = b[i]; i += 1
        r |= (c & 0x7f) << s; s += 7
        if c < 0x80: return r, i

def enc(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7f) | 0x80); v >>= 7
    out.append(v); return bytes(out)

def fields(b):
    i = 0
    while i < len(b):
        start = i
        key, i = varint(b, i)
        f, wt = key >> 3, key & 7
        if wt == 0: _, i = varint(b, i)
        elif wt == 2:
            n, i = varint(b, i); i += n
        elif wt == 1: i += 8
        elif wt == 5: i += 4
        yield f, wt, b[start:i]

ap = argparse.ArgumentParser()
ap.add_argument('input'); ap.add_argument('output')
ap.add_argument('--drop'); ap.add_argument('--keep')
ap.add_argument('--rename', action='append', default=[])
a = ap.parse_args()
data = open(a.input, 'rb').read()
if data[:2] == b'\x1f\x8b': data = gzip.decompress(data)
renames = dict(r.split('=', 1) for r in a.rename)
out = bytearray(); count = 0
for f, wt, raw in fields(data):
    if f == 6:
        _, j = varint(raw, 0); n, j = varint(raw, j); s = raw[j:j+n].decode()
        count += 1
        if s in renames:
            t = renames[s].encode(); raw = enc(6 << 3 | 2) + enc(len(t)) + t
    if f in (7, 8) and (a.drop or a.keep): continue
    out += raw
for field, text in ((7, a.drop), (8, a.keep)):
    if text:
        t = text.encode()
        out += enc(6 << 3 | 2) + enc(len(t)) + t
        out += enc(field << 3) + enc(count); count += 1
open(a.output, 'wb').write(gzip.compress(bytes(out), mtime=0))
