/// Maps the 64-bit ids of profile.proto to dense slots in the order they are first seen: an array for the small
/// ids every real producer writes, a dictionary for the rest, so a hostile id costs a hash entry, not memory.
package struct IDTable {
    private static let denseLimit: UInt64 = 1 << 22
    private var dense: [UInt32] = []
    private var sparse: [UInt64: UInt32] = [:]
    /// The id of each slot, for messages about ids that were referred to but never defined.
    private(set) package var ids: [UInt64] = []

    package var count: UInt32 { UInt32(truncatingIfNeeded: ids.count) }

    /// The slot of `id`, assigning the next one if the id is new.
    @inline(__always)
    package mutating func slot(for id: UInt64) -> UInt32 {
        if id < Self.denseLimit {
            let index = Int(id)
            if index < dense.count {
                let stored = dense[index]
                if stored != 0 { return stored &- 1 }
            } else {
                dense.append(contentsOf: repeatElement(0, count: max(index + 1, dense.count * 2) - dense.count))
            }
            let assigned = count
            ids.append(id)
            dense[index] = assigned &+ 1
            return assigned
        }
        if let stored = sparse[id] { return stored }
        let assigned = count
        ids.append(id)
        sparse[id] = assigned
        return assigned
    }

    /// The slot of `id` if it was seen.
    package func existingSlot(for id: UInt64) -> UInt32? {
        if id < Self.denseLimit {
            let index = Int(id)
            guard index < dense.count, dense[index] != 0 else { return nil }
            return dense[index] &- 1
        }
        return sparse[id]
    }
}
