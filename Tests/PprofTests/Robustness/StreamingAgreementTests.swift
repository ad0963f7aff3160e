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

/// Gzip'ed profiles are decoded while inflating, through a window of `ProfileDecoder.windowSize` bytes, with a
/// fallback that inflates everything when that fails; raw profiles are decoded from one buffer. Damaged
/// profiles placed so that the window's boundary falls inside their fields must load the same both ways: the
/// same error, or the same `-raw` text. (The fuzz target FuzzProfileStreaming does this with real deflate.)
extension Robustness {
    @Suite("Gzip streaming agrees with raw decoding")
    struct StreamingAgreementTests {
        /// The error, or the `-raw` text of the profile.
        static func outcome(_ bytes: [UInt8]) -> String {
            do {
                let profile = try Profile(bytes: bytes)
                var text = ""
                RawReport.write(profile, to: &text)
                return text
            } catch {
                return "error: \(error)"
            }
        }

        /// An unknown field (number 100) of zeros that ends `gap` bytes before the end of the first window.
        static func padding(gap: Int) -> [UInt8] {
            var writer = ProtoWriter()
            let length = ProfileDecoder.windowSize - gap - 5  // a 2-byte key and a 3-byte length
            writer.tag(100, 2)
            writer.varint(UInt64(length))
            return writer.bytes + [UInt8](repeating: 0, count: length)
        }

        @Test(arguments: [1, 2, 3, 7, 19, 64, 333, 1000])
        func damagedProfileAcrossTheWindowBoundary(_ gap: Int) throws {
            let raw = try MutationTests.inflated("seed/go1.27/example1/mem.out")
            let padding = Self.padding(gap: gap)
            var random = SplitMix64(state: UInt64(gap))
            var inputs = [raw, Array(raw[..<(raw.count / 2)]), Array(raw[..<gap])]
            for _ in 0..<6 {
                var damaged = raw
                damaged[Int.random(in: 0..<min(raw.count, gap + 64), using: &random)] ^= UInt8.random(in: 1...255, using: &random)
                inputs.append(damaged)
            }
            for (number, input) in inputs.enumerated() {
                let whole = padding + input
                let expected = Self.outcome(whole)
                #expect(Self.outcome(StoredGzip.member(whole)) == expected, "input \(number), gap \(gap): one member")
                let split = padding.count + input.count / 3
                let twoMembers = StoredGzip.member(Array(whole[..<split])) + StoredGzip.member(Array(whole[split...]))
                #expect(Self.outcome(twoMembers) == expected, "input \(number), gap \(gap): two members")
            }
        }

        @Test func fieldLargerThanTheWindow() throws {
            // A string of 600 KiB: the window must grow to hold the whole field.
            var profile = TestProfile()
            profile.strings.append(String(repeating: "x", count: 600 << 10))
            let raw = profile.encoded()
            let expected = Self.outcome(raw)
            #expect(!expected.hasPrefix("error"))
            #expect(Self.outcome(StoredGzip.member(raw)) == expected)
        }
    }
}

/// Gzip members whose deflate data is stored blocks (no compression): enough to feed the inflater any bytes.
enum StoredGzip {
    static func member(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        let crc = crc32(data)
        let size = UInt32(truncatingIfNeeded: data.count)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: size >> UInt32(shift))) }
        return out
    }

    static let table: [UInt32] = (0..<256).map { (index: UInt32) -> UInt32 in
        var value = index
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }
}
