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

@Suite struct SampleFilterTransformTests {
    /// main → handler → format → alloc (10), main → handler → parse (20), main → idle (5).
    static var sample: Profile {
        var profile = TransformTestProfile()
        profile.sample(["alloc", "format", "handler", "main"], 10)
        profile.sample(["parse", "handler", "main"], 20)
        profile.sample(["idle", "main"], 5)
        return profile.profile
    }

    static func filtered(_ filter: SampleFilter, _ profile: Profile = sample) -> (Profile, [String]) {
        var result = profile
        let warnings = filter.apply(to: &result)
        return (result, warnings)
    }

    @Test func focusKeepsSamplesThroughAMatchingFrame() throws {
        let (profile, warnings) = Self.filtered(try SampleFilter(focus: "format|parse"))
        #expect(profile.stacks == ["alloc;format;handler;main=10", "parse;handler;main=20"])
        #expect(warnings.isEmpty)
    }

    @Test func ignoreWinsOverFocus() throws {
        let (profile, _) = Self.filtered(try SampleFilter(focus: "handler", ignore: "alloc"))
        #expect(profile.stacks == ["parse;handler;main=20"])
    }

    @Test func focusAlsoMatchesFileAndMappingNames() throws {
        #expect(Self.filtered(try SampleFilter(focus: "app\\.go")).0.samples.count == 3)
        #expect(Self.filtered(try SampleFilter(ignore: "^/bin/app$")).0.samples.count == 0)
    }

    @Test func hideMovesFlatToTheCaller() throws {
        let (profile, _) = Self.filtered(try SampleFilter(hide: "^alloc$|^parse$"))
        #expect(profile.stacks == ["format;handler;main=10", "handler;main=20", "idle;main=5"])
        let top = TopReport(profile: profile, options: ReportOptions(selection: try SampleSelection(profile: profile, requested: nil)))
        let flat = Dictionary(uniqueKeysWithValues: top.rows.map { ($0.info.name, $0.flat) })
        #expect(flat["handler"] == 20)
        #expect(flat["format"] == 10)
        #expect(flat["alloc"] == nil)
    }

    @Test func hidingEveryFrameDropsTheSample() throws {
        let (profile, _) = Self.filtered(try SampleFilter(hide: "idle|main"))
        #expect(profile.stacks == ["alloc;format;handler=10", "parse;handler=20"])
    }

    @Test func showKeepsOnlyMatchingFrames() throws {
        let (profile, _) = Self.filtered(try SampleFilter(show: "handler|idle"))
        #expect(profile.stacks == ["handler=10", "handler=20", "idle=5"])
    }

    @Test func hideAndShowEditInlinedFrames() throws {
        var builder = TransformTestProfile()
        let inlined = builder.location(["helper", "caller"])
        builder.sample(locations: [inlined, builder.location(["main"])], 7)
        let (hidden, _) = Self.filtered(try SampleFilter(hide: "helper"), builder.profile)
        #expect(hidden.stacks == ["caller;main=7"])
        let (shown, _) = Self.filtered(try SampleFilter(show: "helper|main"), builder.profile)
        #expect(shown.stacks == ["helper;main=7"])
    }

    @Test func showFromCutsStacksAboveTheRootMostMatch() throws {
        // pprof's example: frames [A, B, C, B] with A the root.
        var builder = TransformTestProfile()
        builder.sample(["B", "C", "B", "A"], 1)
        func cut(_ pattern: String) throws -> [String] { Self.filtered(try SampleFilter(showFrom: pattern), builder.profile).0.stacks }
        #expect(try cut("A") == ["B;C;B;A=1"])
        #expect(try cut("B") == ["B;C;B=1"])
        #expect(try cut("C") == ["B;C=1"])
        #expect(try cut("D") == [])
        #expect(Self.filtered(try SampleFilter(showFrom: "D"), builder.profile).1 == ["ShowFrom expression matched no samples"])
    }

    @Test func showFromDropsOuterInlinedFrames() throws {
        var builder = TransformTestProfile()
        builder.sample(locations: [builder.location(["leaf", "middle", "outer"]), builder.location(["main"])], 3)
        let (profile, _) = Self.filtered(try SampleFilter(showFrom: "middle"), builder.profile)
        #expect(profile.stacks == ["leaf+middle=3"])
    }

    @Test func everyFilterThatMatchesNothingWarns() throws {
        let filter = try SampleFilter(
            focus: "x1", ignore: "x2", hide: "x3", show: "x4", showFrom: "x5", tagFocus: "x6", tagIgnore: "x7")
        let (profile, warnings) = Self.filtered(filter)
        #expect(profile.samples.count == 0)
        #expect(warnings == [
            "Focus expression matched no samples", "Ignore expression matched no samples",
            "Hide expression matched no samples", "Show expression matched no samples",
            "ShowFrom expression matched no samples", "TagFocus expression matched no samples",
            "TagIgnore expression matched no samples",
        ])
        #expect(filter.activeFilters == [
            "focus=x1", "ignore=x2", "hide=x3", "show=x4", "show_from=x5", "tagfocus=x6", "tagignore=x7",
        ])
    }

    @Test func regexpsMeanWhatTheyMeanInRE2() throws {
        #expect(try ProfileRegex("\\bRec\\b").matches("example.com/demo.Rec"))
        #expect(try !ProfileRegex("\\d").matches("٣"))
        #expect(try ProfileRegex("(?i)FORMAT").matches("demo.Format"))
        // Go matches code points: the combining accent is a character of its own.
        #expect(try ProfileRegex("^a.b$").matches("a\u{301}b"))
    }

    @Test func tagFiltersShowAsGiven() throws {
        #expect(try SampleFilter(tagFocus: "=", tagIgnore: "bytes=64B:").activeFilters == ["tagfocus==", "tagignore=bytes=64B:"])
    }

    @Test func aBadRegexpNamesItsOption() {
        #expect(throws: TransformError.self) { try SampleFilter(hide: "(") }
        do {
            _ = try SampleFilter(hide: "(")
        } catch {
            #expect(error.description.hasPrefix("parsing hide regexp: "))
        }
    }

    @Test func marksAndLabelsSurviveFiltering() throws {
        var builder = TransformTestProfile()
        builder.sample(["f", "main"], 4, labels: [.string("worker", "a")])
        builder.sample(["g", "main"], 6)
        builder.profile.markAsDiffBase()
        let (profile, _) = Self.filtered(try SampleFilter(focus: "^g$"), builder.profile)
        #expect(profile.samples.isDiffBase == [true])
        #expect(profile.labels(ofSample: 0) == [.string("pprof::base", "true")])
    }

    @Test func theReportTotalIsTakenBeforeFiltering() throws {
        let whole = Self.sample
        var options = ReportOptions(selection: try SampleSelection(profile: whole, requested: nil))
        options.total = ReportContext(profile: whole, options: options).total
        let (profile, _) = Self.filtered(try SampleFilter(focus: "idle"))
        let report = TopReport(profile: profile, options: options)
        #expect(report.context.total == 35)
        #expect(report.headerLines.last == "Showing nodes accounting for 5B, 14.29% of 35B total")
    }
}
