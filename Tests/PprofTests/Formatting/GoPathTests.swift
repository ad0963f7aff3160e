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

@Suite struct GoPathTests {
    /// Go's own `path/filepath` Clean test vectors (cleantests in path_test.go), which the already-clean fast
    /// path must not change.
    @Test(arguments: [
        ("abc", "abc"), ("abc/def", "abc/def"), ("a/b/c", "a/b/c"), (".", "."), ("..", ".."), ("../..", "../.."),
        ("../../abc", "../../abc"), ("/abc", "/abc"), ("/", "/"), ("", "."), ("abc/", "abc"), ("abc/def/", "abc/def"),
        ("a/b/c/", "a/b/c"), ("./", "."), ("../", ".."), ("../../", "../.."), ("/abc/", "/abc"), ("abc//def//ghi", "abc/def/ghi"),
        ("//abc", "/abc"), ("///abc", "/abc"), ("//abc//", "/abc"), ("abc//", "abc"), ("abc/./def", "abc/def"),
        ("/./abc/def", "/abc/def"), ("abc/.", "abc"), ("abc/def/ghi/../jkl", "abc/def/jkl"),
        ("abc/def/../ghi/../jkl", "abc/jkl"), ("abc/def/..", "abc"), ("abc/def/../..", "."), ("/abc/def/../..", "/"),
        ("abc/def/../../..", ".."), ("/abc/def/../../..", "/"), ("abc/def/../../../ghi/jkl/../../../mno", "../../mno"),
        ("/../abc", "/abc"), ("a/../b:/../../c", "../c"), ("abc/./../def", "def"), ("abc//./../def", "def"),
        ("abc/../../././../def", "../../def"), ("...", "..."), ("/.../a/..b/b..", "/.../a/..b/b.."),
    ])
    func cleanMatchesGo(path: String, expected: String) {
        #expect(GoPath.clean(path) == expected)
    }
}
