import PprofModel
/// Flat and cum of every node of a graph, in one walk over the stacks: cum once per node per stack (stamped
/// with the stack's number, so recursion counts once without a set), flat to the leaf location's `flatNode`.
package struct NodeTotals {
    package var flat: [Int64]
    package var cum: [Int64]
    package var flatDivisor: [Int64]
    package var cumDivisor: [Int64]

    /// From how many kept frames a location met again in a stack is skipped: fewer are cheaper to walk again
    /// than to stamp (most locations of a `-list` graph have none, and stamping them cost 4% of `-list`).
    package static let framesWorthSkipping = 8

    /// The totals of all the stacks, walked on two threads when there are many.
    package static func walk(
        samples: SampleTable, frames: LocationFrames, nodeCount: Int, weights: StackWeights,
        minimumStacksForThreads: Int = StackPartition.minimumStacks
    ) -> NodeTotals {
        let parts = StackPartition.map(stackCount: weights.stackCount, minimumStacks: minimumStacksForThreads) { stacks in
            NodeTotals(samples: samples, frames: frames, nodeCount: nodeCount, weights: weights, stacks: stacks)
        }
        guard var total = parts.first else {
            return NodeTotals(samples: samples, frames: frames, nodeCount: nodeCount, weights: weights, stacks: 0..<0)
        }
        for part in parts.dropFirst() {
            for node in 0..<nodeCount {
                total.flat[node] &+= part.flat[node]
                total.cum[node] &+= part.cum[node]
                total.flatDivisor[node] &+= part.flatDivisor[node]
                total.cumDivisor[node] &+= part.cumDivisor[node]
            }
        }
        return total
    }

    /// The totals of the stacks in `stacks`.
    package init(samples: SampleTable, frames: LocationFrames, nodeCount: Int, weights: StackWeights, stacks: Range<Int>) {
        var flatTotals = [Int64](repeating: 0, count: nodeCount)
        var cumTotals = [Int64](repeating: 0, count: nodeCount)
        var flatDivisors = [Int64](repeating: 0, count: nodeCount)
        var cumDivisors = [Int64](repeating: 0, count: nodeCount)
        var lastStack = [Int32](repeating: -1, count: nodeCount)
        // A location of many frames met again in the same stack adds nothing (its nodes are counted once per
        // stack): skipping it keeps a stack that repeats a location of thousands of inlined lines linear.
        var lastStackOfLocation = [Int32](repeating: -1, count: max(frames.start.count - 1, 0))
        let locations = samples.locationIndices
        if locations.isWide {
            locations.wide.withUnsafeBufferPointer { locationIndices in
                Self.add(
                    locationIndices, stackOffsets: samples.stackOffsets, frames: frames, weights: weights, stacks: stacks,
                    flat: &flatTotals, cum: &cumTotals, flatDivisors: &flatDivisors, cumDivisors: &cumDivisors,
                    lastStack: &lastStack, lastStackOfLocation: &lastStackOfLocation)
            }
        } else {
            locations.narrow.withUnsafeBufferPointer { locationIndices in
                Self.add(
                    locationIndices, stackOffsets: samples.stackOffsets, frames: frames, weights: weights, stacks: stacks,
                    flat: &flatTotals, cum: &cumTotals, flatDivisors: &flatDivisors, cumDivisors: &cumDivisors,
                    lastStack: &lastStack, lastStackOfLocation: &lastStackOfLocation)
            }
        }
        flat = flatTotals
        cum = cumTotals
        flatDivisor = flatDivisors
        cumDivisor = cumDivisors
    }

    /// Adds the stacks in `stacks` to the totals, reading each stack's locations from `locationIndices`, the
    /// sample table's column at its width.
    @inline(__always)
    private static func add<Reference: FixedWidthInteger & UnsignedInteger>(
        _ locationIndices: UnsafeBufferPointer<Reference>, stackOffsets: [Int], frames: LocationFrames, weights: StackWeights,
        stacks: Range<Int>, flat flatTotals: inout [Int64], cum cumTotals: inout [Int64], flatDivisors: inout [Int64],
        cumDivisors: inout [Int64], lastStack lastStackTable: inout [Int32], lastStackOfLocation lastStackOfLocationTable: inout [Int32]
    ) {
        let averaging = !weights.divisor.isEmpty
        stackOffsets.withUnsafeBufferPointer { stackOffsets in
        frames.start.withUnsafeBufferPointer { frameStart in
        frames.nodes.withUnsafeBufferPointer { frameNodes in
        frames.flatNode.withUnsafeBufferPointer { flatNode in
        frames.singleNode.withUnsafeBufferPointer { singleNode in
        lastStackTable.withUnsafeMutableBufferPointer { lastStack in
        lastStackOfLocationTable.withUnsafeMutableBufferPointer { lastStackOfLocation in
        flatTotals.withUnsafeMutableBufferPointer { flat in
        cumTotals.withUnsafeMutableBufferPointer { cum in
            for stack in stacks where weights.walked[stack] {
                let weight = weights.weight[stack]
                let divisor = averaging ? weights.divisor[stack] : 0
                let stamp = Int32(truncatingIfNeeded: stack)
                let first = stackOffsets[stack]
                var position = stackOffsets[stack &+ 1]
                guard position > first else { continue }
                while position > first {
                    position &-= 1
                    let location = Int(locationIndices[position])
                    let single = singleNode[location]
                    if single >= 0 {
                        // One kept frame, the usual location: no range to look up.
                        let node = Int(single)
                        if lastStack[node] != stamp {
                            lastStack[node] = stamp
                            cum[node] &+= weight
                            if divisor != 0 { cumDivisors[node] &+= divisor }
                        }
                        continue
                    }
                    if single == LocationFrames.noKeptFrame { continue }
                    var frame = Int(frameStart[location])
                    let end = Int(frameStart[location &+ 1])
                    if end &- frame > NodeTotals.framesWorthSkipping {
                        if lastStackOfLocation[location] == stamp { continue }
                        lastStackOfLocation[location] = stamp
                    }
                    while frame < end {
                        let node = Int(frameNodes[frame].node)
                        if lastStack[node] != stamp {
                            lastStack[node] = stamp
                            cum[node] &+= weight
                            if divisor != 0 { cumDivisors[node] &+= divisor }
                        }
                        frame &+= 1
                    }
                }
                let leaf = flatNode[Int(locationIndices[first])]
                if leaf >= 0 {
                    flat[Int(leaf)] &+= weight
                    if divisor != 0 { flatDivisors[Int(leaf)] &+= divisor }
                }
            }
        }}}}}}}}}
    }
}
