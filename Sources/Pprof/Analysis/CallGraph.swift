import PprofFormatting
import PprofModel
/// Flat and cumulative values per node, accumulated over all samples exactly as pprof's `graph.newGraph`:
/// cum once per distinct node per sample (so recursion counts once), flat to the innermost frame of the leaf
/// location, and lost when that frame is not kept.
public struct CallGraph: Sendable {
    public var flat: [Int64]
    public var cum: [Int64]
    /// Divisors for `-mean`; zero when not averaging.
    public var flatDivisor: [Int64]
    public var cumDivisor: [Int64]
    /// `-top`'s marks when requested (`InlineMarks`): per node, whether an inline edge, a call edge or both
    /// weigh at least the edge cutoff. Only nodes that some location holds as an inlined frame are marked, as
    /// an edge into any other node is never inline.
    public var inlineMarks: [UInt8] = []

    public struct Edge: Sendable {
        public var caller: Int32
        public var callee: Int32
        public var weight: Int64
        /// True while every contribution was a call inlined into the caller.
        public var inline: Bool
    }

    /// What a sample contributes: its selected value and, with `-mean`, the divisor (value 0).
    public struct ValueSelector: Sendable {
        public var index: Int
        public var meanDivisorIndex: Int?

        public init(index: Int, meanDivisorIndex: Int? = nil) {
            self.index = index
            self.meanDivisorIndex = meanDivisorIndex
        }
    }

    public init(profile: Profile, table: NodeTable, values selector: ValueSelector, kept: [Bool]? = nil, inlineMarksAbove edgeCutoff: Int64? = nil) {
        let nodeCount = table.count
        let samples = profile.samples
        let valueIndex = selector.index
        let divisorIndex = selector.meanDivisorIndex ?? -1
        // Each location's frames as the walk meets them (outermost first), without the frames that are not
        // kept, with `flatNode` the node that receives flat when the leaf is this location: only for a walk.
        var frames: LocationFrames?
        func locationFrames() -> LocationFrames {
            if let frames { return frames }
            let built = LocationFrames(table: table, kept: kept)
            frames = built
            return built
        }
        var weights: StackWeights?
        func stackWeights() -> StackWeights {
            if let weights { return weights }
            let computed = StackWeights(samples, valueIndex: valueIndex, divisorIndex: divisorIndex)
            weights = computed
            return computed
        }

        if let whole = table.graphCache.unfilteredGraph(for: samples, valueIndex: valueIndex, divisorIndex: divisorIndex),
           whole.flat.count == nodeCount, (kept?.count ?? nodeCount) >= nodeCount {
            weights = whole.weights
            // A kept node's flat and cum do not depend on which other nodes are kept.
            if let kept {
                flat = [Int64](repeating: 0, count: nodeCount)
                cum = flat
                flatDivisor = flat
                cumDivisor = flat
                for node in 0..<nodeCount where kept[node] {
                    flat[node] = whole.flat[node]
                    cum[node] = whole.cum[node]
                    flatDivisor[node] = whole.flatDivisor[node]
                    cumDivisor[node] = whole.cumDivisor[node]
                }
            } else {
                flat = whole.flat
                cum = whole.cum
                flatDivisor = whole.flatDivisor
                cumDivisor = whole.cumDivisor
            }
        } else {
            let totals = NodeTotals.walk(samples: samples, frames: locationFrames(), nodeCount: nodeCount, weights: stackWeights())
            flat = totals.flat
            cum = totals.cum
            flatDivisor = totals.flatDivisor
            cumDivisor = totals.cumDivisor
            if kept == nil {
                table.graphCache.keepUnfiltered(UnfilteredGraphCache.Unfiltered(
                    valueIndex: valueIndex, divisorIndex: divisorIndex,
                    locationIndicesBase: UnfilteredGraphCache.identity(of: samples), sampleCount: samples.count,
                    flat: flat, cum: cum, flatDivisor: flatDivisor, cumDivisor: cumDivisor, weights: stackWeights()))
            }
        }
        if let edgeCutoff {
            inlineMarks = InlineMarks.find(
                samples: samples, frames: locationFrames(), nodeCount: nodeCount, weights: stackWeights(), cum: cum,
                edgeCutoff: edgeCutoff)
        }
    }

    /// pprof's `FlatValue`: the mean when a divisor was accumulated.
    public func flatValue(_ node: Int) -> Int64 {
        flatDivisor[node] == 0 ? flat[node] : GoMath.divide(flat[node], flatDivisor[node])
    }

    public func cumValue(_ node: Int) -> Int64 {
        cumDivisor[node] == 0 ? cum[node] : GoMath.divide(cum[node], cumDivisor[node])
    }

    /// The nodes pprof keeps in a graph: any flat or cum, and not negative when `dropNegative`.
    public func presentNodes(dropNegative: Bool = false) -> [Int] {
        var nodes: [Int] = []
        for node in flat.indices where flat[node] != 0 || cum[node] != 0 {
            if dropNegative && isNegative(node) { continue }
            nodes.append(node)
        }
        return nodes
    }

    private func isNegative(_ node: Int) -> Bool {
        flat[node] != 0 ? flat[node] < 0 : cum[node] < 0
    }
}

/// The frames of every location that a graph walk visits: for location i, `nodes[start[i]..<start[i + 1]]`,
/// outermost (physical) frame first, innermost last, the frames whose node is not kept left out; and the node
/// that takes a sample's flat value when location i is its leaf: the innermost frame's, or -1 when that frame
/// is not kept (pprof then drops the flat value as residual).
package struct LocationFrames {
    package struct Frame {
        package var node: Int32
        /// The physical frame of its location: an edge into it is a real call, not an inlined one.
        package var isOutermost: Bool
    }

    package var start: [Int32]
    package var nodes: [Frame]
    package var flatNode: [Int32]
    /// The node of a location with exactly one kept frame, `noKeptFrame` for none, `severalKeptFrames` for
    /// more: one load instead of a range.
    package var singleNode: [Int32]
    package static let noKeptFrame: Int32 = -2
    package static let severalKeptFrames: Int32 = -1

    package init(table: NodeTable, kept: [Bool]?) {
        let locationCount = table.locationStart.count - 1
        start = [Int32](repeating: 0, count: locationCount + 1)
        nodes = []
        nodes.reserveCapacity(table.locationNodes.count)
        flatNode = [Int32](repeating: -1, count: locationCount)
        singleNode = [Int32](repeating: Self.severalKeptFrames, count: locationCount)
        for location in 0..<locationCount {
            let first = Int(table.locationStart[location])
            let end = Int(table.locationStart[location + 1])
            var frame = end
            while frame > first {
                frame -= 1
                let node = table.locationNodes[frame]
                if node < 0 { continue }  // a frame the table leaves out
                if let kept, !kept[Int(node)] { continue }
                nodes.append(Frame(node: node, isOutermost: frame == end - 1))
            }
            if end > first {
                let innermost = table.locationNodes[first]
                if innermost >= 0 && (kept.map({ $0[Int(innermost)] }) ?? true) { flatNode[location] = innermost }
            }
            start[location + 1] = Int32(truncatingIfNeeded: nodes.count)
            switch nodes.count - Int(start[location]) {
            case 0: singleNode[location] = Self.noKeptFrame
            case 1: if let only = nodes.last { singleNode[location] = only.node }
            default: break
            }
        }
    }
}
