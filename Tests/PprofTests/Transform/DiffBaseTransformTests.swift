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

@Suite struct DiffBaseTransformTests {
    static func profiles() -> (Profile, Profile) {
        var current = TransformTestProfile()
        current.sample(["grow", "main"], 30)
        current.sample(["same", "main"], 10)
        var base = TransformTestProfile()
        base.sample(["grow", "main"], 20)
        base.sample(["same", "main"], 10)
        base.sample(["gone", "main"], 5)
        return (current.profile, base.profile)
    }

    static func total(_ profile: Profile) throws -> Int64 {
        ReportContext(profile: profile, options: ReportOptions(selection: try SampleSelection(profile: profile, requested: nil))).total
    }

    @Test func diffBaseSamplesStayApartAndSetTheTotal() throws {
        var (current, base) = Self.profiles()
        base.markAsDiffBase()
        base.scale(by: -1)
        let merged = try Profile.combine([current, base])
        #expect(merged.stacks == ["grow;main=30", "same;main=10", "grow;main=-20", "same;main=-10", "gone;main=-5"])
        #expect(merged.samples.isDiffBase == [false, false, true, true, true])
        #expect(merged.labels(ofSample: 2) == [.string("pprof::base", "true")])
        // Percentages are of the base profile: |−20| + |−10| + |−5|.
        #expect(try Self.total(merged) == 35)
    }

    @Test func baseIsAStraightSubtraction() throws {
        var (current, base) = Self.profiles()
        base.scale(by: -1)
        let merged = try Profile.combine([current, base])
        #expect(merged.stacks == ["grow;main=10", "gone;main=-5"])
        #expect(merged.samples.isDiffBase.isEmpty)
        #expect(try Self.total(merged) == 15)
    }

    @Test func markingReplacesAnExistingBaseLabel() {
        var builder = TransformTestProfile()
        builder.sample(["f"], 1, labels: [.string("pprof::base", "false"), .number("pprof::base", 3)])
        builder.profile.markAsDiffBase()
        #expect(builder.profile.labels(ofSample: 0) == [.number("pprof::base", 3), .string("pprof::base", "true")])
    }
}
