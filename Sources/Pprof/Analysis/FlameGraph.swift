import PprofModel
/// An icicle flame graph of the selected sample value: every distinct call path from the root, one node per
/// function on it (inlined frames are nodes of their own, as in pprof's flame graph), each worth the samples
/// whose stacks pass through it. With a base, each node carries the base's value too, so a page can size it
/// by the larger and colour it by the change.
///
/// Nodes under `nodeFraction` of the total are dropped with their subtrees, as `-nodefraction` trims pprof's
/// graph: at most 1/fraction nodes survive per depth, so a 450k-sample profile gives a page of kilobytes.
public struct FlameGraph: Sendable {
    public struct Node: Sendable, Equatable {
        /// Index into `names`.
        public var name: Int32
        /// Index of the parent in `nodes`, -1 for the root.
        public var parent: Int32
        /// The selected value of the samples through this path (the new profile's, with a base).
        public var value: Int64
        /// The base profile's value, 0 without a base.
        public var baseValue: Int64
    }

    /// The names of the nodes, each once; `names[0]` is "root".
    public private(set) var names: [String] = ["root"]
    /// Pre-order: a node's children follow it, largest first (then by name), so `nodes[0]` is the root.
    public private(set) var nodes: [Node] = []
    public let hasBase: Bool
    /// How many paths `nodeFraction` dropped (nodes with their subtrees counted once each).
    public private(set) var droppedNodeCount = 0

    /// `profile`'s flame graph of sample value `valueIndex`; with `base`, the base profile's values beside it
    /// (both by function name, so the two profiles' tables need not agree). `inlines` false attributes inlined
    /// frames to the function they were inlined into, as `-noinlines` does.
    public init(profile: Profile, valueIndex: Int, base: (profile: Profile, valueIndex: Int)? = nil, inlines: Bool = true, nodeFraction: Double) {
        hasBase = base != nil
        var builder = Builder()
        builder.add(profile, valueIndex: valueIndex, side: 0, inlines: inlines)
        if let base { builder.add(base.profile, valueIndex: base.valueIndex, side: 1, inlines: inlines) }
        let total = max(builder.values[0][0].magnitude, builder.values[1][0].magnitude)
        // Kept when either side reaches the fraction; the root always.
        let threshold = nodeFraction > 0 ? UInt64((Double(total) * nodeFraction).rounded(.up)) : 0
        let count = builder.parents.count
        var kept = [Bool](repeating: false, count: count)
        var childCount = [Int32](repeating: 0, count: count + 1)
        for node in 0..<count {
            let parent = Int(builder.parents[node])
            let big = max(builder.values[0][node].magnitude, builder.values[1][node].magnitude) >= threshold
            // Parents are created before their children, so a parent's verdict is known here.
            if node == 0 || (big && kept[parent]) {
                kept[node] = true
                if node != 0 { childCount[parent] += 1 }
            } else if parent >= 0 && kept[parent] {
                droppedNodeCount += 1
            }
        }
        // Children lists of the kept nodes, then a pre-order walk with the largest child first.
        var childStart = [Int32](repeating: 0, count: count + 1)
        for node in 0..<count { childStart[node + 1] = childStart[node] + childCount[node] }
        var fill = childStart
        var children = [Int32](repeating: 0, count: Int(childStart[count]))
        for node in 1..<max(count, 1) where kept[node] {
            let parent = Int(builder.parents[node])
            children[Int(fill[parent])] = Int32(node)
            fill[parent] += 1
        }
        func size(_ node: Int32) -> UInt64 {
            max(builder.values[0][Int(node)].magnitude, builder.values[1][Int(node)].magnitude)
        }
        let names = builder.names, nameOf = builder.nameOf
        // Only the names of kept nodes are kept, renumbered in the order the walk meets them.
        var keptName = [Int32](repeating: -1, count: names.count)
        self.names = []
        var stack: [(node: Int32, parent: Int32)] = count > 0 ? [(0, -1)] : []
        while let (node, parent) = stack.popLast() {
            let index = Int32(nodes.count)
            let name = Int(nameOf[Int(node)])
            if keptName[name] < 0 {
                keptName[name] = Int32(self.names.count)
                self.names.append(names[name])
            }
            nodes.append(Node(
                name: keptName[name], parent: parent, value: builder.values[0][Int(node)], baseValue: builder.values[1][Int(node)]))
            let mine = children[Int(childStart[Int(node)])..<Int(childStart[Int(node) + 1])].sorted { left, right in
                let leftSize = size(left), rightSize = size(right)
                if leftSize != rightSize { return leftSize > rightSize }
                return names[Int(nameOf[Int(left)])] < names[Int(nameOf[Int(right)])]
            }
            // Pushed smallest first, so the largest is popped, and written, first.
            for child in mine.reversed() { stack.append((child, index)) }
        }
    }

    /// The trie of call paths before trimming: nodes numbered in creation order (a parent before its
    /// children), found by (parent, name) in one table.
    private struct Builder {
        var names: [String] = ["root"]
        var nameIDs: [String: Int32] = ["root": 0]
        var parents: [Int32] = [-1]
        var nameOf: [Int32] = [0]
        /// Per side (0: the profile, 1: the base): each node's value. Self values until `add` sums them up.
        var values: [[Int64]] = [[0], [0]]
        var childOf: [UInt64: Int32] = [:]

        mutating func child(of parent: Int32, name: Int32) -> Int32 {
            let key = UInt64(UInt32(bitPattern: parent)) << 32 | UInt64(UInt32(bitPattern: name))
            if let found = childOf[key] { return found }
            let node = Int32(parents.count)
            parents.append(parent)
            nameOf.append(name)
            childOf[key] = node
            return node
        }

        mutating func add(_ profile: Profile, valueIndex: Int, side: Int, inlines: Bool) {
            // Each function's name id, and each location's frames as name ids, outermost first.
            var functionName = [Int32](repeating: 0, count: profile.functions.count)
            for (index, function) in profile.functions.enumerated() {
                functionName[index] = nameID(function.name)
            }
            var locationNames: [[Int32]?] = Array(repeating: nil, count: profile.locations.count)
            func frames(_ location: Int) -> [Int32] {
                if let known = locationNames[location] { return known }
                let lines = profile.frames(ofLocation: location)
                var result: [Int32]
                if lines.isEmpty {
                    // No symbols: pprof names the frame by its address.
                    result = [nameID("0x" + String(profile.locations[location].address, radix: 16))]
                } else if inlines {
                    result = lines.reversed().map { functionName[Int($0.functionIndex)] }
                } else {
                    result = [functionName[Int(lines[lines.endIndex - 1].functionIndex)]]
                }
                locationNames[location] = result
                return result
            }

            let samples = profile.samples
            let weights = StackWeights(samples, valueIndex: valueIndex, divisorIndex: -1)
            // Consecutive stacks often share their outer frames: the path of the previous stack is kept per
            // location (from the root), and the walk resumes below the shared part.
            var previous: [UInt32] = []
            var pathNodes: [Int32] = []
            var selfValues = values[side]
            values[side] = []
            for stack in 0..<weights.stackCount where weights.walked[stack] && weights.weight[stack] != 0 {
                let range = samples.stackRange(of: stack)
                let depth = range.count
                var shared = 0
                while shared < depth && shared < previous.count
                    && previous[shared] == samples.locationIndices[range.upperBound - 1 - shared] {
                    shared += 1
                }
                previous.removeSubrange(shared...)
                pathNodes.removeSubrange(shared...)
                var node: Int32 = shared > 0 ? pathNodes[shared - 1] : 0
                for position in shared..<depth {
                    let location = samples.locationIndices[range.upperBound - 1 - position]
                    for name in frames(Int(location)) {
                        node = child(of: node, name: name)
                    }
                    previous.append(location)
                    pathNodes.append(node)
                }
                if selfValues.count < parents.count { selfValues.append(contentsOf: repeatElement(0, count: parents.count - selfValues.count)) }
                selfValues[Int(node)] &+= weights.weight[stack]
            }
            if selfValues.count < parents.count { selfValues.append(contentsOf: repeatElement(0, count: parents.count - selfValues.count)) }
            // Children were created after their parents: summing from the last node up gives each its total.
            for node in stride(from: parents.count - 1, to: 0, by: -1) {
                selfValues[Int(parents[node])] &+= selfValues[node]
            }
            values[side] = selfValues
            for other in 0..<2 where values[other].count < parents.count {
                values[other].append(contentsOf: repeatElement(0, count: parents.count - values[other].count))
            }
        }

        mutating func nameID(_ name: String) -> Int32 {
            if let id = nameIDs[name] { return id }
            let id = Int32(names.count)
            names.append(name)
            nameIDs[name] = id
            return id
        }
    }
}
