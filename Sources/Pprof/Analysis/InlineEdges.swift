import PprofModel
/// The caller → callee edges that `-top` reads for its `(inline)` marks: pprof's edges (from a kept node to
/// the next kept node inward in a sample, counted once per sample, inline while every sample's first
/// contribution was an inlined frame), only into the nodes that some location holds as an inlined frame.
package enum InlineEdges {
    /// From `minimumStacksForThreads` stacks on, two threads walk half each. `callees`: only the edges into
    /// these nodes (among those).
    package static func find(
        samples: SampleTable, frames: LocationFrames, nodeCount: Int, weights: StackWeights, callees: [Bool]? = nil,
        minimumStacksForThreads: Int = StackPartition.minimumStacks
    ) -> [CallGraph.Edge] {
        var isCallee = [Bool](repeating: false, count: nodeCount)
        var anyCallee = false
        for frame in frames.nodes where !frame.isOutermost && callees?[Int(frame.node)] ?? true {
            isCallee[Int(frame.node)] = true
            anyCallee = true
        }
        // A node number takes 30 bits of a location's word: more nodes than that cannot be decoded in memory.
        guard anyCallee, nodeCount <= Int(LocationEdges.nodeMask) else { return [] }
        let shapes = LocationEdges(frames: frames, isCallee: isCallee)
        let parts = StackPartition.map(stackCount: weights.stackCount, minimumStacks: minimumStacksForThreads) { stacks in
            var counter = EdgeCounter(shapes: shapes)
            defer { counter.deallocate() }
            walk(samples, stacks: stacks, shapes: shapes, weights: weights, into: &counter)
            return counter.edges
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
                let key = EdgeKeys.key(edge.caller, edge.callee)
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

    /// Goes from the root, as pprof's walk does: a sample counts an edge once, with the inlining of its first
    /// (outermost) occurrence. Most positions only pass their location's innermost kept frame on as the next
    /// caller; a location with work has the edge into its outermost kept frame (whose caller depends on the
    /// stack) and the edges between its own frames (the same in every stack, numbered before the walk).
    private static func walk(
        _ samples: SampleTable, stacks: Range<Int>, shapes: LocationEdges, weights: StackWeights, into counter: inout EdgeCounter
    ) {
        let locations = samples.locationIndices
        if locations.isWide {
            locations.wide.withUnsafeBufferPointer { locationIndices in
                walk(locationIndices, stackOffsets: samples.stackOffsets, stacks: stacks, shapes: shapes, weights: weights, into: &counter)
            }
        } else {
            locations.narrow.withUnsafeBufferPointer { locationIndices in
                walk(locationIndices, stackOffsets: samples.stackOffsets, stacks: stacks, shapes: shapes, weights: weights, into: &counter)
            }
        }
    }

    /// `walk` over the sample table's column at its width.
    @inline(__always)
    private static func walk<Reference: FixedWidthInteger & UnsignedInteger>(
        _ locationIndices: UnsafeBufferPointer<Reference>, stackOffsets: [Int], stacks: Range<Int>, shapes: LocationEdges,
        weights: StackWeights, into counter: inout EdgeCounter
    ) {
        // A location met again in the same stack has had its inner edges counted: only the edge into it is new.
        // Skipping the rest keeps a stack that repeats a location of thousands of inlined lines linear.
        var lastStackOfLocation = [Int32](repeating: -1, count: shapes.passedOn.count)
        stackOffsets.withUnsafeBufferPointer { stackOffsets in
        shapes.passedOn.withUnsafeBufferPointer { passedOn in
        shapes.entryCallee.withUnsafeBufferPointer { entryCallee in
        shapes.entryInline.withUnsafeBufferPointer { entryInline in
        shapes.innerStart.withUnsafeBufferPointer { innerStart in
        shapes.innerEdges.withUnsafeBufferPointer { innerEdges in
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
                    let word = passedOn[location]
                    if word & LocationEdges.hasWork != 0 {
                        let callee = entryCallee[location]
                        if callee >= 0 && parent >= 0 && callee != parent {
                            counter.count(
                                counter.entryEdge(caller: parent, callee: callee, location: location),
                                weight: weight, inline: entryInline[location], stamp: stamp)
                        }
                        let innerFirst = Int(innerStart[location])
                        let innerEnd = Int(innerStart[location &+ 1])
                        var walksInner = innerEnd > innerFirst
                        if innerEnd &- innerFirst > NodeTotals.framesWorthSkipping {
                            if lastStackOfLocation[location] == stamp {
                                walksInner = false
                            } else {
                                lastStackOfLocation[location] = stamp
                            }
                        }
                        if walksInner {
                            for index in innerFirst..<innerEnd {
                                counter.count(Int(innerEdges[index]), weight: weight, inline: true, stamp: stamp)
                            }
                        }
                    }
                    // A select, not a branch: whether a location keeps a frame follows no pattern.
                    let innermost = word & LocationEdges.nodeMask
                    parent = word >= 0 ? innermost : parent
                }
            }
        }}}}}}}
    }
}

/// The caller → callee pair of an edge as one key: zero never is one (an edge never joins a node to itself).
private enum EdgeKeys {
    @inline(__always)
    static func key(_ caller: Int32, _ callee: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: caller)) &<< 32 | UInt64(UInt32(bitPattern: callee))
    }
}

/// What the walk needs of each location, found once for all its threads. Within a location the kept frames
/// call each other in the same order in every stack, so those edges (into a candidate callee, between two
/// different nodes) are numbered here: `innerEdges[innerStart[l]..<innerStart[l + 1]]`, outermost first, each
/// an index into `innerCallers`/`innerCallees` and inline (only a location's physical frame is not).
private struct LocationEdges: Sendable {
    /// What the walk reads at every position, in one word: the innermost kept frame's node (the caller of the
    /// next location inward) under `nodeMask`, `keepsNone` when the location keeps none, and `hasWork` when an
    /// edge into its outermost kept frame may count or it has inner edges.
    var passedOn: [Int32]
    static let hasWork: Int32 = 1 << 30
    static let nodeMask: Int32 = hasWork - 1
    /// Negative, without `hasWork`.
    static let keepsNone = Int32.min
    /// The outermost kept frame's node when it is a candidate callee, else -1; and whether that frame is
    /// inlined (it is a real call when it is the location's physical frame).
    var entryCallee: [Int32]
    var entryInline: [Bool]
    var innerStart: [Int32]
    var innerEdges: [Int32]
    var innerCallers: [Int32] = []
    var innerCallees: [Int32] = []

    init(frames: LocationFrames, isCallee: [Bool]) {
        let locationCount = max(frames.start.count - 1, 0)
        passedOn = [Int32](repeating: Self.keepsNone, count: locationCount)
        entryCallee = [Int32](repeating: -1, count: locationCount)
        entryInline = [Bool](repeating: false, count: locationCount)
        innerStart = [Int32](repeating: 0, count: locationCount + 1)
        innerEdges = []
        var numberOfKey: [UInt64: Int32] = [:]
        for location in 0..<locationCount {
            let first = Int(frames.start[location])
            let end = Int(frames.start[location + 1])
            if end > first {
                var word = frames.nodes[end - 1].node
                let outermost = frames.nodes[first]
                if isCallee[Int(outermost.node)] {
                    entryCallee[location] = outermost.node
                    entryInline[location] = !outermost.isOutermost
                    word |= Self.hasWork
                }
                var caller = outermost.node
                for frame in frames.nodes[(first + 1)..<end] {
                    if frame.node != caller && isCallee[Int(frame.node)] {
                        innerEdges.append(edgeNumber(caller: caller, callee: frame.node, numbers: &numberOfKey))
                        word |= Self.hasWork
                    }
                    caller = frame.node
                }
                passedOn[location] = word
            }
            innerStart[location + 1] = Int32(truncatingIfNeeded: innerEdges.count)
        }
    }

    private mutating func edgeNumber(caller: Int32, callee: Int32, numbers: inout [UInt64: Int32]) -> Int32 {
        let key = EdgeKeys.key(caller, callee)
        if let known = numbers[key] { return known }
        let number = Int32(truncatingIfNeeded: innerCallers.count)
        numbers[key] = number
        innerCallers.append(caller)
        innerCallees.append(callee)
        return number
    }
}

/// One walk's edges: weights, the stamp of the last stack that counted each, whether every first
/// contribution was inline, and the order edges were first counted in. The inner edges keep their numbers;
/// edges into a location's outermost kept frame are found by a one-entry cache per location (a location is
/// mostly called from one place), then by an open-addressing table of all the edges seen. Its columns are
/// memory of its own: the walk's hot path is loads and stores without copy-on-write checks.
private struct EdgeCounter {
    private var callers: Column<Int32>
    private var callees: Column<Int32>
    private var stamps: Column<Int32>
    private var weights: Column<Int64>
    /// 0 not counted yet, 1 inline so far, 2 not inline.
    private var states: Column<UInt8>
    private var firstCounted: Column<Int32>
    private let cachedCaller: UnsafeMutableBufferPointer<Int32>
    private let cachedEdge: UnsafeMutableBufferPointer<Int32>
    /// `keys[slot]` is an edge's key, zero when empty; `numbers[slot]` its number.
    private var keys: UnsafeMutableBufferPointer<UInt64>
    private var numbers: UnsafeMutableBufferPointer<Int32>
    private var shift: UInt64

    init(shapes: LocationEdges) {
        let count = shapes.innerCallers.count
        callers = Column(shapes.innerCallers)
        callees = Column(shapes.innerCallees)
        stamps = Column([Int32](repeating: -1, count: count))
        weights = Column([Int64](repeating: 0, count: count))
        states = Column([UInt8](repeating: 0, count: count))
        firstCounted = Column([])
        cachedCaller = .allocate(capacity: shapes.passedOn.count)
        cachedCaller.initialize(repeating: -1)
        cachedEdge = .allocate(capacity: shapes.passedOn.count)
        cachedEdge.initialize(repeating: -1)
        var bits: UInt64 = 10
        while (1 << bits) < count &* 2 { bits += 1 }
        keys = .allocate(capacity: 1 << bits)
        keys.initialize(repeating: 0)
        numbers = .allocate(capacity: 1 << bits)
        numbers.initialize(repeating: 0)
        shift = 64 - bits
        for number in 0..<count { insert(EdgeKeys.key(callers[number], callees[number]), number: Int32(truncatingIfNeeded: number)) }
    }

    func deallocate() {
        for column in [callers, callees, stamps, firstCounted] as [Column<Int32>] { column.deallocate() }
        weights.deallocate()
        states.deallocate()
        cachedCaller.deallocate()
        cachedEdge.deallocate()
        keys.deallocate()
        numbers.deallocate()
    }

    /// The number of the edge `caller → callee` into `location`'s outermost kept frame, made when new.
    @inline(__always)
    mutating func entryEdge(caller: Int32, callee: Int32, location: Int) -> Int {
        if cachedCaller[location] == caller { return Int(cachedEdge[location]) }
        let number = lookUp(caller: caller, callee: callee)
        cachedCaller[location] = caller
        cachedEdge[location] = Int32(truncatingIfNeeded: number)
        return number
    }

    @inline(__always)
    mutating func count(_ edge: Int, weight: Int64, inline: Bool, stamp: Int32) {
        if stamps[edge] == stamp { return }
        stamps[edge] = stamp
        weights[edge] &+= weight
        switch states[edge] {
        case 0:
            states[edge] = inline ? 1 : 2
            firstCounted.append(Int32(truncatingIfNeeded: edge))
        case 1:
            if !inline { states[edge] = 2 }
        default:
            break
        }
    }

    private mutating func lookUp(caller: Int32, callee: Int32) -> Int {
        let key = EdgeKeys.key(caller, callee)
        let slot = probe(key)
        if keys[slot] == key { return Int(numbers[slot]) }
        let number = callers.count
        callers.append(caller)
        callees.append(callee)
        stamps.append(-1)
        weights.append(0)
        states.append(0)
        keys[slot] = key
        numbers[slot] = Int32(truncatingIfNeeded: number)
        if callers.count &* 2 > keys.count { grow() }
        return number
    }

    /// The slot holding `key`, or the empty one where it goes.
    @inline(__always)
    private func probe(_ key: UInt64) -> Int {
        let mask = keys.count &- 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
        while keys[slot] != key && keys[slot] != 0 { slot = (slot &+ 1) & mask }
        return slot
    }

    private mutating func insert(_ key: UInt64, number: Int32) {
        let slot = probe(key)
        keys[slot] = key
        numbers[slot] = number
    }

    private mutating func grow() {
        let size = keys.count &* 2
        keys.deallocate()
        numbers.deallocate()
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0)
        numbers = .allocate(capacity: size)
        numbers.initialize(repeating: 0)
        shift &-= 1
        for number in 0..<callers.count {
            insert(EdgeKeys.key(callers[number], callees[number]), number: Int32(truncatingIfNeeded: number))
        }
    }

    /// The counted edges in the order they were first counted.
    var edges: [CallGraph.Edge] {
        (0..<firstCounted.count).map { index in
            let edge = Int(firstCounted[index])
            return CallGraph.Edge(caller: callers[edge], callee: callees[edge], weight: weights[edge], inline: states[edge] == 1)
        }
    }
}

/// A growable column in memory of its own, freed by its owner.
private struct Column<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count: Int

    init(_ elements: [Element]) {
        capacity = max(elements.count, 16)
        base = .allocate(capacity: capacity)
        count = elements.count
        elements.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { base.initialize(from: start, count: source.count) }
        }
    }

    subscript(index: Int) -> Element {
        @inline(__always) get { base[index] }
        @inline(__always) nonmutating set { base[index] = newValue }
    }

    mutating func append(_ element: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity &* 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity &*= 2
        }
        (base + count).initialize(to: element)
        count &+= 1
    }

    func deallocate() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
