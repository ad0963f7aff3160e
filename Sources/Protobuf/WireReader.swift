/// A forward-only cursor over borrowed protobuf bytes.
///
/// The reader never copies: nested messages are read through sub-readers over the same memory, whose
/// `baseOffset` keeps every reported offset absolute within the outermost buffer. Every load is
/// bounds-checked first and failures throw `WireError`, so no input can read out of bounds.
/// The caller must keep the underlying memory alive while the reader is in use.
public struct WireReader {
    @usableFromInline let start: UnsafePointer<UInt8>?
    @usableFromInline let count: Int
    @usableFromInline var position: Int
    /// The absolute offset of this reader's first byte.
    public let baseOffset: Int

    public init(_ bytes: UnsafeRawBufferPointer, baseOffset: Int = 0) {
        self.start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        self.count = bytes.count
        self.position = 0
        self.baseOffset = baseOffset
    }

    @usableFromInline init(start: UnsafePointer<UInt8>?, count: Int, baseOffset: Int) {
        self.start = start
        self.count = count
        self.position = 0
        self.baseOffset = baseOffset
    }

    /// The absolute offset of the next byte to be read.
    @inlinable public var offset: Int { baseOffset + position }

    @inlinable public var isAtEnd: Bool { position >= count }

    @inlinable public var remainingCount: Int { count - position }

    /// Reads a field key; returns nil at the end of the message.
    @inlinable
    public mutating func readTag() throws(WireError) -> FieldTag? {
        if position >= count { return nil }
        let tagOffset = offset
        let key = try readVarint()
        let rawType = UInt8(truncatingIfNeeded: key & 7)
        guard let wireType = WireType(rawValue: rawType) else {
            throw WireError(.invalidWireType(rawType), at: tagOffset)
        }
        let fieldNumber = key &>> 3
        guard fieldNumber != 0 else { throw WireError(.invalidFieldNumber, at: tagOffset) }
        if wireType == .startGroup || wireType == .endGroup {
            throw WireError(.groupNotSupported(field: fieldNumber), at: tagOffset)
        }
        return FieldTag(fieldNumber: fieldNumber, wireType: wireType)
    }

    /// Reads a base-128 varint of 1 to 10 bytes; like pprof, bits beyond 64 in the tenth byte are dropped.
    @inlinable
    public mutating func readVarint() throws(WireError) -> UInt64 {
        guard let start, position < count else {
            throw WireError(.truncatedVarint, at: offset)
        }
        if let value = Varint.decodeShort(start, &position, end: count) { return value }
        return try readLongVarint(start)
    }

    /// Three bytes or more, out of line so that `readVarint` stays small enough to be inlined where it is read.
    @usableFromInline
    mutating func readLongVarint(_ start: UnsafePointer<UInt8>) throws(WireError) -> UInt64 {
        if let value = Varint.decodeLong(start, &position, end: count) { return value }
        // None ended within ten bytes: the input ran out first, or the varint is longer.
        throw WireError(count &- position < 10 ? .truncatedVarint : .overlongVarint, at: offset)
    }

    @inlinable
    public mutating func readFixed32() throws(WireError) -> UInt32 {
        guard let start, count - position >= 4 else {
            throw WireError(.truncatedFixed(width: 4), at: offset)
        }
        var value: UInt32 = 0
        for index in 0..<4 {
            value |= UInt32(start[position &+ index]) &<< UInt32(index &* 8)
        }
        position &+= 4
        return value
    }

    @inlinable
    public mutating func readFixed64() throws(WireError) -> UInt64 {
        guard let start, count - position >= 8 else {
            throw WireError(.truncatedFixed(width: 8), at: offset)
        }
        var value: UInt64 = 0
        for index in 0..<8 {
            value |= UInt64(start[position &+ index]) &<< UInt64(index &* 8)
        }
        position &+= 8
        return value
    }

    /// Reads a length prefix and returns a reader over exactly that many bytes, advancing past them.
    @inlinable
    public mutating func readLengthDelimited() throws(WireError) -> WireReader {
        let lengthOffset = offset
        let length = try readVarint()
        let available = count - position
        guard length <= UInt64(available) else {
            throw WireError(.lengthExceedsInput(length: length, available: available), at: lengthOffset)
        }
        let sliceLength = Int(length)
        let sub = WireReader(start: start.map { $0 + position }, count: sliceLength, baseOffset: offset)
        position &+= sliceLength
        return sub
    }

    /// Reads a length-delimited field as bytes, decoded as UTF-8 with invalid sequences replaced, as Go's
    /// string conversion keeps them printable.
    @inlinable
    public mutating func readString() throws(WireError) -> String {
        let sub = try readLengthDelimited()
        return sub.remainingString()
    }

    /// The unread bytes as a string (lossy UTF-8).
    @inlinable
    public func remainingString() -> String {
        guard let start, position < count else { return "" }
        let buffer = UnsafeBufferPointer(start: start + position, count: count - position)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The unread bytes, not copied: valid while the memory under this reader is.
    @inlinable public var unreadBytes: UnsafeRawBufferPointer {
        guard let start, position < count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: start + position, count: count - position)
    }

    /// Moves past the next `byteCount` bytes, which a caller has read through `unreadBytes`; false (and
    /// nothing moved) when fewer are left.
    @inlinable
    public mutating func skip(_ byteCount: Int) -> Bool {
        guard byteCount >= 0, byteCount <= count - position else { return false }
        position &+= byteCount
        return true
    }

    /// The unread bytes, copied.
    public func remainingBytes() -> [UInt8] {
        guard let start, position < count else { return [] }
        return Array(UnsafeBufferPointer(start: start + position, count: count - position))
    }

    /// Skips the value of a field whose key was just read.
    @inlinable
    public mutating func skipValue(of tag: FieldTag) throws(WireError) {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readLengthDelimited()
        case .startGroup, .endGroup:
            throw WireError(.groupNotSupported(field: tag.fieldNumber), at: offset)
        }
    }
}
