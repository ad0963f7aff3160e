/// Caller → callee edges with their weights, counted once per sample, for graphs with too many nodes for an
/// `EdgeMatrix`: an open-addressing table keyed by the node pair (a Swift `Dictionary` hashes every probe with
/// SipHash, which dominated `-top`).
package struct EdgeTable: EdgeAccumulator {
    /// Non-negative for the callees whose edges are counted.
    private let callees: [Int32]
    private(set) package var edges: [CallGraph.Edge] = []
    private var lastSample: [Int32] = []
    /// `keys[slot]` is caller << 32 | callee, zero when empty (an edge never joins a node to itself, so no real
    /// key is zero); `indices[slot]` is its index in `edges`. Keys live in the table so a probe is one load.
    private var keys = [UInt64](repeating: 0, count: 1024)
    private var indices = [Int32](repeating: 0, count: 1024)
    private var shift: UInt64 = 64 - 10

    package init(callees: [Int32]) {
        self.callees = callees
    }

    @inline(__always)
    private static func key(_ caller: Int32, _ callee: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: caller)) &<< 32 | UInt64(UInt32(bitPattern: callee))
    }

    package mutating func add(caller: Int32, callee: Int32, weight: Int64, inline: Bool, stamp: Int32) {
        if callees[Int(callee)] < 0 { return }
        let key = Self.key(caller, callee)
        let mask = keys.count &- 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
        while true {
            let stored = keys[slot]
            if stored == key {
                let index = Int(indices[slot])
                count(index, weight: weight, inline: inline, stamp: stamp)
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

    @inline(__always)
    private mutating func count(_ index: Int, weight: Int64, inline: Bool, stamp: Int32) {
        if lastSample[index] != stamp {
            lastSample[index] = stamp
            edges[index].weight &+= weight
            if !inline { edges[index].inline = false }
        }
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
