import Testing
@testable import PprofFormatting

@Suite struct GoStringOrderTests {
    /// Go compares strings byte by byte over UTF-8: a prefix first, bytes unsigned (é's 0xC3 after every ASCII
    /// byte), no Unicode equivalence (precomposed é and e + combining accent are different strings).
    @Test(arguments: [
        ("", "a", true), ("a", "", false), ("", "", false), ("abc", "abd", true), ("abd", "abc", false),
        ("abc", "abc", false), ("abc", "abcd", true), ("abcd", "abc", false), ("z", "é", true), ("é", "z", false),
        ("e\u{301}", "é", true), ("é", "e\u{301}", false), ("main.(*T).f", "main.T.f", true),
        ("Z", "a", true), ("\u{7F}", "\u{80}", true),
    ])
    func ordersAsGoOrdersStrings(left: String, right: String, less: Bool) {
        #expect(goLess(left, right) == less)
    }
}
