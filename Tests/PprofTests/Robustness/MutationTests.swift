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
    /// Deterministic damage to real inputs: every cut (or a dense sample of cuts) and many byte changes, compressed
    /// and raw. Loading must succeed or throw a one-line `ProfileError`; whatever loads must render. A trap kills
    /// the test process: that is what this suite is for. The positions are fixed, so a failure replays.
    @Suite("Damaged real profiles and logs")
    struct MutationTests {
        static let profiles = [
            "seed/go1.27/example1/mem.out",
            "demo/go1.27/cpu.out",
            "demo/go1.19/mem.out",
            "stdlib/go1.27/mem.out",
        ]

        static let logs = [
            "seed/go1.27/example1/escape.log",
            "seed/go1.19/example3/escape.log",
            "seed/oldform/example4.log",
            "seed/go1.27/example2/json/flaws%2Fexample2/example2_http_test.json",
        ]

        /// Loads `bytes`; on success renders (fully when `thorough`). Returns whether it loaded.
        @discardableResult
        static func survive(_ bytes: [UInt8], thorough: Bool = false, what: @autoclosure () -> String) -> Bool {
            do {
                let profile = try Profile(bytes: bytes, options: LoadOptions(maxInflatedSize: 64 << 20))
                ReportSmoke.render(profile, thorough: thorough)
                return true
            } catch {
                let text = error.description
                if text.isEmpty || text.contains("\n") { Issue.record("\(what()): error is not one line: \(text)") }
                return false
            }
        }

        /// Offsets to cut at: all of them for small inputs, else every byte of the first and last 512 and a
        /// deterministic sample of `budget` offsets in between.
        static func cutOffsets(count: Int, budget: Int, seed: UInt64) -> [Int] {
            if count <= budget + 1024 { return Array(0..<count) }
            var offsets = Set(0..<min(512, count))
            offsets.formUnion(max(0, count - 512)..<count)
            var random = SplitMix64(state: seed)
            while offsets.count < budget + 1024 { offsets.insert(Int.random(in: 0..<count, using: &random)) }
            return offsets.sorted()
        }

        @Test(arguments: profiles)
        func cutCompressedProfileNeverTraps(_ path: String) throws {
            let compressed = try ReportSmoke.bytes(path)
            #expect(Self.survive(compressed, thorough: true, what: path), "the intact profile must load")
            // A cut gzip stream is always truncated, so these only inflate: cheap, so every offset.
            for cut in 0..<compressed.count {
                #expect(!Self.survive(Array(compressed[..<cut]), what: "\(path) cut at \(cut)"))
            }
        }

        @Test(arguments: profiles)
        func cutRawProfileNeverTraps(_ path: String) throws {
            let raw = try Self.inflated(path)
            var loaded = 0
            for cut in Self.cutOffsets(count: raw.count, budget: 800, seed: UInt64(raw.count)) {
                if Self.survive(Array(raw[..<cut]), what: "\(path) inflated, cut at \(cut)") { loaded += 1 }
            }
            // Go writes the string table last, so a cut profile rarely resolves; the few that do were rendered.
            #expect(loaded < raw.count)
        }

        @Test(arguments: profiles)
        func changedBytesNeverTrap(_ path: String) throws {
            let compressed = try ReportSmoke.bytes(path)
            let raw = try Self.inflated(path)
            var random = SplitMix64(state: 0x5EED ^ UInt64(raw.count))
            let changes: [UInt8] = [0x01, 0x80, 0xFF, 0x7F, 0x40]
            for round in 0..<300 {
                var damaged = raw
                let position = Int.random(in: 0..<raw.count, using: &random)
                if round % 4 == 3 {
                    damaged[position] = UInt8.random(in: 0...255, using: &random)
                } else {
                    damaged[position] ^= changes[round % changes.count]
                }
                if round % 5 == 4 {  // and a second change, elsewhere
                    damaged[Int.random(in: 0..<raw.count, using: &random)] ^= 0x80
                }
                Self.survive(damaged, thorough: round % 30 == 0, what: "\(path) inflated, byte \(position) changed")
            }
            for _ in 0..<150 {
                var damaged = compressed
                let position = Int.random(in: 0..<compressed.count, using: &random)
                damaged[position] ^= UInt8.random(in: 1...255, using: &random)
                Self.survive(damaged, what: "\(path), compressed byte \(position) changed")
            }
        }

        @Test(arguments: logs)
        func damagedEscapeLogNeverTraps(_ path: String) throws {
            let bytes = try ReportSmoke.bytes(path)
            let isJSON = path.hasSuffix(".json")
            func parse(_ input: [UInt8]) -> EscapeLog {
                isJSON ? EscapeLog(json: input, source: path) : EscapeLog(text: input, source: path)
            }
            let intact = parse(bytes)
            #expect(!intact.diagnostics.isEmpty)
            for cut in Self.cutOffsets(count: bytes.count, budget: 600, seed: UInt64(bytes.count)) {
                let log = parse(Array(bytes[..<cut]))
                #expect(log.diagnostics.count <= intact.diagnostics.count + 1)
                if cut % 64 == 0 { ReportSmoke.join([log, intact]) }
            }
            var random = SplitMix64(state: UInt64(bytes.count))
            let interesting: [UInt8] = Array(":\n\t ./0123456789{}[]\"\\,-#".utf8) + [0x00, 0x80, 0xC3, 0xFF]
            for round in 0..<600 {
                var damaged = bytes
                for _ in 0...(round % 3) {
                    let position = Int.random(in: 0..<bytes.count, using: &random)
                    damaged[position] = round % 2 == 0
                        ? interesting[Int.random(in: 0..<interesting.count, using: &random)]
                        : UInt8.random(in: 0...255, using: &random)
                }
                let log = parse(damaged)
                if round % 20 == 0 { ReportSmoke.join([log]) }
            }
        }

        static func inflated(_ path: String) throws -> [UInt8] {
            let compressed = try ReportSmoke.bytes(path)
            return try compressed.withUnsafeBytes { bytes in
                try Gunzip.inflate(bytes, limit: 64 << 20).withUnsafeBytes { Array($0) }
            }
        }
    }
}
