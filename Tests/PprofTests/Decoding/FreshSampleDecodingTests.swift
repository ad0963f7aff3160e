import Foundation
import Testing
@testable import PprofDecoding
@testable import PprofModel

/// The one-pass decoding of a runtime profile's samples stores what `decodeSample` stores, charges what it
/// charges and leaves it every sample of another shape, with its errors and offsets.
@Suite struct FreshSampleDecodingTests {
    /// A profile past the sharing window whose stacks never repeat, with locations between its samples: most
    /// samples of the usual shape, and among them samples the one-pass decoder must leave alone (long ids, many labels, unknown fields, unpacked or
    /// split location runs, a value count that changes late, long and negative values).
    static func profile(seed: UInt64, samples: Int = ProfileDecoder.sharingWindow + 6_000, valueCountChangesAt: Int? = nil) -> [UInt8] {
        var generator = SplitMix64(state: seed)
        func random(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
        var writer = ProtoWriter()
        writer.message(1) { $0.int(1, 1); $0.int(2, 2) }
        writer.message(1) { $0.int(1, 3); $0.int(2, 4) }
        for sample in 0..<samples {
            let shape = random(40)
            var ids = (0..<(1 + random(40))).map { _ in UInt64(1 + random(20_000)) }
            ids.append(UInt64(sample + 1))  // no stack repeats
            if shape == 0 { ids[0] = 1 << 28 + UInt64(random(1000)) }  // five bytes: a slot of its own
            if shape == 9 { ids[ids.count / 2] = 1 << 21 + UInt64(random(1 << 27)) }  // four bytes, still direct
            var values: [Int64] = [Int64(random(5)), Int64(random(1 << 20))]
            if shape == 1 { values[1] = -values[1] }
            if shape == 2 { values[1] = Int64(random(Int(Int32.max))) << 20 }
            if let change = valueCountChangesAt, sample >= change { values.append(7) }
            writer.message(2) { message in
                switch shape {
                case 3: for id in ids { message.uint(1, id) }  // unpacked
                case 4:  // two runs
                    message.packed(1, Array(ids.prefix(1)))
                    message.packed(1, Array(ids.dropFirst()))
                default: break
                }
                if shape == 5 { message.packed(2, values.map { UInt64(bitPattern: $0) }) }  // values first
                if shape != 3 && shape != 4 { message.packed(1, ids) }
                if shape != 5 { message.packed(2, values.map { UInt64(bitPattern: $0) }) }
                let labelCount = shape == 6 ? 5 : random(3)
                for _ in 0..<labelCount {
                    message.message(3) { label in
                        label.int(1, Int64(1 + random(8)))
                        if random(2) == 0 {
                            label.int(2, Int64(random(9)))
                        } else {
                            label.int(3, Int64(random(1 << 16)))
                            if random(2) == 0 { label.int(4, Int64(random(9))) }
                        }
                        if shape == 7 { label.int(9, 1) }  // an unknown label field
                    }
                }
                if shape == 8 { message.int(11, 3) }  // an unknown sample field
            }
            // The runtime writes a location before the first sample that uses it: samples come a few at a time.
            if random(3) == 0 { writer.message(4) { $0.uint(1, UInt64(1 << 27 + sample)) } }
        }
        for text in ["", "alloc_objects", "count", "alloc_space", "bytes", "k", "v", "w", "x"] { writer.string(6, text) }
        return writer.bytes
    }

    /// What a decoder stored, compared whole and described in brief when it differs.
    struct Decoded: Equatable, CustomStringConvertible {
        var references: [UInt32]
        /// Both paths widen the column at the same reference.
        var referencesAreWide: Bool
        var stackOffsets: [Int]
        var sampleStacks: [UInt32]
        var firstSampleOfStack: [UInt32]
        var values: [Int64]
        var rowOfStack: [Int32]
        var sampleCount: Int
        var labelRecords: [String]
        var slots: Int
        var charged: Int
        var error: ProfileError?

        var description: String {
            func digest<T: Hashable>(_ values: [T]) -> String { "\(values.count) #\(String(values.hashValue, radix: 16))" }
            return "references \(digest(references)), stacks \(digest(stackOffsets)), samples \(digest(sampleStacks)) "
                + "\(digest(firstSampleOfStack)), values \(digest(values)), rows \(digest(rowOfStack)) of \(sampleCount), records \(digest(labelRecords)), "
                + "slots \(slots), charged \(charged), error \(error.map { "\($0)" } ?? "none")"
        }
    }

    /// Decoded from memory, or (`chunk`) streamed a chunk at a time through the window, as a file is.
    static func decode(
        _ bytes: [UInt8], onePass: Bool, mergesSamples: Bool = true, ceiling: Int = .max, chunk: Int? = nil
    ) -> (Decoded, Int) {
        var decoder = ProfileDecoder(decodesLabels: false, mergesSamples: mergesSamples, decodedSizeCeiling: ceiling)
        decoder.decodesFreshSamplesInOnePass = onePass
        var failure: ProfileError?
        bytes.withUnsafeBytes { buffer in
            do throws(ProfileError) {
                if let chunk {
                    var offset = 0
                    _ = try decoder.decodeProfile(streamingFrom: { destination in
                        let count = min(chunk, destination.count, buffer.count - offset)
                        if count > 0, let base = destination.baseAddress, let source = buffer.baseAddress {
                            base.copyMemory(from: source + offset, byteCount: count)
                        }
                        offset += count
                        return count
                    })
                } else {
                    try decoder.decodeProfile(buffer)
                }
            } catch {
                failure = error
            }
        }
        let raw = decoder.raw
        let decoded = Decoded(
            references: Array(raw.sampleLocationReferences), referencesAreWide: raw.sampleLocationReferences.isWide, stackOffsets: raw.stackOffsets, sampleStacks: raw.sampleStacks,
            firstSampleOfStack: raw.firstSampleOfStack, values: raw.sampleValues, rowOfStack: decoder.rowOfStack,
            sampleCount: decoder.sampleCount,
            labelRecords: raw.labelIndexRecords.map { "\($0.sample) \($0.field) \($0.index)" },
            slots: Int(raw.locationIDs.count), charged: decoder.budget.used, error: failure)
        return (decoded, decoder.samplesDecodedInOnePass)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func onePassStoresWhatTheGeneralPathStores(seed: UInt64) {
        let bytes = Self.profile(seed: seed)
        let (general, none) = Self.decode(bytes, onePass: false)
        let (onePass, fast) = Self.decode(bytes, onePass: true)
        #expect(none == 0)
        // After the sharing window, all but the odd shapes (about a quarter of the samples).
        #expect(fast > 4_000)
        #expect(general.error == nil)
        #expect(onePass == general)
        let (unmerged, _) = Self.decode(bytes, onePass: true, mergesSamples: false)
        #expect(unmerged == Self.decode(bytes, onePass: false, mergesSamples: false).0)
        // Streamed in chunks that cut samples: a cut one is left for the probe, then decoded whole.
        let (streamed, streamedFast) = Self.decode(bytes, onePass: true, chunk: 997)
        #expect(streamedFast > 4_000)
        #expect(streamed == general)
    }

    @Test func aValueCountThatChangesLateIsLeftToTheGeneralPath() {
        let bytes = Self.profile(seed: 4, valueCountChangesAt: ProfileDecoder.sharingWindow + 3_000)
        let (general, _) = Self.decode(bytes, onePass: false)
        let (onePass, fast) = Self.decode(bytes, onePass: true)
        #expect(fast > 1_000)
        #expect(onePass == general)
    }

    /// Cut anywhere, or refused by a small budget, both paths stop at the same place with the same error.
    @Test func truncationsAndRefusalsAreTheGeneralPathsErrors() {
        let bytes = Self.profile(seed: 5, samples: ProfileDecoder.sharingWindow + 1_500)
        var generator = SplitMix64(state: 6)
        let tail = bytes.count * 3 / 4
        for _ in 0..<12 {
            let cut = Array(bytes.prefix(tail + Int(generator.next() % UInt64(bytes.count - tail))))
            let (general, _) = Self.decode(cut, onePass: false)
            let (onePass, _) = Self.decode(cut, onePass: true)
            #expect(general.error != nil)
            #expect(onePass == general)
            #expect(Self.decode(cut, onePass: true, chunk: 4_096).0 == Self.decode(cut, onePass: false, chunk: 4_096).0)
        }
        // Ceilings a few hundred bytes apart, past the sharing window: some fall between what a sample costs in
        // the end and what the general path charges it at its peak, where a charge of the end cost alone would
        // decide otherwise.
        let longer = Self.profile(seed: 7, samples: ProfileDecoder.sharingWindow + 6_000)
        let charged = Self.decode(longer, onePass: false).0.charged
        for step in 0..<16 {
            let ceiling = charged * 19 / 20 + step * 211
            let (general, _) = Self.decode(longer, onePass: false, ceiling: ceiling)
            let (onePass, _) = Self.decode(longer, onePass: true, ceiling: ceiling)
            #expect(general.error != nil)
            #expect(onePass == general)
        }
    }
}
