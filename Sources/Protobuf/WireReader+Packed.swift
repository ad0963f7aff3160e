extension WireReader {
    /// Reads one occurrence of a repeated varint field, packed (wire type 2) or not (wire type 0), appending
    /// to `values`. Producers may mix both forms for the same field; pprof's own encoder writes two or fewer
    /// elements unpacked.
    @inlinable
    public mutating func appendRepeatedVarints(
        of tag: FieldTag, to values: inout [UInt64]
    ) throws(WireError) {
        switch tag.wireType {
        case .varint:
            values.append(try readVarint())
        case .lengthDelimited:
            // No reserveCapacity per run: an exact reservation on every call defeats the geometric growth of
            // `append` and turns a million small runs into quadratic copying.
            var packed = try readLengthDelimited()
            while !packed.isAtEnd {
                values.append(try packed.readVarint())
            }
        default:
            throw WireError(.wireTypeMismatch(field: tag.fieldNumber, got: tag.wireType), at: offset)
        }
    }

    /// Reads one occurrence of a repeated varint field as signed 64-bit values (two's complement, as int64).
    @inlinable
    public mutating func appendRepeatedInt64s(
        of tag: FieldTag, to values: inout [Int64]
    ) throws(WireError) {
        switch tag.wireType {
        case .varint:
            values.append(Int64(bitPattern: try readVarint()))
        case .lengthDelimited:
            // No reserveCapacity per run: an exact reservation on every call defeats the geometric growth of
            // `append` and turns a million small runs into quadratic copying.
            var packed = try readLengthDelimited()
            while !packed.isAtEnd {
                values.append(Int64(bitPattern: try packed.readVarint()))
            }
        default:
            throw WireError(.wireTypeMismatch(field: tag.fieldNumber, got: tag.wireType), at: offset)
        }
    }

    /// Decodes every varint left in this reader (a packed run) through `transform` into `buffer`, which must
    /// have room for `remainingCount` values (a varint takes at least a byte); returns how many it wrote.
    /// One tight loop instead of a call per value; the same checks and error offsets as `readVarint`.
    @inlinable
    public mutating func readAllVarints<Value>(
        into buffer: UnsafeMutablePointer<Value>, _ transform: (UInt64) -> Value
    ) throws(WireError) -> Int {
        guard let start else { return 0 }
        var index = position
        var written = 0
        while index < count {
            var byte = start[index]
            if byte < 0x80 {
                buffer[written] = transform(UInt64(byte))
                written &+= 1
                index &+= 1
                continue
            }
            // Two and three bytes, the usual location ids, without the general loop's shift checks.
            if index &+ 2 < count {
                let second = start[index &+ 1]
                if second < 0x80 {
                    buffer[written] = transform(UInt64(byte & 0x7f) | UInt64(second) &<< 7)
                    written &+= 1
                    index &+= 2
                    continue
                }
                let third = start[index &+ 2]
                if third < 0x80 {
                    buffer[written] = transform(UInt64(byte & 0x7f) | UInt64(second & 0x7f) &<< 7 | UInt64(third) &<< 14)
                    written &+= 1
                    index &+= 3
                    continue
                }
            }
            let varintStart = index
            var result = UInt64(byte & 0x7f)
            var shift: UInt64 = 7
            index &+= 1
            while true {
                guard index < count else {
                    position = varintStart
                    throw WireError(.truncatedVarint, at: baseOffset &+ varintStart)
                }
                byte = start[index]
                index &+= 1
                result |= UInt64(byte & 0x7f) &<< shift
                if byte < 0x80 { break }
                shift &+= 7
                if shift > 63 {
                    position = varintStart
                    throw WireError(.overlongVarint, at: baseOffset &+ varintStart)
                }
            }
            buffer[written] = transform(result)
            written &+= 1
        }
        position = index
        return written
    }

    /// The number of varint terminator bytes left: an upper bound on the varints a packed run holds, used to
    /// reserve capacity from bytes that exist rather than from a declared length.
    @inlinable
    public func countVarints() -> Int {
        guard let start else { return 0 }
        var terminators = 0
        var index = position
        while index < count {
            if start[index] < 0x80 { terminators &+= 1 }
            index &+= 1
        }
        return terminators
    }

    /// Reads a scalar varint field, rejecting other wire types.
    @inlinable
    public mutating func readVarintField(_ tag: FieldTag) throws(WireError) -> UInt64 {
        guard tag.wireType == .varint else {
            throw WireError(.wireTypeMismatch(field: tag.fieldNumber, got: tag.wireType), at: offset)
        }
        return try readVarint()
    }

    /// Reads a message field's body, rejecting other wire types.
    @inlinable
    public mutating func readMessageField(_ tag: FieldTag) throws(WireError) -> WireReader {
        guard tag.wireType == .lengthDelimited else {
            throw WireError(.wireTypeMismatch(field: tag.fieldNumber, got: tag.wireType), at: offset)
        }
        return try readLengthDelimited()
    }
}
