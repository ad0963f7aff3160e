/// Numbers the distinct location lists (stacks) of the samples that are not one packed run (see
/// `PackedStackTable`), by their decoded references, so that samples with the same locations share one
/// stored stack.
package struct StackInterner {
    /// Stack numbers by a hash of their references.
    private var slots = TaggedSlots()

    /// The largest number of stacks: numbers are stored in 32 bits, and the table's size stays below 2^32.
    package static let limit = 1 << 30

    /// The stack of the locations `stacks[offsets.last!...]`, which the caller appended to `stacks` after the
    /// stored stacks `offsets` delimits. Returns an existing stack's number, or nil when the locations are new:
    /// the caller then keeps them as the next stack, `offsets.count - 1`, under which they are recorded here.
    /// `stacks` is a `LocationColumn`'s memory, at its width: a stack hashes the same at either.
    package mutating func intern<Reference: FixedWidthInteger & UnsignedInteger>(
        _ stacks: UnsafeBufferPointer<Reference>, offsets: UnsafeBufferPointer<Int>
    ) -> Int? {
        guard let start = offsets.last else { return nil }
        let end = stacks.count
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
        let tag = TaggedSlots.tag(lanes: lanes)
        var found = -1
        let empty = slots.probe(tag) { stack in
            let otherStart = offsets[stack], otherEnd = offsets[stack &+ 1]
            guard otherEnd &- otherStart == end &- start, Self.equal(stacks, otherStart, start, end &- start) else { return false }
            found = stack
            return true
        }
        guard let empty else { return found }
        slots.insert(offsets.count &- 1, tag: tag, at: empty)
        return nil
    }

    private static func equal<Reference: FixedWidthInteger & UnsignedInteger>(
        _ stacks: UnsafeBufferPointer<Reference>, _ first: Int, _ second: Int, _ length: Int
    ) -> Bool {
        var index = 0
        while index < length {
            if stacks[first &+ index] != stacks[second &+ index] { return false }
            index &+= 1
        }
        return true
    }
}
