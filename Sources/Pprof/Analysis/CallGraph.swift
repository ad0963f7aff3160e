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

        var lastSample = [Int32](repeating: -1, count: nodeCount)
        var edgeIndex: [UInt64: Int32] = [:]
        var edgeLastSample: [Int32] = []
        var edgeList: [Edge] = []

        samples.values.withUnsafeBufferPointer { values in
        samples.locationIndices.withUnsafeBufferPointer { locationIndices in
        table.locationNodes.withUnsafeBufferPointer { locationNodes in
        table.locationStart.withUnsafeBufferPointer { locationStart in
        flatTotals.withUnsafeMutableBufferPointer { flat in
        cumTotals.withUnsafeMutableBufferPointer { cum in
            let valueCount = samples.valueCount
            for sample in 0..<sampleCount {
                let weight = values[sample &* valueCount &+ selector.index]
                let divisor = selector.meanDivisorIndex.map { values[sample &* valueCount &+ $0] } ?? 0
                if weight == 0 && divisor == 0 { continue }
                let stamp = Int32(truncatingIfNeeded: sample)
                var parent: Int32 = -1
                var residual = false
                let range = samples.locationRange(of: sample)
                var position = range.upperBound
                while position > range.lowerBound {
                    position &-= 1
                    let location = Int(locationIndices[position])
                    let first = Int(locationStart[location])
                    var frame = Int(locationStart[location &+ 1])
                    let outermost = frame &- 1
                    while frame > first {
                        frame &-= 1
                        let node = locationNodes[frame]
                        if let kept, !kept[Int(node)] {
                            residual = true
                            continue
                        }
                        if lastSample[Int(node)] != stamp {
                            lastSample[Int(node)] = stamp
                            cum[Int(node)] &+= weight
                            if divisor != 0 { cumDivisors[Int(node)] &+= divisor }
                        }
                        if withEdges && parent >= 0 && node != parent {
                            let key = UInt64(UInt32(bitPattern: parent)) &<< 32 | UInt64(UInt32(bitPattern: node))
                            let inline = frame != outermost
                            if let existing = edgeIndex[key] {
                                let index = Int(existing)
                                if edgeLastSample[index] != stamp {
                                    edgeLastSample[index] = stamp
                                    edgeList[index].weight &+= weight
                                    if !inline { edgeList[index].inline = false }
                                }
                            } else {
                                edgeIndex[key] = Int32(edgeList.count)
                                edgeLastSample.append(stamp)
                                edgeList.append(Edge(caller: parent, callee: node, weight: weight, inline: inline))
                            }
                        }
                        parent = node
                        residual = false
                    }
                }
                if parent >= 0 && !residual {
                    flat[Int(parent)] &+= weight
                    if divisor != 0 { flatDivisors[Int(parent)] &+= divisor }
                }
            }
        }}}}}}
        flat = flatTotals
        cum = cumTotals
        flatDivisor = flatDivisors
        cumDivisor = cumDivisors
        edges = edgeList
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
