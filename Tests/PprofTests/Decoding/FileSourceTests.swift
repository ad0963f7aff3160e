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

@Suite struct FileSourceTests {
    private static let original: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 ^ $0 >> 7) }

    /// Inflates `compressed` from a file through a `bufferSize` buffer, and from memory: the bytes or the
    /// error of each.
    private static func both(_ compressed: [UInt8], bufferSize: Int) throws -> (file: Result<[UInt8], GzipError>, memory: Result<[UInt8], GzipError>) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-source-\(UUID().uuidString)").path
        try Data(compressed).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        func drain(_ stream: GzipStream) -> Result<[UInt8], GzipError> {
            var output: [UInt8] = []
            let window = UnsafeMutableRawBufferPointer.allocate(byteCount: 7919, alignment: 1)
            defer { window.deallocate() }
            do {
                while true {
                    let count = try stream.read(into: window)
                    if count == 0 { return .success(output) }
                    output += window.prefix(count)
                }
            } catch {
                return .failure(error)
            }
        }
        guard let source = FileSource(path: path, bufferSize: bufferSize) else {
            Issue.record("cannot open \(path)")
            return (.success([]), .success([]))
        }
        let file = drain(try GzipStream(source: source, limit: 1 << 30))
        let memory = try compressed.withUnsafeBytes { drain(try GzipStream($0, limit: 1 << 30)) }
        return (file, memory)
    }

    @Test(arguments: [16, 1000, 256 << 10])
    func readsWhatMemoryReads(bufferSize: Int) throws {
        let compressed = try systemGzip(Self.original) + systemGzip(Array(Self.original.prefix(5000)))
        let (file, memory) = try Self.both(compressed, bufferSize: bufferSize)
        #expect(try file.get() == Self.original + Self.original.prefix(5000))
        #expect(try memory.get() == file.get())
    }

    @Test(arguments: [16, 4096])
    func failsWhereMemoryFails(bufferSize: Int) throws {
        let compressed = try systemGzip(Self.original)
        var flipped = compressed
        flipped[compressed.count / 2] ^= 0x40
        for damaged in [Array(compressed.prefix(compressed.count - 3)), compressed + [0x1f], compressed + [1, 2, 3], flipped] {
            let (file, memory) = try Self.both(damaged, bufferSize: bufferSize)
            guard case .failure(let expected) = memory else {
                Issue.record("a damaged stream inflated")
                continue
            }
            #expect(throws: expected) { try file.get() }
        }
    }
}
