import Testing
@testable import Pprof
@testable import PprofAnalysis
@testable import PprofCompression
@testable import PprofDecoding
@testable import PprofEscape
@testable import PprofFormatting
@testable import PprofJoin
@testable import PprofLoading
@testable import PprofModel
@testable import PprofReports
@testable import PprofTransform

/// Patterns compile, fail and match as Go 1.27.3's `regexp` does (pprof's engine); every expectation
/// below was printed by Go (`regexp.Compile(p)` and `MatchString`), not worked out by hand.
@Suite struct GoRegexSyntaxTests {
    /// Patterns Go rejects, with Go's error. The first group RE2 rejects the same way, the rest are the
    /// points where RE2 and Go differ (named groups, `\C`, nesting depth) that `GoRegexSyntax` settles.
    static let rejected: [(String, String)] = [
        ("(?=a)", "invalid or unsupported Perl syntax: `(?=`"),
        ("(?!a)", "invalid or unsupported Perl syntax: `(?!`"),
        ("(a)\\1", "invalid escape sequence: `\\1`"),
        ("a{1001}", "invalid repeat count: `{1001}`"),
        ("a{2,1}", "invalid repeat count: `{2,1}`"),
        ("(a{1000}){1000}", "invalid repeat count: `{1000}`"),
        ("(", "missing closing ): `(`"),
        ("xx(yy", "missing closing ): `xx(yy`"),
        ("x(?P<n>a", "missing closing ): `x(?P<n>a`"),
        (")", "unexpected ): `)`"),
        ("a)b", "unexpected ): `a)b`"),
        ("x(?<n>a)b)", "unexpected ): `x(?<n>a)b)`"),
        ("[a", "missing closing ]: `[a`"),
        ("[[:alpha:]x", "missing closing ]: `[[:alpha:]x`"),
        ("[z-a]", "invalid character class range: `z-a`"),
        ("[[:foo:]]", "invalid character class range: `[:foo:]`"),
        ("\\p{Foo}", "invalid character class range: `\\p{Foo}`"),
        ("\\Z", "invalid escape sequence: `\\Z`"),
        ("\\8", "invalid escape sequence: `\\8`"),
        ("\\x{110000}", "invalid escape sequence: `\\x{110000`"),
        ("a**", "invalid nested repetition operator: `**`"),
        ("x{2}{3}", "invalid nested repetition operator: `{2}{3}`"),
        ("\\", "trailing backslash at end of expression: ``"),
        ("*", "missing argument to repetition operator: `*`"),
        ("a|*", "missing argument to repetition operator: `*`"),
        ("(?z)a", "invalid or unsupported Perl syntax: `(?z`"),
        ("(?P=n)", "invalid or unsupported Perl syntax: `(?P`"),
        ("(?P<", "invalid or unsupported Perl syntax: `(?P`"),
        ("(?<", "invalid or unsupported Perl syntax: `(?<`"),
        ("(?", "invalid or unsupported Perl syntax: `(?`"),
        ("(?:", "missing closing ): `(?:`"),
        // Where RE2 alone would differ.
        ("\\C", "invalid escape sequence: `\\C`"),
        ("(?i)\\C", "invalid escape sequence: `\\C`"),
        ("a\\C(", "invalid escape sequence: `\\C`"),
        ("[\\C]", "invalid escape sequence: `\\C`"),
        ("(?<=a)", "invalid named capture: `(?<=a)`"),
        ("(?<a", "invalid named capture: `(?<a`"),
        ("(?P<a", "invalid named capture: `(?P<a`"),
        ("(?P<>a)", "invalid named capture: `(?P<>`"),
        ("xxx(?P<a-b>x)", "invalid named capture: `(?P<a-b>`"),
        ("(?<\u{E9}>a)", "invalid named capture: `(?<\u{E9}>`"),
        ("a)(?<=b)", "unexpected ): `a)(?<=b)`"),
    ]

    @Test(arguments: rejected)
    func rejectsAsGoDoes(pattern: String, message: String) {
        #expect(throws: TransformError.badRegexp(option: "focus", pattern: pattern, reason: "error parsing regexp: " + message)) {
            try ProfileRegex(pattern, option: "focus")
        }
    }

    @Test func rejectsGroupsNestedDeeperThanGo() throws {
        let tooDeep = String(repeating: "(", count: 1000) + "a" + String(repeating: ")", count: 1000)
        #expect(throws: TransformError.badRegexp(
            option: "focus", pattern: tooDeep, reason: "error parsing regexp: expression nests too deeply: `\(tooDeep)`")) {
            try ProfileRegex(tooDeep, option: "focus")
        }
        let deepest = String(repeating: "(", count: 999) + "a" + String(repeating: ")", count: 999)
        #expect(try ProfileRegex(deepest).matches("a"))
    }

    @Test(arguments: ["\\z", "a\\z", "\\Qa.b\\E", "\\Q(\\E", "a\\Qb", "\\pN", "(?P<n>a)", "(?<n>a)", "(?P<n>a)(?P<n>b)",
                      "(?P<1n>a)", "a{,3}", "[\\d-z]", "\\b\\B", "(?U)a+", "[]a]", "[^]a]", "(?i)FORMAT"])
    func acceptsWhatGoAccepts(pattern: String) {
        #expect(throws: Never.self) { try ProfileRegex(pattern) }
    }

    static let texts = [
        "example.com/demo.Rec", "\u{663}", "demo.Format", "a\u{301}b", "main.main", "a.b", "axb", "ba", "a\nb",
        "temp\u{E9}rature.F", "\u{212A}", "\u{E9}", "", "x\ny\ng",
    ]

    /// Each pattern against `texts`: "1" where Go's `MatchString` is true.
    static let matches: [(String, String)] = [
        ("\\bRec\\b", "10000000000000"),
        ("\\d", "00000000000000"),
        ("(?i)FORMAT", "00100000000000"),
        ("^a.b$", "00010110000000"),
        ("(?<n>main)\\.", "00001000000000"),
        ("(?P<x>ma)(?P<x>in)", "00001000000000"),
        ("\\Qa.b\\E", "00000100000000"),
        ("a\\z", "00000001000000"),
        ("(?s)a.b", "00010110100000"),
        ("\\pL+\\.F$", "00000000010000"),
        ("(?i)k", "00000000001000"),
        ("[[:upper:]]", "10100000010000"),
        ("\\w+$", "10111111110001"),
        ("x*", "11111111111111"),
        ("(?U)a+?b", "00000000000000"),
        ("^$", "00000000000010"),
        ("\\S", "11111111111101"),
        ("[^a]", "11111111111101"),
        ("\\x{00e9}", "00000000010100"),
        ("(a|ab)(c|bcd)(d*)", "00000000000000"),
        ("\\A\\.", "00000000000000"),
        ("(?m)^g$", "00000000000001"),
    ]

    @Test(arguments: matches)
    func matchesAsGoDoes(pattern: String, expected: String) throws {
        let regex = try ProfileRegex(pattern)
        let got = String(Self.texts.map { regex.matches($0) ? "1" : "0" }.joined())
        #expect(got == expected, "\(pattern)")
    }

    @Test func aListArgumentIsWordedWithoutAnOption() {
        #expect(throws: TransformError.badRegexp(
            option: "", pattern: "(?=a)", reason: "error parsing regexp: invalid or unsupported Perl syntax: `(?=`")) {
            try ProfileRegex("(?=a)")
        }
        let error = TransformError.badRegexp(option: "", pattern: "(?=a)", reason: "error parsing regexp: x")
        #expect(error.description == "error parsing regexp: x")
    }
}
