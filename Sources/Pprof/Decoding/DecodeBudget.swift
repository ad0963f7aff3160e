import PprofModel

/// How many bytes the decoded profile may take, charged as it is decoded. Swift cannot catch a failed
/// allocation, so a hostile profile (millions of empty strings, lines or labels, each two bytes on the wire
/// and tens of bytes decoded) must be refused before the memory is asked for, with an error naming where.
///
/// Two bounds, whichever is lower at the time: `ratio` bytes per byte of input read so far plus `headroom`,
/// and `ceiling`, what the process's memory limits leave (`MemoryLimit`). Real profiles are charged 2.3 to
/// 4.5 bytes per byte when large (the benchmarks' runtime, medium and large profiles), 5.5 to 7.1 when small
/// and mostly locations and functions (testdata's heap and CPU profiles); a sample with several labels
/// kept (-raw, tag filters) is charged about 15 per byte of its labels, hence 12 rather than 8. Hostile
/// ones are charged 16 to 44 (a byte of packed values is a value in a scratch buffer and in a row, a
/// two-byte line or sample type 48 bytes decoded and resolved, a two-byte label about 90). A charge is
/// checked against the offset of the entity that asks, its start: one huge entity (a 15 MiB packed run) is
/// held to the input before it. Charges are estimates of what the raw mirror, the resolved model and the
/// decoder's tables hold per entity (`Cost`), never an allocation's exact size.
package struct DecodeBudget {
    package typealias Bound = ProfileError.DecodeBound

    /// Bytes per byte of input a profile may decode to.
    package static let ratio = 12
    /// Bytes any profile may decode to, whatever its size: small profiles are never refused.
    package static let headroom = 64 << 20

    /// Bytes charged so far.
    private(set) package var used = 0
    /// What `used` may reach before the bounds are looked at again: `ratio` times the offset where they
    /// were last looked at, so a charge costs an addition and a comparison until then.
    private var allowance: Int
    package let ceiling: Int
    /// Set when a charge was refused: the bound that refused it, the bytes it allowed, and the input offset
    /// of the entity that asked.
    private(set) package var exceeded: (bound: Bound, limit: Int, offset: Int)?

    package init(ceiling: Int) {
        self.ceiling = max(ceiling, 0)
        allowance = min(self.ceiling, Self.headroom)
    }

    /// Charges `bytes` for an entity at input `offset`; false (and `exceeded` set) when the budget does not
    /// allow them: the caller then stops decoding before allocating. `bytes` is bounded by the input's size
    /// times a small constant, so the sum cannot overflow.
    @inline(__always)
    package mutating func charge(_ bytes: Int, at offset: Int) -> Bool {
        used &+= bytes
        return used <= allowance || recheck(at: offset)
    }

    /// Whether `bytes` more are within what was allowed when the bounds were last looked at: a charge of
    /// them then succeeds without looking again. False says nothing about whether the charge would fail.
    @inline(__always)
    package func surelyAllows(_ bytes: Int) -> Bool {
        exceeded == nil && bytes <= allowance &- used
    }

    /// Gives back part of an earlier charge that turned out not to be needed.
    @inline(__always)
    package mutating func refund(_ bytes: Int) {
        used &-= bytes
    }

    /// The slow path of `charge`: the allowance grown to the input read so far, or the charge refused. A
    /// refusal is final: the rest of the field is read for its wire errors, but nothing more is stored.
    private mutating func recheck(at offset: Int) -> Bool {
        guard exceeded == nil else { return false }
        let byRatio = offset > (Int.max - Self.headroom) / Self.ratio ? Int.max : offset * Self.ratio + Self.headroom
        allowance = min(byRatio, ceiling)
        if used <= allowance { return true }
        exceeded = byRatio <= ceiling ? (.inputRatio, byRatio, offset) : (.memoryLimit, ceiling, offset)
        return false
    }

    /// The refusal as a `ProfileError`, if a charge was refused.
    package var error: ProfileError? {
        guard let exceeded else { return nil }
        return .decodedTooLarge(limit: exceeded.limit, bound: exceeded.bound, offset: exceeded.offset)
    }

    /// What one decoded entity costs, in bytes: its raw mirror, its resolved model value, and its share of
    /// the decoder's and resolver's tables (an id dictionary entry at about 32 bytes, a hash slot at 16).
    package enum Cost {
        package static let sampleType = MemoryLayout<RawProfile.ValueTypeIndices>.stride + MemoryLayout<ValueType>.stride
        package static let mapping = MemoryLayout<RawProfile.RawMapping>.stride + MemoryLayout<Mapping>.stride + 32
        /// The location, its slot, its id and the resolver's index by slot.
        package static let location = MemoryLayout<RawProfile.RawLocation>.stride + MemoryLayout<Location>.stride + 16 + 32
        package static let line = MemoryLayout<RawProfile.RawLine>.stride + MemoryLayout<Line>.stride
        package static let function = MemoryLayout<RawProfile.RawFunction>.stride + MemoryLayout<Function>.stride + 32
        package static let label = MemoryLayout<RawProfile.RawLabel>.stride + MemoryLayout<Label>.stride
        package static let labelRecord = MemoryLayout<RawProfile.LabelIndexRecord>.stride
        /// A sample's row without its values: its stack and its label offset (kept even without labels).
        package static let sampleRow = 4 + 8
        package static let value = 8
        /// A new stack: its offset, first sample, merge row and hash-table slot.
        package static let stack = 8 + 4 + 4 + 16
        /// A location reference, and a byte of a packed run kept to look stacks up by.
        package static let reference = 4
        package static let comment = 8 + MemoryLayout<String>.stride
        /// A new slot for an id beyond the direct range: the id, its dictionary entry, the resolver's index.
        package static let idSlot = 8 + 32 + 4

        /// A string of `byteCount` bytes: its place in the table, and the heap storage of one too long to be
        /// stored inline (16 bytes or more on 64-bit: a 32-byte header, the bytes and a NUL, in 16-byte steps).
        @inline(__always)
        package static func string(byteCount: Int) -> Int {
            let inline = MemoryLayout<String>.stride
            return byteCount < 16 ? inline : inline &+ ((byteCount &+ 48) & ~15)
        }
    }
}
