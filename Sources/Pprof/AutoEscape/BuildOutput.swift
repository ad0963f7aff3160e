import PprofEscape

/// The stderr of `go build`/`go test -c` with `-gcflags=PKG=-m=2`, cut into the blocks of the packages
/// compiled (`# importpath`, `# p [p.test]`, `# p_test [p.test]`), so that each package's text is cached
/// apart. The generated test main's block (`# p.test`) and blocks of packages not asked for are dropped.
package enum BuildOutput {
    /// Each wanted package's text, headers included, keyed by its import path (`p_test` counts as `p`).
    package static func split(_ bytes: [UInt8], packages: Set<String>) -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        var current: String?
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = bytes[start..<min(end + 1, bytes.count)]
            if line.first == UInt8(ascii: "#") && line.dropFirst().first == UInt8(ascii: " ") {
                current = owner(ofHeader: String(decoding: bytes[(start + 2)..<end], as: UTF8.self), packages: packages)
            }
            if let current { result[current, default: []].append(contentsOf: line) }
            start = end + 1
        }
        return result
    }

    /// `p`, `p [p.test]` and `p_test [p.test]` belong to `p`; `p.test` (the test main) to nobody.
    package static func owner(ofHeader header: String, packages: Set<String>) -> String? {
        var name = Substring(header)
        if let bracket = name.firstIndex(of: " ") { name = name[..<bracket] }
        if packages.contains(String(name)) { return String(name) }
        if name.hasSuffix("_test"), packages.contains(String(name.dropLast(5))) { return String(name.dropLast(5)) }
        return nil
    }

    /// The first line that says what went wrong in a failed build: a go-command error (`go: …`,
    /// `package … is not in std`), else the first positioned line that is no escape-analysis or inlining
    /// note (a type error stops the compiler before its analysis, so it comes first in its block), else the
    /// last non-empty line.
    package static func firstError(in bytes: [UInt8]) -> String? {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { $0.trimmingTrailingSpaces }
        if let line = lines.first(where: { $0.hasPrefix("go: ") || $0.hasPrefix("package ") || $0.contains("cannot find package") }) {
            return String(line)
        }
        let log = EscapeLog(text: Array(lines.filter { !$0.hasPrefix("#") }.joined(separator: "\n").utf8), source: "")
        if let error = log.diagnostics.first(where: { $0.kind == .other && !isNote($0.message) }) {
            return "\(error.file):\(error.line)\(error.column > 0 ? ":\(error.column)" : ""): \(error.message)"
        }
        return lines.last { !$0.isEmpty && !$0.hasPrefix("#") }.map(String.init)
    }

    /// Diagnostics of kind `.other` that `-m=2` prints on success.
    private static func isNote(_ message: String) -> Bool {
        let phrases = [
            " capturing by ", "bounds check elided", "zero-copy", "will be kept alive", "unknown to bloop",
            "considered 'big'", "imprecise interface call", "ignoring self-assignment", "is unsafe uintptr",
            " as escaping ", "cannot devirtualize", "now per-iteration", "mutates param", "calls param",
        ]
        return phrases.contains { message.contains($0) }
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var text = self
        while let last = text.last, last == " " || last == "\r" || last == "\t" { text = text.dropLast() }
        return text
    }
}
