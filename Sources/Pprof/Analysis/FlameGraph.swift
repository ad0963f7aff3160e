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
    public private(set) var names: [String] = []
    /// Pre-order: a node's children follow it, largest first (then by name), so `nodes[0]` is the root.
    public private(set) var nodes: [Node] = []
    public let hasBase: Bool
    /// How many paths `nodeFraction` dropped (nodes with their subtrees counted once each).
    public private(set) var droppedNodeCount = 0

    /// `profile`'s flame graph of sample value `valueIndex`; with `base`, the base profile's values beside it
    /// (both by function name, so the two profiles' tables need not agree). `inlines` false attributes inlined
    /// frames to the function they were inlined into, as `-noinlines` does.
    ///
    /// Built from the top down, dropping a path as soon as it falls under the fraction: the stacks of a kept
    /// node are grouped by their next frame, and only the groups that stay large are split further, so the
    /// work is the kept part of the graph, not every distinct path of the profile.
    public init(profile: Profile, valueIndex: Int, base: (profile: Profile, valueIndex: Int)? = nil, inlines: Bool = true, nodeFraction: Double) {
        hasBase = base != nil
        var stacks = Stacks()
        stacks.add(profile, valueIndex: valueIndex, side: 0, inlines: inlines)
        if let base { stacks.add(base.profile, valueIndex: base.valueIndex, side: 1, inlines: inlines) }
        let count = stacks.weights[0].count
        var rootValues: (Int64, Int64) = (0, 0)
        for stack in 0..<count {
            rootValues.0 &+= stacks.weights[0][stack]
            rootValues.1 &+= stacks.weights[1][stack]
        }
        let total = max(rootValues.0.magnitude, rootValues.1.magnitude)
        // Kept when either side reaches the fraction; the root always.
        let threshold = nodeFraction > 0 ? UInt64((Double(total) * nodeFraction).rounded(.up)) : 0

        // A node's stacks are a contiguous range of `order`; its children's are sub-ranges of it.
        var order = (0..<count).map { Int32($0) }
        var scratch = [Int32](repeating: 0, count: count)
        var groupOfName = [Int32](repeating: -1, count: stacks.names.count)
        var keptName = [Int32](repeating: -1, count: stacks.names.count)
        struct Pending {
            package var name: Int32
            package var parent: Int32
            package var value: Int64
            package var baseValue: Int64
            package var range: Range<Int>
            package var depth: Int
        }
        var pending = [Pending(name: 0, parent: -1, value: rootValues.0, baseValue: rootValues.1, range: 0..<count, depth: 0)]
        names = []
        while let item = pending.popLast() {
            let index = Int32(nodes.count)
            if keptName[Int(item.name)] < 0 {
                keptName[Int(item.name)] = Int32(names.count)
                names.append(stacks.names[Int(item.name)])
            }
            nodes.append(Node(name: keptName[Int(item.name)], parent: item.parent, value: item.value, baseValue: item.baseValue))

            // Group the node's stacks by their frame at `depth`; stacks that end here are the node's own.
            var groupNames: [Int32] = [], groupCounts: [Int] = [], groupValues: [(Int64, Int64)] = []
            for position in item.range {
                let stack = Int(order[position])
                let frame = stacks.start[stack] + item.depth
                guard frame < stacks.start[stack + 1] else { continue }
                let name = Int(stacks.frames[frame])
                var group = Int(groupOfName[name])
                if group < 0 {
                    group = groupNames.count
                    groupOfName[name] = Int32(group)
                    groupNames.append(Int32(name))
                    groupCounts.append(0)
                    groupValues.append((0, 0))
                }
                groupCounts[group] += 1
                groupValues[group].0 &+= stacks.weights[0][stack]
                groupValues[group].1 &+= stacks.weights[1][stack]
            }
            for name in groupNames { groupOfName[Int(name)] = -1 }
            var kept: [Int] = []
            for group in 0..<groupNames.count {
                if max(groupValues[group].0.magnitude, groupValues[group].1.magnitude) >= threshold {
                    kept.append(group)
                } else {
                    droppedNodeCount += 1
                }
            }
            guard !kept.isEmpty else { continue }
            // The kept groups' stacks, each group contiguous, at the start of the node's range.
            var offsets = [Int](repeating: -1, count: groupNames.count)
            var next = item.range.lowerBound
            for group in kept {
                offsets[group] = next
                next += groupCounts[group]
            }
            var ranges: [Range<Int>] = kept.map { offsets[$0]..<(offsets[$0] + groupCounts[$0]) }
            for name in groupNames.indices { groupOfName[Int(groupNames[name])] = Int32(name) }
            for position in item.range {
                let stack = Int(order[position])
                let frame = stacks.start[stack] + item.depth
                guard frame < stacks.start[stack + 1] else { continue }
                let group = Int(groupOfName[Int(stacks.frames[frame])])
                guard offsets[group] >= 0 else { continue }
                scratch[offsets[group]] = Int32(stack)
                offsets[group] += 1
            }
            for name in groupNames { groupOfName[Int(name)] = -1 }
            for range in ranges { order.replaceSubrange(range, with: scratch[range]) }
            // Largest first (then by name), pushed in reverse so that the largest is written next.
            let sizes = kept.map { max(groupValues[$0].0.magnitude, groupValues[$0].1.magnitude) }
            let sorted = kept.indices.sorted { left, right in
                if sizes[left] != sizes[right] { return sizes[left] > sizes[right] }
                return stacks.names[Int(groupNames[kept[left]])] < stacks.names[Int(groupNames[kept[right]])]
            }
            for position in sorted.reversed() {
                let group = kept[position]
                pending.append(Pending(
                    name: groupNames[group], parent: index, value: groupValues[group].0, baseValue: groupValues[group].1,
                    range: ranges[position], depth: item.depth + 1))
            }
            ranges.removeAll()
        }
    }

    /// The walked stacks of both sides as name ids from the root, flat, with each stack's value per side.
    private struct Stacks {
        package var names: [String] = ["root"]
        package var nameIDs: [String: Int32] = ["root": 0]
        /// Stack i's frames, root first, are `frames[start[i]..<start[i + 1]]`.
        package var frames: [Int32] = []
        package var start: [Int] = [0]
        /// Per side (0: the profile, 1: the base): each stack's summed sample value.
        package var weights: [[Int64]] = [[], []]

        package mutating func add(_ profile: Profile, valueIndex: Int, side: Int, inlines: Bool) {
            var functionName = [Int32](repeating: 0, count: profile.functions.count)
            for (index, function) in profile.functions.enumerated() {
                functionName[index] = nameID(function.name)
            }
            // Every location's frames, outermost first: location l's are `frameNames[frameStart[l]..<frameStart[l + 1]]`.
            var frameNames: [Int32] = []
            frameNames.reserveCapacity(profile.lines.count + profile.locations.count)
            var frameStart = [Int](repeating: 0, count: profile.locations.count + 1)
            for location in 0..<profile.locations.count {
                let lines = profile.frames(ofLocation: location)
                if lines.isEmpty {
                    // No symbols: pprof names the frame by its address.
                    frameNames.append(nameID("0x" + String(profile.locations[location].address, radix: 16)))
                } else if inlines {
                    for line in lines.reversed() { frameNames.append(functionName[Int(line.functionIndex)]) }
                } else {
                    frameNames.append(functionName[Int(lines[lines.endIndex - 1].functionIndex)])
                }
                frameStart[location + 1] = frameNames.count
            }
            let samples = profile.samples
            let stackWeights = StackWeights(samples, valueIndex: valueIndex, divisorIndex: -1)
            // Four million frames on a 450k-sample profile: copied through buffers, without a slice (and its
            // retain and release) per location.
            frames.reserveCapacity(frames.count + samples.locationIndices.count * frameNames.count / max(profile.locations.count, 1) + 1)
            let locations = samples.locationIndices
            frameNames.withUnsafeBufferPointer { frameNames in
            frameStart.withUnsafeBufferPointer { frameStart in
                for stack in 0..<stackWeights.stackCount where stackWeights.walked[stack] && stackWeights.weight[stack] != 0 {
                    for position in samples.stackRange(of: stack).reversed() {
                        let location = Int(locations[position])
                        for frame in frameStart[location]..<frameStart[location + 1] { frames.append(frameNames[frame]) }
                    }
                    start.append(frames.count)
                    weights[side].append(stackWeights.weight[stack])
                    weights[1 - side].append(0)
                }
            }}
        }

        package mutating func nameID(_ name: String) -> Int32 {
            if let id = nameIDs[name] { return id }
            let id = Int32(names.count)
            names.append(name)
            nameIDs[name] = id
            return id
        }
    }
}
