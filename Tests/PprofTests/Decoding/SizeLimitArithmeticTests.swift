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

/// Size limits from a flag reach `Int.max` (`-max_inflated_size=9223372036854775807`) or, from a library
/// caller, zero and below: every path that sizes a buffer from them must compute without trapping.
@Suite struct SizeLimitArithmeticTests {
    static let extremeLimits = [Int.max, Int.max - 1, Int.max / 2 + 1, 0, -1, Int.min]

    @Test func saturatingSizesStopAtIntMax() {
        #expect(Int.max.saturatingSuccessor == .max)
        #expect((Int.max - 1).saturatingSuccessor == .max)
        #expect(41.saturatingSuccessor == 42)
        #expect((Int.max / 2 + 1).saturatingDoubled == .max)
        #expect((Int.max / 2).saturatingDoubled == Int.max - 1)
    }

    /// The inflated bytes, or nil when inflating failed.
    static func inflatedWhole(_ compressed: [UInt8], limit: Int) -> [UInt8]? {
        compressed.withUnsafeBytes { buffer -> [UInt8]? in
            do { return try Gunzip.inflate(buffer, limit: limit).withUnsafeBytes { Array($0) } } catch { return nil }
        }
    }

    /// The bytes one read of a `GzipStream` gives, or nil when it failed.
    static func inflatedStreaming(_ compressed: [UInt8], limit: Int, capacity: Int) -> [UInt8]? {
        compressed.withUnsafeBytes { buffer -> [UInt8]? in
            do {
                let stream = try GzipStream(buffer, limit: limit)
                var output = [UInt8](repeating: 0, count: capacity)
                let count = try output.withUnsafeMutableBytes { (target) throws(GzipError) -> Int in try stream.read(into: target) }
                return Array(output.prefix(count))
            } catch {
                return nil
            }
        }
    }

    @Test(arguments: extremeLimits)
    func wholeInflateTakesAnyLimit(limit: Int) throws {
        let raw = TestProfile().encoded()
        let inflated = Self.inflatedWhole(try systemGzip(raw), limit: limit)
        #expect(inflated == (limit >= raw.count ? raw : nil))
    }

    @Test(arguments: extremeLimits)
    func streamingInflateTakesAnyLimit(limit: Int) throws {
        let raw = TestProfile().encoded()
        let inflated = Self.inflatedStreaming(try systemGzip(raw), limit: limit, capacity: raw.count + 100)
        #expect(inflated == (limit >= raw.count ? raw : nil))
        #expect(Gunzip.sizeHint(trailer: [0xff, 0xff, 0xff, 0xff], compressedSize: Int.max, limit: limit) >= 0)
    }

    @Test(arguments: [Int.max, Int.max - 1])
    func profileLoadsWithTheLargestLimit(limit: Int) throws {
        let compressed = try systemGzip(TestProfile().encoded())
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-limit-\(getpid())-\(limit).pb.gz")
        try Data(compressed).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let options = LoadOptions(maxInflatedSize: limit)
        #expect(try Profile(bytes: compressed, options: options).samples.count == 2)
        #expect(try Profile(contentsOf: file.path, options: options).samples.count == 2)
        #expect(throws: Never.self) { _ = try FileReader.read(path: file.path, limit: limit) }
    }

    @Test func commandTakesTheLargestLimit() throws {
        let profile = CommandRunner.testdata.appendingPathComponent("seed/go1.27/example1/mem.out").path
        let result = try CommandRunner.run(["-top", "-max_inflated_size=9223372036854775807", profile])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        #expect(result.standardOutput.contains("flaws/example1.BenchmarkAssignmentIndirect"))
    }
}
