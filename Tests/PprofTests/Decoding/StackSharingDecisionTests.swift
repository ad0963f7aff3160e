import Testing
@testable import PprofDecoding
@testable import PprofModel

/// Whether the decoder keeps sharing stacks after `sharingWindow` samples: it stops only where stacks do not
/// repeat, and the samples come out the same either way.
@Suite struct StackSharingDecisionTests {
    /// `stackCount` stacks, each sampled `samplesPerStack` times, in a shuffled order: the way a heap profile
    /// of many stacks repeats them (one sample per stack and allocation size).
    static func shuffled(stackCount: Int, samplesPerStack: Int, seed: UInt64) -> [Int] {
        var generator = SplitMix64(state: seed)
        var order = (0..<stackCount * samplesPerStack).map { $0 % stackCount }
        for index in order.indices.reversed() where index > 0 {
            order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        return order
    }

    /// One sample for each entry of `stacks`, on the stack of that number.
    static func profile(stacks: [Int]) -> [UInt8] {
        var writer = ProtoWriter()
        writer.message(1) { $0.int(1, 1); $0.int(2, 2) }
        for stack in stacks {
            writer.message(2) { message in
                message.packed(1, [UInt64(stack + 1), UInt64(stack % 7 + 1), 3])
                message.packed(2, [UInt64(stack % 5 + 1)])
            }
        }
        for text in ["", "alloc_space", "bytes"] { writer.string(6, text) }
        return writer.bytes
    }

    static func decoder(for bytes: [UInt8]) throws -> ProfileDecoder {
        var decoder = ProfileDecoder(decodesLabels: false, mergesSamples: false)
        try bytes.withUnsafeBytes { buffer in try decoder.decodeProfile(buffer) }
        return decoder
    }

    @Test func repeatedStacksStayShared() throws {
        // 12,288 stacks sampled four times each: 85% of the first 4,096 samples bring a new stack, which the
        // early check lets pass; 55% of the first 16,384, where sharing stays.
        let stackCount = ProfileDecoder.earlySharingCheck * 3
        let stacks = Self.shuffled(stackCount: stackCount, samplesPerStack: 4, seed: 1)
        let decoder = try Self.decoder(for: Self.profile(stacks: stacks))
        #expect(decoder.sharesPackedStacks)
        #expect(decoder.raw.stackOffsets.count - 1 == stackCount)
        #expect(decoder.samplesDecodedInOnePass == 0)
    }

    @Test func stacksThatNeverRepeatStopSharingAtTheEarlyCheck() throws {
        let bytes = Self.profile(stacks: Array(0..<(ProfileDecoder.earlySharingCheck + 2_000)))
        let decoder = try Self.decoder(for: bytes)
        #expect(!decoder.sharesPackedStacks)
        // Decided when the sample after the first 4,096 is filed: the 1,999 after it are read in one pass.
        #expect(decoder.samplesDecodedInOnePass == 1_999)
        try Self.expectSameSamples(decoder, bytes)
    }

    @Test func stacksThatRarelyRepeatStopSharingAtTheWindow() throws {
        // Every tenth sample repeats the stack before it: 90% new stacks, under the early check's 31 in 32 and
        // over the window's four in five.
        let stacks = (0..<(ProfileDecoder.sharingWindow + 3_000)).map { $0 % 10 == 9 ? $0 - 1 : $0 }
        let bytes = Self.profile(stacks: stacks)
        let decoder = try Self.decoder(for: bytes)
        #expect(!decoder.sharesPackedStacks)
        #expect(decoder.samplesDecodedInOnePass == 3_000 - 1)
        try Self.expectSameSamples(decoder, bytes)
    }

    /// The samples a decoder that never stops sharing stores, stack for stack: sharing decides what is stored
    /// once, not what the samples are.
    static func expectSameSamples(_ decoder: ProfileDecoder, _ bytes: [UInt8]) throws {
        var sharing = ProfileDecoder(decodesLabels: false, mergesSamples: false)
        sharing.nextSharingCheck = .max
        try bytes.withUnsafeBytes { buffer in try sharing.decodeProfile(buffer) }
        #expect(sharing.sharesPackedStacks)
        let raw = decoder.raw, shared = sharing.raw
        func stack(_ raw: RawProfile, ofSample sample: Int) -> [UInt32] {
            let stack = Int(raw.sampleStacks[sample])
            return Array(raw.sampleLocationReferences[raw.stackOffsets[stack]..<raw.stackOffsets[stack + 1]])
        }
        #expect(raw.sampleStacks.count == shared.sampleStacks.count)
        #expect(raw.sampleValues == shared.sampleValues)
        for sample in raw.sampleStacks.indices where stack(raw, ofSample: sample) != stack(shared, ofSample: sample) {
            Issue.record("sample \(sample): its stack differs")
            return
        }
    }
}
