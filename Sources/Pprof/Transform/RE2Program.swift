import CRE2

/// A pattern compiled by RE2, the only file that talks to RE2. RE2 matches in time linear in the text
/// whatever the pattern, as Go's regexp does, so a pattern from a flag or from a profile's `drop_frames`
/// cannot stall a report; its syntax is Go's (both descend from the same design), and
/// `GoRegexSyntax` settles the few points where they differ before RE2 sees the pattern.
package final class RE2Program: @unchecked Sendable {
    // Sendable: RE2 documents a compiled RE2 object as safe to match from many threads at once, and this
    // class never mutates it after init.

    /// RE2's budget for one pattern's program and DFA caches. Go's regexp caps a program at about 3.3
    /// million instructions (128 MiB); 64 MiB keeps a 20,000-way alternation of long names well inside,
    /// and bounds what a hostile pattern can make RE2 allocate while matching (the DFA falls back to the
    /// NFA, still linear, when its cache is full).
    package static let maximumMemory: Int64 = 64 << 20

    private let handle: OpaquePointer

    /// Compiles `pattern`, which `GoRegexSyntax` has already rewritten; the error is RE2's, worded as Go's
    /// `regexp/syntax` words the same error.
    package init(_ pattern: [UInt8]) throws(RegexSyntaxError) {
        let compiled = pattern.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                cre2_compile(characters.baseAddress, characters.count, Self.maximumMemory)
            }
        }
        guard let compiled else { throw RegexSyntaxError(code: .large, argument: "") }
        let code = cre2_error_code(compiled)
        guard code == 0 else {
            var length = 0
            let argument: String
            if let characters = cre2_error_argument(compiled, &length) {
                argument = String(decoding: UnsafeRawBufferPointer(start: characters, count: length), as: UTF8.self)
            } else {
                argument = ""
            }
            cre2_free(compiled)
            throw RegexSyntaxError(re2Code: code, argument: argument)
        }
        handle = compiled
    }

    deinit { cre2_free(handle) }

    /// Whether the pattern matches anywhere in `text` (Go's `MatchString`).
    package func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                cre2_partial_match(handle, characters.baseAddress, characters.count) == 1
            }
        }
    }
}
