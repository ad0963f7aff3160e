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

/// The seed article's five examples (pre-Go-1.13 `-m -m` output, with the TAB the compiler printed before
/// `from`): each stand-alone `moved to heap: x` must carry the reasons of the `&x escapes to heap` lines.
@Suite("Escape old-form moved-to-heap linking")
struct EscapeOldFormLinkingTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var log: String
        /// (line, column, variable) of each `moved to heap` and the flow it must end with.
        var moved: [(line: Int, column: Int, name: String, flow: [String])]
        var testDescription: String { name }
    }

    static let examples: [Example] = [
        Example(name: "example1", log: """
            # flaws
            ./example1_test.go:18:10: &i2 escapes to heap
            ./example1_test.go:18:10: \tfrom x2.p (star-dot-equals) at ./example1_test.go:18:8
            ./example1_test.go:16:7: moved to heap: i2
            ./example1_test.go:12:7: BenchmarkAssignmentIndirect &i1 does not escape
            """, moved: [
                (16, 7, "i2", ["from x2.p (star-dot-equals) at ./example1_test.go:18:8"]),
            ]),
        Example(name: "example2", log: """
            # flaws
            ./example2_test.go:13:5: &y2 escapes to heap
            ./example2_test.go:13:5: \tfrom (func literal)(&y2, 42) (parameter to indirect call) at ./example2_test.go:13:4
            ./example2_test.go:10:7: moved to heap: y2
            ./example2_test.go:17:5: &y3 escapes to heap
            ./example2_test.go:17:5: \tfrom p(&y3, 42) (parameter to indirect call) at ./example2_test.go:17:4
            ./example2_test.go:15:7: moved to heap: y3
            """, moved: [
                (10, 7, "y2", ["from (func literal)(&y2, 42) (parameter to indirect call) at ./example2_test.go:13:4"]),
                (15, 7, "y3", ["from p(&y3, 42) (parameter to indirect call) at ./example2_test.go:17:4"]),
            ]),
        Example(name: "example2_http", log: """
            # flaws
            ./example2_http_test.go:20:14: &r escapes to heap
            ./example2_http_test.go:20:14: \tfrom route(nil, &r) (parameter to indirect call) at ./example2_http_test.go:20:8
            ./example2_http_test.go:19:7: moved to heap: r
            """, moved: [
                (19, 7, "r", ["from route(nil, &r) (parameter to indirect call) at ./example2_http_test.go:20:8"]),
            ]),
        Example(name: "example3", log: """
            # flaws
            ./example3_test.go:9:10: &x1 escapes to heap
            ./example3_test.go:9:10: \tfrom m[0] (value of map put) at ./example3_test.go:9:8
            ./example3_test.go:8:7: moved to heap: x1
            ./example3_test.go:13:10: &x2 escapes to heap
            ./example3_test.go:13:10: \tfrom s[0] (slice-element-equals) at ./example3_test.go:13:8
            ./example3_test.go:12:7: moved to heap: x2
            ./example3_test.go:7:12: BenchmarkSliceMapAssignment make(map[int]*int) does not escape
            ./example3_test.go:11:12: BenchmarkSliceMapAssignment make([]*int, 1) does not escape
            """, moved: [
                (8, 7, "x1", ["from m[0] (value of map put) at ./example3_test.go:9:8"]),
                (12, 7, "x2", ["from s[0] (slice-element-equals) at ./example3_test.go:13:8"]),
            ]),
        Example(name: "example4", log: """
            # flaws
            ./example4_test.go:18:7: x1 escapes to heap
            ./example4_test.go:18:7: \tfrom i1 (assigned) at ./example4_test.go:18:7
            ./example4_test.go:18:7: \tfrom i1.Method() (receiver in indirect call) at ./example4_test.go:21:12
            ./example4_test.go:19:7: &x1 escapes to heap
            ./example4_test.go:19:7: \tfrom i2 (assigned) at ./example4_test.go:19:7
            ./example4_test.go:19:7: \tfrom i2.Method() (receiver in indirect call) at ./example4_test.go:22:12
            ./example4_test.go:19:18: &x1 escapes to heap
            ./example4_test.go:19:18: \tfrom &x1 (interface-converted) at ./example4_test.go:19:7
            ./example4_test.go:19:18: \tfrom i2 (assigned) at ./example4_test.go:19:7
            ./example4_test.go:19:18: \tfrom i2.Method() (receiver in indirect call) at ./example4_test.go:22:12
            ./example4_test.go:17:17: moved to heap: x1
            ./example4_test.go:25:6: x2 escapes to heap
            ./example4_test.go:25:6: \tfrom x2 (passed to call[argument escapes]) at ./example4_test.go:25:6
            ./example4_test.go:26:7: &x2 escapes to heap
            ./example4_test.go:26:7: \tfrom &x2 (passed to call[argument escapes]) at ./example4_test.go:26:6
            ./example4_test.go:26:7: &x2 escapes to heap
            ./example4_test.go:26:7: \tfrom &x2 (interface-converted) at ./example4_test.go:26:7
            ./example4_test.go:26:7: \tfrom &x2 (passed to call[argument escapes]) at ./example4_test.go:26:6
            ./example4_test.go:24:17: moved to heap: x2
            """, moved: [
                (17, 17, "x1", [
                    "from i2 (assigned) at ./example4_test.go:19:7",
                    "from i2.Method() (receiver in indirect call) at ./example4_test.go:22:12",
                    "from &x1 (interface-converted) at ./example4_test.go:19:7",
                ]),
                (24, 17, "x2", [
                    "from &x2 (passed to call[argument escapes]) at ./example4_test.go:26:6",
                    "from &x2 (interface-converted) at ./example4_test.go:26:7",
                ]),
            ]),
        Example(name: "example5", log: """
            # flaws
            ./example5_test.go:11:6: buf escapes to heap
            ./example5_test.go:11:6: \tfrom buf (passed to call[argument escapes]) at ./example5_test.go:11:12
            """, moved: []),
    ]

    @Test(arguments: examples)
    func movedToHeapCarriesTheReasonsOfItsAddressEscapes(_ example: Example) throws {
        let log = EscapeLog(text: Array(example.log.utf8), source: example.name)
        #expect(log.unrecognizedLineCount == 0)
        let moved = log.diagnostics.filter { $0.kind == .movedToHeap }
        #expect(moved.count == example.moved.count)
        for expected in example.moved {
            let d = try #require(moved.first { $0.line == expected.line && $0.column == expected.column })
            #expect(d.message == "moved to heap: \(expected.name)")
            #expect(d.flow == expected.flow)
            #expect(d.packagePath == "flaws")
        }
    }

    @Test(arguments: examples)
    func everyOldFormLineIsADiagnosticOrAReasonUnderIt(_ example: Example) {
        let log = EscapeLog(text: Array(example.log.utf8), source: example.name)
        let lines = example.log.split(separator: "\n").dropFirst()  // the header
        let reasons = lines.filter { $0.contains(": \tfrom ") }.count
        #expect(log.diagnostics.count == lines.count - reasons)
        #expect(log.diagnostics.reduce(0) { $0 + $1.flow.count } >= reasons)
        // Reasons stay under their own `escapes to heap` line too.
        for d in log.diagnostics where d.kind == .escapesToHeap {
            #expect(!d.flow.isEmpty)
            #expect(d.flow.allSatisfy { $0.hasPrefix("from ") && $0.contains(") at ./") })
        }
    }

    @Test func oldFormDoesNotEscapeLinesNameTheirFunction() throws {
        let log = EscapeLog(text: Array(Self.examples[3].log.utf8), source: "example3")
        let notEscaping = log.diagnostics.filter { $0.kind == .doesNotEscape }
        #expect(notEscaping.map(\.function) == ["BenchmarkSliceMapAssignment", "BenchmarkSliceMapAssignment"])
        #expect(notEscaping.map(\.message) == [
            "BenchmarkSliceMapAssignment make(map[int]*int) does not escape",
            "BenchmarkSliceMapAssignment make([]*int, 1) does not escape",
        ])
    }

    /// The article as published lost the TAB (one space after the position, or several spaces).
    @Test func reasonsWhoseIndentationWasLostStillAttach() throws {
        let text = """
            ./example2_test.go:18:10: &i2 escapes to heap
            ./example2_test.go:18:10: from x2.p (star-dot-equals) at ./example2_test.go:18:8
            ./example2_test.go:16:7: moved to heap: i2
            ./example2_test.go:12:7: BenchmarkAssignmentIndirect &i1 does not escape
            ./example2_test.go:13:5: &y2 escapes to heap
            ./example2_test.go:13:5:    from (func literal)(&y2, 42) (parameter to indirect call) at ./example2_test.go:13:4
            ./example2_test.go:10:7: moved to heap: y2
            """
        let log = EscapeLog(text: Array(text.utf8), source: "article")
        #expect(log.unrecognizedLineCount == 0)
        #expect(log.diagnostics.count == 5)
        let i2 = try #require(log.diagnostics.first { $0.message == "moved to heap: i2" })
        #expect(i2.flow == ["from x2.p (star-dot-equals) at ./example2_test.go:18:8"])
        let y2 = try #require(log.diagnostics.first { $0.message == "moved to heap: y2" })
        #expect(y2.flow == ["from (func literal)(&y2, 42) (parameter to indirect call) at ./example2_test.go:13:4"])
    }

    /// "Language Mechanics On Escape Analysis" (Go 1.9 era, `-m -m`): reasons indented with spaces, variables
    /// named `u` in two functions; only the one declared before the escaping `&u` gets its reason.
    @Test func addressEscapeLinksToTheNearestEarlierDeclaration() throws {
        let text = """
            # command-line-arguments
            ./list.go:16:6: can inline createUserV1 as: func() user { u := user literal; println("V1", &u); return u }
            ./list.go:27:6: can inline createUserV2 as: func() *user { u := user literal; println("V2", &u); return &u }
            ./list.go:8:6: can inline main as: func() { u1 := createUserV1(); u2 := createUserV2(); println("u1", &u1, "u2", &u2) }
            ./list.go:9:20: inlining call to createUserV1 func() user { u := user literal; println("V1", &u); return u }
            ./list.go:10:20: inlining call to createUserV2 func() *user { u := user literal; println("V2", &u); return &u }
            ./list.go:9:20: main &u does not escape
            ./list.go:10:20: main &u does not escape
            ./list.go:10:20: main &u does not escape
            ./list.go:12:16: main &u1 does not escape
            ./list.go:12:27: main &u2 does not escape
            ./list.go:22:16: createUserV1 &u does not escape
            ./list.go:34:9: &u escapes to heap
            ./list.go:34:9:         from ~r0 (return) at ./list.go:34:2
            ./list.go:31:2: moved to heap: u
            ./list.go:33:16: createUserV2 &u does not escape
            """
        let log = EscapeLog(text: Array(text.utf8), source: "list.go")
        #expect(log.unrecognizedLineCount == 0)
        #expect(log.diagnostics.count == 14)
        let moved = try #require(log.diagnostics.first { $0.kind == .movedToHeap })
        #expect(moved.line == 31)
        #expect(moved.flow == ["from ~r0 (return) at ./list.go:34:2"])
        #expect(moved.packagePath == "command-line-arguments")
        #expect(log.diagnostics.filter { $0.kind == .doesNotEscape }.map(\.function) == [
            "main", "main", "main", "main", "main", "createUserV1", "createUserV2",
        ])
    }

    @Test func sameNameInAnotherFunctionDeclaredLaterIsNotLinked() throws {
        // Constructed: two declarations of `v`; the use at line 9 belongs to the one at line 5.
        let text = """
            ./x.go:9:4: &v escapes to heap
            ./x.go:9:4: \tfrom sink (assigned to top level variable) at ./x.go:9:7
            ./x.go:5:6: moved to heap: v
            ./x.go:20:6: moved to heap: v
            ./x.go:22:9: &v escapes to heap
            ./x.go:22:9: \tfrom ~r0 (return) at ./x.go:22:2
            """
        let log = EscapeLog(text: Array(text.utf8), source: "x")
        let moved = log.diagnostics.filter { $0.kind == .movedToHeap }
        #expect(moved.map(\.flow) == [
            ["from sink (assigned to top level variable) at ./x.go:9:7"],
            ["from ~r0 (return) at ./x.go:22:2"],
        ])
    }

    @Test func newFormMovedToHeapIsLeftAsPrinted() throws {
        let text = """
            # flaws/example1 [flaws/example1.test]
            ./example1_test.go:16:7: i2 escapes to heap in BenchmarkAssignmentIndirect:
            ./example1_test.go:16:7:   flow: {heap} ← &i2:
            ./example1_test.go:16:7:     from &i2 (address-of) at ./example1_test.go:18:10
            ./example1_test.go:16:7:     from x2.p = &i2 (assign) at ./example1_test.go:18:8
            ./example1_test.go:5:34: b does not escape
            ./example1_test.go:16:7: moved to heap: i2
            """
        let log = EscapeLog(text: Array(text.utf8), source: "1.27")
        let moved = try #require(log.diagnostics.first { $0.kind == .movedToHeap })
        #expect(moved.flow.isEmpty)
    }
}
