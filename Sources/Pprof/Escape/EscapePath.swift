/// Path handling for joining escape diagnostics to profile positions: lexical normalization into
/// components, `file://` URIs, percent-decoding, and pprof's `-source_path` search directories.
package struct EscapePath: Hashable, Sendable {
    /// Components without empty, `.` and resolvable `..` segments. A relative path's leading `..` segments
    /// are dropped (they climb out of an unknown working directory), as is a leading `$GOROOT`/`$WORK`-style
    /// placeholder, which makes the rest relative.
    package let components: [String]
    package let isAbsolute: Bool

    package init(_ path: String) {
        var absolute = path.hasPrefix("/") || path.hasPrefix("\\")
        var parts: [String] = []
        var first = true
        for raw in path.split(whereSeparator: { $0 == "/" || $0 == "\\" }) {
            defer { first = false }
            if first, raw.count == 2, raw.hasSuffix(":"), raw.first?.isLetter == true, !absolute {
                absolute = true  // a Windows drive, kept as the first component
            }
            if first, raw.hasPrefix("$"), !absolute {
                continue
            }
            switch raw {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                }
            default:
                parts.append(String(raw))
            }
        }
        components = parts
        isAbsolute = absolute
    }

    package var baseName: String { components.last ?? "" }

    /// The number of trailing components `self` and `other` share, when that shared suffix is the whole of
    /// one of them that may stand for a longer path: all of a relative path, or both absolute paths entirely.
    /// Nil when they cannot name the same file.
    package func suffixMatch(_ other: EscapePath) -> Int? {
        var shared = 0
        var i = components.count - 1
        var j = other.components.count - 1
        while i >= 0, j >= 0, components[i] == other.components[j] {
            shared += 1
            i -= 1
            j -= 1
        }
        guard shared > 0 else { return nil }
        let selfWhole = shared == components.count
        let otherWhole = shared == other.components.count
        if (selfWhole && !isAbsolute) || (otherWhole && !other.isAbsolute) || (selfWhole && otherWhole) {
            return shared
        }
        return nil
    }

    /// `file:///abs/x.go` → `/abs/x.go`, `file://_testmain.go` → `_testmain.go`, percent-decoded; other
    /// strings unchanged.
    package static func fileFromURI(_ text: String) -> String {
        guard text.hasPrefix("file://") else { return text }
        return percentDecoded(String(text.dropFirst(7)))
    }

    /// Decodes `%XX` escapes (as written by Go's `url.PathEscape`); malformed escapes stay as they are,
    /// and decoded bytes that are not UTF-8 become U+FFFD.
    package static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// The source directories of a `:`-separated list and all their parents, as pprof searches them.
    package static func searchDirectories(_ sourcePath: String) -> [String] {
        var dirs: [String] = []
        for dir in sourcePath.split(separator: ":") {
            var current = EscapePath(String(dir))
            while true {
                let joined = (current.isAbsolute ? "/" : "") + current.components.joined(separator: "/")
                if !dirs.contains(joined) { dirs.append(joined) }
                guard !current.components.isEmpty else { break }
                current = EscapePath(components: Array(current.components.dropLast()), isAbsolute: current.isAbsolute)
            }
        }
        return dirs
    }

    private init(components: [String], isAbsolute: Bool) {
        self.components = components
        self.isAbsolute = isAbsolute
    }

    /// `dir` joined with a relative path.
    package func prefixed(by dir: EscapePath) -> EscapePath {
        EscapePath(components: dir.components + components, isAbsolute: dir.isAbsolute)
    }
}
