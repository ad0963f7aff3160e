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

/// One diagnostic line and what it must parse to. Every `line` below was printed by a real compiler
/// (Go 1.19.8, Go 1.27.3, or — for the old form — quoted from the seed article and the golang/go issues).
struct LineForm: Sendable, CustomTestStringConvertible {
    var line: String
    var kind: EscapeDiagnostic.Kind
    var message: String
    var function: String? = nil
    var file: String
    var lineNumber: Int
    var column: Int

    var testDescription: String { line }

    func check() throws {
        let log = EscapeLog(text: Array(line.utf8), source: "table")
        #expect(log.unrecognizedLineCount == 0)
        let d = try #require(log.diagnostics.first)
        #expect(log.diagnostics.count == 1)
        #expect(d.kind == kind)
        #expect(d.message == message)
        #expect(d.function == function)
        #expect(d.file == file)
        #expect(d.line == lineNumber)
        #expect(d.column == column)
        #expect(d.flow.isEmpty)
        #expect(d.packagePath == nil)
    }
}

@Suite("Escape text line forms")
struct EscapeTextLineFormTests {
    static let go119: [LineForm] = [
        LineForm(line: "example1/example1_test.go:16:7: moved to heap: i2", kind: .movedToHeap,
                 message: "moved to heap: i2", file: "example1/example1_test.go", lineNumber: 16, column: 7),
        LineForm(line: "extra/extra.go:11:9: &Point{...} escapes to heap", kind: .escapesToHeap,
                 message: "&Point{...} escapes to heap", file: "extra/extra.go", lineNumber: 11, column: 9),
        LineForm(line: "extra/extra.go:30:11: make([]byte, n) escapes to heap", kind: .escapesToHeap,
                 message: "make([]byte, n) escapes to heap", file: "extra/extra.go", lineNumber: 30, column: 11),
        LineForm(line: "example2/example2_http_test.go:19:7: r escapes to heap:", kind: .escapesToHeap,
                 message: "r escapes to heap", file: "example2/example2_http_test.go", lineNumber: 19, column: 7),
        LineForm(line: "extra/extra.go:14:11: leaking param content: ps", kind: .leakingParamContent,
                 message: "leaking param content: ps", file: "extra/extra.go", lineNumber: 14, column: 11),
        LineForm(line: "example4/example4_test.go:30:10: leaking param: i", kind: .leakingParam,
                 message: "leaking param: i", file: "example4/example4_test.go", lineNumber: 30, column: 10),
        LineForm(line: "extra/extra.go:18:14: leaking param: p to result ~r0 level=1", kind: .leakingParam,
                 message: "leaking param: p to result ~r0 level=1", file: "extra/extra.go", lineNumber: 18, column: 14),
        LineForm(line: "example2/example2_http_test.go:27:35: parameter r leaks to {heap} with derefs=0:",
                 kind: .paramLeaks, message: "parameter r leaks to {heap} with derefs=0",
                 file: "example2/example2_http_test.go", lineNumber: 27, column: 35),
        LineForm(line: "example2/example2_http_test.go:26:18: parameter h leaks to {storage for func literal} with derefs=0:",
                 kind: .paramLeaks, message: "parameter h leaks to {storage for func literal} with derefs=0",
                 file: "example2/example2_http_test.go", lineNumber: 26, column: 18),
        LineForm(line: "extra/extra.go:35:14: ... argument does not escape", kind: .doesNotEscape,
                 message: "... argument does not escape", file: "extra/extra.go", lineNumber: 35, column: 14),
        LineForm(line: "extra/extra.go:57:26: func literal does not escape", kind: .doesNotEscape,
                 message: "func literal does not escape", file: "extra/extra.go", lineNumber: 57, column: 26),
        LineForm(line: "example3/example3_test.go:7:12: make(map[int]*int) does not escape", kind: .doesNotEscape,
                 message: "make(map[int]*int) does not escape", file: "example3/example3_test.go", lineNumber: 7, column: 12),
        LineForm(line: "extra/extra.go:10:6: can inline NewPoint", kind: .canInline,
                 message: "can inline NewPoint", function: "NewPoint", file: "extra/extra.go", lineNumber: 10, column: 6),
        LineForm(line: "extra/extra.go:10:6: can inline NewPoint with cost 7 as: func(int, int) *Point { return &Point{...} }",
                 kind: .canInline, message: "can inline NewPoint with cost 7 as: func(int, int) *Point { return &Point{...} }",
                 function: "NewPoint", file: "extra/extra.go", lineNumber: 10, column: 6),
        LineForm(line: "extra/extra.go:48:6: can inline Map[go.shape.int_0] with cost 80 as: func(uintptr, []go.shape.int_0, func(go.shape.int_0) go.shape.int_0) []go.shape.int_0 { out := make([]go.shape.int_0, 0, len(xs)); for loop; return out }",
                 kind: .canInline,
                 message: "can inline Map[go.shape.int_0] with cost 80 as: func(uintptr, []go.shape.int_0, func(go.shape.int_0) go.shape.int_0) []go.shape.int_0 { out := make([]go.shape.int_0, 0, len(xs)); for loop; return out }",
                 function: "Map[go.shape.int_0]", file: "extra/extra.go", lineNumber: 48, column: 6),
        LineForm(line: "extra/extra.go:60:6: cannot inline Rec: recursive", kind: .cannotInline,
                 message: "cannot inline Rec: recursive", function: "Rec", file: "extra/extra.go", lineNumber: 60, column: 6),
        LineForm(line: "example2/example2_http_test.go:26:6: cannot inline wrapHandler: function too complex: cost 84 exceeds budget 80",
                 kind: .cannotInline, message: "cannot inline wrapHandler: function too complex: cost 84 exceeds budget 80",
                 function: "wrapHandler", file: "example2/example2_http_test.go", lineNumber: 26, column: 6),
        LineForm(line: "example5/example5_test.go:12:16: inlining call to bytes.(*Buffer).Bytes", kind: .inliningCall,
                 message: "inlining call to bytes.(*Buffer).Bytes", file: "example5/example5_test.go", lineNumber: 12, column: 16),
        LineForm(line: "example4/example4_test.go:22:12: devirtualizing i2.Method to *X", kind: .devirtualizing,
                 message: "devirtualizing i2.Method to *X", file: "example4/example4_test.go", lineNumber: 22, column: 12),
        LineForm(line: "example2/example2_http_test.go:26:18: wrapHandler capturing by value: h (addr=false assign=false width=8)",
                 kind: .other, message: "wrapHandler capturing by value: h (addr=false assign=false width=8)",
                 function: "wrapHandler", file: "example2/example2_http_test.go", lineNumber: 26, column: 18),
        LineForm(line: "more/more.go:6:6: (*Buf).Shift ignoring self-assignment in b.b = b.b[1:]", kind: .other,
                 message: "(*Buf).Shift ignoring self-assignment in b.b = b.b[1:]", function: "(*Buf).Shift",
                 file: "more/more.go", lineNumber: 6, column: 6),
        LineForm(line: "<autogenerated>:1: inlining call to X.Method", kind: .inliningCall,
                 message: "inlining call to X.Method", file: "<autogenerated>", lineNumber: 1, column: 0),
        LineForm(line: "/tmp/go-build1124162038/b001/_testmain.go:45:42: testdeps.TestDeps{} escapes to heap",
                 kind: .escapesToHeap, message: "testdeps.TestDeps{} escapes to heap",
                 file: "/tmp/go-build1124162038/b001/_testmain.go", lineNumber: 45, column: 42),
        // -gcflags='-m -C': no columns.
        LineForm(line: "example1/example1_test.go:16: moved to heap: i2", kind: .movedToHeap,
                 message: "moved to heap: i2", file: "example1/example1_test.go", lineNumber: 16, column: 0),
    ]

    static let go127: [LineForm] = [
        LineForm(line: "./example1_test.go:16:7: i2 escapes to heap in BenchmarkAssignmentIndirect:", kind: .escapesToHeap,
                 message: "i2 escapes to heap in BenchmarkAssignmentIndirect", function: "BenchmarkAssignmentIndirect",
                 file: "example1_test.go", lineNumber: 16, column: 7),
        LineForm(line: "extra/extra.go:14:11: parameter ps leaks to {heap} for Keep with derefs=1:", kind: .paramLeaks,
                 message: "parameter ps leaks to {heap} for Keep with derefs=1", function: "Keep",
                 file: "extra/extra.go", lineNumber: 14, column: 11),
        LineForm(line: "./example2_http_test.go:26:18: parameter h leaks to {storage for func literal} for wrapHandler with derefs=0:",
                 kind: .paramLeaks, message: "parameter h leaks to {storage for func literal} for wrapHandler with derefs=0",
                 function: "wrapHandler", file: "example2_http_test.go", lineNumber: 26, column: 18),
        LineForm(line: "extra/extra.go:18:14: parameter p leaks to ~r0 for Content with derefs=1:", kind: .paramLeaks,
                 message: "parameter p leaks to ~r0 for Content with derefs=1", function: "Content",
                 file: "extra/extra.go", lineNumber: 18, column: 14),
        LineForm(line: "extra/extra.go:15:15: append escapes to heap", kind: .escapesToHeap,
                 message: "append escapes to heap", file: "extra/extra.go", lineNumber: 15, column: 15),
        LineForm(line: "extra/extra.go:49:13: make([]go.shape.int, 0, len(xs)) escapes to heap in Map[go.shape.int]:",
                 kind: .escapesToHeap, message: "make([]go.shape.int, 0, len(xs)) escapes to heap in Map[go.shape.int]",
                 function: "Map[go.shape.int]", file: "extra/extra.go", lineNumber: 49, column: 13),
        LineForm(line: "<autogenerated>:1: &reflect.ValueError{...} escapes to heap in struct { reflect.typ_ *internal/abi.Type; reflect.ptr unsafe.Pointer; reflect.flag }.reflect.mustBe:",
                 kind: .escapesToHeap,
                 message: "&reflect.ValueError{...} escapes to heap in struct { reflect.typ_ *internal/abi.Type; reflect.ptr unsafe.Pointer; reflect.flag }.reflect.mustBe",
                 function: "struct { reflect.typ_ *internal/abi.Type; reflect.ptr unsafe.Pointer; reflect.flag }.reflect.mustBe",
                 file: "<autogenerated>", lineNumber: 1, column: 0),
        LineForm(line: "extra/extra.go:35:18: x escapes to heap", kind: .escapesToHeap,
                 message: "x escapes to heap", file: "extra/extra.go", lineNumber: 35, column: 18),
        LineForm(line: "extra/extra.go:48:6: can inline Map[int] with cost 47 as: func([]int, func(int) int) []int { return Map[go.shape.int](&.dict.Map[int], xs, f) }",
                 kind: .canInline,
                 message: "can inline Map[int] with cost 47 as: func([]int, func(int) int) []int { return Map[go.shape.int](&.dict.Map[int], xs, f) }",
                 function: "Map[int]", file: "extra/extra.go", lineNumber: 48, column: 6),
        LineForm(line: "./demo_test.go:22:13: cannot inline Rec into BenchmarkRec: repeated recursive cycle", kind: .cannotInline,
                 message: "cannot inline Rec into BenchmarkRec: repeated recursive cycle", function: "BenchmarkRec",
                 file: "demo_test.go", lineNumber: 22, column: 13),
        LineForm(line: "_testmain.go:43:6: cannot inline main: function too complex: cost 187 exceeds budget 80", kind: .cannotInline,
                 message: "cannot inline main: function too complex: cost 187 exceeds budget 80", function: "main",
                 file: "_testmain.go", lineNumber: 43, column: 6),
        LineForm(line: "extra/extra.go:57:12: inlining call to Map[go.shape.int]", kind: .inliningCall,
                 message: "inlining call to Map[go.shape.int]", file: "extra/extra.go", lineNumber: 57, column: 12),
        LineForm(line: "extra/extra.go:45:5: devirtualizing i.M to T", kind: .devirtualizing,
                 message: "devirtualizing i.M to T", file: "extra/extra.go", lineNumber: 45, column: 5),
        LineForm(line: "more/more.go:25:27: ([]byte)(s) does not escape", kind: .doesNotEscape,
                 message: "([]byte)(s) does not escape", file: "more/more.go", lineNumber: 25, column: 27),
        LineForm(line: "more/more.go:25:27: zero-copy string->[]byte conversion", kind: .other,
                 message: "zero-copy string->[]byte conversion", file: "more/more.go", lineNumber: 25, column: 27),
        LineForm(line: "more/more.go:23:12: s does not escape, mutate, or call", kind: .doesNotEscape,
                 message: "s does not escape, mutate, or call", file: "more/more.go", lineNumber: 23, column: 12),
        LineForm(line: "more/more.go:5:7: mutates param: b derefs=0", kind: .other,
                 message: "mutates param: b derefs=0", file: "more/more.go", lineNumber: 5, column: 7),
        LineForm(line: "example.com/escape/extra/leaks/leaks.go:14:6: moved to heap: p", kind: .movedToHeap,
                 message: "moved to heap: p", file: "example.com/escape/extra/leaks/leaks.go", lineNumber: 14, column: 6),
    ]

    /// Pre-Go-1.13 (`gc/esc.go`) lines: the seed article, its gotraining sources, golang/go#16300.
    static let oldForm: [LineForm] = [
        LineForm(line: "./example1_test.go:18:10: &i2 escapes to heap", kind: .escapesToHeap,
                 message: "&i2 escapes to heap", file: "example1_test.go", lineNumber: 18, column: 10),
        LineForm(line: "./example1_test.go:12:7: BenchmarkAssignmentIndirect &i1 does not escape", kind: .doesNotEscape,
                 message: "BenchmarkAssignmentIndirect &i1 does not escape", function: "BenchmarkAssignmentIndirect",
                 file: "example1_test.go", lineNumber: 12, column: 7),
        LineForm(line: "./example3_test.go:7:12: BenchmarkSliceMapAssignment make(map[int]*int) does not escape",
                 kind: .doesNotEscape, message: "BenchmarkSliceMapAssignment make(map[int]*int) does not escape",
                 function: "BenchmarkSliceMapAssignment", file: "example3_test.go", lineNumber: 7, column: 12),
        LineForm(line: "escape_analysis/main.go:9: main ... argument does not escape", kind: .doesNotEscape,
                 message: "main ... argument does not escape", function: "main",
                 file: "escape_analysis/main.go", lineNumber: 9, column: 0),
        LineForm(line: "escape_analysis/main.go:9: s escapes to heap", kind: .escapesToHeap,
                 message: "s escapes to heap", file: "escape_analysis/main.go", lineNumber: 9, column: 0),
        LineForm(line: "./buffer.go:170:46: leaking param content: p", kind: .leakingParamContent,
                 message: "leaking param content: p", file: "buffer.go", lineNumber: 170, column: 46),
        LineForm(line: "./example1_test.go:5:37: BenchmarkAssignmentIndirect b does not escape", kind: .doesNotEscape,
                 message: "BenchmarkAssignmentIndirect b does not escape", function: "BenchmarkAssignmentIndirect",
                 file: "example1_test.go", lineNumber: 5, column: 37),
        // Bill Kennedy's "Language Mechanics On Escape Analysis" (go build -gcflags "-m -m" list.go, Go 1.9 era).
        LineForm(line: "./list.go:27:6: can inline createUserV2 as: func() *user { u := user literal; println(\"V2\", &u); return &u }",
                 kind: .canInline, message: "can inline createUserV2 as: func() *user { u := user literal; println(\"V2\", &u); return &u }",
                 function: "createUserV2", file: "list.go", lineNumber: 27, column: 6),
        LineForm(line: "./list.go:9:20: inlining call to createUserV1 func() user { u := user literal; println(\"V1\", &u); return u }",
                 kind: .inliningCall, message: "inlining call to createUserV1 func() user { u := user literal; println(\"V1\", &u); return u }",
                 file: "list.go", lineNumber: 9, column: 20),
        LineForm(line: "./list.go:22:16: createUserV1 &u does not escape", kind: .doesNotEscape,
                 message: "createUserV1 &u does not escape", function: "createUserV1", file: "list.go", lineNumber: 22, column: 16),
        LineForm(line: "./slice_esc.go:4:11: main make([]byte, 1, 1 * 1024) does not escape", kind: .doesNotEscape,
                 message: "main make([]byte, 1, 1 * 1024) does not escape", function: "main",
                 file: "slice_esc.go", lineNumber: 4, column: 11),
    ]

    @Test("Go 1.19 lines", arguments: go119)
    func go119LineParses(_ form: LineForm) throws { try form.check() }

    @Test("Go 1.27 lines", arguments: go127)
    func go127LineParses(_ form: LineForm) throws { try form.check() }

    @Test("pre-1.13 lines", arguments: oldForm)
    func oldFormLineParses(_ form: LineForm) throws { try form.check() }

    /// Lines built from the old `esc.go` format strings (`%v %S does not escape` with a method name,
    /// `%v is too large for stack` at -m=3): no captured output of these was found.
    @Test(arguments: [
        ("./x.go:7:6: (*T).M t does not escape", EscapeDiagnostic.Kind.doesNotEscape, "(*T).M" as String?),
        ("./x.go:9:2: glob..func1 &v does not escape", .doesNotEscape, "glob..func1"),
        ("./x.go:12:6: big is too large for stack", .tooLarge, nil),
    ])
    func oldFormatStringShapesParse(line: String, kind: EscapeDiagnostic.Kind, function: String?) throws {
        let log = EscapeLog(text: Array(line.utf8), source: "t")
        let d = try #require(log.diagnostics.first)
        #expect(d.kind == kind)
        #expect(d.function == function)
    }

    @Test func binaryExpressionIsNotMistakenForOldFormFunction() throws {
        let log = EscapeLog(text: Array("./x.go:4:11: a + b does not escape\n".utf8), source: "t")
        let d = try #require(log.diagnostics.first)
        #expect(d.function == nil)
    }

    @Test func stringLiteralContainingThePhraseStillParsesAsEscape() throws {
        let log = EscapeLog(text: Array("./x.go:4:14: \"x escapes to heap\" escapes to heap\n".utf8), source: "t")
        let d = try #require(log.diagnostics.first)
        #expect(d.kind == .escapesToHeap)
        #expect(d.message == "\"x escapes to heap\" escapes to heap")
    }

    @Test func windowsDrivePathKeepsItsColon() throws {
        let log = EscapeLog(text: Array("C:\\Users\\u\\x\\leaks.go:14:6: moved to heap: p\r\n".utf8), source: "t")
        let d = try #require(log.diagnostics.first)
        #expect(d.file == "C:\\Users\\u\\x\\leaks.go")
        #expect(d.line == 14)
        #expect(d.column == 6)
        #expect(d.message == "moved to heap: p")
    }

    @Test func relativePathsKeepEverythingButALeadingDotSlash() {
        let text = """
            ./a.go:1:1: moved to heap: a
            ../leaks/leaks.go:14:6: moved to heap: b
            extra/leaks/leaks.go:14:6: moved to heap: c
            /home/u/src/extra/leaks/leaks.go:14:6: moved to heap: d
            $WORK/b001/_testmain.go:45:24: moved to heap: e
            """
        let log = EscapeLog(text: Array(text.utf8), source: "t")
        #expect(log.diagnostics.map(\.file) == [
            "a.go", "../leaks/leaks.go", "extra/leaks/leaks.go", "/home/u/src/extra/leaks/leaks.go", "$WORK/b001/_testmain.go",
        ])
        #expect(log.unrecognizedLineCount == 0)
    }

    /// A run of more than nine digits is never a line or column: it stays part of the file name (which may
    /// contain colons) or makes the line unrecognized.
    @Test func positionNumbersLongerThanNineDigitsAreNotPositions() {
        let log = EscapeLog(text: Array("./x.go:1234567890:3: moved to heap: x\n./x.go:3:99999999999: moved to heap: y\n".utf8), source: "t")
        #expect(log.diagnostics.map(\.file) == ["x.go:1234567890"])
        #expect(log.diagnostics.map(\.line) == [3])
        #expect(log.diagnostics.map(\.column) == [0])
        #expect(log.unrecognizedLineCount == 1)
    }
}
