import PprofModel
/// The first merged location at each mapping, address and `digest` of its frames' lines (see
/// `MergedSymbols`), with the part of it that a check against it reads first, in one slot: a merge looks a
/// location of every profile up here, at random, and one cache miss per lookup instead of three or four (a
/// dictionary's buckets, keys and values, then the location) is most of its cost.
struct LocationAddressIndex {
    struct Entry {
        var address: UInt64
        var digest: UInt32
        /// The merged mapping's index, -1 for none.
        var mapping: Int32
        /// The merged location's index plus one; 0 marks an empty slot.
        var locationPlusOne: Int32
        var location: Int32 { locationPlusOne &- 1 }
        var lineStart: Int32
        var lineCount: Int32
        var isFolded: Bool
    }

    /// Open addressing, linear probing, at most half full.
    private var slots: [Entry]
    private var mask: Int
    private var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity &* 2 && size < 1 << 40 { size &<<= 1 }
        slots = [Entry](repeating: Self.empty, count: size)
        mask = size &- 1
    }

    private static let empty = Entry(address: 0, digest: 0, mapping: 0, locationPlusOne: 0, lineStart: 0, lineCount: 0, isFolded: false)

    private static func slot(mapping: Int32, address: UInt64, digest: UInt32) -> Int {
        var mixed = (address ^ (UInt64(UInt32(bitPattern: mapping)) &<< 48) ^ (UInt64(digest) &<< 16)) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= mixed &>> 29
        return Int(truncatingIfNeeded: mixed)
    }

    /// The entry of the first merged location at `address` in `mapping` with `digest`, if there is one.
    func find(mapping: Int32, address: UInt64, digest: UInt32) -> Entry? {
        var slot = Self.slot(mapping: mapping, address: address, digest: digest) & mask
        while true {
            let entry = slots[slot]
            if entry.locationPlusOne == 0 { return nil }
            if entry.address == address && entry.mapping == mapping && entry.digest == digest { return entry }
            slot = (slot &+ 1) & mask
        }
    }

    /// Files merged location `index` under its mapping, address and `digest`, unless a location is there already.
    mutating func insert(_ location: Location, digest: UInt32, index: Int) {
        var slot = Self.slot(mapping: location.mappingIndex, address: location.address, digest: digest) & mask
        while true {
            let entry = slots[slot]
            if entry.locationPlusOne == 0 { break }
            if entry.address == location.address && entry.mapping == location.mappingIndex && entry.digest == digest { return }
            slot = (slot &+ 1) & mask
        }
        slots[slot] = Entry(
            address: location.address, digest: digest, mapping: location.mappingIndex, locationPlusOne: Int32(truncatingIfNeeded: index &+ 1),
            lineStart: location.lineStart, lineCount: location.lineCount, isFolded: location.isFolded)
        count &+= 1
        if count &* 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = [Entry](repeating: Self.empty, count: old.count &* 2)
        mask = slots.count &- 1
        for entry in old where entry.locationPlusOne != 0 {
            var slot = Self.slot(mapping: entry.mapping, address: entry.address, digest: entry.digest) & mask
            while slots[slot].locationPlusOne != 0 { slot = (slot &+ 1) & mask }
            slots[slot] = entry
        }
    }
}
