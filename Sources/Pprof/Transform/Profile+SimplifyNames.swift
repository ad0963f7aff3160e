import PprofModel
extension Profile {
    /// The last step of pprof's symbolizer, which `go tool pprof` runs on every profile it reads: names that
    /// look like demangled C++ are simplified, as its default demangler options ask (no parameters, no
    /// template arguments).
    ///
    /// A function whose name differs from its system name is left alone (pprof takes it as demangled
    /// already). Otherwise its name becomes its system name, with, when that looks like C++ (it contains
    /// `<`, `>`, `[`, `]` or `::`, but neither `.<`, as Java's `class.<init>`, nor `]).`, as Go's
    /// `pkg.(*T[…]).Method`), every balanced `(…)` removed and then every balanced `<…>`. So Go's
    /// `hmac.New[go.shape.interface { BlockSize() int }]` becomes `hmac.New[go.shape.interface { BlockSize int }]`
    /// and `-raw` prints the original after the start line, `s=N(original)`. A function with a system name
    /// and no name gets that system name. Every report, and every name filter, then sees the new name.
    ///
    /// Not done: pprof first tries to demangle mangled C++ and Rust symbols (`_Z…`, `_R…`); Go toolchains
    /// never write those, and such a name gets the heuristic here instead.
    public mutating func simplifyFunctionNames() {
        for index in functions.indices {
            let function = functions[index]
            if !function.name.isEmpty && function.systemName != function.name { continue }
            var name = function.systemName
            if Self.looksLikeDemangledCPlusPlus(name) {
                name = Self.removingBalanced(name, open: UInt8(ascii: "("), close: UInt8(ascii: ")"))
                name = Self.removingBalanced(name, open: UInt8(ascii: "<"), close: UInt8(ascii: ">"))
            }
            if name != function.name { functions[index].name = name }
        }
    }

    /// pprof's `looksLikeDemangledCPlusPlus`, in one pass over the bytes: it runs on every function of
    /// every profile read, and `String.contains` of a string costs far more per name.
    package static func looksLikeDemangledCPlusPlus(_ name: String) -> Bool {
        // Over the string's own bytes: a fleet's merge reads every name of every profile, and iterating
        // `String.UTF8View` costs several times more per byte.
        if let result = name.utf8.withContiguousStorageIfAvailable({ looksLikeDemangledCPlusPlus(bytes: $0) }) {
            return result
        }
        return looksLikeDemangledCPlusPlus(bytes: name.utf8)
    }

    private static func looksLikeDemangledCPlusPlus<Bytes: Sequence<UInt8>>(bytes: Bytes) -> Bool {
        var candidate = false
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "<"):
                if previous == UInt8(ascii: ".") { return false }
                candidate = true
            case UInt8(ascii: "."):
                if previous == UInt8(ascii: ")") && beforePrevious == UInt8(ascii: "]") { return false }
            case UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"):
                candidate = true
            case UInt8(ascii: ":"):
                if previous == UInt8(ascii: ":") { candidate = true }
            default:
                break
            }
            beforePrevious = previous
            previous = byte
        }
        return candidate
    }

    /// pprof's `removeMatching`: removes each outermost balanced `open … close` span, nested ones with it.
    /// A `close` with no `open` before it leaves the name as it was; an `open` never closed stays.
    package static func removingBalanced(_ name: String, open: UInt8, close: UInt8) -> String {
        var bytes = Array(name.utf8)
        var nesting = 0, spanStart = 0, position = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == open {
                nesting += 1
                if nesting == 1 { spanStart = position }
            } else if byte == close {
                nesting -= 1
                if nesting < 0 { return name }
                if nesting == 0 {
                    bytes.removeSubrange(spanStart...position)
                    position = spanStart
                    continue
                }
            }
            position += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
