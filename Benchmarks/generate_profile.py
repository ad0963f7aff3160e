#!/usr/bin/env python3
"""Generates large, realistic Go heap ("allocs") profiles for benchmarking pprof-list against go tool pprof.

The output is profile.proto exactly as the Go runtime's `runtime/pprof` writes a heap profile
(`writeHeapProto` + `profileBuilder`), gzip'ed at level 1:

- period_type space/bytes, period 524288, the four sample types alloc_objects/count, alloc_space/bytes,
  inuse_objects/count, inuse_space/bytes, default_sample_type alloc_space;
- one Sample per (stack, block size) with values scaled as `scaleHeapSample` does and the numeric label
  `bytes` (the block size) on every sample; field order value, location_id, label;
- value always packed; location_id packed only when there are more than two (the runtime's `uint64s`);
- locations and functions emitted lazily, interleaved with the samples (a location right before the first
  sample that uses it, its new functions right after it), ids in order of first use, location ids leaf
  first; several Line per Location for inlined calls, innermost first; Function.start_line set;
- time_nanos, the mappings and the string table last, strings indexed in order of first use.

Stacks are about 33 frames deep: a root chain (runtime.goexit, net/http or testing), a walk through a
layered call graph of generated application packages (with inlining and recursion, e.g. render.walkTree),
and standard-library leaves. Everything is deterministic from --seed. Standard library only.

    python3 Benchmarks/generate_profile.py --size medium -o Benchmarks/out/medium.pb.gz
    python3 Benchmarks/generate_profile.py --samples 10000 --functions 2000 -o /tmp/x.pb.gz
"""

import argparse
import math
import os
import random
import struct
import sys
import time
import zlib

PRESETS = {
    # name: samples, application functions (which set the location count), segment pool size, shape
    "small": (2_200, 2_000, 6, "repeat"),
    "medium": (450_000, 7_000, 24, "repeat"),
    "large": (4_600_000, 9_000, 48, "repeat"),
    # As the runtime writes a heap profile of a long-running service: one sample per (stack, size) bucket and
    # stacks that rarely repeat (a real go/parser heap profile: 9,220 samples on 5,942 stacks).
    "runtime": (150_000, 4_300, 40, "runtime"),
    "runtime-large": (1_500_000, 4_300, 40, "runtime"),
    # One instance of a service among many (--fleet N writes N of them): small runtime-shaped profiles.
    "fleet": (6_000, 4_300, 40, "runtime"),
}
SHAPES = {
    # shape: locality (share of a junction's segments reused within a phase), phase length, extra sizes per
    # stack (mean of an exponential), whether a stack already written is drawn again
    "repeat": (0.85, 60, 1.0, True),
    "runtime": (0.95, 200, 0.08, False),
}

RATE = 512 * 1024
TEXT_START = 0x400000

# ----------------------------------------------------------------------------------------------- protobuf

_VARINT_CACHE = []


def _varint_slow(value):
    value &= 0xFFFFFFFFFFFFFFFF
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


_VARINT_CACHE = [_varint_slow(i) for i in range(1 << 16)]


def varint(value):
    if 0 <= value < 65536:
        return _VARINT_CACHE[value]
    return _varint_slow(value)


def key(field, wire):
    return varint(field << 3 | wire)


def opt_varint(field, value):
    """Go's uint64Opt/int64Opt: nothing for zero."""
    if value == 0:
        return b""
    return key(field, 0) + varint(value)


def message(field, body):
    return key(field, 2) + varint(len(body)) + body


# ------------------------------------------------------------------------------------------ program model

APP_WORDS = (
    "order cart item price stock user session token cache query index shard batch event queue worker "
    "render template node tree page asset image thumb report metric trace span log audit policy rule "
    "route handler request response header cookie payload schema record column table row cursor block "
    "chunk buffer stream frame packet codec field value entry bucket ledger invoice payment refund "
    "shipment carrier address region tenant account profile setting feature flag config secret key"
).split()
APP_VERBS = (
    "load save fetch build parse encode decode marshal unmarshal apply merge split scan walk visit "
    "resolve compute validate normalize format write read flush emit collect filter sort group reduce "
    "expand lookup insert update delete render prepare finish handle serve dispatch process convert"
).split()
MODULES = ("github.com/acme/storefront", "github.com/acme/platform", "go.acme.dev/search", "gitlab.acme.io/billing/core")
SUBDIRS = ("internal", "pkg", "internal/service", "internal/store", "api")

# Standard-library leaves: (package, file, function) — the frames that allocate.
STDLIB = [
    ("fmt", "print.go", "Sprintf"), ("fmt", "print.go", "(*pp).doPrintf"), ("fmt", "print.go", "(*pp).printArg"),
    ("fmt", "print.go", "newPrinter"), ("fmt", "format.go", "(*fmt).fmtInteger"),
    ("strings", "builder.go", "(*Builder).grow"), ("strings", "builder.go", "(*Builder).WriteString"),
    ("strings", "strings.go", "Join"), ("strings", "strings.go", "genSplit"), ("strings", "replace.go", "(*genericReplacer).Replace"),
    ("bytes", "buffer.go", "growSlice"), ("bytes", "buffer.go", "(*Buffer).grow"), ("bytes", "buffer.go", "(*Buffer).Write"),
    ("bytes", "bytes.go", "Clone"),
    ("strconv", "quote.go", "appendQuotedWith"), ("strconv", "itoa.go", "formatBits"), ("strconv", "ftoa.go", "genericFtoa"),
    ("encoding/json", "encode.go", "Marshal"), ("encoding/json", "encode.go", "(*encodeState).marshal"),
    ("encoding/json", "encode.go", "(*encodeState).reflectValue"), ("encoding/json", "decode.go", "(*decodeState).object"),
    ("encoding/json", "decode.go", "(*decodeState).literalStore"), ("encoding/json", "decode.go", "Unmarshal"),
    ("reflect", "value.go", "unsafe_New"), ("reflect", "value.go", "(Value).Interface"), ("reflect", "map.go", "MakeMapWithSize"),
    ("encoding/base64", "base64.go", "(*Encoding).EncodeToString"), ("bufio", "bufio.go", "NewReaderSize"),
    ("bufio", "bufio.go", "NewWriterSize"), ("compress/flate", "deflate.go", "NewWriter"),
    ("compress/flate", "inflate.go", "(*decompressor).init"), ("slices", "slices.go", "Grow[go.shape.[]uint8,go.shape.uint8]"),
    ("sort", "slice.go", "Slice"), ("regexp", "backtrack.go", "(*Regexp).backtrack"), ("regexp", "exec.go", "(*Regexp).doExecute"),
    ("net/url", "url.go", "parse"), ("net/url", "url.go", "(*URL).String"), ("net/textproto", "reader.go", "(*Reader).ReadMIMEHeader"),
    ("errors", "errors.go", "New"), ("context", "context.go", "WithCancel"), ("sync", "pool.go", "(*Pool).Get"),
    ("time", "format.go", "Time.Format"), ("unicode/utf8", "utf8.go", "AppendRune"), ("io", "io.go", "ReadAll"),
    ("crypto/sha256", "sha256.go", "New"), ("encoding/hex", "hex.go", "EncodeToString"), ("math/big", "nat.go", "nat.make"),
]

GOROOT = "/usr/local/go/src/"
SRCROOT = "/home/build/go/pkg/mod/"


class Function:
    __slots__ = ("name", "file", "start", "length", "sites", "allocs", "inline", "level", "addr", "pcs", "fid")

    def __init__(self, name, file, start, length, level):
        self.name, self.file, self.start, self.length, self.level = name, file, start, length, level
        self.sites = []  # (line, callee, cumulative weight)
        self.allocs = []  # lines that allocate
        self.inline = False
        self.addr = 0
        self.pcs = 0
        self.fid = 0


class Program:
    """A layered call graph: root chains → application levels → standard-library leaves."""

    LEVELS = 36  # application levels
    JUNCTIONS = (0, 9, 18, 27)  # segments start at functions of these levels

    def __init__(self, rng, app_functions):
        self.rng = rng
        self.levels = [[] for _ in range(self.LEVELS)]
        self.stdlib = []
        self.functions = []
        self._build_app(app_functions)
        self._build_stdlib()
        self._build_recursion()
        self._build_roots()
        self._wire()
        address = TEXT_START + 0x1000
        for function in self.functions:
            function.addr = address
            address += 0x40 + function.length * 24

    def _new(self, name, file, start, length, level):
        function = Function(name, file, start, length, level)
        self.functions.append(function)
        return function

    def _build_app(self, count):
        rng = self.rng
        packages = []
        for index in range(max(8, count // 40)):
            module = MODULES[index % len(MODULES)]
            sub = SUBDIRS[rng.randrange(len(SUBDIRS))]
            name = APP_WORDS[rng.randrange(len(APP_WORDS))] + (str(index // len(APP_WORDS)) if index >= len(APP_WORDS) else "")
            path = f"{module}/{sub}/{name}"
            files = [f"{SRCROOT}{path}/{rng.choice(APP_WORDS)}{'' if k == 0 else '_' + rng.choice(APP_WORDS)}.go" for k in range(rng.randint(1, 4))]
            packages.append((path, name, files, [30] * len(files)))
        per_level = max(1, count // self.LEVELS)
        seen = set()
        for index in range(count):
            level = min(index // per_level, self.LEVELS - 1)
            path, short, files, next_line = packages[rng.randrange(len(packages))]
            file_index = rng.randrange(len(files))
            verb, noun = rng.choice(APP_VERBS), rng.choice(APP_WORDS).capitalize()
            kind = rng.random()
            if kind < 0.45:
                receiver = rng.choice(APP_WORDS).capitalize()
                name = f"{path}.(*{receiver}).{verb}{noun}"
            elif kind < 0.55:
                name = f"{path}.{verb}{noun}.func{rng.randint(1, 3)}"
            elif kind < 0.60:
                name = f"{path}.{verb.capitalize()}{noun}[go.shape.string]"
            else:
                name = f"{path}.{verb}{noun}"
            while name in seen:
                name += str(rng.randint(1, 9))
            seen.add(name)
            length = rng.randint(6, 90)
            start = next_line[file_index]
            next_line[file_index] += length + rng.randint(2, 20)
            function = self._new(name, files[file_index], start, length, level)
            function.inline = level not in self.JUNCTIONS and length < 24 and rng.random() < 0.6
            self.levels[level].append(function)

    def _build_stdlib(self):
        rng = self.rng
        lines = {}
        for package, file, name in STDLIB:
            path = GOROOT + package + "/" + file
            start = lines.get(path, rng.randint(40, 400))
            length = rng.randint(10, 120)
            lines[path] = start + length + rng.randint(5, 300)
            function = self._new(f"{package}.{name}", path, start, length, self.LEVELS)
            function.inline = rng.random() < 0.3
            function.allocs = sorted(rng.sample(range(start + 1, start + length), min(3, length - 1)))
            self.stdlib.append(function)

    def _build_recursion(self):
        """render.walkTree → render.visitNode → render.visitChildren → render.walkTree …, as a tree walk does."""
        base = SRCROOT + "github.com/acme/storefront/internal/render/"
        self.walk_tree = self._new("github.com/acme/storefront/internal/render.walkTree", base + "tree.go", 41, 40, 12)
        self.visit_node = self._new("github.com/acme/storefront/internal/render.(*Visitor).visitNode", base + "visit.go", 88, 35, 12)
        self.visit_children = self._new("github.com/acme/storefront/internal/render.(*Visitor).visitChildren", base + "visit.go", 130, 22, 12)
        self.visit_children.inline = True
        self.levels[12].append(self.walk_tree)

    def _build_roots(self):
        rt = GOROOT
        self.goexit = self._new("runtime.goexit", rt + "runtime/asm_amd64.s", 1699, 4, -1)
        chains = [
            [("net/http.(*conn).serve", "net/http/server.go", 1995, 200, 2092),
             ("net/http.serverHandler.ServeHTTP", "net/http/server.go", 3301, 30, 3340),
             ("net/http.(*ServeMux).ServeHTTP", "net/http/server.go", 2733, 25, 2755),
             ("net/http.HandlerFunc.ServeHTTP", "net/http/server.go", 2286, 3, 2288)],
            [("testing.(*B).launch", "testing/benchmark.go", 300, 60, 339),
             ("testing.(*B).runN", "testing/benchmark.go", 190, 40, 219)],
            [("runtime.main", "runtime/proc.go", 145, 150, 283),
             ("main.main", "/home/build/src/storefront/cmd/server/main.go", 20, 60, 71)],
            [("golang.org/x/sync/errgroup.(*Group).Go.func1", SRCROOT + "golang.org/x/sync@v0.10.0/errgroup/errgroup.go", 76, 20, 79)],
        ]
        self.roots = []
        for chain in chains:
            frames = [(self.goexit, 1700)]
            for name, file, start, length, line in chain:
                path = file if file.startswith("/") else rt + file
                frames.append((self._new(name, path, start, length, -1), line))
            self.roots.append(frames)
        self.runtime_leaves = [
            [(self._new("runtime.malg", rt + "runtime/proc.go", 4920, 30, -1), 4935),
             (self._new("runtime.newproc1", rt + "runtime/proc.go", 5010, 80, -1), 5031)],
            [(self._new("runtime.allocm", rt + "runtime/proc.go", 2120, 60, -1), 2148)],
        ]

    def _wire(self):
        rng = self.rng
        for level, functions in enumerate(self.levels):
            for function in functions:
                if function in (self.walk_tree,):
                    continue
                lines = list(range(function.start + 1, function.start + function.length))
                rng.shuffle(lines)
                sites = rng.randint(2, 6)
                weight = 0.0
                for k in range(sites):
                    if level + 1 >= self.LEVELS:
                        callee = rng.choice(self.stdlib)
                    else:
                        step = 1 if rng.random() < 0.8 or level + 2 >= self.LEVELS else 2
                        candidates = self.levels[level + step]
                        callee = candidates[rng.randrange(len(candidates))]
                        if level + step == 12 and rng.random() < 0.25:
                            callee = self.walk_tree
                    weight += 1.0 / (k + 1) ** 1.3
                    function.sites.append((lines[k % len(lines)], callee, weight))
                if level >= 28 and rng.random() < 0.5:
                    function.allocs = sorted(lines[sites:sites + 2])
        # Recursion: walkTree → visitNode → visitChildren → walkTree, leaving through visitNode's other sites.
        self.walk_tree.sites = [(52, self.visit_node, 1.0)]
        self.visit_node.sites = [(101, self.visit_children, 1.0)]
        self.visit_children.sites = [(140, self.walk_tree, 1.0)]
        exits = self.levels[13]
        self.visit_node_exits = [(95 + k, exits[rng.randrange(len(exits))]) for k in range(5)]
        for function in self.stdlib:
            if rng.random() < 0.5:
                callee = rng.choice(self.stdlib)
                if callee is not function:
                    function.sites.append((rng.choice(range(function.start + 1, function.start + function.length)), callee, 1.0))


class Generator:
    def __init__(self, seed, samples, app_functions, pool, shape="repeat", instance=None):
        self.rng = random.Random(seed)
        self.seed = seed
        self.sample_count = samples
        self.pool_size = pool
        self.locality, self.phase_length, self.sizes_per_stack, self.repeats = SHAPES[shape]
        self.seen_stacks = set()
        self.value_skew = 8
        self.program = Program(self.rng, app_functions)
        if instance is not None:
            # A fleet: the same program (the same binary, call graph and addresses) in every instance; what
            # each instance allocates, where and how much, is its own.
            self.rng = random.Random(seed * 1_000_003 + instance)
            self.seed = seed * 1_000 + instance
        self.strings = {"": 0}
        self.string_list = [""]
        self.location_ids = {}
        self.next_function_id = 1
        self.pools = {}
        self.stats = {"locations": 0, "functions": 0, "frames": 0}
        for name in ("space", "bytes", "alloc_objects", "count", "alloc_space", "inuse_objects", "inuse_space"):
            self.string(name)
        self._value_pool()

    def string(self, text):
        index = self.strings.get(text)
        if index is None:
            index = len(self.string_list)
            self.strings[text] = index
            self.string_list.append(text)
        return index

    # Values: (block size, count) → scaleHeapSample, as the runtime reports them; a pool of encodings.
    def _value_pool(self):
        rng = self.rng
        classes = [8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
                   384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304,
                   2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880,
                   12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768]
        bytes_key = self.string("bytes")

        def scale(count, size):
            if count == 0 or size == 0:
                return 0, 0
            average = size / count
            factor = 1 / (1 - math.exp(-average / RATE))
            return int(count * factor), int(size * factor)

        self.values = []
        for _ in range(1 << 15):
            if rng.random() < 0.9:
                block = classes[min(int(rng.expovariate(1 / 9)), len(classes) - 1)]
            else:
                block = 8192 * rng.randint(5, 300)
            count = 1 + int(rng.expovariate(1 / 3)) if block >= 32768 else 1 + int(rng.paretovariate(1.1) * 2)
            alloc_objects, alloc_space = scale(count, count * block)
            inuse_objects = inuse_space = 0
            if rng.random() < 0.12:
                inuse_objects, inuse_space = scale(max(1, count // 3), max(1, count // 3) * block)
            packed = b"".join(varint(v) for v in (alloc_objects, alloc_space, inuse_objects, inuse_space))
            label = message(3, opt_varint(1, bytes_key) + opt_varint(3, block))
            self.values.append((message(2, packed), label))

    # Locations: a key is a tuple of (function, line) frames, innermost first; the last one is physical.
    def location_id(self, frames, out):
        existing = self.location_ids.get(frames)
        if existing is not None:
            return existing
        location_id = len(self.location_ids) + 1
        self.location_ids[frames] = location_id
        physical = frames[-1][0]
        physical.pcs += 1
        address = physical.addr + (frames[-1][1] - physical.start) * 16 + physical.pcs
        body = opt_varint(1, location_id) + opt_varint(3, address)
        new_functions = []
        for function, line in frames:
            if function.fid == 0:
                function.fid = self.next_function_id
                self.next_function_id += 1
                new_functions.append((function, self.string(function.name), self.string(function.file)))
            body += message(4, opt_varint(1, function.fid) + opt_varint(2, line))
        body += opt_varint(2, 1)  # mapping_id: the executable
        out.append(message(4, body))
        for function, name, file in new_functions:
            out.append(message(5, opt_varint(1, function.fid) + opt_varint(2, name) + opt_varint(3, name)
                               + opt_varint(4, file) + opt_varint(5, function.start)))
        self.stats["functions"] += len(new_functions)
        return location_id

    # A walk: frames root → leaf; calls into inlinable functions merge frames into one location.
    def walk(self, function, stop_level, frames):
        rng = self.rng
        program = self.program
        while True:
            if function.level >= stop_level and function.level != program.LEVELS and frames:
                return function
            if function is program.visit_node and rng.random() < 0.45:
                line, callee = program.visit_node_exits[rng.randrange(5)]
                frames.append((function, line))
                function = callee
                continue
            can_alloc = function.allocs and (not function.sites or rng.random() < 0.2)
            if can_alloc or not function.sites:
                line = function.allocs[rng.randrange(len(function.allocs))] if function.allocs else function.start + 1
                frames.append((function, line))
                return None
            sites = function.sites
            pick = rng.random() * sites[-1][2]
            for line, callee, weight in sites:
                if pick <= weight:
                    break
            frames.append((function, line))
            function = callee

    def locations_of(self, frames):
        """Groups root→leaf frames into location keys, leaf first."""
        keys = []
        group = []
        for index, frame in enumerate(frames):
            group.append(frame)
            callee_inlined = index + 1 < len(frames) and frames[index + 1][0].inline
            if not callee_inlined:
                keys.append(tuple(reversed(group)))
                group = []
        if group:
            keys.append(tuple(reversed(group)))
        keys.reverse()
        return keys

    def segment(self, start, stop_level):
        """A reusable run of locations from `start` to the next junction (or the leaf)."""
        pool = self.pools.setdefault((id(start), stop_level), [])
        rng = self.rng
        if len(pool) < self.pool_size or rng.random() < 0.02:
            frames = []
            end = self.walk(start, stop_level, frames)
            segment = [self.locations_of(frames), None, end]
            pool.append(segment)
            return segment
        return pool[int(len(pool) * rng.random() ** 2)]

    def stack(self, root_index, entry, phase):
        """The segments of one sample, leaf first. `phase` keeps the segments recently used from each junction
        function: a program allocates along the same paths for a while, so neighbouring samples share most of
        their stacks (as neighbouring buckets of the runtime's list do), which is what lets gzip shrink them."""
        rng = self.rng
        program = self.program
        if rng.random() < 0.004:
            chain = program.runtime_leaves[rng.randrange(len(program.runtime_leaves))]
            return [[self.locations_of([(program.goexit, 1700)] + chain), None, None]]
        key = (root_index, id(entry))
        segment = self.root_segments.get(key)
        if segment is None:
            frames = list(program.roots[root_index])
            segment = [self.locations_of(frames + [(entry, entry.start)])[1:], None, entry]
            self.root_segments[key] = segment
        segments = [segment]
        current = entry
        for stop in program.JUNCTIONS[1:] + (program.LEVELS + 1,):
            if current is None:
                break
            recent = phase.setdefault((id(current), stop), [])
            if recent and rng.random() < self.locality:
                segment = recent[int(len(recent) * rng.random() ** 2)]
            else:
                segment = self.segment(current, stop)
                recent.append(segment)
            segments.append(segment)
            current = segment[2]
        segments.reverse()
        return segments

    def encode(self, segment, out):
        ids = [self.location_id(key, out) for key in segment[0]]
        segment[1] = (b"".join(varint(i) for i in ids), len(ids))
        return segment[1]

    def write(self, sink):
        rng = self.rng
        out = []
        out.append(message(11, opt_varint(1, self.string("space")) + opt_varint(2, self.string("bytes"))))
        out.append(opt_varint(12, RATE))
        for type_name, unit in (("alloc_objects", "count"), ("alloc_space", "bytes"), ("inuse_objects", "count"), ("inuse_space", "bytes")):
            out.append(message(1, opt_varint(1, self.string(type_name)) + opt_varint(2, self.string(unit))))
        out.append(opt_varint(14, self.string("alloc_space")))
        self.root_segments = {}
        values = self.values
        value_mask = len(values) - 1
        pending = 0
        program = self.program
        top = program.levels[0]
        emitted = 0
        while emitted < self.sample_count:
            # A phase: one entry point, a run of samples along its recently used paths.
            root_index = min(int(rng.expovariate(1.2)), len(program.roots) - 1)
            entry = top[int(len(top) * rng.random() ** 1.5)]
            phase = {}
            for _ in range(1 + int(rng.expovariate(1 / self.phase_length))):
                locations = bytearray()
                count = 0
                # The runtime (appendLocsForStack) assigns new location ids leaf first, so encode leaf first.
                for segment in self.stack(root_index, entry, phase):
                    encoded = segment[1] or self.encode(segment, out)
                    locations += encoded[0]
                    count += encoded[1]
                if not self.repeats:
                    # Heap buckets are keyed by stack and size: with one size per stack a stack is written once;
                    # a stack drawn again is skipped (the next draw is almost always new).
                    stack_key = bytes(locations)
                    if stack_key in self.seen_stacks:
                        continue
                    self.seen_stacks.add(stack_key)
                if count > 2:
                    location_field = b"\x0a" + varint(len(locations)) + locations
                else:
                    location_field = b"".join(b"\x08" + varint(i) for i in self._decode_ids(bytes(locations)))
                # The same stack with several block sizes: one bucket (sample) per size.
                for _ in range(1 + int(rng.expovariate(1 / self.sizes_per_stack))):
                    if self.repeats:
                        value, label = values[rng.getrandbits(15) & value_mask]
                    else:
                        # A site allocates a few sizes over and over: the common (size, count) pairs dominate.
                        value, label = values[int(len(values) * rng.random() ** self.value_skew)]
                    body = value + location_field + label
                    out.append(b"\x12" + varint(len(body)) + body)
                    self.stats["frames"] += count
                    emitted += 1
                    pending += 1
                    if emitted == self.sample_count:
                        break
                if pending >= 4096:
                    sink(b"".join(out))
                    out.clear()
                    pending = 0
                if emitted == self.sample_count:
                    break
        out.append(opt_varint(9, 1_767_225_600_000_000_000 + self.seed * 1_000_003))
        limit = max(f.addr + 0x40 + f.length * 24 for f in self.program.functions)
        limit = (limit + 0xFFF) & ~0xFFF
        mappings = [
            (1, TEXT_START, limit, 0, "/tmp/go-build3141592653/b001/storefront.test", "3f1d7c2ab9e04c55a1b2c3d4e5f60718293a4b5c", True),
            (2, 0x7F3A5C000000, 0x7F3A5C002000, 0, "[vdso]", "", False),
            (3, 0xFFFFFFFFFF600000, 0xFFFFFFFFFF601000, 0, "[vsyscall]", "", False),
        ]
        for mapping_id, start, end, offset, name, build_id, has_functions in mappings:
            body = (opt_varint(1, mapping_id) + opt_varint(2, start) + opt_varint(3, end) + opt_varint(4, offset)
                    + opt_varint(5, self.string(name)) + opt_varint(6, self.string(build_id)))
            if has_functions:
                body += b"\x38\x01"
            out.append(message(3, body))
        for text in self.string_list:
            out.append(message(6, text.encode()))
        sink(b"".join(out))
        self.stats["locations"] = len(self.location_ids)

    @staticmethod
    def _decode_ids(data):
        ids, value, shift = [], 0, 0
        for byte in data:
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                ids.append(value)
                value, shift = 0, 0
        return ids


class GzipSink:
    """gzip as Go's compress/gzip writes it at BestSpeed: no name, mtime 0, XFL 4, OS 255; deflate level 1."""

    def __init__(self, path, level):
        self.file = open(path, "wb")
        self.file.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\xff")
        self.deflate = zlib.compressobj(level, zlib.DEFLATED, -15, 9)
        self.crc = 0
        self.size = 0

    def __call__(self, data):
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self.file.write(self.deflate.compress(data))

    def close(self):
        self.file.write(self.deflate.flush())
        self.file.write(struct.pack("<II", self.crc & 0xFFFFFFFF, self.size & 0xFFFFFFFF))
        self.file.close()


class RawSink:
    def __init__(self, path):
        self.file = open(path, "wb")
        self.size = 0

    def __call__(self, data):
        self.size += len(data)
        self.file.write(data)

    def close(self):
        self.file.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(PRESETS), default="small", help="preset (default small)")
    parser.add_argument("--samples", type=int, help="number of samples (overrides the preset)")
    parser.add_argument("--functions", type=int, help="application functions (overrides the preset)")
    parser.add_argument("--pool", type=int, help="segments kept per junction function (overrides the preset)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--raw", action="store_true", help="write uncompressed profile.proto")
    parser.add_argument("--fleet", type=int, metavar="N",
                        help="write N profiles of one service (the same program, each instance its own samples) "
                             "as OUTPUT/instance-001.pb.gz …; OUTPUT is a directory")
    parser.add_argument("-o", "--output", required=True, help="output file (a directory with --fleet)")
    args = parser.parse_args()

    samples, functions, pool, shape = PRESETS[args.size]
    samples = args.samples if args.samples is not None else samples
    functions = args.functions if args.functions is not None else functions
    pool = args.pool if args.pool is not None else pool
    if samples < 1 or functions < 100 or pool < 1:
        parser.error("need --samples >= 1, --functions >= 100, --pool >= 1")

    if args.fleet is not None:
        if args.fleet < 1:
            parser.error("need --fleet >= 1")
        os.makedirs(args.output, exist_ok=True)
        for instance in range(1, args.fleet + 1):
            path = os.path.join(args.output, f"instance-{instance:03d}.pb.gz")
            generate(args, samples, functions, pool, shape, path, instance)
        return
    generate(args, samples, functions, pool, shape, args.output, None)


def generate(args, samples, functions, pool, shape, path, instance):
    began = time.time()
    generator = Generator(args.seed, samples, functions, pool, shape, instance)
    sink = RawSink(path) if args.raw else GzipSink(path, 1)
    generator.write(sink)
    sink.close()
    stats = generator.stats
    print(f"{path}: {samples} samples, {len(generator.seen_stacks) or 'n/a'} distinct stacks written, "
          f"{stats['locations']} locations, {stats['functions']} functions, "
          f"{stats['frames'] / samples:.1f} locations/sample, {sink.size / 1e6:.1f} MB raw, "
          f"{(time.time() - began):.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
