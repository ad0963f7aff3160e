import PprofFormatting
import PprofModel
/// `-top`'s `(inline)` and `(partial-inline)` marks: for each node, which kinds of edge into it weigh at least
/// the edge cutoff (`inline` and `call` bits), as pprof's edges after `TrimLowFrequencyEdges` would say.
///
/// Most nodes are settled without a walk. Let node X be inlined in every location that holds it (never its
/// physical frame), with the next kept frame outward in the same location as its caller. Then every edge into X
/// is inline and comes from one of those callers. With no negative stack weight, each edge into X weighs at
/// most cum(X) (a sample counts an edge once, and only where X is), and together they weigh at least cum(X)
/// (each sample that holds X counts one of them). So below the cutoff, no edge survives; at `callers × cutoff`
/// or more, one does. Only the nodes in between, and those called from outside a location, need the edges.
package enum InlineMarks {
    package static let inline: UInt8 = 1
    package static let call: UInt8 = 2

    package static func find(
        samples: SampleTable, frames: LocationFrames, nodeCount: Int, weights: StackWeights, cum: [Int64],
        edgeCutoff: Int64, minimumStacksForThreads: Int = StackPartition.minimumStacks
    ) -> [UInt8] {
        var marks = [UInt8](repeating: 0, count: nodeCount)
        let candidates = Candidates(frames: frames, nodeCount: nodeCount)
        guard candidates.any else { return marks }
        var isCallee = candidates.isCallee
        if edgeCutoff >= 0 && !weights.weight.contains(where: { $0 < 0 }) {
            for node in 0..<nodeCount where isCallee[node] {
                let total = cum[node]
                if total < edgeCutoff {
                    isCallee[node] = false  // no edge into it survives
                    continue
                }
                guard candidates.isSettledByItsCallers[node] else { continue }
                let (least, overflow) = Int64(candidates.callerCount[node]).multipliedReportingOverflow(by: edgeCutoff)
                if total > 0 && !overflow && total >= least {
                    marks[node] = Self.inline
                    isCallee[node] = false
                }
            }
        }
        guard isCallee.contains(true) else { return marks }
        let edges = InlineEdges.find(
            samples: samples, frames: frames, nodeCount: nodeCount, weights: weights, callees: isCallee,
            minimumStacksForThreads: minimumStacksForThreads)
        for edge in edges where GoMath.absolute(edge.weight) >= edgeCutoff {
            marks[Int(edge.callee)] |= edge.inline ? Self.inline : Self.call
        }
        return marks
    }

    /// The nodes an edge into which may be inline (some location holds them as an inlined frame), and which of
    /// them are only ever called from within their locations, by how many different callers.
    private struct Candidates {
        var isCallee: [Bool]
        var any = false
        var isSettledByItsCallers: [Bool]
        var callerCount: [Int32]

        init(frames: LocationFrames, nodeCount: Int) {
            isCallee = [Bool](repeating: false, count: nodeCount)
            isSettledByItsCallers = [Bool](repeating: true, count: nodeCount)
            callerCount = [Int32](repeating: 0, count: nodeCount)
            var pairs = Set<UInt64>()
            let locationCount = max(frames.start.count - 1, 0)
            for location in 0..<locationCount {
                let first = Int(frames.start[location])
                let end = Int(frames.start[location + 1])
                for index in first..<end {
                    let frame = frames.nodes[index]
                    let node = Int(frame.node)
                    if frame.isOutermost {
                        isSettledByItsCallers[node] = false  // called from another location
                        continue
                    }
                    isCallee[node] = true
                    any = true
                    // Its caller is the next kept frame outward here, or (none kept here) in another location.
                    guard index > first, frames.nodes[index - 1].node != frame.node else {
                        isSettledByItsCallers[node] = false
                        continue
                    }
                    let pair = UInt64(UInt32(bitPattern: frames.nodes[index - 1].node)) << 32 | UInt64(UInt32(node))
                    if pairs.insert(pair).inserted { callerCount[node] &+= 1 }
                }
            }
        }
    }
}
