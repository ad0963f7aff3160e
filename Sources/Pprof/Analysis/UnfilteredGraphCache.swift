import PprofModel
/// The first graph a node table builds without kept nodes, for the graphs after it: a graph with kept nodes
/// but no edges is that one masked (cum and flat of a kept node do not depend on which other nodes are kept),
/// so pprof's trimming rounds need no walk over the samples.
package final class UnfilteredGraphCache: @unchecked Sendable {
    // Unchecked: a report and its graphs run on one thread; the cache is never shared across threads.
    private var unfiltered: Unfiltered?

    package struct Unfiltered {
        package var valueIndex: Int
        package var divisorIndex: Int
        package var locationIndicesBase: UnsafeRawPointer?
        package var sampleCount: Int
        package var flat: [Int64]
        package var cum: [Int64]
        package var flatDivisor: [Int64]
        package var cumDivisor: [Int64]
        /// The stacks' weights of that walk, for the walks of later graphs (`-top`'s inline marks).
        package var weights: StackWeights
    }

    package func unfilteredGraph(for samples: SampleTable, valueIndex: Int, divisorIndex: Int) -> Unfiltered? {
        guard let unfiltered, unfiltered.valueIndex == valueIndex, unfiltered.divisorIndex == divisorIndex,
              unfiltered.sampleCount == samples.count,
              unfiltered.locationIndicesBase == Self.identity(of: samples) else { return nil }
        return unfiltered
    }

    package func keepUnfiltered(_ graph: Unfiltered) {
        if unfiltered == nil { unfiltered = graph }
    }

    package static func identity(of samples: SampleTable) -> UnsafeRawPointer? {
        samples.locationIndices.identity
    }
}
