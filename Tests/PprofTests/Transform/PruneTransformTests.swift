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

@Suite struct PruneTransformTests {
    @Test(arguments: [
        ("main.f", "main.f"),
        ("main.(*T).f", "main."),
        (".leading", "leading"),
        ("ns::f(int)", "ns::f"),
        ("(anonymous namespace)::f(int)", "(anonymous namespace)::f"),
        ("Foo::operator()(int)", "Foo::operator()"),
    ])
    func functionNamesAreSimplifiedAsPprofDoes(_ name: String, _ simplified: String) {
        #expect(Profile.simplifiedFunctionName(name) == simplified)
    }

    /// root → user → malloc → mallocgc, and root → other.
    static var allocating: Profile {
        var builder = TransformTestProfile()
        builder.sample(["mallocgc", "malloc", "user", "root"], 5)
        builder.sample(["malloc", "root"], 2)
        builder.sample(["other", "root"], 1)
        return builder.profile
    }

    @Test func dropFramesCutsFromTheFirstMatchBelowAUserFrame() {
        var profile = Self.allocating
        profile.dropFrames = "malloc.*"
        profile.removeUninteresting()
        // Below "user" the match and everything leafward go; a match right under the root goes too, since
        // "root" is a user frame.
        #expect(profile.stacks == ["user;root=5", "root=2", "other;root=1"])
    }

    @Test func keepFramesSparesMatches() {
        var profile = Self.allocating
        profile.dropFrames = "malloc.*"
        profile.keepFrames = "mallocgc"
        profile.removeUninteresting()
        #expect(profile.stacks == ["user;root=5", "root=2", "other;root=1"])
        profile = Self.allocating
        profile.dropFrames = "mallocgc"
        profile.removeUninteresting()
        #expect(profile.stacks == ["malloc;user;root=5", "malloc;root=2", "other;root=1"])
    }

    @Test func dropFramesIsAnchored() {
        var profile = Self.allocating
        profile.dropFrames = "alloc"
        profile.removeUninteresting()
        #expect(profile.stacks == Self.allocating.stacks)
    }

    @Test func anInlinedMatchKeepsTheFramesItWasInlinedInto() {
        var builder = TransformTestProfile()
        builder.sample(locations: [builder.location(["helper", "drop", "caller"]), builder.location(["root"])], 3)
        builder.profile.dropFrames = "drop"
        builder.profile.removeUninteresting()
        #expect(builder.profile.stacks == ["caller;root=3"])
    }

    @Test func pruneFromKeepsTheMatchAndItsCallers() throws {
        var profile = Self.allocating
        profile.pruneFrom(try ProfileRegex("^malloc$"))
        #expect(profile.stacks == ["malloc;user;root=5", "malloc;root=2", "other;root=1"])
    }
}
