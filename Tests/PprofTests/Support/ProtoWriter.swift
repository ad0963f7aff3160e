import Foundation

/// Writes protobuf wire bytes for tests: the smallest encoder that lets a test state a profile field by field.
struct ProtoWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func tag(_ field: UInt64, _ wireType: UInt64) { varint(field << 3 | wireType) }

    mutating func int(_ field: UInt64, _ value: Int64) {
        tag(field, 0)
        varint(UInt64(bitPattern: value))
    }

    mutating func uint(_ field: UInt64, _ value: UInt64) {
        tag(field, 0)
        varint(value)
    }

    mutating func bytes(_ field: UInt64, _ payload: [UInt8]) {
        tag(field, 2)
        varint(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }

    mutating func string(_ field: UInt64, _ text: String) { bytes(field, Array(text.utf8)) }

    mutating func message(_ field: UInt64, _ build: (inout ProtoWriter) -> Void) {
        var inner = ProtoWriter()
        build(&inner)
        bytes(field, inner.bytes)
    }

    mutating func packed(_ field: UInt64, _ values: [UInt64]) {
        var inner = ProtoWriter()
        for value in values { inner.varint(value) }
        bytes(field, inner.bytes)
    }
}

/// A small valid heap-style profile, with knobs for breaking one rule at a time.
struct TestProfile {
    var strings = ["", "alloc_space", "bytes", "main.f", "/src/f.go", "main.g"]
    var sampleTypes: [(Int64, Int64)] = [(1, 2)]
    var samples: [(locations: [UInt64], values: [Int64])] = [([1, 2], [100]), ([2], [40])]
    var locations: [(id: UInt64, lines: [(function: UInt64, line: Int64)])] = [(1, [(1, 10)]), (2, [(2, 20)])]
    var functions: [(id: UInt64, name: Int64)] = [(1, 3), (2, 5)]
    var mappings: [UInt64] = [1]
    var timeNanos: [Int64] = [1_700_000_000_000_000_000]

    func encoded() -> [UInt8] {
        var writer = ProtoWriter()
        for (type, unit) in sampleTypes {
            writer.message(1) { $0.int(1, type); $0.int(2, unit) }
        }
        for sample in samples {
            writer.message(2) { message in
                message.packed(1, sample.locations)
                message.packed(2, sample.values.map { UInt64(bitPattern: $0) })
            }
        }
        for id in mappings {
            writer.message(3) { $0.uint(1, id); $0.uint(2, 0x1000); $0.uint(3, 0x2000) }
        }
        for location in locations {
            writer.message(4) { message in
                message.uint(1, location.id)
                message.uint(2, 1)
                for line in location.lines {
                    message.message(4) { $0.uint(1, line.function); $0.int(2, line.line) }
                }
            }
        }
        for function in functions {
            writer.message(5) { $0.uint(1, function.id); $0.int(2, function.name); $0.int(4, 4) }
        }
        for time in timeNanos { writer.int(9, time) }
        for text in strings { writer.string(6, text) }
        return writer.bytes
    }
}
