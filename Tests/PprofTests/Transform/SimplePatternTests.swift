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

@Suite struct SimplePatternTests {
    private static let names = [
        "github.com/acme/storefront/internal/render.walkTree", "render.walkTreeX", "renderXwalkTree", "main.main",
        "main", "", "a.b", "a\nb", "runtime.mallocgc", "x-y+z", "net/http.(*conn).serve", "pkg.Type[...].Method",
        "température.F", "render.walk",
    ]

    /// The scan agrees with the regex engine (set to RE2's meanings) on every name it answers for.
    @Test(arguments: ["render.walkTree", "render\\.walkTree", "main\\.main", "a.b", ".", "", "x-y\\+z", "\\(\\*conn\\)",
                      "Type\\[\\.\\.\\.\\]", "é", "mallocgc"])
    func agreesWithTheRegexEngine(pattern: String) throws {
        let engine = try Regex(pattern).matchingSemantics(.unicodeScalar).asciiOnlyCharacterClasses().wordBoundaryKind(.simple)
        let simple = SimplePattern(pattern)
        for name in Self.names {
            let expected = (try? engine.firstMatch(in: name)) != nil
            if let answer = simple?.matches(name) { #expect(answer == expected, "\(pattern) on \(name)") }
            #expect(try ProfileRegex(pattern).matches(name) == expected, "\(pattern) on \(name)")
        }
    }

    @Test(arguments: ["a|b", "^main", "main$", "a*", "a+", "a?", "(a)", "[ab]", "a{2}", "\\d", "\\bRec", "\\Qa.b\\E", "a\\"])
    func operatorsAndClassesGoToTheEngine(pattern: String) {
        #expect(SimplePattern(pattern) == nil)
    }

    @Test func nonASCIITextGoesToTheEngine() {
        #expect(SimplePattern("F")?.matches("température.F") == nil)
        #expect(SimplePattern("a.b")?.matches("a.b") == true)
        #expect(SimplePattern(".")?.matches("\n") == false)
    }
}
