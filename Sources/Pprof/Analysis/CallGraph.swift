/// Flat and cumulative values per node, accumulated over all samples exactly as pprof's `graph.newGraph`:
/// cum once per distinct node per sample (so recursion counts once), flat to the innermost frame of the leaf
/// location, and lost when that frame is not kept.
public struct CallGraph: Sendable {
    public var flat: [Int64]
    public var cum: [Int64]
    /// Divisors for `-mean`; zero when not averaging.
    public var flatDivisor: [Int64]
    public var cumDivisor: [Int64]
    /// Caller → callee edges, when requested: only `-top` needs them, for its `(inline)` marks.
    public var edges: [Edge] = []

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

    public init(profile: Profile, table: NodeTable, values selector: ValueSelector, kept: [Bool]? = nil, withEdges: Bool = false) {
        let nodeCount = table.count
        var flatTotals = [Int64](repeating: 0, count: nodeCount)
        var cumTotals = [Int64](repeating: 0, count: nodeCount)
        var flatDivisors = [Int64](repeating: 0, count: nodeCount)
        var cumDivisors = [Int64](repeating: 0, count: nodeCount)
        let samples = profile.samples
        let sampleCount = samples.valueCount > selector.index ? samples.count : 0
        // Each location's frames as the walk meets them (outermost first), without the frames that are not
        // kept, with `flatNode` the node that receives flat when the leaf is this location.
        let frames = LocationFrames(table: table, kept: kept)

        var lastSample = [Int32](repeating: -1, count: nodeCount)
        var edgeTable = EdgeTable()

        let valueCount = samples.valueCount
        let valueIndex = selector.index
        let divisorIndex = selector.meanDivisorIndex ?? -1
        if let kept, !withEdges,
           let whole = table.stacks.unfilteredGraph(for: samples, valueIndex: valueIndex, divisorIndex: divisorIndex),
           whole.flat.count == nodeCount, kept.count >= nodeCount {
            for node in 0..<nodeCount where kept[node] {
                flatTotals[node] = whole.flat[node]
                cumTotals[node] = whole.cum[node]
                flatDivisors[node] = whole.flatDivisor[node]
                cumDivisors[node] = whole.cumDivisor[node]
            }
            flat = flatTotals
            cum = cumTotals
            flatDivisor = flatDivisors
            cumDivisor = cumDivisors
            return
        }
        // With the distinct stacks known, each is walked once with the sums of its samples' values; a stack is
        // walked when one of its samples would be (a non-zero value or divisor), even if they sum to zero.
        var walkCount = sampleCount
        var walkWeight: [Int64] = []
        var walkDivisor: [Int64] = []
        var walkSample: [UInt32] = []
        if sampleCount > 0, let index = table.stacks.index(for: samples) {
            walkCount = index.stackCount
            walkWeight = [Int64](repeating: 0, count: walkCount)
            walkDivisor = [Int64](repeating: 0, count: divisorIndex >= 0 ? walkCount : 0)
            var walked = [Bool](repeating: false, count: walkCount)
            samples.values.withUnsafeBufferPointer { values in
                for sample in 0..<sampleCount {
                    let base = sample &* valueCount
                    let weight = values[base &+ valueIndex]
                    let divisor = divisorIndex >= 0 ? values[base &+ divisorIndex] : 0
                    if weight == 0 && divisor == 0 { continue }
                    let stack = Int(index.stackOfSample[sample])
                    walkWeight[stack] &+= weight
                    if divisorIndex >= 0 { walkDivisor[stack] &+= divisor }
                    walked[stack] = true
                }
            }
            walkSample = index.firstSample
            for stack in 0..<walkCount where !walked[stack] { walkSample[stack] = UInt32.max }
        }
        let byStack = !walkSample.isEmpty
        samples.values.withUnsafeBufferPointer { values in
        samples.locationIndices.withUnsafeBufferPointer { locationIndices in
        samples.locationOffsets.withUnsafeBufferPointer { locationOffsets in
        frames.start.withUnsafeBufferPointer { frameStart in
        frames.nodes.withUnsafeBufferPointer { frameNodes in
        frames.flatNode.withUnsafeBufferPointer { flatNode in
        frames.singleNode.withUnsafeBufferPointer { singleNode in
        lastSample.withUnsafeMutableBufferPointer { lastSample in
        flatTotals.withUnsafeMutableBufferPointer { flat in
        cumTotals.withUnsafeMutableBufferPointer { cum in
            for walk in 0..<walkCount {
                let sample: Int
                let weight: Int64
                let divisor: Int64
                if byStack {
                    let first = walkSample[walk]
                    if first == UInt32.max { continue }
                    sample = Int(first)
                    weight = walkWeight[walk]
                    divisor = divisorIndex >= 0 ? walkDivisor[walk] : 0
                } else {
                    sample = walk
                    let base = sample &* valueCount
                    weight = values[base &+ valueIndex]
                    divisor = divisorIndex >= 0 ? values[base &+ divisorIndex] : 0
                    if weight == 0 && divisor == 0 { continue }
                }
                let stamp = Int32(truncatingIfNeeded: walk)
                let first = locationOffsets[sample]
                var position = locationOffsets[sample &+ 1]
                guard position > first else { continue }
                if !withEdges && divisor == 0 {
                    // The common case: cum once per node, flat to the leaf.
                    while position > first {
                        position &-= 1
                        let location = Int(locationIndices[position])
                        let single = singleNode[location]
                        if single >= 0 {
                            // One kept frame, the usual location: no range to look up.
                            let node = Int(single)
                            if lastSample[node] != stamp {
                                lastSample[node] = stamp
                                cum[node] &+= weight
                            }
                            continue
                        }
                        var frame = Int(frameStart[location])
                        let end = Int(frameStart[location &+ 1])
                        while frame < end {
                            let node = Int(frameNodes[frame].node)
                            if lastSample[node] != stamp {
                                lastSample[node] = stamp
                                cum[node] &+= weight
                            }
                            frame &+= 1
                        }
                    }
                    let leaf = flatNode[Int(locationIndices[first])]
                    if leaf >= 0 { flat[Int(leaf)] &+= weight }
                    continue
                }
                var parent: Int32 = -1
                while position > first {
                    position &-= 1
                    let location = Int(locationIndices[position])
                    var frame = Int(frameStart[location])
                    let end = Int(frameStart[location &+ 1])
                    while frame < end {
                        let entry = frameNodes[frame]
                        let node = entry.node
                        if lastSample[Int(node)] != stamp {
                            lastSample[Int(node)] = stamp
                            cum[Int(node)] &+= weight
                            if divisor != 0 { cumDivisors[Int(node)] &+= divisor }
                        }
                        if withEdges && parent >= 0 && node != parent {
                            edgeTable.add(caller: parent, callee: node, weight: weight, inline: !entry.isOutermost, stamp: stamp)
                        }
                        parent = node
                        frame &+= 1
                    }
                }
                let leaf = flatNode[Int(locationIndices[first])]
                if leaf >= 0 {
                    flat[Int(leaf)] &+= weight
                    if divisor != 0 { flatDivisors[Int(leaf)] &+= divisor }
                }
            }
        }}}}}}}}}}
        flat = flatTotals
        cum = cumTotals
        flatDivisor = flatDivisors
        cumDivisor = cumDivisors
        edges = edgeTable.edges
        if kept == nil {
            table.stacks.keepUnfiltered(SampleStacks.Unfiltered(
                valueIndex: valueIndex, divisorIndex: divisorIndex,
                locationIndicesBase: SampleStacks.identity(of: samples), sampleCount: samples.count,
                flat: flatTotals, cum: cumTotals, flatDivisor: flatDivisors, cumDivisor: cumDivisors))
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
struct LocationFrames {
    struct Frame {
        var node: Int32
        /// The physical frame of its location: an edge into it is a real call, not an inlined one.
        var isOutermost: Bool
    }

    var start: [Int32]
    var nodes: [Frame]
    var flatNode: [Int32]
    /// The node of a location with exactly one kept frame, else -1: one load instead of a range.
    var singleNode: [Int32]

    init(table: NodeTable, kept: [Bool]?) {
        let locationCount = table.locationStart.count - 1
        start = [Int32](repeating: 0, count: locationCount + 1)
        nodes = []
        nodes.reserveCapacity(table.locationNodes.count)
        flatNode = [Int32](repeating: -1, count: locationCount)
        singleNode = [Int32](repeating: -1, count: locationCount)
        for location in 0..<locationCount {
            let first = Int(table.locationStart[location])
            let end = Int(table.locationStart[location + 1])
            var frame = end
            while frame > first {
                frame -= 1
                let node = table.locationNodes[frame]
                if let kept, !kept[Int(node)] { continue }
                nodes.append(Frame(node: node, isOutermost: frame == end - 1))
            }
            if end > first {
                let innermost = table.locationNodes[first]
                if kept.map({ $0[Int(innermost)] }) ?? true { flatNode[location] = innermost }
            }
            start[location + 1] = Int32(truncatingIfNeeded: nodes.count)
            if nodes.count - Int(start[location]) == 1, let only = nodes.last { singleNode[location] = only.node }
        }
    }
}

/// Caller → callee edges with their weights, counted once per sample: an open-addressing table keyed by the
/// node pair (a Swift `Dictionary` hashes every probe with SipHash, which dominated `-top`).
struct EdgeTable {
    private(set) var edges: [CallGraph.Edge] = []
    private var lastSample: [Int32] = []
    /// `keys[slot]` is caller << 32 | callee, zero when empty (an edge never joins a node to itself, so no real
    /// key is zero); `indices[slot]` is its index in `edges`. Keys live in the table so a probe is one load.
    private var keys = [UInt64](repeating: 0, count: 1024)
    private var indices = [Int32](repeating: 0, count: 1024)
    private var shift: UInt64 = 64 - 10

    @inline(__always)
    private static func key(_ caller: Int32, _ callee: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: caller)) &<< 32 | UInt64(UInt32(bitPattern: callee))
    }

    mutating func add(caller: Int32, callee: Int32, weight: Int64, inline: Bool, stamp: Int32) {
        let key = Self.key(caller, callee)
        let mask = keys.count &- 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
        while true {
            let stored = keys[slot]
            if stored == key {
                let index = Int(indices[slot])
                if lastSample[index] != stamp {
                    lastSample[index] = stamp
                    edges[index].weight &+= weight
                    if !inline { edges[index].inline = false }
                }
                return
            }
            if stored == 0 { break }
            slot = (slot &+ 1) & mask
        }
        keys[slot] = key
        indices[slot] = Int32(truncatingIfNeeded: edges.count)
        edges.append(CallGraph.Edge(caller: caller, callee: callee, weight: weight, inline: inline))
        lastSample.append(stamp)
        if edges.count &* 2 > keys.count { grow() }
    }

    private mutating func grow() {
        keys = [UInt64](repeating: 0, count: keys.count &* 2)
        indices = [Int32](repeating: 0, count: keys.count)
        shift &-= 1
        let mask = keys.count &- 1
        for (index, edge) in edges.enumerated() {
            let key = Self.key(edge.caller, edge.callee)
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
            while keys[slot] != 0 { slot = (slot &+ 1) & mask }
            keys[slot] = key
            indices[slot] = Int32(truncatingIfNeeded: index)
        }
    }
}
