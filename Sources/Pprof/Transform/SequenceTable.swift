/// A hash set of `Int64` sequences stored end to end, numbering each distinct sequence densely in order of
/// first insertion. Looking up a sequence allocates nothing, so merging millions of samples costs one
/// hash per sample, not one heap key.
package struct SequenceTable {
    private var storage: [Int64] = []
    private var starts: [Int] = [0]
    private var hashes: [Int] = []
    /// Open addressing, linear probing. A slot holds its entry's number plus one in the low 32 bits (0 marks
    /// an empty slot) and the high 32 bits of the entry's hash above: a probe that passes another entry
    /// rejects it from the slot alone, without loading that entry's hash or keys (each a cache miss).
    private var slots: [UInt64]
    private var mask: Int

    package init(capacity: Int = 16) {
        var size = 16
        // Capacities past a few hundred million entries are not reached (entries are numbered in 32 bits).
        while size < capacity &* 2 && size < 1 << 40 { size &<<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size &- 1
    }

    @inline(__always)
    private static func slotValue(entry: Int, hash: Int) -> UInt64 {
        (UInt64(UInt(bitPattern: hash)) & 0xFFFF_FFFF_0000_0000) | UInt64(truncatingIfNeeded: entry &+ 1) & 0xFFFF_FFFF
    }

    package var count: Int { starts.count &- 1 }

    /// The number of `key`, inserting it when new.
    package mutating func insert(_ key: ArraySlice<Int64>) -> (number: Int, inserted: Bool) {
        let hash = Self.hash(key)
        var slot = hash & mask
        let high = UInt64(UInt(bitPattern: hash)) & 0xFFFF_FFFF_0000_0000
        while true {
            let value = slots[slot]
            if value == 0 { break }
            if value & 0xFFFF_FFFF_0000_0000 == high {
                let entry = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) &- 1
                if hashes[entry] == hash && storage[starts[entry]..<starts[entry &+ 1]].elementsEqual(key) {
                    return (entry, false)
                }
            }
            slot = (slot &+ 1) & mask
        }
        let number = count
        slots[slot] = Self.slotValue(entry: number, hash: hash)
        storage.append(contentsOf: key)
        starts.append(storage.count)
        hashes.append(hash)
        if count &* 2 > slots.count { grow() }
        return (number, true)
    }

    /// A multiply-and-rotate hash over four independent lanes, finished with a strong mix: keys are a merge's
    /// stacks and locations, dozens of numbers each and millions of them, where `Hasher`'s per-element rounds
    /// were the merge's largest cost. The numbering never depends on the hash (entries are numbered in order
    /// of insertion), only the probing does.
    private static func hash(_ key: ArraySlice<Int64>) -> Int {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (UInt64(truncatingIfNeeded: key.count), 0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0)
        key.withUnsafeBufferPointer { elements in
            var position = 0
            let count = elements.count
            while position &+ 4 <= count {
                lanes.0 = (lanes.0 ^ UInt64(bitPattern: elements[position])) &* 0xBF58_476D_1CE4_E5B9
                lanes.1 = (lanes.1 ^ UInt64(bitPattern: elements[position &+ 1])) &* 0x94D0_49BB_1331_11EB
                lanes.2 = (lanes.2 ^ UInt64(bitPattern: elements[position &+ 2])) &* 0xBF58_476D_1CE4_E5B9
                lanes.3 = (lanes.3 ^ UInt64(bitPattern: elements[position &+ 3])) &* 0x94D0_49BB_1331_11EB
                lanes.0 = (lanes.0 &<< 31) | (lanes.0 &>> 33)
                lanes.1 = (lanes.1 &<< 29) | (lanes.1 &>> 35)
                lanes.2 = (lanes.2 &<< 27) | (lanes.2 &>> 37)
                lanes.3 = (lanes.3 &<< 25) | (lanes.3 &>> 39)
                position &+= 4
            }
            while position < count {
                lanes.0 = (lanes.0 ^ UInt64(bitPattern: elements[position])) &* 0x9E37_79B9_7F4A_7C15
                lanes.0 = (lanes.0 &<< 31) | (lanes.0 &>> 33)
                position &+= 1
            }
        }
        var mixed = lanes.0 ^ (lanes.1 &* 0x9E37_79B9_7F4A_7C15) ^ (lanes.2 &* 0xC2B2_AE3D_27D4_EB4F) ^ (lanes.3 &* 0x1656_67B1_9E37_79F9)
        // splitmix64's finalizer: every input bit reaches the low bits the slot index uses.
        mixed = (mixed ^ (mixed &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed &>> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed &>> 31
        return Int(bitPattern: UInt(truncatingIfNeeded: mixed))
    }

    private mutating func grow() {
        let size = slots.count &* 2
        slots = [UInt64](repeating: 0, count: size)
        mask = size &- 1
        for (entry, hash) in hashes.enumerated() {
            var slot = hash & mask
            while slots[slot] != 0 { slot = (slot &+ 1) & mask }
            slots[slot] = Self.slotValue(entry: entry, hash: hash)
        }
    }
}
