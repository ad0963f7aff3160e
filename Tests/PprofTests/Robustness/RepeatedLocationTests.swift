import Foundation
import Testing
@testable import PprofAnalysis
@testable import PprofDecoding
@testable import PprofModel
@testable import PprofReports

extension Robustness {
    /// A 2 KB gzip file can hold a location of tens of thousands of inlined lines and a stack that repeats it as
    /// often: every walk that opened the location's frames at each repeat took time quadratic in the file
    /// (-top -lines 2.5 s at 20,000, -peek 22 s and the default report 26 s at 80,000).
    @Suite("A stack repeating a location of many lines", .serialized, .timeLimit(.minutes(3)))
    struct RepeatedLocationTests {
        static let size = 60_000

        static let profile: URL = {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("repeated-location-\(getpid()).pb")
            try? Data(encoded(size: size)).write(to: url)
            return url
        }()

        /// One location of `size` inlined lines of main.f, and one sample whose stack is that location `size` times.
        static func encoded(size: Int) -> [UInt8] {
            var writer = ProtoWriter()
            writer.message(1) { $0.int(1, 1); $0.int(2, 2) }  // sample_type alloc_space/bytes
            writer.message(2) { sample in
                sample.packed(1, [UInt64](repeating: 1, count: size))
                sample.int(2, 4096)
            }
            writer.message(4) { location in
                location.uint(1, 1)
                for line in 1...size { location.message(4) { $0.uint(1, 1); $0.int(2, Int64(line)) } }
            }
            writer.message(5) { $0.uint(1, 1); $0.int(2, 3); $0.int(4, 4) }  // main.f in /src/f.go
            for string in ["", "alloc_space", "bytes", "main.f", "/src/f.go"] { writer.string(6, string) }
            return writer.bytes
        }

        @Test(arguments: [
            (["-top"], "main.f"), (["-top", "-lines"], "main.f /src/f.go:60000"), (["-list", "main.f"], "ROUTINE ======================== main.f"),
            (["-peek", "main.f"], "main.f"), (["-json", "-top", "-lines"], "\"function\""),
        ])
        func reportsStayLinear(arguments: [String], expected: String) throws {
            let result = try LinearTimeTests.timed(arguments.joined(separator: " ")) {
                try CommandRunner.run(arguments + [Self.profile.path])
            }
            #expect(result.status == 0)
            #expect(result.standardOutput.contains(expected))
        }

        /// -traces prints every frame of every sample, as pprof does (size² lines here), but in pieces: it held a
        /// sample's whole trace and took 24 GB before its first byte at 20,000.
        @Test func tracesAreWrittenInPieces() throws {
            let size = 1_000
            let profile = try Profile(bytes: Self.encoded(size: size))
            let report = TracesReport(profile: profile, options: ReportOptions(selection: try SampleSelection(profile: profile, requested: nil)))
            var sink = PieceSizes()
            report.write(to: &sink)
            #expect(sink.lines == size * size + report.headerLines.count + 2)
            #expect(sink.largest < 1 << 17)
        }

        struct PieceSizes: TextOutputStream {
            var largest = 0
            var lines = 0
            mutating func write(_ string: String) {
                largest = max(largest, string.utf8.count)
                lines += string.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            }
        }

        @Test func hotPackagesOfTheDefaultReportStayLinear() throws {
            // -escape=auto looks for the hot functions' packages along each stack before compiling anything.
            let result = try LinearTimeTests.timed("the default report with -escape=auto") {
                try CommandRunner.run([Self.profile.path], environment: ["PPROF_LIST_ESCAPE": "auto"])
            }
            #expect(result.standardError.contains("none of the profile's source files is in a Go module"))
        }
    }
}
