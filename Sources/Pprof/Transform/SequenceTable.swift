/// A hash set of `Int64` sequences stored end to end, numbering each distinct sequence densely in order of
/// first insertion. Looking up a sequence allocates nothing, so merging millions of samples costs one
/// hash per sample, not one heap key.
package struct SequenceTable {
    private var storage: [Int64] = []
    private var starts: [Int] = [0]
    private var hashes: [Int] = []
    /// Open addressing, linear probing; -1 marks an empty slot.
    private var slots: [Int32]
    private var mask: Int

    package init(capacity: Int = 16) {
        var size = 16
        while size < capacity &* 2 { size &<<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size &- 1
    }

    package var count: Int { starts.count &- 1 }

    /// The number of `key`, inserting it when new.
    package mutating func insert(_ key: ArraySlice<Int64>) -> (number: Int, inserted: Bool) {
        var hasher = Hasher()
        hasher.combine(key.count)
        for element in key { hasher.combine(element) }
        let hash = hasher.finalize()
        var slot = hash & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { break }
            if hashes[entry] == hash && storage[starts[entry]..<starts[entry &+ 1]].elementsEqual(key) {
                return (entry, false)
            }
            slot = (slot &+ 1) & mask
        }
        let number = count
        slots[slot] = Int32(truncatingIfNeeded: number)
        storage.append(contentsOf: key)
        starts.append(storage.count)
        hashes.append(hash)
        if count &* 2 > slots.count { grow() }
        return (number, true)
    }

    private mutating func grow() {
        let size = slots.count &* 2
        slots = [Int32](repeating: -1, count: size)
        mask = size &- 1
        for (entry, hash) in hashes.enumerated() {
            var slot = hash & mask
            while slots[slot] >= 0 { slot = (slot &+ 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: entry)
        }
    }
}
