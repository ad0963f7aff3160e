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

@Suite struct InflatePipelineTests {
    /// Several chunks of poorly compressible bytes, so the producer runs ahead and the reader waits in turn.
    private static let original: [UInt8] = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<(3 << 20) + 12_345).map { index in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return index % 7 == 0 ? UInt8(truncatingIfNeeded: state >> 56) : UInt8(index % 251)
        }
    }()

    /// Reads the whole stream through windows of `window` bytes.
    private static func readAll(_ compressed: [UInt8], window: Int, chunkSize: Int) throws -> [UInt8] {
        try compressed.withUnsafeBytes { input -> [UInt8] in
            let pipeline = InflatePipeline(try GzipStream(input, limit: 1 << 30), chunkSize: chunkSize) { _ in }
            pipeline.start()
            defer { pipeline.stop() }
            var output: [UInt8] = []
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: window, alignment: 1)
            defer { buffer.deallocate() }
            while true {
                let count = try pipeline.read(into: buffer)
                if count == 0 { return output }
                output += buffer.prefix(count)
            }
        }
    }

    @Test(arguments: [(1, 1 << 20), (4093, 65_536), (1 << 20, 1 << 20), (3 << 20, 100_003)])
    func readsTheSameBytesAsInflatingAtOnce(window: Int, chunkSize: Int) throws {
        let compressed = try systemGzip(Self.original)
        // One-byte windows over a 3 MiB stream are slow in debug builds: a prefix stands for them.
        let input = window == 1 ? try systemGzip(Array(Self.original.prefix(70_000))) : compressed
        let expected = window == 1 ? Array(Self.original.prefix(70_000)) : Self.original
        #expect(try Self.readAll(input, window: window, chunkSize: chunkSize) == expected)
    }

    @Test func aDamagedStreamFailsWhereWholeInflateFails() throws {
        var compressed = try systemGzip(Self.original)
        compressed.removeLast(compressed.count / 2)
        let whole = compressed.withUnsafeBytes { input in Result { () throws(GzipError) in try Gunzip.inflate(input, limit: 1 << 30) } }
        guard case .failure(let expected) = whole else {
            Issue.record("a truncated stream inflated")
            return
        }
        #expect(throws: expected) { try Self.readAll(compressed, window: 1 << 16, chunkSize: 1 << 18) }
    }

    @Test func stoppingEarlyReleasesTheProducer() throws {
        let compressed = try systemGzip(Self.original)
        var consumedCalls = 0
        try compressed.withUnsafeBytes { input in
            let counter = Counter()
            let pipeline = InflatePipeline(try GzipStream(input, limit: 1 << 30), chunkCount: 2, chunkSize: 1 << 16) { _ in
                counter.increment()
            }
            pipeline.start()
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1000, alignment: 1)
            defer { buffer.deallocate() }
            #expect(try pipeline.read(into: buffer) == 1000)
            #expect(Array(buffer) == Array(Self.original.prefix(1000)))
            pipeline.stop()
            consumedCalls = counter.value
        }
        // The producer stopped after at most the two chunks it could fill and one more it had started.
        #expect(consumedCalls >= 1 && consumedCalls <= 3)
    }
}

private final class Counter: @unchecked Sendable {
    // Unchecked: incremented on the producer thread only, read after `stop()` has joined it.
    private(set) var value = 0
    func increment() { value += 1 }
}
