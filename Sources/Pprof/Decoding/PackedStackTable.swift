#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PprofLoading

/// Stacks found by the bytes of their packed `location_id` run, before any of its varints is decoded: a
/// heap profile repeats each stack in several samples (one per allocation size), so most runs are looked up
/// here and never decoded. Equal bytes are equal location lists; equal lists written differently (another
/// varint encoding, unpacked ids) only miss the sharing, which never changes a report.
package struct PackedStackTable {
    /// Entries by a hash of their bytes.
    private var slots = TaggedSlots()
    /// Entry e's bytes are `arena[entryStart[e]..<entryStart[e + 1]]`; its stack is `entryStack[e]`.
    private var arena: [UInt8] = []
    private var entryStart: [Int] = [0]
    private var entryStack: [UInt32] = []
    private var arenaPages = PagePrefetcher()

    /// `expectedBytes` reserves the arena: the runs of distinct stacks take about a quarter of a heap profile.
    package init(expectedBytes: Int = 0) {
        if expectedBytes >= 1 << 20 { arena.reserveCapacity(expectedBytes) }
    }

    package struct Probe {
        package var tag: UInt64
        package var slot: Int
    }

    /// The stack whose run was `bytes`, or nil with where to `insert` it.
    package func find(_ bytes: UnsafeRawBufferPointer) -> (stack: Int?, probe: Probe) {
        let tag = Self.tag(bytes)
        var found = -1
        let empty = arena.withUnsafeBytes { stored in
            slots.probe(tag) { entry in
                let start = entryStart[entry], end = entryStart[entry &+ 1]
                guard end &- start == bytes.count, Self.equal(stored, from: start, bytes) else { return false }
                found = entry
                return true
            }
        }
        guard let empty else { return (Int(entryStack[found]), Probe(tag: tag, slot: 0)) }
        return (nil, Probe(tag: tag, slot: empty))
    }

    /// Records that the run `bytes`, which `find` did not know, is stack `stack`.
    package mutating func insert(_ bytes: UnsafeRawBufferPointer, stack: Int, at probe: Probe) {
        slots.insert(entryStack.count, tag: probe.tag, at: probe.slot)
        arena.append(contentsOf: bytes)
        arenaPages.ensure(&arena)
        entryStart.append(arena.count)
        entryStack.append(UInt32(truncatingIfNeeded: stack))
    }

    private static func equal(_ stored: UnsafeRawBufferPointer, from start: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let storedBase = stored.baseAddress, let base = bytes.baseAddress else { return bytes.isEmpty }
        return memcmp(storedBase + start, base, bytes.count) == 0
    }

    /// Eight bytes at a time over four independent lanes, then the tail.
    private static func tag(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (UInt64(truncatingIfNeeded: bytes.count), 1, 2, 3)
        var position = 0
        let count = bytes.count
        while position &+ 32 <= count {
            lanes.0 = (lanes.0 ^ bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            lanes.1 = (lanes.1 ^ bytes.loadUnaligned(fromByteOffset: position &+ 8, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            lanes.2 = (lanes.2 ^ bytes.loadUnaligned(fromByteOffset: position &+ 16, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            lanes.3 = (lanes.3 ^ bytes.loadUnaligned(fromByteOffset: position &+ 24, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            position &+= 32
        }
        while position &+ 8 <= count {
            lanes.0 = (lanes.0 ^ bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            position &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while position < count {
            tail |= UInt64(bytes[position]) &<< shift
            shift &+= 8
            position &+= 1
        }
        lanes.1 = (lanes.1 ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return TaggedSlots.tag(lanes: lanes)
    }
}
