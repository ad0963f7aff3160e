import Foundation
import Testing
@testable import PprofDecoding
@testable import PprofLoading
@testable import PprofModel

/// The decoder's memory budget: what it allows, where it refuses and what it says, and that real profiles
/// stay well inside it.
@Suite struct DecodeBudgetTests {
    static let headroom = DecodeBudget.headroom
    static let ratio = DecodeBudget.ratio

    /// Raw profile bytes through a decoder with `ceiling`: the decoder after, and its error if any.
    static func decode(_ bytes: [UInt8], ceiling: Int, mergesSamples: Bool = false) -> (ProfileDecoder, ProfileError?) {
        var decoder = ProfileDecoder(decodesLabels: !mergesSamples, mergesSamples: mergesSamples, decodedSizeCeiling: ceiling)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        defer { buffer.deallocate() }
        buffer.copyBytes(from: bytes)
        do throws(ProfileError) {
            try decoder.decodeProfile(UnsafeRawBufferPointer(buffer))
        } catch {
            return (decoder, error)
        }
        return (decoder, nil)
    }

    @Test func chargesWithinTheHeadroomAreAllowedAtAnyOffset() {
        var budget = DecodeBudget(ceiling: .max)
        let allowed = budget.charge(Self.headroom, at: 0)
        #expect(allowed)
        #expect(budget.error == nil)
    }

    @Test func chargeBeyondTheRatioIsRefusedWithTheOffsetThatAsked() {
        var budget = DecodeBudget(ceiling: .max)
        let headroomAllowed = budget.charge(Self.headroom, at: 0)
        #expect(headroomAllowed)
        let ratioAllowed = budget.charge(Self.ratio * 1000, at: 1000)
        #expect(ratioAllowed)
        let oneMoreAllowed = budget.charge(1, at: 1000)
        #expect(!oneMoreAllowed)
        #expect(budget.error == .decodedTooLarge(limit: Self.ratio * 1000 + Self.headroom, bound: .inputRatio, offset: 1000))
    }

    @Test func refusalIsKeptForLaterCharges() {
        var budget = DecodeBudget(ceiling: .max)
        let allowed = budget.charge(Self.headroom + 1, at: 0)
        #expect(!allowed)
        let laterAllowed = budget.charge(1, at: 1 << 40)
        #expect(!laterAllowed)
        #expect(budget.error == .decodedTooLarge(limit: Self.headroom, bound: .inputRatio, offset: 0))
    }

    @Test func ceilingRefusesBeforeTheRatioDoes() {
        var budget = DecodeBudget(ceiling: 1 << 20)
        let ceilingAllowed = budget.charge(1 << 20, at: 1 << 30)
        #expect(ceilingAllowed)
        let oneMoreAllowed = budget.charge(1, at: 1 << 30)
        #expect(!oneMoreAllowed)
        #expect(budget.error == .decodedTooLarge(limit: 1 << 20, bound: .memoryLimit, offset: 1 << 30))
    }

    @Test func offsetsNearIntMaxDoNotOverflowTheRatio() {
        var budget = DecodeBudget(ceiling: .max)
        let allowed = budget.charge(Self.headroom + 1, at: .max)
        #expect(allowed)
        #expect(budget.error == nil)
    }

    @Test func refusalReadsAsOneLineWithTheBoundAndOffset() {
        let ratio = ProfileError.decodedTooLarge(limit: 80 << 20, bound: .inputRatio, offset: 38)
        #expect(ratio.description == "profile too large: decoded, it would take over 80 MiB of memory (more than 12 bytes per byte of profile read) at byte offset 38")
        let limit = ProfileError.decodedTooLarge(limit: 300 << 20, bound: .memoryLimit, offset: 7)
        #expect(limit.description == "profile too large: decoded, it would take over 300 MiB of memory (more than the process's memory limit leaves) at byte offset 7")
        #expect(!ratio.exceedsSizeLimit, "-max_inflated_size does not raise this bound")
    }

    @Test func profileOverMaxDecodedSizeIsRefusedForTheMemoryLimit() throws {
        let bytes = try ReportSmoke.bytes("seed/go1.27/example1/mem.out")
        var refusal: ProfileError?
        do {
            _ = try Profile(bytes: bytes, options: LoadOptions(maxDecodedSize: 10_000))
        } catch {
            refusal = error
        }
        guard case .decodedTooLarge(let limit, let bound, _) = refusal else {
            Issue.record("expected decodedTooLarge, got \(String(describing: refusal))")
            return
        }
        #expect(limit == 10_000 && bound == .memoryLimit)
        _ = try Profile(bytes: bytes, options: LoadOptions(maxDecodedSize: 64 << 20))
    }

    /// Ids past the direct range each take a slot of the id table (a dictionary entry): a packed run of
    /// distinct ones is charged for them before it is decoded, so the table cannot outgrow the budget.
    @Test func runOfDistinctHugeIDsIsRefusedBeforeItsTableGrows() throws {
        var writer = ProtoWriter()
        writer.message(2) { sample in
            sample.packed(1, (0..<100_000).map { UInt64(1) << 40 | UInt64($0) })
            sample.packed(2, [1])
        }
        // 600 KB of run: its references and scratch (9 bytes per byte) fit in 8 MiB, its 100,000 slots do not.
        let (decoder, refusal) = Self.decode(writer.bytes, ceiling: 8 << 20)
        #expect(refusal == .decodedTooLarge(limit: 8 << 20, bound: .memoryLimit, offset: 8), "the offset of the run")
        #expect(decoder.raw.locationIDs.count == 0, "no slot was made")
    }

    /// A sample added into the row of its stack (`-top`, `-list`) takes no memory: only new rows are charged.
    @Test func samplesMergedIntoARowAreNotCharged() {
        var writer = ProtoWriter()
        for _ in 0..<100_000 {
            writer.message(2) { sample in
                sample.packed(1, [1])
                sample.packed(2, [1])
            }
        }
        // 800 KB of samples: 2.2 MB of rows kept apart, one row merged.
        let (merged, mergedError) = Self.decode(writer.bytes, ceiling: 1 << 20, mergesSamples: true)
        #expect(mergedError == nil)
        #expect(merged.raw.sampleStacks.count == 1)
        let (_, apartError) = Self.decode(writer.bytes, ceiling: 1 << 20)
        guard case .decodedTooLarge(_, .memoryLimit, _) = apartError else {
            Issue.record("rows kept apart: \(String(describing: apartError))")
            return
        }
    }

    /// The calibration of `DecodeBudget.ratio`: real profiles, labels kept, are charged under 7.5 bytes per
    /// byte even when small and mostly locations and functions (large ones, mostly samples, 2 to 4.5).
    @Test(arguments: ["seed/go1.27/example1/mem.out", "seed/go1.19/example1/mem.out", "stdlib/go1.27/mem.out"])
    func realProfileIsChargedUnderTheRatio(_ file: String) throws {
        let inflated = try #require(SizeLimitArithmeticTests.inflatedWhole(try ReportSmoke.bytes(file), limit: 1 << 30))
        let (decoder, error) = Self.decode(inflated, ceiling: .max)
        let used = decoder.budget.used
        #expect(error == nil)
        #expect(used < inflated.count * 15 / 2, "\(used) bytes for \(inflated.count)")
        #expect(used > inflated.count, "every entity is charged")
    }
}
