/// Whether a table's ids are 1, 2, 3… in order, and so an id's index is the id minus one.
struct DenseIDs {
    let isDense: Bool
    let count: UInt64

    init(_ ids: some Collection<UInt64>) {
        var position: UInt64 = 0
        var dense = true
        for id in ids {
            position &+= 1
            if id != position {
                dense = false
                break
            }
        }
        isDense = dense
        count = UInt64(ids.count)
    }

    /// The index of the entry with `id`, from the id when the ids are dense and from `table` when not; -1 when
    /// no entry has it.
    @inline(__always)
    func index(of id: UInt64, in table: [UInt64: Int32]) -> Int32 {
        if isDense { return id >= 1 && id <= count ? Int32(truncatingIfNeeded: id &- 1) : -1 }
        return table[id] ?? -1
    }
}
