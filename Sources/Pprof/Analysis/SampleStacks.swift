/// The distinct location lists (stacks) of a profile's samples, for graphs built more than once per report.
///
/// The runtime writes one heap sample per stack and allocation size, so a stack recurs in many samples; a
/// graph pass then walks each distinct stack once with the summed values of its samples, which is what the
/// per-sample walk adds up (cum, flat and edges count once per sample, and a stack's samples all count the
/// same nodes and edges). Built lazily by the second graph of a report that walks the samples (`-top`
/// walks twice, `-list` once).
final class SampleStacks: @unchecked Sendable {
    // Unchecked: a report and its graphs run on one thread; the table is never shared across threads.
    private var graphCount = 0
    private var attempted = false
    private(set) var index: Index?
    /// The first graph without kept nodes: a graph with kept nodes but no edges is this one masked (cum and
    /// flat of a kept node do not depend on which other nodes are kept), so pprof's trimming rounds need no
    /// walk over the samples.
    private var unfiltered: Unfiltered?

    struct Unfiltered {
        var valueIndex: Int
        var divisorIndex: Int
        var locationIndicesBase: UnsafeRawPointer?
        var sampleCount: Int
        var flat: [Int64]
        var cum: [Int64]
        var flatDivisor: [Int64]
        var cumDivisor: [Int64]
    }

    func unfilteredGraph(for samples: SampleTable, valueIndex: Int, divisorIndex: Int) -> Unfiltered? {
        guard let unfiltered, unfiltered.valueIndex == valueIndex, unfiltered.divisorIndex == divisorIndex,
              unfiltered.sampleCount == samples.count,
              unfiltered.locationIndicesBase == Self.identity(of: samples) else { return nil }
        return unfiltered
    }

    func keepUnfiltered(_ graph: Unfiltered) {
        if unfiltered == nil { unfiltered = graph }
    }

    static func identity(of samples: SampleTable) -> UnsafeRawPointer? {
        samples.locationIndices.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    struct Index {
        /// `stackOfSample[i]` is the stack of sample i; stacks are numbered in order of first appearance.
        var stackOfSample: [UInt32]
        /// A sample with each stack: its locations are the stack's.
        var firstSample: [UInt32]
        /// Identity of the sample table this was built from.
        var locationIndicesBase: UnsafeRawPointer?
        var sampleCount: Int

        var stackCount: Int { firstSample.count }
    }

    /// The index for `samples` when it is worth having: from the second graph on, for profiles large enough.
    func index(for samples: SampleTable) -> Index? {
        graphCount += 1
        let base = Self.identity(of: samples)
        if let index {
            return index.locationIndicesBase == base && index.sampleCount == samples.count ? index : nil
        }
        guard !attempted, graphCount >= 2, samples.count >= 4096, samples.count < Int(UInt32.max) else { return nil }
        attempted = true
        index = Self.build(samples, base: base)
        return index
    }

    /// Stacks are found through an open-addressing table whose slots hold 40 bits of the stack's hash beside
    /// its number, so a probe rarely reads another sample's locations unless the stack is the same.
    private static func build(_ samples: SampleTable, base: UnsafeRawPointer?) -> Index? {
        let sampleCount = samples.count
        let numberLimit = (1 << 24) - 1
        var capacity = 1024
        while capacity < sampleCount + sampleCount / 2 { capacity &*= 2 }
        let mask = capacity &- 1
        var slots = [UInt64](repeating: 0, count: capacity)  // tag << 24 | stack + 1, zero when empty
        var stackOfSample = [UInt32](repeating: 0, count: sampleCount)
        var firstSample: [UInt32] = []
        var complete = true
        samples.locationIndices.withUnsafeBufferPointer { locations in
        samples.locationOffsets.withUnsafeBufferPointer { offsets in
        slots.withUnsafeMutableBufferPointer { slots in
            for sample in 0..<sampleCount {
                let start = offsets[sample], end = offsets[sample &+ 1]
                var hash: UInt64 = UInt64(truncatingIfNeeded: end &- start) &* 0x9E37_79B9_7F4A_7C15
                var position = start
                while position < end {
                    hash = (hash ^ UInt64(locations[position])) &* 0xBF58_476D_1CE4_E5B9
                    position &+= 1
                }
                hash = (hash ^ (hash &>> 31)) &* 0x94D0_49BB_1331_11EB
                hash ^= hash &>> 29
                let tag = hash &>> 24
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let stored = slots[slot]
                    if stored == 0 {
                        guard firstSample.count < numberLimit else {
                            complete = false
                            return
                        }
                        slots[slot] = tag &<< 24 | UInt64(firstSample.count &+ 1)
                        stackOfSample[sample] = UInt32(truncatingIfNeeded: firstSample.count)
                        firstSample.append(UInt32(truncatingIfNeeded: sample))
                        break
                    }
                    if stored &>> 24 == tag {
                        let stack = Int(stored & 0xFF_FFFF) &- 1
                        let other = Int(firstSample[stack])
                        let otherStart = offsets[other], otherEnd = offsets[other &+ 1]
                        if otherEnd &- otherStart == end &- start {
                            var same = true
                            var index = 0
                            while index < end &- start {
                                if locations[start &+ index] != locations[otherStart &+ index] { same = false; break }
                                index &+= 1
                            }
                            if same {
                                stackOfSample[sample] = UInt32(truncatingIfNeeded: stack)
                                break
                            }
                        }
                    }
                    slot = (slot &+ 1) & mask
                }
            }
        }}}
        guard complete else { return nil }
        return Index(stackOfSample: stackOfSample, firstSample: firstSample, locationIndicesBase: base, sampleCount: sampleCount)
    }
}
