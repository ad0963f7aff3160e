#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few `fmt` verbs pprof's reports use, reproduced exactly. C's printf rounds `%f` and `%g` the way Go
/// does (correctly, from the exact binary value); `DecimalRounding` does the same in integers for the values
/// reports print, and `vsnprintf` takes the rest.
package enum GoFormat {
    /// `%.<precision>f`
    package static func fixed(_ value: Double, precision: Int) -> String {
        if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *),
           let text = DecimalRounding.fixed(value, precision: precision) {
            return text
        }
        return cFormat("%.*f", Int32(precision), value)
    }

    /// `%5.2g`-style: width and precision of Go's `%g`, which matches C's for finite values.
    package static func general(_ value: Double, width: Int, precision: Int) -> String {
        if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *),
           let text = DecimalRounding.general(value, precision: precision, width: width) {
            return text
        }
        return cFormat("%*.*g", Int32(width), Int32(precision), value)
    }

    /// `%5.2f`-style with a minimum width.
    package static func fixed(_ value: Double, width: Int, precision: Int) -> String {
        if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *),
           let text = DecimalRounding.fixed(value, precision: precision, width: width) {
            return text
        }
        return cFormat("%*.*f", Int32(width), Int32(precision), value)
    }

    /// Through `vsnprintf`: the reference the fast paths are tested against, and their fallback.
    package static func cFixed(_ value: Double, precision: Int) -> String { cFormat("%.*f", Int32(precision), value) }

    package static func cGeneral(_ value: Double, precision: Int) -> String { cFormat("%.*g", Int32(precision), value) }

    private static func cFormat(_ format: String, _ arguments: CVarArg...) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let written = withVaList(arguments) { list in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, format, list) }
        }
        if written >= buffer.count {
            buffer = [CChar](repeating: 0, count: Int(written) + 1)
            _ = withVaList(arguments) { list in
                buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, format, list) }
            }
        }
        return String(cString: buffer)
    }

    /// Right-aligns `text` in `width` columns, like `%<width>s` (width counted in Unicode scalars, as Go
    /// counts runes).
    package static func padLeft(_ text: String, _ width: Int) -> String {
        // Scalars counted as the UTF-8 bytes that do not continue one, over contiguous storage when native.
        let length = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.reduce(0) { count, byte in byte & 0xC0 == 0x80 ? count : count &+ 1 }
        } ?? text.unicodeScalars.count
        guard length < width else { return text }
        var padded = String(repeating: " ", count: width - length)
        padded += text
        return padded
    }

    /// `%#x`
    package static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    /// `%016x`
    package static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return digits.count >= 16 ? digits : String(repeating: "0", count: 16 - digits.count) + digits
    }
}
