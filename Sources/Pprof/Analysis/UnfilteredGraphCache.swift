/// The first graph a node table builds without kept nodes, for the graphs after it: a graph with kept nodes
/// but no edges is that one masked (cum and flat of a kept node do not depend on which other nodes are kept),
/// so pprof's trimming rounds need no walk over the samples.
final class UnfilteredGraphCache: @unchecked Sendable {
    // Unchecked: a report and its graphs run on one thread; the cache is never shared across threads.
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
}
