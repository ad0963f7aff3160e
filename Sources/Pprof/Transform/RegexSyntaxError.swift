/// Why a pattern does not compile, as Go's `regexp/syntax.Error` says it: a code's text and the part of
/// the pattern at fault (`error parsing regexp: invalid escape sequence: `\8``).
package struct RegexSyntaxError: Error, Equatable, CustomStringConvertible {
    /// Go's `ErrorCode`s, with their text.
    package enum Code: String {
        case internalError = "regexp/syntax: internal error"
        case invalidCharClass = "invalid character class"
        case invalidCharRange = "invalid character class range"
        case invalidEscape = "invalid escape sequence"
        case invalidNamedCapture = "invalid named capture"
        case invalidPerlOp = "invalid or unsupported Perl syntax"
        case invalidRepeatOp = "invalid nested repetition operator"
        case invalidRepeatSize = "invalid repeat count"
        case invalidUTF8 = "invalid UTF-8"
        case missingBracket = "missing closing ]"
        case missingParen = "missing closing )"
        case missingRepeatArgument = "missing argument to repetition operator"
        case trailingBackslash = "trailing backslash at end of expression"
        case unexpectedParen = "unexpected )"
        case nestingDepth = "expression nests too deeply"
        case large = "expression too large"
    }

    package let code: Code
    package let argument: String

    package init(code: Code, argument: String) {
        self.code = code
        self.argument = argument
    }

    /// RE2's `RE2::ErrorCode` (re2.h) as the Go code for the same fault. RE2 and Go name the same part of
    /// the pattern for every code but the last, a program over RE2's memory budget, which Go calls too
    /// large (with the whole pattern) when it is over Go's.
    package init(re2Code: Int32, argument: String) {
        let codes: [Code] = [
            .internalError, .internalError, .invalidEscape, .invalidCharClass, .invalidCharRange, .missingBracket,
            .missingParen, .unexpectedParen, .trailingBackslash, .missingRepeatArgument, .invalidRepeatSize,
            .invalidRepeatOp, .invalidPerlOp, .invalidUTF8, .invalidNamedCapture, .large,
        ]
        let index = Int(re2Code)
        code = index >= 0 && index < codes.count ? codes[index] : .internalError
        self.argument = argument
    }

    /// Whether Go's error names the whole pattern rather than a part of it.
    package var namesWholePattern: Bool { code == .missingParen || code == .unexpectedParen || code == .large || code == .nestingDepth }

    package var description: String { "error parsing regexp: \(code.rawValue): `\(argument)`" }
}
