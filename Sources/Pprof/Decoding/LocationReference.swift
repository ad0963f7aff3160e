/// How a sample's location reference is stored until the resolver maps it to a location index: the id itself
/// when it fits in 31 bits (every real producer's ids, looked up once per distinct stack rather than once per
/// sample frame), else the top bit set over the id's `IDTable` slot. Distinct ids get distinct codes.
package enum LocationReference {
    package static let slotFlag: UInt32 = 1 << 31
    package static let largestDirectID = UInt64(slotFlag - 1)

    /// The code of `id`, or nil when its slot does not fit in 31 bits or the budget refuses a new slot (the
    /// caller tells the two apart by `budget.exceeded`).
    @inline(__always)
    package static func code(for id: UInt64, slots: inout IDTable, budget: inout DecodeBudget, at offset: Int) -> UInt32? {
        if id <= largestDirectID { return UInt32(truncatingIfNeeded: id) }
        return slowCode(for: id, slots: &slots, budget: &budget, at: offset)
    }

    /// An id past the direct range: a slot of its own, charged when new (a 10-byte varint costs tens of
    /// bytes of table), so that a run of distinct huge ids is refused before its table outgrows the budget.
    private static func slowCode(for id: UInt64, slots: inout IDTable, budget: inout DecodeBudget, at offset: Int) -> UInt32? {
        if slots.existingSlot(for: id) == nil, !budget.charge(DecodeBudget.Cost.idSlot, at: offset) { return nil }
        let slot = slots.slot(for: id)
        guard slot < slotFlag else { return nil }
        return slotFlag | slot
    }
}
