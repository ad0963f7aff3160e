/// Base-128 varints over raw bytes: the one decoding that `WireReader.readVarint` and a caller that reads a
/// message it already holds whole (the one-pass sample decoder) share. Like pprof, bits beyond 64 in the tenth
/// byte are dropped. Each function returns nil, `index` untouched, where it decodes nothing.
public enum Varint {
    /// The varint at `bytes[index]`, moving `index` past it; nil when none ends before `end` within ten bytes
    /// (truncated when fewer than ten bytes were left, overlong otherwise). All of it inline, for a loop over
    /// a run of varints.
    @inlinable @inline(__always)
    public static func decode(_ bytes: UnsafePointer<UInt8>, _ index: inout Int, end: Int) -> UInt64? {
        if let value = decodeShort(bytes, &index, end: end) { return value }
        return decodeLong(bytes, &index, end: end)
    }

    /// One or two bytes (values up to 16383, most ids and indices); nil for any other.
    @inlinable @inline(__always)
    public static func decodeShort(_ bytes: UnsafePointer<UInt8>, _ index: inout Int, end: Int) -> UInt64? {
        guard index < end else { return nil }
        let first = bytes[index]
        if first < 0x80 {
            index &+= 1
            return UInt64(first)
        }
        guard index &+ 1 < end else { return nil }
        let second = bytes[index &+ 1]
        guard second < 0x80 else { return nil }
        index &+= 2
        return UInt64(first & 0x7f) | UInt64(second) &<< 7
    }

    /// Any length up to ten bytes, a byte at a time.
    @inlinable @inline(__always)
    public static func decodeLong(_ bytes: UnsafePointer<UInt8>, _ index: inout Int, end: Int) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var position = index
        while position < end {
            let byte = bytes[position]
            position &+= 1
            result |= UInt64(byte & 0x7f) &<< shift
            if byte < 0x80 {
                index = position
                return result
            }
            shift &+= 7
            if shift > 63 { return nil }
        }
        return nil
    }
}
