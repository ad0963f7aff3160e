/// What one diagnostic headline (the text after `POS: `) says, worked out from its bytes without
/// building strings. Shapes, in the order they are tried (first match wins; see
/// `shared/reference/escape-log-formats.md` §1.2 and §1.9):
///
/// | headline | kind |
/// |---|---|
/// | `moved to heap: x` | movedToHeap |
/// | `leaking param content: p` | leakingParamContent |
/// | `leaking param: p`, `leaking param: p to result ~r0 level=0` | leakingParam |
/// | `parameter p leaks to LOC[ for F] with derefs=N:` (-m=2 block header) | paramLeaks |
/// | `can inline F[ with cost N][ as: …]` | canInline |
/// | `cannot inline F: R`, `cannot inline F into G: R` | cannotInline |
/// | `inlining call to F[ …]` | inliningCall |
/// | `[partially ]devirtualizing C to T` | devirtualizing |
/// | `E escapes to heap`, `E escapes to heap:`, `E escapes to heap in F:`, `E escapes to heap, level=…` | escapesToHeap |
/// | `E does not escape`, old `F E does not escape`, `p does not escape, mutate, or call` | doesNotEscape |
/// | `x is too large for stack` (old debug line) | tooLarge |
/// | anything else | other |
package struct EscapeMessage {
    package var kind: EscapeDiagnostic.Kind
    /// The headline to keep: the whole message, minus the trailing `:` of a `-m=2` block header.
    package var text: EscapeBytes
    /// The function the headline names, if any.
    package var function: EscapeBytes?
    /// An old-form `F EXPR does not escape` candidate: `F`, kept only if the log is not new-form.
    package var oldFormFunction: EscapeBytes?
    /// The headline exists only in Go 1.13+ output (block headers, `with cost`, `append escapes to heap`).
    package var isNewForm = false
    /// The headline exists only in pre-1.13 output (`can inline F as: …` without a cost).
    package var isOldForm = false

    package init(_ message: EscapeBytes) {
        kind = .other
        text = message
        classify(message)
    }

    private mutating func classify(_ m: EscapeBytes) {
        if m.hasPrefix("moved to heap: ") {
            kind = .movedToHeap
        } else if m.hasPrefix("leaking param content: ") {
            kind = .leakingParamContent
        } else if m.hasPrefix("leaking param: ") {
            kind = .leakingParam
        } else if m.hasPrefix("parameter "), let leaks = m.firstIndex(of: " leaks to ") {
            classifyParameterLeak(m, leaks: leaks)
        } else if m.hasPrefix("can inline ") {
            kind = .canInline
            let name = m.dropFirst(11)
            if let cost = name.firstIndex(of: " with cost ") {
                function = name.slice(name.start, cost)
                isNewForm = true
            } else if let body = name.firstIndex(of: " as: ") {
                function = name.slice(name.start, body)
                isOldForm = true
            } else {
                function = name
            }
        } else if m.hasPrefix("cannot inline ") {
            kind = .cannotInline
            let rest = m.dropFirst(14)
            let head = rest.firstIndex(of: ": ").map { rest.slice(rest.start, $0) } ?? rest
            if let into = head.firstIndex(of: " into ") {
                function = head.slice(into + 6, head.end)
            } else {
                function = head
            }
        } else if m.hasPrefix("inlining call to ") {
            kind = .inliningCall
        } else if m.hasPrefix("devirtualizing ") || m.hasPrefix("partially devirtualizing ") {
            kind = .devirtualizing
        } else if classifyEscapes(m) {
            kind = .escapesToHeap
        } else if m.hasSuffix(" does not escape") {
            kind = .doesNotEscape
            if m.count == 22, m.hasPrefix("append ") {
                isNewForm = true
            } else {
                oldFormFunction = Self.oldFormFunctionPrefix(m.dropLast(16))
            }
        } else if m.hasSuffix(" does not escape, mutate, or call") {
            kind = .doesNotEscape
            isNewForm = true
        } else if m.hasSuffix("too large for stack") {
            kind = .tooLarge
        } else {
            function = Self.functionBefore(m)
        }
    }

    /// `parameter p leaks to LOC[ for F] with derefs=N[:]`; LOC may be a braced pseudo-location with
    /// spaces (`{storage for func literal}`), so it is brace-balanced rather than cut at a space.
    private mutating func classifyParameterLeak(_ m: EscapeBytes, leaks: Int) {
        kind = .paramLeaks
        isNewForm = true
        if m.hasSuffix(":") { text = m.dropLast(1) }
        let body = text
        var i = leaks + 10
        if body.byte(at: i) == UInt8(ascii: "{") {
            var depth = 0
            while let b = body.byte(at: i) {
                if b == UInt8(ascii: "{") { depth += 1 }
                if b == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 { i += 1; break }
                }
                i += 1
            }
        } else {
            i = body.firstIndex(of: UInt8(ascii: " "), from: i) ?? body.end
        }
        guard body.matches(" for ", at: i), let derefs = body.lastIndex(of: " with derefs="), derefs > i + 5 else {
            return
        }
        function = body.slice(i + 5, derefs)
    }

    /// `E escapes to heap` and its variants. The phrase may also occur inside E (a string literal), so each
    /// occurrence is tried until the rest of the headline has one of the known shapes.
    private mutating func classifyEscapes(_ m: EscapeBytes) -> Bool {
        var from = m.start
        while let at = m.firstIndex(of: " escapes to heap", from: from) {
            let rest = m.slice(at + 16, m.end)
            if rest.isEmpty || rest.hasPrefix(", ") {
                if at - m.start == 6, m.hasPrefix("append") { isNewForm = true }
                return true
            }
            if rest.count == 1, rest.hasPrefix(":") {
                text = m.dropLast(1)
                isNewForm = true
                return true
            }
            if rest.count > 5, rest.hasPrefix(" in "), rest.hasSuffix(":") {
                text = m.dropLast(1)
                function = rest.slice(rest.start + 4, rest.end - 1)
                isNewForm = true
                return true
            }
            from = at + 1
        }
        return false
    }

    /// `F ignoring self-assignment in S`, `F capturing by value: x (…)`, and the old `F assuming x is unsafe
    /// uintptr` / `F marking x as escaping uintptr`: the function printed before the phrase.
    private static func functionBefore(_ m: EscapeBytes) -> EscapeBytes? {
        let phrase = m.firstIndex(of: " ignoring self-assignment in ")
            ?? m.firstIndex(of: " capturing by ")
            ?? m.firstIndex(of: " assuming ")
            ?? m.firstIndex(of: " marking ")
        guard let phrase, phrase > m.start else { return nil }
        return m.slice(m.start, phrase)
    }

    /// For `HEAD REST` (the text before ` does not escape`), HEAD when it can be an old-form function name:
    /// an identifier path (`F`, `F.func1`, `glob..func1`, `(*T).M`) that is not a keyword, followed by
    /// something that does not start with a binary operator (so `a + b does not escape` keeps no function).
    package static func oldFormFunctionPrefix(_ subject: EscapeBytes) -> EscapeBytes? {
        guard let space = subject.firstIndex(of: UInt8(ascii: " ")), space > subject.start else { return nil }
        let head = subject.slice(subject.start, space)
        let rest = subject.slice(space + 1, subject.end)
        guard !rest.isEmpty, isFunctionName(head), !isKeyword(head), !startsWithBinaryOperator(rest) else {
            return nil
        }
        return head
    }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b >= 0x80
    }

    private static func isFunctionName(_ head: EscapeBytes) -> Bool {
        var i = head.start
        if head.byte(at: i) == UInt8(ascii: "(") {
            // (*T).M or (T).M
            i += 1
            if head.byte(at: i) == UInt8(ascii: "*") { i += 1 }
            let typeStart = i
            while let b = head.byte(at: i), isIdentifierByte(b) { i += 1 }
            guard i > typeStart, head.matches(").", at: i) else { return false }
            i += 2
        }
        guard let first = head.byte(at: i), isIdentifierByte(first), !(first >= 0x30 && first <= 0x39) else {
            return false
        }
        var last = first
        while let b = head.byte(at: i) {
            guard isIdentifierByte(b) || b == UInt8(ascii: ".") else { return false }
            last = b
            i += 1
        }
        return last != UInt8(ascii: ".")
    }

    private static func isKeyword(_ head: EscapeBytes) -> Bool {
        switch head.count {
        case 3: return head.hasPrefix("map")
        case 4: return head.hasPrefix("func") || head.hasPrefix("chan")
        case 6: return head.hasPrefix("struct")
        case 9: return head.hasPrefix("interface")
        default: return false
        }
    }

    private static func startsWithBinaryOperator(_ rest: EscapeBytes) -> Bool {
        let token = rest.slice(rest.start, rest.firstIndex(of: UInt8(ascii: " ")) ?? rest.end)
        guard token.count <= 2, token.end < rest.end else { return false }
        for b in token.start..<token.end {
            guard let c = token.byte(at: b) else { return false }
            switch c {
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
                 UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                 UInt8(ascii: "="), UInt8(ascii: "!"):
                continue
            default:
                return false
            }
        }
        return true
    }
}
