/// The open-addressing table under `StackInterner` and `PackedStackTable`: a slot holds the top 32 bits of
/// a key's hash (its tag) beside a 32-bit value plus one, zero when empty. A probe compares keys only when
/// tags agree; a slot number is a prefix of the tag, so growing re-places every slot from what it holds.
package struct TaggedSlots {
    private var slots = [UInt64](repeating: 0, count: 1 << 12)
    /// A slot number is the top `64 - shift` bits of the hash.
    private var shift: UInt64 = 64 - 12
    private var count = 0

    /// Four lanes of a hash mixed into one tag (the lanes' multiplications wait for each other only within a
    /// lane, so hashing runs four at a time).
    package static func tag(lanes: (UInt64, UInt64, UInt64, UInt64)) -> UInt64 {
        var hash = lanes.0 ^ rotate(lanes.1, 17) ^ rotate(lanes.2, 31) ^ rotate(lanes.3, 47)
        hash = hash &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash &>> 31
        hash = hash &* 0x94D0_49BB_1331_11EB
        hash ^= hash &>> 29
        return hash & 0xFFFF_FFFF_0000_0000
    }

    @inline(__always)
    private static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        value &<< count | value &>> (64 &- count)
    }

    /// The slots a lookup of `tag` visits, in order, up to the first empty one: `body` gets each stored
    /// value (minus the one) whose tag agrees and returns true to stop. Returns the empty slot reached, or
    /// nil when `body` stopped.
    @inline(__always)
    package func probe(_ tag: UInt64, _ body: (Int) -> Bool) -> Int? {
        let mask = slots.count &- 1
        var slot = Int(truncatingIfNeeded: tag &>> shift)
        while true {
            let stored = slots[slot]
            if stored == 0 { return slot }
            if stored & 0xFFFF_FFFF_0000_0000 == tag && body(Int(truncatingIfNeeded: stored & 0xFFFF_FFFF) &- 1) {
                return nil
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Stores `value` (below 2^32 - 1) with `tag` in the empty slot `probe` returned.
    package mutating func insert(_ value: Int, tag: UInt64, at slot: Int) {
        slots[slot] = tag | UInt64(truncatingIfNeeded: value &+ 1)
        count &+= 1
        if count &* 2 > slots.count { grow() }
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
