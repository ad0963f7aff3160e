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

extension Robustness {
    /// Inputs shaped to make a careless decoder quadratic or make it allocate from a declared length. Each runs
    /// against a budget far above linear time (in a debug build, on a loaded machine) and far below what a
    /// quadratic algorithm needs at these sizes (hours), so the check does not flap.
    @Suite("Hostile shapes take linear time", .serialized, .timeLimit(.minutes(3)))
    struct LinearTimeTests {
        static let budget: Duration = .seconds(20)

        static func timed<T>(_ what: String, _ body: () throws -> T) rethrows -> T {
            let clock = ContinuousClock()
            let start = clock.now
            let result = try body()
            let elapsed = clock.now - start
            #expect(elapsed < budget, "\(what) took \(elapsed)")
            return result
        }

        /// The small valid profile of `TestProfile`, with `extra` bytes of fields appended.
        static func profile(appending extra: [UInt8]) -> [UInt8] { TestProfile().encoded() + extra }

        @Test func millionTinyUnknownFields() throws {
            var writer = ProtoWriter()
            for _ in 0..<1_000_000 { writer.uint(100, 0) }  // 3 bytes each
            let profile = try Self.timed("a million unknown fields") { try Profile(bytes: Self.profile(appending: writer.bytes)) }
            #expect(profile.samples.count == 2)
        }

        @Test func millionEmptyStrings() throws {
            let bytes = Self.profile(appending: [UInt8](repeating: 0, count: 2_000_000).enumerated().map { $0.offset % 2 == 0 ? 0x32 : 0x00 })
            let profile = try Self.timed("a million empty strings") { try Profile(bytes: bytes) }
            #expect(profile.functions.map(\.name) == ["main.f", "main.g"])
        }

        @Test func manySamplesOfOneValue() throws {
            var writer = ProtoWriter()
            let sample: [UInt8] = { var s = ProtoWriter(); s.uint(1, 1); s.int(2, 3); return s.bytes }()
            for _ in 0..<300_000 { writer.bytes(2, sample) }
            let profile = try Self.timed("300000 samples") { try Profile(bytes: Self.profile(appending: writer.bytes)) }
            #expect(profile.samples.count == 300_002)
            Self.timed("reports of 300000 samples") { _ = ReportSmoke.render(profile, thorough: false) }
        }

        @Test func sampleWithMillionLocations() throws {
            var writer = ProtoWriter()
            writer.message(2) { sample in
                sample.packed(1, (0..<1_000_000).map { UInt64($0 % 2 + 1) })
                sample.int(2, 7)
            }
            let profile = try Self.timed("a sample with a million locations") {
                try Profile(bytes: Self.profile(appending: writer.bytes))
            }
            #expect(profile.samples.locationRange(of: 2).count == 1_000_000)
            Self.timed("reports of a sample with a million locations") { _ = ReportSmoke.render(profile, thorough: false) }
        }

        @Test func sampleWithManyNumericLabelsOfOneKey() throws {
            // -raw pads each key's units to its values: once copied the unit list per label (quadratic).
            var writer = ProtoWriter()
            writer.message(2) { sample in
                sample.uint(1, 1)
                sample.int(2, 9)
                for number in 0..<100_000 {
                    sample.message(3) { label in
                        label.int(1, 3)
                        label.int(3, Int64(number))
                        if number % 3 != 0 { label.int(4, 2) }
                    }
                }
            }
            let profile = try Self.timed("a sample with 100000 numeric labels") {
                try Profile(bytes: Self.profile(appending: writer.bytes))
            }
            var sink = ReportSmoke.Sink()
            Self.timed("-raw of a sample with 100000 numeric labels") { RawReport.write(profile, to: &sink) }
            #expect(sink.count > 700_000)
        }

        @Test func manyLocationsWithSparseIDs() throws {
            var writer = ProtoWriter()
            for id in 1...200_000 {
                writer.message(4) { location in
                    location.uint(1, UInt64(id) * 1_000_003)  // sparse ids: past the decoder's dense table
                    location.message(4) { $0.uint(1, 1); $0.int(2, Int64(id)) }
                }
            }
            let profile = try Self.timed("200000 locations with sparse ids") {
                try Profile(bytes: Self.profile(appending: writer.bytes))
            }
            #expect(profile.locations.count == 200_002)
        }

        /// A long line of bytes that are not UTF-8 becomes a string in linear time (once quadratic: a 64 KiB
        /// source line took seconds and 2 GB under the fuzzer's sanitizer).
        @Test func aLongLineOfInvalidUTF8() {
            let bytes = [UInt8](repeating: 0xFF, count: 4 << 20)
            let text = Self.timed("4 MiB of bytes that are not UTF-8") { bytes.withUnsafeBytes { GoBytes.string($0) } }
            #expect(text.unicodeScalars.count == bytes.count)
        }

        /// 20000 `-m=2` blocks, 20000 `-m=1` lines and 20000 `moved to heap` lines at one position: choosing and
        /// merging the verdicts of a line is linear in them (summaries once searched per block: 353 s at 10000).
        @Test func verdictsOfOnePositionWithManyDiagnostics() throws {
            var text = "# flaws/example1\n"
            for index in 0..<20_000 {
                text += "./example1_test.go:16:7: v\(index) escapes to heap in BenchmarkAssignmentIndirect:\n"
                text += "./example1_test.go:16:7:   flow: {heap} ← &v\(index):\n"
                text += "./example1_test.go:16:7:     from &v\(index) (address-of) at ./example1_test.go:18:10\n"
            }
            for index in 0..<20_000 {
                text += "./example1_test.go:16:7: w\(index) escapes to heap\n./example1_test.go:16:7: moved to heap: m\(index)\n"
            }
            let path = CommandRunner.testdata.appendingPathComponent("seed/go1.27/example1/mem.out").path
            let profile = try Profile(contentsOf: path)
            let file = try #require(profile.functions.first { $0.name == "flaws/example1.BenchmarkAssignmentIndirect" }).filename
            let verdicts = try Self.timed("the verdicts of 60000 diagnostics at one position") {
                let log = EscapeLog(text: Array(text.utf8), source: "crafted")
                let join = VerdictJoin(join: EscapeJoin(index: EscapeIndex(logs: [log])), profile: profile)
                return join.verdicts(for: LineSite(function: "flaws/example1.BenchmarkAssignmentIndirect", file: file, line: 16))
            }
            #expect(verdicts.count == 60_000)
        }

        /// The default report's analysis over 40000 locations that all put the same line inlined into a different
        /// caller line: each site's callers are kept with a set, not searched per location (once 28 s).
        @Test func hotLinesOfOneLineWithManyInlineCallers() throws {
            var writer = ProtoWriter()
            for id in 100..<40_100 {
                writer.message(2) { $0.uint(1, UInt64(id)); $0.int(2, 5) }
                writer.message(4) { location in
                    location.uint(1, UInt64(id))
                    location.message(4) { $0.uint(1, 1); $0.int(2, 1) }
                    location.message(4) { $0.uint(1, 2); $0.int(2, Int64(id)) }
                }
            }
            let profile = try Profile(bytes: Self.profile(appending: writer.bytes))
            let selection = try SampleSelection(profile: profile, requested: nil)
            let hot = Self.timed("hot lines of one line with 40000 inline callers") {
                HotLines(profile: profile, selection: selection, join: nil, limit: 10)
            }
            #expect(hot.entries.first?.inlineCallers.count == 40_000)
        }

        @Test func hugeDeclaredLengthsAllocateNothing() {
            let lengths: [UInt64] = [1 << 31, 1 << 40, 1 << 62, UInt64.max >> 1, UInt64.max]
            for length in lengths {
                for field in [2, 6, 100] as [UInt64] {
                    var writer = ProtoWriter()
                    writer.tag(field, 2)
                    writer.varint(length)
                    writer.bytes += [1, 2, 3]
                    #expect(throws: ProfileError.self) { try Profile(bytes: writer.bytes) }
                }
                // Inside a sample: a packed run declaring more than is there.
                var writer = ProtoWriter()
                writer.tag(2, 2)
                writer.varint(8)
                writer.tag(1, 2)
                writer.varint(length)
                writer.bytes += [1, 2, 3, 4, 5]
                #expect(throws: ProfileError.self) { try Profile(bytes: writer.bytes) }
            }
        }

        @Test func gzipTrailerClaimingFourGigabytesAllocatesNothing() throws {
            var bytes = try ReportSmoke.bytes("seed/go1.27/example1/mem-defaultrate.out")
            bytes.replaceSubrange(bytes.count - 4..<bytes.count, with: [0xFF, 0xFF, 0xFF, 0xFF])
            #expect(throws: ProfileError.self) { try Profile(bytes: bytes) }
        }

        @Test func deeplyNestedMessagesAreSkippedWithoutRecursion() throws {
            // Unknown field 100 holding unknown field 100 holding … 100000 deep: skipped as bytes, never walked.
            var headers: [[UInt8]] = []
            var length = 0
            for _ in 0..<100_000 {
                var header = ProtoWriter()
                header.tag(100, 2)
                header.varint(UInt64(length))
                headers.append(header.bytes)
                length += header.bytes.count
            }
            let payload = Array(headers.reversed().joined())
            _ = try Self.timed("deeply nested unknown messages") { try Profile(bytes: Self.profile(appending: payload)) }
        }

        @Test(arguments: [
            ("no newline", Array(repeating: UInt8(ascii: "x"), count: 1_000_000)),
            ("colons", Array(String(repeating: "a:", count: 500_000).utf8)),
            ("colon digits", Array(String(repeating: ":1", count: 500_000).utf8)),
            ("positions", Array(("x.go" + String(repeating: ":1:2", count: 250_000)).utf8)),
            ("spaces", Array(("x.go:1:2:" + String(repeating: " ", count: 1_000_000)).utf8)),
            ("from at", Array(("x.go:1:2: from " + String(repeating: "( at ) at ", count: 100_000)).utf8)),
            ("indented", Array(("   " + String(repeating: "x.go:1:", count: 150_000)).utf8)),
            ("header", Array(("# " + String(repeating: "[ ", count: 500_000)).utf8)),
        ])
        func escapeLogWithOneEndlessLine(_ shape: String, _ line: [UInt8]) {
            let log = Self.timed("an endless \(shape) line") { EscapeLog(text: line, source: shape) }
            Self.timed("joining an endless \(shape) line") { ReportSmoke.join([log]) }
        }

        @Test(arguments: [
            ("string", Array(("{\"message\":\"" + String(repeating: "\\u00e9", count: 200_000) + "\"}").utf8)),
            ("array", Array(("{\"a\":[" + String(repeating: "1,", count: 300_000) + "1]}").utf8)),
            ("nesting", Array((String(repeating: "[", count: 1_000_000)).utf8)),
            ("numbers", Array(("{\"range\":{\"start\":{\"line\":" + String(repeating: "9", count: 1_000_000) + "}}}").utf8)),
            ("keys", Array(("{" + (0..<100_000).map { "\"k\($0)\":0" }.joined(separator: ",") + "}").utf8)),
        ])
        func jsonLogWithOneEndlessLine(_ shape: String, _ line: [UInt8]) {
            let log = Self.timed("an endless JSON \(shape) line") { EscapeLog(json: line, source: "/tmp/x/p/x.json") }
            Self.timed("joining an endless JSON \(shape) line") { ReportSmoke.join([log]) }
        }

        @Test func manyShortLogLines() {
            var text: [UInt8] = []
            for number in 0..<300_000 { text += Array("./x.go:\(number % 5000 + 1):2: moved to heap: v\n".utf8) }
            let log = Self.timed("300000 diagnostics") { EscapeLog(text: text, source: "many.log") }
            #expect(log.diagnostics.count == 300_000)
            Self.timed("indexing 300000 diagnostics") {
                let index = EscapeIndex(logs: [log])
                _ = index.diagnostics(file: "/b/x.go", line: 17)
            }
        }
    }
}
