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

    /// The trailer is checked by the stream, not zlib: a flipped CRC byte and a flipped length byte in the
    /// second of two members, and a header CRC-16 that zlib still checks, each with zlib's words and offsets.
    @Test func trailerAndHeaderChecksKeepZlibsWordsAndOffsets() throws {
        let raw = TestProfile().encoded()
        let half = raw.count / 2
        let first = try systemGzip(Array(raw[..<half]))
        let second = try systemGzip(Array(raw[half...]))
        var badCRC = first + second
        badCRC[badCRC.count - 8] ^= 0x01
        #expect(throws: ProfileError.gzip(GzipError(.corrupt("incorrect data check"), at: badCRC.count - 4))) {
            try Profile(bytes: badCRC)
        }
        var badLength = first + second
        badLength[badLength.count - 2] ^= 0x01
        #expect(throws: ProfileError.gzip(GzipError(.corrupt("incorrect length check"), at: badLength.count))) {
            try Profile(bytes: badLength)
        }
        // FHCRC: the header's CRC-16 after the 10 fixed bytes; a wrong one is zlib's to find.
        var withHeaderCRC = Array(first.prefix(10)) + [0, 0] + Array(first.dropFirst(10))
        withHeaderCRC[3] |= 0x02
        let headerCRC = withHeaderCRC.prefix(10).withUnsafeBytes { GzipChecksum.zlibCRC(of: $0) }
        withHeaderCRC[10] = UInt8(truncatingIfNeeded: headerCRC)
        withHeaderCRC[11] = UInt8(truncatingIfNeeded: headerCRC >> 8)
        #expect(try Profile(bytes: withHeaderCRC + second).samples.count == 2)
        withHeaderCRC[11] ^= 0x01
        #expect(throws: ProfileError.gzip(GzipError(.corrupt("header crc mismatch"), at: 12))) {
            try Profile(bytes: withHeaderCRC + second)
        }
    }

    /// The folded CRC-32 is zlib's on every length to a few blocks past the fold's minimum, at every alignment
    /// of a word, and on a large buffer.
    @Test func foldedCRCIsZlibs() {
        var generator = SplitMix64(state: 17)
        let bytes = (0..<(1 << 20) + 40).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        func folded(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
            var checksum = GzipChecksum()
            checksum.add(bytes)
            return checksum.crc
        }
        bytes.withUnsafeBytes { all in
            for offset in 0..<8 {
                for length in 0..<300 {
                    let slice = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)])
                    #expect(folded(slice) == GzipChecksum.zlibCRC(of: slice))
                }
            }
            let large = UnsafeRawBufferPointer(rebasing: all[3..<all.count])
            #expect(folded(large) == GzipChecksum.zlibCRC(of: large))
            // Added in pieces of odd sizes, as the stream adds its chunks.
            var checksum = GzipChecksum()
            var start = 3
            for piece in [1, 63, 64, 65, 4097, 100_000] {
                checksum.add(UnsafeRawBufferPointer(rebasing: all[start..<(start + piece)]))
                start += piece
            }
            checksum.add(UnsafeRawBufferPointer(rebasing: all[start..<all.count]))
            #expect(checksum.crc == GzipChecksum.zlibCRC(of: large))
            #expect(checksum.length == UInt32(large.count))
        }
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
