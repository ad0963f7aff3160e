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

/// Damaged or unrelated input is skipped line by line and counted; nothing traps on any byte sequence.
@Suite("Escape logs with damaged input")
struct EscapeDamagedInputTests {
    static let realLog = """
        # flaws/example1 [flaws/example1.test]
        ./example1_test.go:5:6: can inline BenchmarkAssignmentIndirect with cost 44 as: func(*testing.B) { for loop }
        ./example1_test.go:16:7: i2 escapes to heap in BenchmarkAssignmentIndirect:
        ./example1_test.go:16:7:   flow: {heap} ← &i2:
        ./example1_test.go:16:7:     from &i2 (address-of) at ./example1_test.go:18:10
        ./example1_test.go:16:7:     from x2.p = &i2 (assign) at ./example1_test.go:18:8
        ./example1_test.go:5:34: b does not escape
        ./example1_test.go:16:7: moved to heap: i2
        ./example1_test.go:11:9: &X{...} does not escape
        ./example1_test.go:17:9: &X{} does not escape

        """

    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Bytes {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func bytes(_ count: Int, from alphabet: [UInt8]? = nil) -> [UInt8] {
            (0..<count).map { _ in
                let r = next()
                guard let alphabet else { return UInt8(truncatingIfNeeded: r) }
                return alphabet[Int(r % UInt64(alphabet.count))]
            }
        }
    }

    @Test(arguments: 0..<20)
    func randomBytesNeverTrap(seed: Int) {
        var random = Bytes(state: UInt64(seed))
        let bytes = random.bytes(64 * 1024)
        let text = EscapeLog(text: bytes, source: "random")
        let json = EscapeLog(json: bytes, source: "random.json")
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
        #expect(text.unrecognizedLineCount + text.diagnostics.count <= lines)
        #expect(json.unrecognizedLineCount <= lines)
    }

    /// Random text made of the characters that matter to the parsers, so most paths get exercised.
    @Test(arguments: 0..<20)
    func randomLogLikeTextNeverTraps(seed: Int) {
        var random = Bytes(state: UInt64(seed) &+ 1000)
        let alphabet = Array("./x_test.go:0123456789 \t\n\r#&{}()[]\",:escapes to heap in moved flow from ← at\\u".utf8)
        let bytes = random.bytes(64 * 1024, from: alphabet)
        _ = EscapeLog(text: bytes, source: "log-like")
        _ = EscapeLog(json: bytes, source: "log-like.json")
        let mutated = Array(Self.realLog.utf8).map { byte -> UInt8 in
            random.next() % 16 == 0 ? alphabet[Int(random.next() % UInt64(alphabet.count))] : byte
        }
        let log = EscapeLog(text: mutated, source: "mutated")
        let lines = mutated.split(separator: 0x0A, omittingEmptySubsequences: false).count
        #expect(log.diagnostics.count + log.unrecognizedLineCount <= lines)
    }

    @Test func everyTruncationOfARealLogParsesItsCompleteLines() {
        let bytes = Array(Self.realLog.utf8)
        for cut in 0...bytes.count {
            let log = EscapeLog(text: Array(bytes[..<cut]), source: "cut")
            let lastNewline = bytes[..<cut].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let complete = EscapeLog(text: Array(bytes[..<lastNewline]), source: "complete")
            #expect((0...1).contains(log.diagnostics.count - complete.diagnostics.count))
            #expect((0...1).contains(log.unrecognizedLineCount - complete.unrecognizedLineCount))
            #expect(Array(log.diagnostics.prefix(max(0, complete.diagnostics.count - 1))) == Array(complete.diagnostics.dropLast()))
        }
    }

    @Test func oneMegabyteLineWithoutNewlineIsOneUnrecognizedLine() {
        let line = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        let log = EscapeLog(text: Array(Self.realLog.utf8) + line, source: "long")
        #expect(log.unrecognizedLineCount == 1)
        #expect(log.diagnostics.count == 6)

        let colons = [UInt8](repeating: UInt8(ascii: ":"), count: 1 << 20) + Array("12".utf8)
        let colonLog = EscapeLog(text: colons, source: "colons")
        #expect(colonLog.unrecognizedLineCount == 1)

        let json = EscapeLog(json: Array("{\"message\":\"".utf8) + line, source: "long.json")
        #expect(json.unrecognizedLineCount == 1)
    }

    @Test func oneMegabyteDiagnosticLineKeepsItsMessage() throws {
        let message = String(repeating: "a", count: 1 << 20)
        let log = EscapeLog(text: Array("./x.go:1:2: \(message) escapes to heap".utf8), source: "huge")
        let d = try #require(log.diagnostics.first)
        #expect(d.kind == .escapesToHeap)
        #expect(d.message.utf8.count == (1 << 20) + 16)
    }

    @Test func invalidUTF8IsDecodedLossily() throws {
        var bytes = Array("./x".utf8) + [0xFF, 0xC3] + Array(".go:3:4: moved to heap: ".utf8) + [0xE2, 0x82]
        bytes += Array("\n./y.go:1:1: \0 escapes to heap\n".utf8)
        let log = EscapeLog(text: bytes, source: "utf8")
        #expect(log.diagnostics.count == 2)
        let first = try #require(log.diagnostics.first)
        #expect(first.file == "x\u{FFFD}\u{FFFD}.go")
        #expect(first.message == "moved to heap: \u{FFFD}")
        #expect(log.diagnostics[1].message == "\0 escapes to heap")
    }

    @Test(arguments: [
        ":1:2: x", "a:", "a:1", "a:1:", "a:1:2", "a:1:2:", ":", "::::", "a::1: x", "a:1::2: x", "\r", "\r\r\n", "# ", "#",
        "a:1: ", "a:1:2:  ", "a:1:2: \t", "x.go:1:2: parameter p leaks to {", "x.go:1:2: parameter p leaks to {a for b",
        "x.go:1:2: can inline ", "x.go:1:2: cannot inline ", "x.go:1:2:  escapes to heap in :",
        "x.go:1:2: (* does not escape", "x.go:1:2: ( x does not escape", "x.go:1:2: (*T). x does not escape",
    ])
    func degenerateLinesNeverTrap(_ line: String) {
        let log = EscapeLog(text: Array(line.utf8), source: "edge")
        #expect(log.diagnostics.count + log.unrecognizedLineCount <= 2)
        _ = EscapeLog(text: Array((Self.realLog + line + "\n" + line).utf8), source: "edge")
    }

    @Test func emptyInputHasNothing() {
        let log = EscapeLog(text: [], source: "empty")
        #expect(log.diagnostics.isEmpty)
        #expect(log.unrecognizedLineCount == 0)
        #expect(EscapeLog(json: [], source: "empty.json").diagnostics.isEmpty)
    }
}
