/// How a sample's location reference is stored until the resolver maps it to a location index: the id itself
/// when it fits in 31 bits (every real producer's ids, looked up once per distinct stack rather than once per
/// sample frame), else the top bit set over the id's `IDTable` slot. Distinct ids get distinct codes.
package enum LocationReference {
    package static let slotFlag: UInt32 = 1 << 31
    package static let largestDirectID = UInt64(slotFlag - 1)

    /// The code of `id`, or nil when its slot does not fit in 31 bits.
    @inline(__always)
    package static func code(for id: UInt64, slots: inout IDTable) -> UInt32? {
        if id <= largestDirectID { return UInt32(truncatingIfNeeded: id) }
        let slot = slots.slot(for: id)
        guard slot < slotFlag else { return nil }
        return slotFlag | slot
    }
}
