/// Profile strings are Go strings: any bytes, not necessarily UTF-8, and Go prints them byte for byte. A
/// Swift `String` cannot hold invalid UTF-8, so each byte of a string that is not part of a valid UTF-8
/// sequence is kept as the private-use scalar U+10FF00 + byte (U+10FF80…U+10FFFF), and output turns those
/// scalars back into the bytes (`appendBytes`). Private-use scalars of plane 16 do not occur in Go profiles;
/// one that did would print as the byte it stands for.
public enum GoBytes {
    /// The first of the scalars that stand for bytes 0x80…0xFF.
    package static let base: UInt32 = 0x10FF00

    /// `bytes` as a string, valid UTF-8 as it is and every other byte as its stand-in scalar.
    public static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        // Nearly every profile string is ASCII, which `String(decoding:)` takes as it is: `String(validating:)`
        // looked up generic metadata on every call (30% of decoding a string table of 15 MB).
        if isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        // Then valid UTF-8, decoded in one pass by the standard library.
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        // UTF-8 built in one buffer and decoded once: appending scalar by scalar to a string was quadratic
        // on a long line of such bytes (a 64 KiB source line took seconds and gigabytes under ASan).
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count &* 2)
        var position = 0
        while position < bytes.count {
            let length = validSequenceLength(bytes, at: position)
            if length == 0 {
                if let scalar = Unicode.Scalar(base + UInt32(bytes[position])) {
                    UTF8.encode(scalar) { utf8.append($0) }
                }
                position += 1
            } else {
                utf8.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]))
                position += length
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Whether every byte is below 0x80, eight bytes at a time.
    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var high: UInt64 = 0
        var position = 0
        while position &+ 8 <= bytes.count {
            high |= base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            position &+= 8
        }
        while position < bytes.count {
            high |= UInt64(base.load(fromByteOffset: position, as: UInt8.self))
            position &+= 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// The length of the valid UTF-8 sequence at `position` (1…4), or 0 when the byte there starts none.
    private static func validSequenceLength(_ bytes: UnsafeRawBufferPointer, at position: Int) -> Int {
        let lead = bytes[position]
        if lead < 0x80 { return 1 }
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard position + length <= bytes.count else { return 0 }
        for offset in 1..<length {
            let byte = bytes[position + offset]
            let (min, max) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= min && byte <= max else { return 0 }
        }
        return length
    }

    /// Whether `string` holds a stand-in scalar: its UTF-8 has the lead byte 0xF4 they all start with.
    @inlinable
    public static func hasStandIns(_ string: String) -> Bool {
        // Native strings are contiguous: a byte search, not a walk through UTF8View's indices.
        if let found = string.utf8.withContiguousStorageIfAvailable({ $0.contains(0xF4) }) { return found }
        return string.utf8.contains(0xF4)
    }

    /// The byte a scalar stands for, or nil for any other scalar.
    @inlinable
    public static func byte(standingFor scalar: Unicode.Scalar) -> UInt8? {
        scalar.value >= 0x10FF80 ? UInt8(truncatingIfNeeded: scalar.value - 0x10FF00) : nil
    }

    /// Appends `string`'s bytes as Go would print them: stand-ins as the bytes they stand for.
    public static func appendBytes(of string: String, to bytes: inout [UInt8]) {
        guard hasStandIns(string) else {
            if string.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: string.utf8)
            }
            return
        }
        for scalar in string.unicodeScalars {
            if let byte = byte(standingFor: scalar) {
                bytes.append(byte)
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    /// `string` with every stand-in replaced by U+FFFD, as Go's `encoding/json` writes invalid UTF-8.
    public static func replacingStandIns(_ string: String) -> String {
        guard hasStandIns(string) else { return string }
        var scalars = String.UnicodeScalarView()
        for scalar in string.unicodeScalars {
            scalars.append(byte(standingFor: scalar) == nil ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }
}
