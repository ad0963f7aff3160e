/// The points where Go's regexp syntax (what pprof compiles) and RE2's (what pprof-list compiles with)
/// disagree, settled before RE2 sees a pattern. Measured against Go 1.27.3 and Debian's RE2 2022-06-01:
///
/// * Named groups: Go takes `(?P<name>…)` and `(?<name>…)` with an ASCII letter, digit and underscore name,
///   duplicates allowed; RE2 2022 knows only the first form and rejects duplicates. Both become a plain
///   `(`: nothing is captured anyway (RE2 runs with `never_capture`).
/// * `\C` (any byte) is RE2's only; Go rejects it as an invalid escape.
/// * Go rejects a parse tree more than 1000 deep; RE2 has no such limit. Nested capture groups are
///   counted, each one level of Go's tree, so a pattern rejected here is one Go rejects (Go counts other
///   nodes too, and may reject some patterns this lets through).
///
/// Everything else (escapes, classes, repeat limits, flags, `\Q…\E`, `\z`, Unicode classes) RE2 parses as
/// Go does, with the same error at the same place.
package struct GoRegexSyntax {
    /// The pattern to give RE2.
    package let rewritten: [UInt8]
    /// A fault that Go reports and RE2 would not, at `offset` bytes into the pattern.
    package let goOnlyFault: (offset: Int, error: RegexSyntaxError)?

    /// Go's `maxHeight`.
    private static let maximumDepth = 1000

    package init(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        var rewritten: [UInt8] = []
        rewritten.reserveCapacity(bytes.count)
        var fault: (offset: Int, error: RegexSyntaxError)?
        /// For each open group, whether it captures.
        var openGroups: [Bool] = []
        var captureDepth = 0
        var index = 0

        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

        scan: while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { break scan }  // RE2 reports the trailing backslash
                let escaped = bytes[index + 1]
                if escaped == UInt8(ascii: "C") {
                    fault = (index, RegexSyntaxError(code: .invalidEscape, argument: "\\C"))
                    break scan
                }
                if escaped == UInt8(ascii: "Q") {
                    // Literal text up to `\E` or the end: no operator inside.
                    let end = Self.firstIndex(of: [UInt8(ascii: "\\"), UInt8(ascii: "E")], in: bytes, from: index + 2)
                    let stop = end.map { $0 + 2 } ?? bytes.count
                    rewritten.append(contentsOf: bytes[index..<stop])
                    index = stop
                    continue scan
                }
                rewritten.append(contentsOf: bytes[index...(index + 1)])
                index += 2
            case UInt8(ascii: "["):
                let end = Self.classEnd(bytes, from: index)
                rewritten.append(contentsOf: bytes[index..<end])
                index = end
            case UInt8(ascii: "("):
                if let named = Self.namedGroup(bytes, at: index) {
                    switch named {
                    case .valid(let end):
                        rewritten.append(UInt8(ascii: "("))
                        index = end
                    case .invalid(let argumentEnd):
                        fault = (index, RegexSyntaxError(code: .invalidNamedCapture, argument: text(index..<argumentEnd)))
                        break scan
                    }
                    openGroups.append(true)
                    captureDepth += 1
                } else {
                    let captures = index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "?")
                    openGroups.append(captures)
                    if captures { captureDepth += 1 }
                    rewritten.append(byte)
                    index += 1
                }
                if captureDepth >= Self.maximumDepth {
                    fault = (index, RegexSyntaxError(code: .nestingDepth, argument: pattern))
                    break scan
                }
            case UInt8(ascii: ")"):
                if let captured = openGroups.popLast(), captured { captureDepth -= 1 }
                rewritten.append(byte)
                index += 1
            default:
                rewritten.append(byte)
                index += 1
            }
        }
        if fault == nil && index < bytes.count { rewritten.append(contentsOf: bytes[index...]) }
        self.rewritten = rewritten
        goOnlyFault = fault
    }

    private enum NamedGroup {
        /// A good name; the group's body starts at `end`.
        case valid(end: Int)
        /// Go's error names the pattern from the `(` to `argumentEnd`.
        case invalid(argumentEnd: Int)
    }

    /// Go's `parsePerlFlags` for `(?P<name>` (more than 4 bytes left) and `(?<name>` (more than 3).
    private static func namedGroup(_ bytes: [UInt8], at start: Int) -> NamedGroup? {
        let left = bytes.count - start
        guard left > 3, bytes[start + 1] == UInt8(ascii: "?") else { return nil }
        let nameStart: Int
        if left > 4 && bytes[start + 2] == UInt8(ascii: "P") && bytes[start + 3] == UInt8(ascii: "<") {
            nameStart = start + 4
        } else if bytes[start + 2] == UInt8(ascii: "<") {
            nameStart = start + 3
        } else {
            return nil
        }
        // Go looks for the first `>` anywhere after the `(`, across any other syntax.
        guard let close = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else {
            return .invalid(argumentEnd: bytes.count)
        }
        guard close >= nameStart else { return .invalid(argumentEnd: close + 1) }
        let name = bytes[nameStart..<close]
        let valid = !name.isEmpty && name.allSatisfy { byte in
            byte == UInt8(ascii: "_") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }
        return valid ? .valid(end: close + 1) : .invalid(argumentEnd: close + 1)
    }

    /// The index after the class that opens at `start`, as Go's `parseClass` delimits it: a `]` right after
    /// `[` or `[^` is a literal, `\` escapes one byte, `[:name:]` is one item; the end of the pattern if the
    /// class never closes (RE2 then reports the missing bracket).
    private static func classEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        if index < bytes.count && bytes[index] == UInt8(ascii: "^") { index += 1 }
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1 }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "]"):
                return index + 1
            case UInt8(ascii: "\\"):
                index += 2
            case UInt8(ascii: "[") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ":"):
                let close = firstIndex(of: [UInt8(ascii: ":"), UInt8(ascii: "]")], in: bytes, from: index + 2)
                index = close.map { $0 + 2 } ?? index + 1
            default:
                index += 1
            }
        }
        return bytes.count
    }

    /// The first index at or after `start` where the two bytes of `pair` occur.
    private static func firstIndex(of pair: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == pair[0] && bytes[index + 1] == pair[1] { return index }
            index += 1
        }
        return nil
    }
}
