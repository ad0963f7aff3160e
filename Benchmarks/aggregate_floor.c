// A floor for `-top` and `-list` on a runtime-shaped heap profile, in plain C: zlib's inflate of the file,
// one walk over the profile's wire bytes that keeps what a report needs (each sample's location ids and
// values, each location's lines, each function's name, the string table), and the aggregation pprof does
// before it prints anything: flat and cum per function (`-top`) or per line of the functions whose name
// contains PATTERN (`-list`), cum once per stack (a "last stack" stamp per node, no hashing).
//
// Nothing else is done: no checks beyond what keeps the walk in bounds, no name simplification, no sorting,
// no formatting, no output but the totals. It assumes what the runtime writes (location and function ids
// 1, 2, 3… in order, one function per name), so it is a lower bound for a loader that must accept any
// profile, not a loader.
//
//   cc -O2 -o aggregate_floor aggregate_floor.c -lz
//   ./aggregate_floor profile.pb.gz            # -top's aggregation
//   ./aggregate_floor profile.pb.gz PATTERN    # -list PATTERN's aggregation
//
// Prints the seconds taken by inflate, walk and aggregation, the selected sample type's total, and the
// largest cum with its function's name (to check the aggregation against a report).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

typedef struct {
    void *items;
    size_t count, capacity, size;
} Column;

static inline void *push(Column *column) {
    if (__builtin_expect(column->count == column->capacity, 0)) {
        column->capacity = column->capacity ? column->capacity * 2 : 1024;
        column->items = realloc(column->items, column->capacity * column->size);
        if (!column->items) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
    }
    return (char *)column->items + column->count++ * column->size;
}

#define COLUMN(type) {NULL, 0, 0, sizeof(type)}
#define AT(column, type, index) (((type *)(column).items)[index])

static const uint8_t *cursor, *limit;

static int bad(const char *what) {
    fprintf(stderr, "malformed profile: %s\n", what);
    exit(1);
}

static uint64_t varint_slow(void) {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (cursor >= limit) bad("truncated varint");
        uint8_t byte = *cursor++;
        value |= (uint64_t)(byte & 0x7f) << shift;
        if (byte < 0x80) return value;
    }
    return bad("long varint");
}

static inline uint64_t varint(void) {
    if (__builtin_expect(cursor + 2 <= limit, 1)) {
        uint8_t byte = cursor[0];
        if (byte < 0x80) {
            cursor += 1;
            return byte;
        }
        if (cursor[1] < 0x80) {
            cursor += 2;
            return (uint64_t)(byte & 0x7f) | (uint64_t)cursor[-1] << 7;
        }
    }
    return varint_slow();
}

static void skip(uint64_t tag) {
    switch (tag & 7) {
    case 0: varint(); break;
    case 1: cursor += 8; break;
    case 2: { uint64_t length = varint(); cursor += length; break; }
    case 5: cursor += 4; break;
    default: bad("wire type");
    }
    if (cursor > limit) bad("field past the end");
}

static double now(void) {
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (double)time.tv_sec + (double)time.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: %s FILE.gz [PATTERN]\n", argv[0]);
        return 2;
    }
    const char *pattern = argc == 3 ? argv[2] : NULL;
    FILE *file = fopen(argv[1], "rb");
    if (!file) {
        perror(argv[1]);
        return 1;
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *input = malloc(size > 0 ? (size_t)size : 1);
    if (!input || size < 4 || fread(input, 1, (size_t)size, file) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(file);

    double start = now();
    // Inflate into one buffer sized from the gzip trailer.
    size_t capacity = (size_t)input[size - 4] | (size_t)input[size - 3] << 8 | (size_t)input[size - 2] << 16 |
                      (size_t)input[size - 1] << 24;
    capacity += 1;
    unsigned char *raw = malloc(capacity);
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (!raw || inflateInit2(&stream, 15 + 16) != Z_OK) return 1;
    stream.next_in = input;
    stream.avail_in = (uInt)size;
    size_t produced = 0;
    for (;;) {
        if (produced == capacity) {
            capacity *= 2;
            raw = realloc(raw, capacity);
            if (!raw) return 1;
        }
        stream.next_out = raw + produced;
        stream.avail_out = (uInt)(capacity - produced);
        int status = inflate(&stream, Z_NO_FLUSH);
        produced = capacity - stream.avail_out;
        if (status == Z_STREAM_END) break;
        if (status != Z_OK) {
            fprintf(stderr, "inflate: %d\n", status);
            return 1;
        }
    }
    inflateEnd(&stream);
    double inflated = now();

    Column sampleTypes = COLUMN(int64_t), stackEnds = COLUMN(uint32_t), references = COLUMN(uint32_t);
    Column values = COLUMN(int64_t), locationLineEnd = COLUMN(uint32_t), lineFunction = COLUMN(uint32_t);
    Column lineNumber = COLUMN(int64_t), functionName = COLUMN(int64_t), strings = COLUMN(const uint8_t *);
    Column stringLength = COLUMN(uint32_t);
    // Reserved from the inflated size, which bounds them: no column is copied while it grows.
    references.capacity = produced / 2;
    references.items = malloc(references.capacity * sizeof(uint32_t));
    values.capacity = produced / 8;
    values.items = malloc(values.capacity * sizeof(int64_t));
    stackEnds.capacity = produced / 32;
    stackEnds.items = malloc(stackEnds.capacity * sizeof(uint32_t));
    int64_t defaultType = 0;
    size_t width = 0;
    cursor = raw;
    limit = raw + produced;
    while (cursor < limit) {
        uint64_t tag = varint();
        if ((tag & 7) != 2 && tag >> 3 != 14) {
            skip(tag);
            continue;
        }
        if (tag >> 3 == 14) {
            defaultType = (int64_t)varint();
            continue;
        }
        uint64_t length = varint();
        const uint8_t *end = cursor + length;
        if (end > limit) bad("message past the end");
        const uint8_t *outer = limit;
        switch (tag >> 3) {
        case 1:  // sample_type
            limit = end;
            *(int64_t *)push(&sampleTypes) = 0;
            while (cursor < end) {
                uint64_t field = varint();
                if (field == 0x08) AT(sampleTypes, int64_t, sampleTypes.count - 1) = (int64_t)varint();
                else skip(field);
            }
            break;
        case 2: {  // sample
            limit = end;
            size_t valueCount = 0;
            while (cursor < end) {
                uint64_t field = varint();
                if (field == 0x0a) {
                    uint64_t runLength = varint();
                    const uint8_t *runEnd = cursor + runLength;
                    while (cursor < runEnd) *(uint32_t *)push(&references) = (uint32_t)varint();
                } else if (field == 0x12) {
                    uint64_t runLength = varint();
                    const uint8_t *runEnd = cursor + runLength;
                    while (cursor < runEnd) {
                        *(int64_t *)push(&values) = (int64_t)varint();
                        valueCount++;
                    }
                } else {
                    skip(field);
                }
            }
            if (width == 0) width = valueCount;
            if (valueCount != width || width == 0) bad("sample values");
            *(uint32_t *)push(&stackEnds) = (uint32_t)references.count;
            break;
        }
        case 4:  // location: its lines, in the order of its id
            limit = end;
            while (cursor < end) {
                uint64_t field = varint();
                if (field == 0x22) {
                    uint64_t lineLength = varint();
                    const uint8_t *lineEnd = cursor + lineLength;
                    uint32_t function = 0;
                    int64_t line = 0;
                    while (cursor < lineEnd) {
                        uint64_t lineField = varint();
                        if (lineField == 0x08) function = (uint32_t)varint();
                        else if (lineField == 0x10) line = (int64_t)varint();
                        else skip(lineField);
                    }
                    *(uint32_t *)push(&lineFunction) = function;
                    *(int64_t *)push(&lineNumber) = line;
                } else {
                    skip(field);
                }
            }
            *(uint32_t *)push(&locationLineEnd) = (uint32_t)lineFunction.count;
            break;
        case 5:  // function: its name, in the order of its id
            limit = end;
            *(int64_t *)push(&functionName) = 0;
            while (cursor < end) {
                uint64_t field = varint();
                if (field == 0x10) AT(functionName, int64_t, functionName.count - 1) = (int64_t)varint();
                else skip(field);
            }
            break;
        case 6:  // string_table
            *(const uint8_t **)push(&strings) = cursor;
            *(uint32_t *)push(&stringLength) = (uint32_t)length;
            break;
        }
        cursor = end;
        limit = outer;
    }
    double walked = now();

    // The selected sample type: the default one when named, else the last.
    size_t valueIndex = width - 1;
    for (size_t type = 0; defaultType != 0 && type < sampleTypes.count; type++) {
        if (AT(sampleTypes, int64_t, type) == defaultType) valueIndex = type;
    }
    size_t functionCount = functionName.count, locationCount = locationLineEnd.count;
    // Nodes: a function each for -top; for -list, a line of a matching function each (numbered as met).
    size_t nodeCount = 0;
    uint32_t *lineNode = malloc((lineFunction.count + 1) * sizeof(uint32_t));
    uint32_t *nodeFunction = malloc((lineFunction.count + functionCount + 1) * sizeof(uint32_t));
    int64_t *nodeLine = malloc((lineFunction.count + 1) * sizeof(int64_t));
    const uint32_t none = UINT32_MAX;
    if (!pattern) {
        nodeCount = functionCount;
        for (size_t line = 0; line < lineFunction.count; line++) lineNode[line] = AT(lineFunction, uint32_t, line) - 1;
        for (size_t function = 0; function < functionCount; function++) nodeFunction[function] = (uint32_t)function;
    } else {
        char *matches = calloc(functionCount + 1, 1);
        size_t patternLength = strlen(pattern);
        for (size_t function = 0; function < functionCount; function++) {
            int64_t name = AT(functionName, int64_t, function);
            if (name < 0 || (size_t)name >= strings.count) continue;
            const uint8_t *text = AT(strings, const uint8_t *, name);
            uint32_t length = AT(stringLength, uint32_t, name);
            for (uint32_t at = 0; at + patternLength <= length; at++) {
                if (memcmp(text + at, pattern, patternLength) == 0) {
                    matches[function] = 1;
                    break;
                }
            }
        }
        // (function, line) pairs of matching functions, found by a scan of the nodes so far: few match.
        for (size_t line = 0; line < lineFunction.count; line++) {
            uint32_t function = AT(lineFunction, uint32_t, line) - 1;
            lineNode[line] = none;
            if (function >= functionCount || !matches[function]) continue;
            int64_t number = AT(lineNumber, int64_t, line);
            for (size_t node = 0; node < nodeCount; node++) {
                if (nodeFunction[node] == function && nodeLine[node] == number) lineNode[line] = (uint32_t)node;
            }
            if (lineNode[line] == none) {
                nodeFunction[nodeCount] = function;
                nodeLine[nodeCount] = number;
                lineNode[line] = (uint32_t)nodeCount++;
            }
        }
        free(matches);
    }
    int64_t *flat = calloc(nodeCount + 1, sizeof(int64_t)), *cum = calloc(nodeCount + 1, sizeof(int64_t));
    int32_t *lastStack = malloc((nodeCount + 1) * sizeof(int32_t));
    memset(lastStack, 0xff, (nodeCount + 1) * sizeof(int32_t));
    int64_t total = 0;
    const uint32_t *ids = references.items, *lineEnds = locationLineEnd.items, *stacks = stackEnds.items;
    const int64_t *sampleValues = values.items;
    size_t first = 0;
    for (size_t sample = 0; sample < stackEnds.count; sample++) {
        size_t stackEnd = stacks[sample];
        int64_t value = sampleValues[sample * width + valueIndex];
        total += value;
        for (size_t position = first; position < stackEnd; position++) {
            uint32_t location = ids[position] - 1;
            if (location >= locationCount) bad("location id");
            uint32_t line = location ? lineEnds[location - 1] : 0;
            for (; line < lineEnds[location]; line++) {
                uint32_t node = lineNode[line];
                if (node == none || node >= nodeCount) continue;
                if (lastStack[node] != (int32_t)sample) {
                    lastStack[node] = (int32_t)sample;
                    cum[node] += value;
                }
                if (position == first && line == (location ? lineEnds[location - 1] : 0)) flat[node] += value;
            }
        }
        first = stackEnd;
    }
    double aggregated = now();

    size_t largest = 0;
    for (size_t node = 1; node < nodeCount; node++) {
        if (cum[node] > cum[largest]) largest = node;
    }
    const char *name = "";
    int nameLength = 0;
    if (nodeCount > 0) {
        int64_t index = AT(functionName, int64_t, nodeFunction[largest]);
        if (index >= 0 && (size_t)index < strings.count) {
            name = (const char *)AT(strings, const uint8_t *, index);
            nameLength = (int)AT(stringLength, uint32_t, index);
        }
    }
    printf("%.6f s (inflate %.6f, walk %.6f, aggregate %.6f); total %lld; largest cum %lld flat %lld %.*s\n",
           aggregated - start, inflated - start, walked - inflated, aggregated - walked, (long long)total,
           (long long)(nodeCount ? cum[largest] : 0), (long long)(nodeCount ? flat[largest] : 0), nameLength, name);
    return 0;
}
