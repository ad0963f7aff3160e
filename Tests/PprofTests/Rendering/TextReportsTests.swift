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

/// `-traces`, `-peek` and `-tags` on small hand-built profiles; the goldens under `*/golden-reports/` check
/// them byte for byte against `go tool pprof` on real ones.
@Suite struct TextReportsTests {
    static func options(_ profile: Profile) throws -> ReportOptions {
        ReportOptions(selection: try SampleSelection(profile: profile, requested: nil))
    }

    @Test func tabWriterAlignsEachColumnOverTheLinesThatHaveIt() {
        var table = GoTabWriter()
        table.write("key:\t Total\n \t10 (1%):\t a\n \t5 (0.5%):\t bb\n\nlonger key:\t x\n")
        // What Go's text/tabwriter prints for the same text and settings.
        #expect(table.aligned() == """
             key: Total
                   10 (1%): a
                  5 (0.5%): bb

             longer key: x

            """)
    }

    @Test func tracesPrintInlinedFramesFirstAndSortedLabels() throws {
        var builder = TransformTestProfile()
        let inlined = builder.location(["callee", "caller"])
        let root = builder.location(["main"])
        builder.sample(locations: [inlined, root], 2048, labels: [.string("worker", "b"), .number("bytes", 2048), .string("job", "x")])
        builder.sample(locations: [], 7)
        let profile = builder.profile
        let report = TracesReport(profile: profile, options: try Self.options(profile))
        #expect(report.traces.count == 1)
        var output = ""
        report.write(to: &output)
        #expect(output == """
            File: app
            Build ID: abc
            Type: alloc_space
            -----------+-------------------------------------------------------
                   job:  x
                worker:  b
                 bytes:  2kB
                   2kB   callee (inline)
                         caller
                         main
            -----------+-------------------------------------------------------

            """)
    }

    @Test func peekCountsAnEdgeOncePerSampleAndNeverFromANodeToItself() throws {
        var builder = TransformTestProfile()
        builder.sample(["rec", "rec", "main"], 10)
        builder.sample(["leaf", "rec", "main"], 5)
        let profile = builder.profile
        let report = try PeekReport(profile: profile, options: try Self.options(profile), pattern: "rec", matches: { $0 == "rec" })
        let entry = try #require(report.entries.first)
        #expect(entry.cum == 15)
        #expect(entry.callers.map { "\($0.other.name)=\($0.weight)" } == ["main=15"])
        #expect(entry.callees.map { "\($0.other.name)=\($0.weight)" } == ["leaf=5"])
        #expect(throws: PeekReport.NoMatch.self) {
            try PeekReport(profile: profile, options: try Self.options(profile), pattern: "x", matches: { _ in false })
        }
    }

    @Test func tagsSumSampleValuesPerKeyAndValue() throws {
        let profile = TagFilterTransformTests.labelled
        let report = TagsReport(profile: profile, options: try Self.options(profile))
        #expect(report.keys.map(\.name) == ["bytes", "job", "worker"])
        #expect(report.keys.first { $0.name == "worker" }?.values == [.init(text: "b", weight: 2), .init(text: "a", weight: 1)])
        #expect(report.keys.first { $0.name == "bytes" }?.values.map(\.text) == ["2kB", "64B"])
    }

    @Test func tagShowAndTagHideRemoveLabelKeysNotSamples() throws {
        var profile = TagFilterTransformTests.labelled
        let matched = profile.filterLabelsByKey(show: try ProfileRegex("^(worker|bytes)$"), hide: try ProfileRegex("bytes"))
        #expect(matched == (show: true, hide: true))
        #expect(profile.samples.count == 3)
        #expect((0..<3).map { profile.labels(ofSample: $0).map(\.key) } == [["worker"], ["worker"], []])
        let nothing = profile.filterLabelsByKey(show: try ProfileRegex("none"), hide: nil)
        #expect(nothing == (show: false, hide: false))
        #expect(profile.samples.labels.isEmpty)
    }
}

/// pprof's symbolizer heuristics for names that look like demangled C++, which catch Go's generic names.
@Suite struct SimplifyFunctionNamesTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var simplified: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        Example(name: "crypto/hmac.New[go.shape.interface { BlockSize() int; Sum([]uint8) []uint8 }]",
                simplified: "crypto/hmac.New[go.shape.interface { BlockSize int; Sum []uint8 }]"),
        Example(name: "example.com/g.Apply[go.shape.func(int) int]", simplified: "example.com/g.Apply[go.shape.func int]"),
        // Methods of generic types keep their parentheses: `]).` marks a Go name.
        Example(name: "example.com/g.(*Box[go.shape.interface { Area() float64 }]).Put",
                simplified: "example.com/g.(*Box[go.shape.interface { Area() float64 }]).Put"),
        Example(name: "std::vector<int>::push_back(int const&)", simplified: "std::vector::push_back"),
        Example(name: "Foo.<init>(int)", simplified: "Foo.<init>(int)"),
        Example(name: "a::b)(c)", simplified: "a::b)(c)"),
        Example(name: "a::b((c)", simplified: "a::b((c)"),
        Example(name: "main.(*T).M", simplified: "main.(*T).M"),
    ])
    func namesAreSimplifiedAsPprofsSymbolizerDoes(_ example: Example) {
        var builder = TransformTestProfile()
        _ = builder.function(example.name)
        var profile = builder.profile
        profile.simplifyFunctionNames()
        #expect(profile.functions[0].name == example.simplified)
        #expect(profile.functions[0].systemName == example.name)
    }

    @Test func aNameThatDiffersFromItsSystemNameIsKept() {
        var profile = Profile()
        profile.functions = [
            Function(id: 1, name: "kept", systemName: "a::b<c>()", filename: "", startLine: 0),
            Function(id: 2, name: "", systemName: "x::y()", filename: "", startLine: 0),
        ]
        profile.simplifyFunctionNames()
        #expect(profile.functions.map(\.name) == ["kept", "x::y"])
    }
}
