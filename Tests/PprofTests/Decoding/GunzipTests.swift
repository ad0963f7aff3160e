import Foundation
import Testing
@testable import Pprof

/// Gzip bytes made by the system's gzip, so the tests do not depend on our own writer.
private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-gzip-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("data")
    try Data(bytes).write(to: input)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-n", "-1", input.path]
    try process.run()
    process.waitUntilExit()
    return try Array(Data(contentsOf: directory.appendingPathComponent("data.gz")))
}

@Suite struct GunzipTests {
    @Test func gzipProfileDecodesLikeTheRawOne() throws {
        let raw = TestProfile().encoded()
        let compressed = try gzip(raw)
        let fromRaw = try Profile(bytes: raw)
        let fromGzip = try Profile(bytes: compressed)
        #expect(fromRaw.samples.values == fromGzip.samples.values)
        #expect(fromRaw.functions == fromGzip.functions)
    }

    @Test func concatenatedMembersAreOneStream() throws {
        let raw = TestProfile().encoded()
        let half = raw.count / 2
        let members = try gzip(Array(raw[..<half])) + gzip(Array(raw[half...]))
        let profile = try Profile(bytes: members)
        #expect(profile.samples.count == 2)
    }

    @Test func truncatedGzipIsReportedAtTheEndOfInput() throws {
        let compressed = try gzip(TestProfile().encoded())
        let cut = Array(compressed.prefix(compressed.count - 6))
        #expect(throws: ProfileError.gzip(GzipError(.truncated, at: cut.count))) { try Profile(bytes: cut) }
    }

    @Test func corruptDeflateDataNamesZlibsReason() throws {
        var compressed = try gzip(TestProfile().encoded())
        compressed[compressed.count - 5] ^= 0xff  // inside the CRC-32/ISIZE trailer
        let error = try #require(throws: ProfileError.self) { try Profile(bytes: compressed) }
        guard case .gzip(let gzipError) = error, case .corrupt(let message) = gzipError.code else {
            Issue.record("expected corrupt gzip data, got \(error)")
            return
        }
        #expect(message.contains("incorrect"))
    }

    @Test func bytesAfterTheLastMemberAreRejected() throws {
        let compressed = try gzip(TestProfile().encoded()) + [0, 0, 0]
        #expect(throws: ProfileError.gzip(GzipError(.trailingGarbage, at: compressed.count - 3))) {
            try Profile(bytes: compressed)
        }
    }

    @Test func inflatedSizeIsCapped() throws {
        let bomb = try gzip([UInt8](repeating: 0, count: 3_000_000))
        let error = try #require(throws: ProfileError.self) {
            try Profile(bytes: bomb, options: LoadOptions(maxInflatedSize: 1_000_000))
        }
        guard case .gzip(let gzipError) = error, case .outputLimitExceeded(let limit) = gzipError.code else {
            Issue.record("expected the size cap, got \(error)")
            return
        }
        #expect(limit == 1_000_000)
        #expect(error.description.contains("-max_inflated_size"))
    }
}
