import Foundation
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

extension Robustness {
    /// Patterns a backtracking engine takes exponential time on, from a flag and from the profile itself,
    /// against long names; and a pattern of 20,000 alternatives. RE2 takes time linear in the text, so the
    /// budget (in a debug build, on a loaded machine) is far above what these need and far below what
    /// backtracking needs (`(a+)+$` against 30 a's is already minutes).
    @Suite("Regexes take linear time", .serialized, .timeLimit(.minutes(3)))
    struct RegexLinearTimeTests {
        /// The same budget and timing as the decoder's linear-time tests.
        static func timed<T>(_ what: String, _ body: () throws -> T) rethrows -> T {
            try LinearTimeTests.timed(what, body)
        }

        /// A profile of two functions named by `length` a's and an ending no `(a+)+$` accepts, each sampled
        /// once, whose `drop_frames` is `pattern`.
        static func hostileProfile(length: Int, dropFrames pattern: String) -> [UInt8] {
            var profile = TestProfile()
            let runOfA = String(repeating: "a", count: length)
            profile.strings = ["", "alloc_space", "bytes", runOfA + "!", "/src/f.go", runOfA + ".g", pattern]
            var writer = ProtoWriter()
            writer.int(7, 6)  // drop_frames
            return profile.encoded() + writer.bytes
        }

        @Test func dropFramesFromTheProfile() throws {
            var profile = try Profile(bytes: Self.hostileProfile(length: 100_000, dropFrames: "(a+)+$"))
            Self.timed("drop_frames (a+)+$ against names of 100000 a's") { profile.removeUninteresting() }
            #expect(profile.samples.count == 2)
        }

        @Test func focusFromAFlag() throws {
            let profile = try Profile(bytes: Self.hostileProfile(length: 100_000, dropFrames: ""))
            let filter = try SampleFilter(focus: "(a+)+!$", ignore: "(x+x+)+y", hide: "(a|aa)+\\.g$")
            let kept = Self.timed("-focus (a+)+!$ and -hide (a|aa)+\\.g$ against names of 100000 a's") {
                var filtered = profile
                _ = filter.apply(to: &filtered)
                return filtered
            }
            // The focus keeps the sample through `aaa…a!`, the hide takes `aaa…a.g` out of it.
            #expect(kept.samples.count == 1)
        }

        @Test func everyRegexOfAThousandNestedStars() throws {
            // Not rejected by Go (depth and size within its limits) and no slower for RE2.
            let pattern = String(repeating: "(?:a*", count: 500) + String(repeating: ")*", count: 500) + "b"
            let regex = try ProfileRegex(pattern)
            let text = String(repeating: "a", count: 200_000)
            #expect(Self.timed("500 nested stars against 200000 a's") { regex.matches(text) } == false)
        }

        @Test func focusOfTwentyThousandAlternatives() throws {
            let names = (0..<20_000).map { "github.com/acme/storefront/internal/render.function\($0)" }
            let pattern = names.map { $0 + "$" }.joined(separator: "|")
            let regex = try Self.timed("compiling 20000 alternatives") { try ProfileRegex(pattern, option: "focus") }
            let matched = Self.timed("20000 alternatives against 100000 names") {
                (0..<100_000).filter { regex.matches("github.com/acme/storefront/internal/render.function\($0 * 7)") }.count
            }
            #expect(matched == 2858)
        }

        @Test func commandWithHostileDropFramesAndFocus() throws {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-regex-\(getpid()).pb")
            try Data(Self.hostileProfile(length: 100_000, dropFrames: "(a+)+$")).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let result = try Self.timed("pprof-list -top -focus (a+)+$ on a profile with drop_frames (a+)+$") {
                try CommandRunner.run(["-top", "-focus=(a+)+!$", file.path])
            }
            #expect(result.status == 0)
            #expect(result.standardOutput.contains("focus=(a+)+!$"))
        }
    }
}
