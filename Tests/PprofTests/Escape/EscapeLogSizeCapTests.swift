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

/// An escape log is read up to a cap, as a profile is: `/dev/zero`, an endless pipe or a huge file fails
/// in one line naming the file, in bounded time and memory.
@Suite("Escape log size cap")
struct EscapeLogSizeCapTests {
    static func capped(_ limit: Int) -> String {
        "log is larger than the limit of \(limit) bytes"
    }

    @Test func endlessDeviceStopsOneByteAfterTheCap() {
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: EscapeLogError(path: "/dev/zero", what: Self.capped(1 << 20), exceedsSizeLimit: true)) {
            try EscapeLog(contentsOf: "/dev/zero", maxSize: 1 << 20)
        }
        #expect(clock.now - start < .seconds(10))
    }

    @Test func regularFileOverTheCapFailsBeforeReading() throws {
        try EscapeLogReadingTests.withTemporaryDirectory { directory in
            let path = directory + "/escape.log"
            let line = "./x.go:3:6: moved to heap: i\n"
            try EscapeLogReadingTests.write(String(repeating: line, count: 1000), to: path)
            let size = line.utf8.count * 1000
            #expect(throws: EscapeLogError(path: path, what: Self.capped(size - 1), exceedsSizeLimit: true)) {
                try EscapeLog(contentsOf: path, maxSize: size - 1)
            }
            #expect(try EscapeLog(contentsOf: path, maxSize: size).diagnostics.count == 1000)
        }
    }

    @Test func directoryCountsAllItsFilesTogether() throws {
        try EscapeLogReadingTests.withTemporaryDirectory { directory in
            let file = EscapeLogReadingTests.header + "\n" + EscapeLogReadingTests.record + "\n"
            try EscapeLogReadingTests.write(file, to: directory + "/a/one.json")
            try EscapeLogReadingTests.write(file, to: directory + "/b/two.json")
            let size = file.utf8.count
            #expect(throws: EscapeLogError(path: directory + "/b/two.json", what: Self.capped(2 * size - 1), exceedsSizeLimit: true)) {
                try EscapeLog(contentsOf: directory, maxSize: 2 * size - 1)
            }
            #expect(try EscapeLog(contentsOf: directory, maxSize: 2 * size).diagnostics.count == 2)
        }
    }

    @Test func gzipLogOverTheCapSpeaksOfTheLog() throws {
        try EscapeLogReadingTests.withTemporaryDirectory { directory in
            let path = directory + "/escape.log.gz"
            let text = String(repeating: "./x.go:3:6: moved to heap: i\n", count: 10_000)
            try Data(systemGzip(Array(text.utf8))).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: EscapeLogError.self) { try EscapeLog(contentsOf: path, maxSize: 100_000) }
            #expect(error.path == path)
            #expect(error.what.hasPrefix("inflated log is larger than the limit of 100000 bytes at compressed byte offset "))
            #expect(!error.description.contains("profile"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func commandNamesTheLogOnceInOneLine() throws {
        let profile = CommandRunner.testdata.appendingPathComponent("seed/go1.27/example1/mem.out").path
        let result = try CommandRunner.run(["-max_inflated_size=1000000", "-escape", "/dev/zero", profile])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == "pprof-list: reading escape log /dev/zero: \(Self.capped(1_000_000)) (raise it with -max_inflated_size)\n")
    }

    @Test func commandReportsAMissingLogWithoutDoubledWords() throws {
        let profile = CommandRunner.testdata.appendingPathComponent("seed/go1.27/example1/mem.out").path
        let result = try CommandRunner.run(["-escape", "/nonexistent/escape.log", profile])
        #expect(result.status == 1)
        #expect(result.standardError == "pprof-list: reading escape log /nonexistent/escape.log: no such file or directory\n")
    }
}
