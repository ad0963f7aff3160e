/// Go's `path/filepath` functions for Unix paths, as pprof applies them to file names.
package enum GoPath {
    /// `filepath.Clean`: the shortest equivalent path, lexically.
    package static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        if isClean(path) { return path }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".":
                continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
            default:
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// True when `clean` would return the path unchanged: no empty, `.` or `..` element and no trailing slash
    /// (other than the root's). The usual file name of a profile, checked without splitting it.
    private static func isClean(_ path: String) -> Bool {
        // The current element's length so far, and whether it is all dots.
        var length = 0
        var dots = true
        var isFirst = true
        for byte in path.utf8 {
            defer { isFirst = false }
            if byte == UInt8(ascii: "/") {
                if isFirst { continue }  // the root
                if length == 0 || (dots && length <= 2) { return false }
                length = 0
                dots = true
                continue
            }
            length &+= 1
            if byte != UInt8(ascii: ".") { dots = false }
        }
        if length == 0 { return path == "/" }
        return !(dots && length <= 2)
    }

    /// `filepath.Base`.
    package static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        if trimmed == "/" { return "/" }
        if let slash = trimmed.lastIndex(of: "/") { return String(trimmed[trimmed.index(after: slash)...]) }
        return String(trimmed)
    }

    /// `filepath.Dir`.
    package static func dir(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return clean(String(path[...slash]))
    }

    /// `filepath.Join` of two elements.
    package static func join(_ first: String, _ second: String) -> String {
        if first.isEmpty { return second.isEmpty ? "" : clean(second) }
        if second.isEmpty { return clean(first) }
        return clean(first + "/" + second)
    }

    /// `filepath.SplitList`: an empty list for an empty string.
    package static func splitList(_ list: String) -> [String] {
        list.isEmpty ? [] : list.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }

    package static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") }
}
