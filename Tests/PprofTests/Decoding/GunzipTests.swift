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

@Suite struct GunzipTests {
    @Test func gzipProfileDecodesLikeTheRawOne() throws {
        let raw = TestProfile().encoded()
        let compressed = try systemGzip(raw)
        let fromRaw = try Profile(bytes: raw)
        let fromGzip = try Profile(bytes: compressed)
        #expect(fromRaw.samples.values == fromGzip.samples.values)
        #expect(fromRaw.functions == fromGzip.functions)
    }

    @Test func concatenatedMembersAreOneStream() throws {
        let raw = TestProfile().encoded()
        let half = raw.count / 2
        let members = try systemGzip(Array(raw[..<half])) + systemGzip(Array(raw[half...]))
        let profile = try Profile(bytes: members)
        #expect(profile.samples.count == 2)
    }

    @Test func truncatedGzipIsReportedAtTheEndOfInput() throws {
        let compressed = try systemGzip(TestProfile().encoded())
        let cut = Array(compressed.prefix(compressed.count - 6))
        #expect(throws: ProfileError.gzip(GzipError(.truncated, at: cut.count))) { try Profile(bytes: cut) }
    }

    @Test func corruptDeflateDataNamesZlibsReason() throws {
        var compressed = try systemGzip(TestProfile().encoded())
        compressed[compressed.count - 5] ^= 0xff  // inside the CRC-32/ISIZE trailer
        let error = try #require(throws: ProfileError.self) { try Profile(bytes: compressed) }
        guard case .gzip(let gzipError) = error, case .corrupt(let message) = gzipError.code else {
            Issue.record("expected corrupt gzip data, got \(error)")
            return
        }
        #expect(message.contains("incorrect"))
    }

    @Test func bytesAfterTheLastMemberAreRejected() throws {
        let compressed = try systemGzip(TestProfile().encoded()) + [0, 0, 0]
        #expect(throws: ProfileError.gzip(GzipError(.trailingGarbage, at: compressed.count - 3))) {
            try Profile(bytes: compressed)
        }
    }

    @Test func inflatedSizeIsCapped() throws {
        let bomb = try systemGzip([UInt8](repeating: 0, count: 3_000_000))
        let error = try #require(throws: ProfileError.self) {
            try Profile(bytes: bomb, options: LoadOptions(maxInflatedSize: 1_000_000))
        }
        guard case .gzip(let gzipError) = error, case .outputLimitExceeded(let limit) = gzipError.code else {
            Issue.record("expected the size cap, got \(error)")
            return
        }
        #expect(limit == 1_000_000)
        // The library says what happened; naming the flag that raises the cap is the command's business.
        #expect(error.exceedsSizeLimit)
        #expect(!error.description.contains("-max_inflated_size"))
    }
}
