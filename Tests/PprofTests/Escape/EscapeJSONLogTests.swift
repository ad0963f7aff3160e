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

/// `-gcflags=-json=0,DIR` files, real output of `go test -a -gcflags=-json=0,/tmp/esc/json… ./extra ./example1`
/// on the seed module with Go 1.19.8 and Go 1.27.3 (built under /tmp/esc/src).
@Suite("Escape JSON logs")
struct EscapeJSONLogTests {
    static let example1Go119 = #"""
        {"version":0,"package":"flaws/example1","goos":"linux","goarch":"amd64","gc_version":"go1.19.8","file":"/tmp/esc/src/example1/example1_test.go"}
        {"range":{"start":{"line":5,"character":6},"end":{"line":5,"character":6}},"severity":3,"code":"cannotInlineFunction","source":"go compiler","message":"unhandled op DCLTYPE"}
        {"range":{"start":{"line":16,"character":7},"end":{"line":16,"character":7}},"severity":3,"code":"escapes","source":"go compiler","message":"i2 escapes to heap","relatedInformation":[{"location":{"uri":"file:///tmp/esc/src/example1/example1_test.go","range":{"start":{"line":18,"character":10},"end":{"line":18,"character":10}}},"message":"escflow:    flow: {heap} = \u0026i2:"},{"location":{"uri":"file:///tmp/esc/src/example1/example1_test.go","range":{"start":{"line":18,"character":10},"end":{"line":18,"character":10}}},"message":"escflow:      from \u0026i2 (address-of)"},{"location":{"uri":"file:///tmp/esc/src/example1/example1_test.go","range":{"start":{"line":18,"character":8},"end":{"line":18,"character":8}}},"message":"escflow:      from x2.p = \u0026i2 (assign)"}]}
        """#

    static let example1Go127 = #"""
        {"version":0,"package":"flaws/example1","goos":"linux","goarch":"amd64","gc_version":"go1.27.3","file":"/tmp/esc/src/example1/example1_test.go"}
        {"range":{"start":{"line":5,"character":6},"end":{"line":5,"character":6}},"severity":3,"code":"canInlineFunction","source":"go compiler","message":"cost: 44"}
        {"range":{"start":{"line":16,"character":7},"end":{"line":16,"character":7}},"severity":3,"code":"escapes","source":"go compiler","message":"i2 escapes to heap","relatedInformation":[{"location":{"uri":"file:///tmp/esc/src/example1/example1_test.go","range":{"start":{"line":18,"character":10},"end":{"line":18,"character":10}}},"message":"escflow:    flow: {heap} ← \u0026i2:"},{"location":{"uri":"file:///tmp/esc/src/example1/example1_test.go","range":{"start":{"line":18,"character":10},"end":{"line":18,"character":10}}},"message":"escflow:      from \u0026i2 (address-of)"},{"location":{"uri":"file:///tmp/esc/src/example1/example1_test.go","range":{"start":{"line":18,"character":8},"end":{"line":18,"character":8}}},"message":"escflow:      from x2.p = \u0026i2 (assign)"}]}
        """#

    /// Excerpt of `flaws%2Fextra/extra.json` (Go 1.27.3).
    static let extraGo127 = #"""
        {"version":0,"package":"flaws/extra","goos":"linux","goarch":"amd64","gc_version":"go1.27.3","file":"/tmp/esc/src/extra/extra.go"}
        {"range":{"start":{"line":11,"character":9},"end":{"line":11,"character":9}},"severity":3,"code":"escape","source":"go compiler","message":"\u0026Point{...} escapes to heap","relatedInformation":[{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":11,"character":9},"end":{"line":11,"character":9}}},"message":"escflow:    flow: ~r0 ← \u0026{storage for \u0026Point{...}}:"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":11,"character":9},"end":{"line":11,"character":9}}},"message":"escflow:      from \u0026Point{...} (spill)"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":11,"character":2},"end":{"line":11,"character":2}}},"message":"escflow:      from return \u0026Point{...} (return)"}]}
        {"range":{"start":{"line":11,"character":9},"end":{"line":11,"character":9}},"severity":3,"code":"escape","source":"go compiler","message":""}
        {"range":{"start":{"line":14,"character":11},"end":{"line":14,"character":11}},"severity":3,"code":"leak","source":"go compiler","message":"parameter ps leaks to {heap} with derefs=1","relatedInformation":[{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":15,"character":24},"end":{"line":15,"character":24}}},"message":"escflow:    flow: {heap} ← *ps:"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":15,"character":24},"end":{"line":15,"character":24}}},"message":"escflow:      from ps[0] (dot of pointer)"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":15,"character":15},"end":{"line":15,"character":15}}},"message":"escflow:      from append(*out, ps[0]) (call parameter)"}]}
        {"range":{"start":{"line":15,"character":15},"end":{"line":15,"character":15}},"severity":3,"code":"escapes","source":"go compiler","message":"append(*out, ps[0]) escapes to heap","relatedInformation":[{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":15,"character":15},"end":{"line":15,"character":15}}},"message":"escflow:    flow: {heap} ← \u0026{storage for append(*out, ps[0])}:"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":15,"character":15},"end":{"line":15,"character":15}}},"message":"escflow:      from append(*out, ps[0]) (spill)"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":15,"character":7},"end":{"line":15,"character":7}}},"message":"escflow:      from *out = append(*out, ps[0]) (assign)"}]}
        {"range":{"start":{"line":15,"character":15},"end":{"line":15,"character":15}},"severity":3,"code":"escape","source":"go compiler","message":""}
        {"range":{"start":{"line":15,"character":24},"end":{"line":15,"character":24}},"severity":3,"code":"isInBounds","source":"go compiler","message":""}
        {"range":{"start":{"line":25,"character":6},"end":{"line":25,"character":6}},"severity":3,"code":"escapes","source":"go compiler","message":"big escapes to heap","relatedInformation":[{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":26,"character":12},"end":{"line":26,"character":12}}},"message":"escflow:    flow: {heap} ← \u0026big:"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":26,"character":12},"end":{"line":26,"character":12}}},"message":"escflow:      from big (address-of)"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":26,"character":12},"end":{"line":26,"character":12}}},"message":"escflow:      from big[:] (slice)"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":26,"character":7},"end":{"line":26,"character":7}}},"message":"escflow:      from sink = big[:] (assign)"}]}
        {"range":{"start":{"line":25,"character":6},"end":{"line":25,"character":6}},"severity":3,"code":"escapes","source":"go compiler","message":"big escapes to heap","relatedInformation":[{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":25,"character":6},"end":{"line":25,"character":6}}},"message":"escflow:    flow: {heap} ← \u0026big:"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":25,"character":6},"end":{"line":25,"character":6}}},"message":"escflow:      from big (too large for stack)"}]}
        {"range":{"start":{"line":48,"character":6},"end":{"line":48,"character":6}},"severity":3,"code":"escape","source":"go compiler","message":"make([]go.shape.int, 0, len(xs)) escapes to heap","relatedInformation":[{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":49,"character":13},"end":{"line":49,"character":13}}},"message":"inlineLoc"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":48,"character":6},"end":{"line":48,"character":6}}},"message":"escflow:    flow: out ← \u0026{storage for make([]go.shape.int, 0, len(xs))}:"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":49,"character":13},"end":{"line":49,"character":13}}},"message":"inlineLoc"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":48,"character":6},"end":{"line":48,"character":6}}},"message":"escflow:      from make([]go.shape.int, 0, len(xs)) (spill)"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":49,"character":13},"end":{"line":49,"character":13}}},"message":"inlineLoc"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":48,"character":6},"end":{"line":48,"character":6}}},"message":"escflow:      from out := make([]go.shape.int, 0, len(xs)) (assign)"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":49,"character":6},"end":{"line":49,"character":6}}},"message":"inlineLoc"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":48,"character":6},"end":{"line":48,"character":6}}},"message":"escflow:    flow: ~r0 ← out:"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":48,"character":6},"end":{"line":48,"character":6}}},"message":"escflow:      from ~r0 = out (assign-pair)"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":48,"character":6},"end":{"line":48,"character":6}}},"message":"escflow:    flow: ~r0 ← ~r0:"},{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":48,"character":6},"end":{"line":48,"character":6}}},"message":"escflow:      from return ~r0 (return)"}]}
        {"range":{"start":{"line":48,"character":6},"end":{"line":48,"character":6}},"severity":3,"code":"escape","source":"go compiler","message":"","relatedInformation":[{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":49,"character":13},"end":{"line":49,"character":13}}},"message":"inlineLoc"}]}
        {"range":{"start":{"line":64,"character":12},"end":{"line":64,"character":12}},"severity":3,"code":"cannotInlineCall","source":"go compiler","message":"","relatedInformation":[{"location":{"uri":"file:///tmp/esc/src/extra/extra.go","range":{"start":{"line":64,"character":12},"end":{"line":64,"character":12}}},"message":"inlineLoc"}]}
        """#

    /// `main/_testmain.json` (Go 1.27.3): the test main; its file is not absolute.
    static let testMainGo127 = #"""
        {"version":0,"package":"main","goos":"linux","goarch":"amd64","gc_version":"go1.27.3","file":"_testmain.go"}
        {"range":{"start":{"line":37,"character":6},"end":{"line":37,"character":6}},"severity":3,"code":"canInlineFunction","source":"go compiler","message":"cost: 6"}
        {"range":{"start":{"line":43,"character":6},"end":{"line":43,"character":6}},"severity":3,"code":"cannotInlineFunction","source":"go compiler","message":"function too complex: cost 187 exceeds budget 80"}
        {"range":{"start":{"line":44,"character":42},"end":{"line":44,"character":42}},"severity":3,"code":"escapes","source":"go compiler","message":"testdeps.TestDeps{} escapes to heap","relatedInformation":[{"location":{"uri":"file://_testmain.go","range":{"start":{"line":44,"character":42},"end":{"line":44,"character":42}}},"message":"escflow:    flow: {heap} ← \u0026{storage for testdeps.TestDeps{}}:"},{"location":{"uri":"file://_testmain.go","range":{"start":{"line":44,"character":42},"end":{"line":44,"character":42}}},"message":"escflow:      from testdeps.TestDeps{} (spill)"},{"location":{"uri":"file://_testmain.go","range":{"start":{"line":44,"character":24},"end":{"line":44,"character":24}}},"message":"escflow:      from testing.MainStart(testdeps.TestDeps{}, tests, benchmarks, fuzzTargets, examples) (call parameter)"}]}
        {"range":{"start":{"line":44,"character":42},"end":{"line":44,"character":42}},"severity":3,"code":"escape","source":"go compiler","message":""}
        """#

    /// `flaws%2Fextra/%3Cautogenerated%3E.json` (Go 1.27.3).
    static let autogeneratedGo127 = #"""
        {"version":0,"package":"flaws/extra","goos":"linux","goarch":"amd64","gc_version":"go1.27.3","file":"\u003cautogenerated\u003e"}
        {"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":0}},"severity":3,"code":"leak","source":"go compiler","message":"parameter ~p0 leaks to {heap} with derefs=0","relatedInformation":[{"location":{"uri":"file://%3Cautogenerated%3E","range":{"start":{"line":1,"character":0},"end":{"line":1,"character":0}}},"message":"escflow:    flow: {heap} ← ~p0:"},{"location":{"uri":"file://%3Cautogenerated%3E","range":{"start":{"line":1,"character":0},"end":{"line":1,"character":0}}},"message":"escflow:      from ~p0.M() (call parameter)"}]}
        """#

    static func log(_ text: String, source: String = "/out/json/flaws%2Fextra/extra.json") -> EscapeLog {
        EscapeLog(json: Array(text.utf8), source: source)
    }

    @Test func go119VariableRecordBecomesMovedToHeapWithItsFlow() throws {
        let log = Self.log(Self.example1Go119)
        #expect(log.unrecognizedLineCount == 0)
        #expect(log.diagnostics.count == 2)
        let inline = log.diagnostics[0]
        #expect(inline.kind == .cannotInline)
        #expect(inline.message == "unhandled op DCLTYPE")
        #expect((inline.line, inline.column) == (5, 6))
        let moved = log.diagnostics[1]
        #expect(moved.kind == .movedToHeap)
        #expect(moved.message == "i2 escapes to heap")
        #expect(moved.file == "/tmp/esc/src/example1/example1_test.go")
        #expect(moved.packagePath == "flaws/example1")
        #expect((moved.line, moved.column) == (16, 7))  // the same 1-based position as the -m text
        #expect(moved.flow == ["flow: {heap} = &i2:", "from &i2 (address-of)", "from x2.p = &i2 (assign)"])
        #expect(moved.function == nil)
    }

    @Test func go127UsesTheNewArrowAndCanInlineCost() throws {
        let log = Self.log(Self.example1Go127)
        #expect(log.diagnostics.map(\.kind) == [.canInline, .movedToHeap])
        #expect(log.diagnostics[0].message == "cost: 44")
        #expect(log.diagnostics[1].flow == ["flow: {heap} ← &i2:", "from &i2 (address-of)", "from x2.p = &i2 (assign)"])
    }

    @Test func codesMapToKindsAndBareEscapeDuplicatesAreDropped() {
        let log = Self.log(Self.extraGo127)
        #expect(log.unrecognizedLineCount == 0)
        let summary = log.diagnostics.map { "\($0.line):\($0.column) \($0.kind) \($0.message)" }
        #expect(summary == [
            "11:9 escapesToHeap &Point{...} escapes to heap",
            "14:11 leakingParam parameter ps leaks to {heap} with derefs=1",
            "15:15 escapesToHeap append(*out, ps[0]) escapes to heap",
            "15:24 other isInBounds",
            "25:6 movedToHeap big escapes to heap",
            "25:6 movedToHeap big escapes to heap",
            "48:6 escapesToHeap make([]go.shape.int, 0, len(xs)) escapes to heap",
            "64:12 cannotInline cannotInlineCall",
        ])
        #expect(log.diagnostics.allSatisfy { $0.file == "/tmp/esc/src/extra/extra.go" && $0.packagePath == "flaws/extra" })
        #expect(log.diagnostics[4].flow.last == "from sink = big[:] (assign)")
        #expect(log.diagnostics[5].flow.last == "from big (too large for stack)")
    }

    @Test func inlineLocationEntriesAreNotFlowSteps() throws {
        let log = Self.log(Self.extraGo127)
        let inlined = try #require(log.diagnostics.first { $0.line == 48 })
        #expect(inlined.flow.first == "flow: out ← &{storage for make([]go.shape.int, 0, len(xs))}:")
        #expect(inlined.flow.allSatisfy { $0.hasPrefix("flow: ") || $0.hasPrefix("from ") })
        #expect(inlined.flow.count == 7)
    }

    @Test func testMainAndAutogeneratedFilesKeepTheirNames() {
        let main = Self.log(Self.testMainGo127, source: "/out/json/main/_testmain.json")
        #expect(main.diagnostics.map(\.file) == ["_testmain.go", "_testmain.go", "_testmain.go"])
        #expect(main.diagnostics.map(\.packagePath) == ["main", "main", "main"])
        #expect(main.diagnostics.map(\.kind) == [.canInline, .cannotInline, .escapesToHeap])
        let auto = Self.log(Self.autogeneratedGo127, source: "/out/json/flaws%2Fextra/%3Cautogenerated%3E.json")
        #expect(auto.diagnostics.map(\.file) == ["<autogenerated>"])
        #expect(auto.diagnostics.map(\.kind) == [.leakingParam])
        #expect(auto.diagnostics.map(\.line) == [1])
        #expect(auto.diagnostics.map(\.column) == [0])
    }

    @Test func missingHeaderFallsBackToTheFileAndDirectoryNames() throws {
        let body = Self.extraGo127.split(separator: "\n").dropFirst().joined(separator: "\n")
        let log = Self.log(body, source: "/out/json/flaws%2Fextra/extra.json")
        let first = try #require(log.diagnostics.first)
        #expect(first.file == "extra.go")
        #expect(first.packagePath == "flaws/extra")
        #expect(log.unrecognizedLineCount == 0)
    }

    @Test func concatenatedFilesSwitchFileAtEachHeader() {
        let log = Self.log(Self.example1Go119 + "\n" + Self.extraGo127)
        #expect(Set(log.diagnostics.map(\.file)) == ["/tmp/esc/src/example1/example1_test.go", "/tmp/esc/src/extra/extra.go"])
        #expect(log.diagnostics.count == 10)
    }

    @Test func crlfLineEndsParseTheSame() {
        let crlf = Self.extraGo127.split(separator: "\n").joined(separator: "\r\n") + "\r\n"
        #expect(Self.log(crlf).diagnostics == Self.log(Self.extraGo127).diagnostics)
        #expect(Self.log(crlf).unrecognizedLineCount == 0)
    }

    @Test(arguments: [
        #"{"range":{"start":{"line":11,"character":9},"end":{"line":11,"#,  // truncated
        #"[1,2,3]"#,
        #"{"severity":3,"code":"escape","message":"x escapes to heap"}"#,  // no range
        #"{"range":{"start":{"line":"11","character":9}}}"#,  // line is a string
        #"{"range":{"start":{"line":1e300,"character":9}}}"#,  // absurd line
        #"{"range":{"start":{"line":-4,"character":9}}}"#,
        #"{"range":{"start":{"line":4}}} trailing"#,
        #"{"message":"\x"}"#,  // bad escape
        "not json at all",
    ])
    func damagedLinesAreCountedNotFatal(_ line: String) {
        let log = Self.log(Self.example1Go127 + "\n" + line + "\n")
        #expect(log.unrecognizedLineCount == 1)
        #expect(log.diagnostics.count == 2)
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let log = Self.log(Self.example1Go127 + "\n" + deep + "\n" + String(repeating: "{\"a\":", count: 50_000) + "\n")
        #expect(log.unrecognizedLineCount == 2)
        #expect(log.diagnostics.count == 2)
    }

    @Test func missingCharacterMeansColumnZeroAndStringsDecodeLossily() throws {
        let bytes = Array(#"{"range":{"start":{"line":7}},"code":"escape","message":"s\ud800 \u00e9 "#.utf8)
            + [0xFF, 0xFE] + Array(#" escapes to heap"}"#.utf8)
        let log = EscapeLog(json: bytes, source: "x.json")
        let d = try #require(log.diagnostics.first)
        #expect(d.line == 7)
        #expect(d.column == 0)
        #expect(d.message == "s\u{FFFD} é \u{FFFD}\u{FFFD} escapes to heap")
        #expect(d.kind == .escapesToHeap)
    }

    @Test func surrogatePairsDecode() throws {
        let log = Self.log(#"{"range":{"start":{"line":1,"character":1}},"code":"nilcheck","message":"\ud83d\ude00"}"#)
        #expect(log.diagnostics.first?.message == "😀")
        #expect(log.diagnostics.first?.kind == .other)
    }

    @Test(arguments: [
        ("escape", "x escapes to heap", [] as [String], EscapeDiagnostic.Kind.escapesToHeap),
        ("escape", "x escapes to heap", ["flow: {heap} ← &x:"], .movedToHeap),
        ("escapes", "buf escapes to heap", ["flow: {heap} = &buf:"], .movedToHeap),
        ("escape", "x escapes to heap", ["flow: {storage for ... argument} ← &{storage for x}:"], .escapesToHeap),
        ("escape", "moved to heap: x", [], .movedToHeap),
        ("leak", "parameter p leaks to {heap} with derefs=0", [], .leakingParam),
        ("canInlineFunction", "cost: 7", [], .canInline),
        ("cannotInlineFunction", "unhandled op DEFER", [], .cannotInline),
        ("cannotInlineCall", "bytes.(*Buffer).grow cannot be inlined", [], .cannotInline),
        ("inlineCall", "", [], .inliningCall),
        ("nilcheck", "", [], .other),
        ("iteration-variable-to-heap", "x", [], .other),
    ])
    func codesMapToKinds(code: String, message: String, flow: [String], kind: EscapeDiagnostic.Kind) {
        #expect(EscapeJSONParser.kind(code: code, message: message, flow: flow) == kind)
    }
}
