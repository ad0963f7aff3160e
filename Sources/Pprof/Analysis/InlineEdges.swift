import PprofModel
/// The caller → callee edges that `-top` reads for its `(inline)` marks: pprof's edges (from a kept node to
/// the next kept node inward in a sample, counted once per sample, inline while every sample's first
/// contribution was an inlined frame), only into the nodes that some location holds as an inlined frame.
package enum InlineEdges {
    /// `matrixLimit` is the most cells an `EdgeMatrix` may have; larger graphs hash their edges. From
    /// `minimumStacksForThreads` stacks on, two threads walk half each.
    package static func find(
        samples: SampleTable, frames: LocationFrames, nodeCount: Int, weights: StackWeights, matrixLimit: Int = 1 << 16,
        minimumStacksForThreads: Int = StackPartition.minimumStacks
    ) -> [CallGraph.Edge] {
        var calleeColumn = [Int32](repeating: -1, count: nodeCount)
        var calleeCount = 0
        var callerRow = [Int32](repeating: -1, count: nodeCount)
        var callerCount = 0
        for frame in frames.nodes {
            let node = Int(frame.node)
            if !frame.isOutermost && calleeColumn[node] < 0 {
                calleeColumn[node] = Int32(truncatingIfNeeded: calleeCount)
                calleeCount &+= 1
            }
            if callerRow[node] < 0 {
                callerRow[node] = Int32(truncatingIfNeeded: callerCount)
                callerCount &+= 1
            }
        }
        guard calleeCount > 0 else { return [] }
        let shapes = LocationShapes(frames: frames, callees: calleeColumn)
        let parts = StackPartition.map(stackCount: weights.stackCount, minimumStacks: minimumStacksForThreads) {
            stacks -> [CallGraph.Edge] in
            // The default 80 kept nodes make a matrix of a few thousand cells: an edge is then one index.
            let cells = callerCount.multipliedReportingOverflow(by: calleeCount)
            if !cells.overflow && cells.partialValue <= matrixLimit {
                var matrix = EdgeMatrix(rows: callerRow, columns: calleeColumn, rowCount: callerCount, columnCount: calleeCount)
                defer { matrix.deallocate() }
                walk(samples, stacks: stacks, frames: frames, shapes: shapes, weights: weights, into: &matrix)
                return matrix.edges
            }
            var table = EdgeTable(callees: calleeColumn)
            walk(samples, stacks: stacks, frames: frames, shapes: shapes, weights: weights, into: &table)
            return table.edges
        }
        return parts.count == 1 ? parts[0] : combine(parts)
    }

    /// The edges of several walks as one: weights added, inline while inline in every walk that has the edge,
    /// in order of first appearance.
    private static func combine(_ parts: [[CallGraph.Edge]]) -> [CallGraph.Edge] {
        var edges: [CallGraph.Edge] = []
        var indexOfEdge: [UInt64: Int] = [:]
        for part in parts {
            for edge in part {
                let key = UInt64(UInt32(bitPattern: edge.caller)) << 32 | UInt64(UInt32(bitPattern: edge.callee))
                if let index = indexOfEdge[key] {
                    edges[index].weight &+= edge.weight
                    edges[index].inline = edges[index].inline && edge.inline
                } else {
                    indexOfEdge[key] = edges.count
                    edges.append(edge)
                }
            }
        }
        return edges
    }

    /// Only the locations holding a candidate callee (a kept frame that is inlined somewhere) can add an edge
    /// that counts; every other location with kept frames only passes its innermost one on as the next caller.
    /// So the walk reads one number per stack position and opens a location's frames only at candidates. It
    /// goes from the root, as pprof's does: a sample counts an edge once, with the inlining of its first
    /// (outermost) occurrence.
    private static func walk<Accumulator: EdgeAccumulator>(
        _ samples: SampleTable, stacks: Range<Int>, frames: LocationFrames, shapes: LocationShapes, weights: StackWeights,
        into accumulator: inout Accumulator
    ) {
        let locationCount = frames.start.count - 1
        // A location met again in the same stack has had its inner edges counted: only the edge into it is new.
        // Skipping the rest keeps a stack that repeats a location of thousands of inlined lines linear.
        var lastStackOfLocation = [Int32](repeating: -1, count: max(locationCount, 0))
        samples.locationIndices.withUnsafeBufferPointer { locationIndices in
        samples.stackOffsets.withUnsafeBufferPointer { stackOffsets in
        frames.start.withUnsafeBufferPointer { frameStart in
        frames.nodes.withUnsafeBufferPointer { frameNodes in
        shapes.holdsCandidate.withUnsafeBufferPointer { holdsCandidate in
        shapes.innermostKept.withUnsafeBufferPointer { innermostKept in
        lastStackOfLocation.withUnsafeMutableBufferPointer { lastStackOfLocation in
            for stack in stacks where weights.walked[stack] {
                let weight = weights.weight[stack]
                let stamp = Int32(truncatingIfNeeded: stack)
                let first = stackOffsets[stack]
                var position = stackOffsets[stack &+ 1]
                var parent: Int32 = -1
                while position > first {
                    position &-= 1
                    let location = Int(locationIndices[position])
                    let innermost = innermostKept[location]
                    if innermost < 0 { continue }
                    if holdsCandidate[location] {
                        var frame = Int(frameStart[location])
                        var frameEnd = Int(frameStart[location &+ 1])
                        if frameEnd &- frame > NodeTotals.framesWorthSkipping {
                            if lastStackOfLocation[location] == stamp {
                                frameEnd = frame &+ 1
                            } else {
                                lastStackOfLocation[location] = stamp
                            }
                        }
                        while frame < frameEnd {
                            let entry = frameNodes[frame]
                            if parent >= 0 && entry.node != parent {
                                accumulator.add(
                                    caller: parent, callee: entry.node, weight: weight, inline: !entry.isOutermost, stamp: stamp)
                            }
                            parent = entry.node
                            frame &+= 1
                        }
                    }
                    parent = innermost
                }
            }
        }}}}}}}
    }
}

/// What the inline-edge walk needs of each location, found once for all its threads: whether it holds a
/// candidate callee, and its innermost kept frame (-1 when it keeps none).
private struct LocationShapes: Sendable {
    var holdsCandidate: [Bool]
    var innermostKept: [Int32]

    init(frames: LocationFrames, callees: [Int32]) {
        let locationCount = max(frames.start.count - 1, 0)
        holdsCandidate = [Bool](repeating: false, count: locationCount)
        innermostKept = [Int32](repeating: -1, count: locationCount)
        for location in 0..<locationCount {
            let first = Int(frames.start[location])
            let end = Int(frames.start[location + 1])
            guard end > first else { continue }
            innermostKept[location] = frames.nodes[end - 1].node
            for frame in first..<end where callees[Int(frames.nodes[frame].node)] >= 0 {
                holdsCandidate[location] = true
            }
        }
    }
}

package protocol EdgeAccumulator {
    /// Counts one contribution of a sample (`stamp` tells samples apart), unless the callee is not a candidate.
    mutating func add(caller: Int32, callee: Int32, weight: Int64, inline: Bool, stamp: Int32)
    var edges: [CallGraph.Edge] { get }
}

/// Edges as cells of a callers × callees matrix, in memory of its own: the walk's hot path is a few loads and
/// stores with no copy-on-write checks.
package struct EdgeMatrix: EdgeAccumulator {
    private let rows: [Int32]
    private let columns: [Int32]
    private let columnCount: Int
    private let stamps: UnsafeMutableBufferPointer<Int32>
    private let weights: UnsafeMutableBufferPointer<Int64>
    /// 0 no edge yet, 1 inline so far, 2 not inline.
    private let states: UnsafeMutableBufferPointer<UInt8>
    private var cellsInOrder: [Int] = []

    package init(rows: [Int32], columns: [Int32], rowCount: Int, columnCount: Int) {
        self.rows = rows
        self.columns = columns
        self.columnCount = columnCount
        let cells = rowCount &* columnCount
        stamps = .allocate(capacity: cells)
        stamps.initialize(repeating: -1)
        weights = .allocate(capacity: cells)
        weights.initialize(repeating: 0)
        states = .allocate(capacity: cells)
        states.initialize(repeating: 0)
    }

    package func deallocate() {
        stamps.deallocate()
        weights.deallocate()
        states.deallocate()
    }

    @inline(__always)
    package mutating func add(caller: Int32, callee: Int32, weight: Int64, inline: Bool, stamp: Int32) {
        let column = columns[Int(callee)]
        if column < 0 { return }
        let cell = Int(rows[Int(caller)]) &* columnCount &+ Int(column)
        if stamps[cell] == stamp { return }
        stamps[cell] = stamp
        weights[cell] &+= weight
        switch states[cell] {
        case 0:
            states[cell] = inline ? 1 : 2
            cellsInOrder.append(cell)
        case 1:
            if !inline { states[cell] = 2 }
        default:
            break
        }
    }

    package var edges: [CallGraph.Edge] {
        var callerOfRow = [Int32](repeating: 0, count: rows.count)
        var calleeOfColumn = [Int32](repeating: 0, count: columns.count)
        for (node, row) in rows.enumerated() where row >= 0 { callerOfRow[Int(row)] = Int32(truncatingIfNeeded: node) }
        for (node, column) in columns.enumerated() where column >= 0 {
            calleeOfColumn[Int(column)] = Int32(truncatingIfNeeded: node)
        }
        return cellsInOrder.map { cell in
            CallGraph.Edge(
                caller: callerOfRow[cell / columnCount], callee: calleeOfColumn[cell % columnCount],
                weight: weights[cell], inline: states[cell] == 1)
        }
    }
}
