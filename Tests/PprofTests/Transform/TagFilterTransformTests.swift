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

@Suite struct TagFilterTransformTests {
    struct RangeCase: Sendable, CustomTestStringConvertible {
        var text: String
        var range: TagFilter.NumericRange?
        var testDescription: String { text }
    }

    @Test(arguments: [
        RangeCase(text: "64B", range: .init(lower: 64, upper: 64, unit: "B")),
        RangeCase(text: "64B:", range: .init(lower: 64, upper: nil, unit: "B")),
        RangeCase(text: ":1kb", range: .init(lower: nil, upper: 1, unit: "kB")),
        RangeCase(text: "1kB:2MB", range: .init(lower: 1, upper: 2048, unit: "kB")),
        RangeCase(text: "+5", range: .init(lower: 5, upper: 5, unit: "")),
        RangeCase(text: "1:2", range: .init(lower: 1, upper: 2, unit: "")),
        RangeCase(text: "10ms:1s", range: .init(lower: 10, upper: 1000, unit: "ms")),
        RangeCase(text: "64B:1ms", range: nil),
        RangeCase(text: "a1", range: nil),
        RangeCase(text: "worker", range: nil),
        RangeCase(text: "1:2:3", range: nil),
    ])
    func rangesParseAsPprofParsesThem(_ example: RangeCase) throws {
        #expect(try TagFilter.parseRange(example.text, option: "tagfocus") == example.range)
    }

    @Test func aRangeIsAnnouncedOnStandardError() throws {
        #expect(try TagFilter("bytes=64B:", option: "tagfocus").notice == "tagfocus:Interpreted '64B:' as range, not regexp")
        #expect(try TagFilter("worker=a", option: "tagfocus").notice == nil)
    }

    @Test func rangesCompareInTheLabelsUnit() {
        let range = TagFilter.NumericRange(lower: 1, upper: 2, unit: "kB")
        #expect(range.contains(1024, unit: "bytes"))
        #expect(range.contains(2048, unit: "bytes"))
        #expect(!range.contains(2049, unit: "bytes"))
        #expect(!range.contains(1500, unit: "nanoseconds"))
    }

    static var labelled: Profile {
        var builder = TransformTestProfile()
        builder.sample(["f"], 1, labels: [.string("worker", "a"), .number("bytes", 64)])
        builder.sample(["f"], 2, labels: [.string("worker", "b"), .number("bytes", 2048)])
        builder.sample(["f"], 4, labels: [.string("job", "a")])
        return builder.profile
    }

    static func kept(focus: String? = nil, ignore: String? = nil) throws -> [Int64] {
        var profile = labelled
        let filter = try SampleFilter(tagFocus: focus, tagIgnore: ignore)
        _ = filter.apply(to: &profile)
        return (0..<profile.samples.count).map { profile.samples.value(of: $0, type: 0) }
    }

    @Test func numericLabelsWithoutAUnitAreInTheUnitOfTheirKey() throws {
        #expect(Self.labelled.numericLabelUnits().units == ["bytes": "bytes"])
        #expect(try Self.kept(focus: "1kB:") == [2])
        #expect(try Self.kept(focus: "bytes=64B") == [1])
        // A bare number is unitless, and "bytes" values never convert to no unit: pprof matches nothing.
        #expect(try Self.kept(focus: "bytes=64") == [])
        #expect(try Self.kept(ignore: ":100B") == [2, 4])
    }

    @Test func withAKeyAnyExpressionMatchingAValueSuffices() throws {
        #expect(try Self.kept(focus: "worker=a") == [1])
        #expect(try Self.kept(focus: "worker=^a$,b") == [1, 2])
        #expect(try Self.kept(focus: "job=b") == [])
    }

    @Test func withoutAKeyEveryExpressionMustMatchSomeKeyColonValue() throws {
        #expect(try Self.kept(focus: "worker:a") == [1])
        #expect(try Self.kept(focus: "a") == [1, 4])
        #expect(try Self.kept(focus: "worker,b") == [2])
        #expect(try Self.kept(ignore: "a") == [2])
    }

    @Test func conflictingUnitsAreReported() {
        var builder = TransformTestProfile()
        builder.sample(["f"], 1, labels: [.number("size", 1, unit: "bytes"), .number("size", 2, unit: "kilobytes")])
        builder.sample(["f"], 1, labels: [.number("size", 1, unit: "megabytes"), .number("request", 8)])
        let (units, ignored) = builder.profile.numericLabelUnits()
        #expect(units == ["size": "bytes", "request": "bytes"])
        #expect(ignored == ["size": ["kilobytes", "megabytes"]])
        #expect(builder.profile.numericLabelUnitWarnings() == ["For tag size used unit bytes, also encountered unit(s) kilobytes, megabytes"])
    }
}
