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

/// Source files are read as far as the lines asked for, split and stopped as pprof's `bufio.Scanner` does,
/// and a file that cannot be opened reports the reason of that open.
@Suite("Source reading", .serialized, .timeLimit(.minutes(2)))
struct SourceReaderTests {
    static func withFile(_ bytes: [UInt8], _ body: (String) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-source-\(UUID().uuidString).go").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    static func reader() -> SourceReader { SourceReader(searchPath: "/nonexistent", trimPath: "", locator: nil) }

    @Test func linesSplitAsBufioScanner() throws {
        try Self.withFile(Array("package p\r\n\nfunc f() {}\nlast".utf8)) { path in
            let reader = Self.reader()
            #expect(reader.line(path, 1) == "package p")
            #expect(reader.line(path, 2) == "")
            #expect(reader.line(path, 3) == "func f() {}")
            #expect(reader.line(path, 4) == "last")
            #expect(reader.line(path, 5) == nil)
            #expect(reader.line(path, 0) == nil)
            #expect(reader.error(for: path) == nil)
        }
    }

    @Test func readingStopsAtALineOf64KiB() throws {
        let longest = String(repeating: "x", count: 65535)
        let tooLong = String(repeating: "y", count: 65536)
        try Self.withFile(Array("a\n\(longest)\n\(tooLong)\nafter\n".utf8)) { path in
            let reader = Self.reader()
            #expect(reader.line(path, 2) == longest)
            #expect(reader.line(path, 3) == nil)
            #expect(reader.line(path, 4) == nil)
            #expect(reader.error(for: path) == nil)
        }
        #expect(SourceReader.scanLines(Array(tooLong.utf8)) == [])
        #expect(SourceReader.scanLines(Array(longest.utf8)) == [longest])
    }

    @Test func endlessDeviceGivesNoLinesAndNoError() {
        // pprof opens /dev/zero, its scanner fails on the first 64 KiB (no newline), and it lists no lines.
        let reader = Self.reader()
        #expect(reader.line("/dev/zero", 1) == nil)
        #expect(reader.error(for: "/dev/zero") == nil)
    }

    @Test func directoryOpensAndGivesNoLines() {
        let reader = Self.reader()
        #expect(reader.line("/tmp", 1) == nil)
        #expect(reader.error(for: "/tmp") == nil)
    }

    @Test func openFailureNamesItsOwnReason() {
        let reader = Self.reader()
        #expect(reader.line("/etc/passwd/x.go", 1) == nil)
        #expect(reader.error(for: "/etc/passwd/x.go") == "open /etc/passwd/x.go: not a directory")
        #expect(reader.error(for: "/missing/x.go") == "open /missing/x.go: no such file or directory")
    }

    @Test func everyLineOfALargeFileInTurnTakesLinearTime() throws {
        let lineCount = 400_000
        var text = ""
        text.reserveCapacity(lineCount * 24)
        for number in 1...lineCount { text += "\tx := \(number) // line\n" }
        try Self.withFile(Array(text.utf8)) { path in
            let reader = Self.reader()
            let clock = ContinuousClock()
            let start = clock.now
            var found = 0
            for number in 1...Int64(lineCount) where reader.line(path, number) != nil { found += 1 }
            #expect(found == lineCount)
            #expect(reader.line(path, Int64(lineCount) + 1) == nil)
            #expect(clock.now - start < .seconds(20), "reading \(lineCount) lines one by one took \(clock.now - start)")
        }
    }

    @Test func oneEarlyLineOfAHugeFileReadsOnlyTheStart() throws {
        // 200 MB of lines: reading all of it would take seconds and as much memory; line 3 needs one chunk.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-huge-\(UUID().uuidString).go").path
        guard let handle = fopen(path, "w") else { throw CocoaError(.fileWriteUnknown) }
        defer { unlink(path) }
        let line = Array(String(repeating: "y", count: 99).utf8) + [UInt8(ascii: "\n")]
        let block = [UInt8]((0..<10_000).flatMap { _ in line })
        for _ in 0..<200 { _ = block.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) } }
        fclose(handle)
        let reader = Self.reader()
        let clock = ContinuousClock()
        let start = clock.now
        #expect(reader.line(path, 3) == String(repeating: "y", count: 99))
        #expect(clock.now - start < .milliseconds(500))
    }

    /// Reading a chunk at a time, line by line, gives what splitting the whole file at once gives, wherever
    /// the chunks end: in a CRLF, at a line of exactly 64 KiB, in a last unterminated line.
    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func chunkedReadingAgreesWithTheWholeFile(chunkSize: Int) throws {
        var generator = SplitMix(seed: UInt64(chunkSize))
        let pieces: [[UInt8]] = [
            Array("a".utf8), [], Array("\r".utf8), Array("\t\u{E9}x".utf8),
            [UInt8](repeating: UInt8(ascii: "z"), count: 65534), [UInt8](repeating: UInt8(ascii: "z"), count: 65535),
        ]
        for _ in 0..<12 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 12) {
                bytes += pieces[Int(generator.next() % UInt64(pieces.count))]
                if generator.next() % 4 != 0 { bytes += generator.next() % 3 == 0 ? [0x0D, 0x0A] : [0x0A] }
            }
            let expected = SourceReader.scanLines(bytes)
            try Self.withFile(bytes) { path in
                let reader = SourceReader(searchPath: "/nonexistent", trimPath: "", locator: nil, chunkSize: chunkSize)
                var got: [String] = []
                var number: Int64 = 1
                while let line = reader.line(path, number) {
                    got.append(line)
                    number += 1
                }
                #expect(got == expected, "chunk size \(chunkSize), \(bytes.count) bytes")
            }
        }
    }
}

/// A small deterministic generator, so a failing case replays.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
