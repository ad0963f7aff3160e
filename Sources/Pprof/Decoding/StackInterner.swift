/// Numbers the distinct location lists (stacks) of the samples while they are decoded, so that samples with the
/// same locations share one stored stack: the runtime writes a heap sample per stack and allocation size, and
/// a 450,000-sample heap profile holds about 125,000 distinct stacks.
///
/// An open-addressing table whose slots hold the top 32 bits of a stack's hash beside its number: a probe
/// compares locations only when those bits agree, and growing re-places every slot from its stored bits alone.
struct StackInterner {
    /// `hash >> 32 << 32 | stack + 1`, zero when empty.
    private var slots = [UInt64](repeating: 0, count: 1 << 12)
    /// A slot number is the top `64 - shift` bits of the hash, a prefix of the stored 32.
    private var shift: UInt64 = 64 - 12
    private(set) var count = 0

    /// The largest number of stacks: numbers are stored in 32 bits, and the table's size stays below 2^32.
    static let limit = 1 << 30

    /// The stack of the locations `stacks[offsets.last!...]`, which the caller appended to `stacks` after the
    /// stored stacks `offsets` delimits. Returns an existing stack's number, or nil when the locations are new:
    /// the caller then keeps them as the next stack, `offsets.count - 1`, under which they are recorded here.
    mutating func intern(_ stacks: UnsafeBufferPointer<UInt32>, offsets: UnsafeBufferPointer<Int>) -> Int? {
        guard let start = offsets.last else { return nil }
        let end = stacks.count
        // Four independent lanes: the multiplications of one lane wait for each other, not for the others'.
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (UInt64(truncatingIfNeeded: end &- start), 1, 2, 3)
        var position = start
        while position &+ 4 <= end {
            lanes.0 = (lanes.0 ^ UInt64(stacks[position])) &* 0xBF58_476D_1CE4_E5B9
            lanes.1 = (lanes.1 ^ UInt64(stacks[position &+ 1])) &* 0xBF58_476D_1CE4_E5B9
            lanes.2 = (lanes.2 ^ UInt64(stacks[position &+ 2])) &* 0xBF58_476D_1CE4_E5B9
            lanes.3 = (lanes.3 ^ UInt64(stacks[position &+ 3])) &* 0xBF58_476D_1CE4_E5B9
            position &+= 4
        }
        while position < end {
            lanes.0 = (lanes.0 ^ UInt64(stacks[position])) &* 0x9E37_79B9_7F4A_7C15
            position &+= 1
        }
        var hash = (lanes.0 ^ lanes.1.rotateLeft(17) ^ lanes.2.rotateLeft(31) ^ lanes.3.rotateLeft(47)) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash &>> 31
        hash = hash &* 0x94D0_49BB_1331_11EB
        hash ^= hash &>> 29
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count &- 1
        var slot = Int(truncatingIfNeeded: tag &>> shift)
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            if stored & 0xFFFF_FFFF_0000_0000 == tag {
                let stack = Int(truncatingIfNeeded: stored & 0xFFFF_FFFF) &- 1
                let otherStart = offsets[stack], otherEnd = offsets[stack &+ 1]
                if otherEnd &- otherStart == end &- start && Self.equal(stacks, otherStart, start, end &- start) {
                    return stack
                }
            }
            slot = (slot &+ 1) & mask
        }
        slots[slot] = tag | UInt64(truncatingIfNeeded: offsets.count)  // the new stack's number + 1
        count &+= 1
        if count &* 2 > slots.count { grow() }
        return nil
    }

    private static func equal(_ stacks: UnsafeBufferPointer<UInt32>, _ first: Int, _ second: Int, _ length: Int) -> Bool {
        var index = 0
        while index < length {
            if stacks[first &+ index] != stacks[second &+ index] { return false }
            index &+= 1
        }
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count &* 2)
        shift &-= 1
        let mask = slots.count &- 1
        for stored in old where stored != 0 {
            var slot = Int(truncatingIfNeeded: (stored & 0xFFFF_FFFF_0000_0000) &>> shift)
            while slots[slot] != 0 { slot = (slot &+ 1) & mask }
            slots[slot] = stored
        }
    }
}

extension UInt64 {
    @inline(__always)
    fileprivate func rotateLeft(_ count: UInt64) -> UInt64 {
        self &<< count | self &>> (64 &- count)
    }
}
