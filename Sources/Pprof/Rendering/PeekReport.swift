import PprofAnalysis
import PprofFormatting
import PprofModel
/// `-peek=REGEX`: pprof's `printTree` for the nodes whose printable name matches, each with its callers above
/// and its callees below.
///
/// pprof builds the untrimmed graph for it (`-nodecount`, `-nodefraction` and `-edgefraction` are ignored),
/// orders nodes as `-top` does and picks one output unit from all of them. A node matches on its printable
/// name, so with `-lines` the `file:line` part matches too. An edge's weight is the sum of the values of the
/// samples whose stack holds that call (once per sample, recursion included), never divided by `-mean`; its
/// percentage is of the node's cum. An edge is `(inline)` when every such call was inlined.
public struct PeekReport: Sendable {
    public struct Edge: Sendable, Equatable {
        /// The caller (in `callers`) or the callee (in `callees`).
        public var other: NodeInfo
        public var weight: Int64
        public var inline: Bool
    }

    public struct Entry: Sendable, Equatable {
        public var info: NodeInfo
        public var flat: Int64
        public var cum: Int64
        public var callers: [Edge]
        public var callees: [Edge]
    }

    public struct NoMatch: Error, CustomStringConvertible {
        public var pattern: String
        public var description: String { "no matches found for regexp: \(pattern)" }
    }

    package static let separator = "----------------------------------------------------------+-------------"
    /// pprof prints its legend as it is, with the tabs it ends in.
    package static let legend = "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t "

    public let context: ReportContext
    public let headerLines: [String]
    public private(set) var entries: [Entry] = []

    public init(profile: Profile, options: ReportOptions, pattern: String, matches: (String) -> Bool) throws(NoMatch) {
        var context = ReportContext(profile: profile, options: options)
        let table = NodeTable(profile: profile, options: NodeTable.Options(
            granularity: options.granularity, inlines: options.inlines,
            trimPath: options.trimPath, sourcePath: options.sourcePath))
        let graph = CallGraph(profile: profile, table: table, values: options.valueSelector)
        var nodes = graph.presentNodes(dropNegative: options.dropNegative)
        TopReport.sort(&nodes, in: graph, table: table, cumulative: options.cumulativeSort)
        context.outputUnit = TopReport.outputUnit(for: nodes, in: graph, context: context)
        self.context = context

        var shownTotal: Int64 = 0
        for node in nodes { shownTotal &+= graph.flatValue(node) }
        var header = ReportHeader.profileLabels(profile, context: context)
        header += ReportHeader.activeFilters(options.activeFilters)
        header.append("Showing nodes accounting for \(context.format(shownTotal)), "
            + "\(Measurement.percentage(shownTotal, of: context.total).trimmingSpaces) of \(context.format(context.total)) total")
        headerLines = header

        var isMatched = [Bool](repeating: false, count: table.count)
        let matchedNodes = nodes.filter { matches(table.infos[$0].printableName) }
        guard !matchedNodes.isEmpty else { throw NoMatch(pattern: pattern) }
        for node in matchedNodes { isMatched[node] = true }

        let edges = Self.edges(touching: isMatched, profile: profile, table: table, valueIndex: options.selection.index,
                               divisorIndex: options.selection.mean ? 0 : nil)
        var callers: [Int: [Edge]] = [:], callees: [Int: [Edge]] = [:]
        for (pair, edge) in edges {
            if isMatched[pair.callee] {
                callers[pair.callee, default: []].append(Edge(other: table.infos[pair.caller], weight: edge.weight, inline: edge.inline))
            }
            if isMatched[pair.caller] {
                callees[pair.caller, default: []].append(Edge(other: table.infos[pair.callee], weight: edge.weight, inline: edge.inline))
            }
        }
        for node in matchedNodes {
            let info = table.infos[node]
            entries.append(Entry(
                info: info, flat: graph.flatValue(node), cum: graph.cumValue(node),
                callers: Self.sorted(callers[node] ?? [], otherIsSource: true, this: info),
                callees: Self.sorted(callees[node] ?? [], otherIsSource: false, this: info)))
        }
    }

    public func write(to output: inout some TextOutputStream) {
        let total = context.total
        var text = headerLines.joined(separator: "\n") + "\n"
        text += Self.separator + "\n" + Self.legend + "\n"
        var flatSum: Int64 = 0
        func edgeLine(_ edge: Edge, cum: Int64) -> String {
            GoFormat.padLeft(context.format(edge.weight), 50) + " " + Measurement.percentage(edge.weight, of: cum) + " |   "
                + edge.other.printableName + (edge.inline ? " (inline)" : "") + "\n"
        }
        for entry in entries {
            text += Self.separator + "\n"
            for edge in entry.callers { text += edgeLine(edge, cum: entry.cum) }
            flatSum &+= entry.flat
            text += GoFormat.padLeft(context.format(entry.flat), 10) + " " + Measurement.percentage(entry.flat, of: total) + " "
                + Measurement.percentage(flatSum, of: total) + " " + GoFormat.padLeft(context.format(entry.cum), 10) + " "
                + Measurement.percentage(entry.cum, of: total) + "                | " + entry.info.printableName + "\n"
            for edge in entry.callees { text += edgeLine(edge, cum: entry.cum) }
        }
        // pprof closes the table whenever the graph has nodes; a report exists only when some node matched.
        text += Self.separator + "\n"
        output.write(text)
    }

    package struct NodePair: Hashable {
        package var caller: Int
        package var callee: Int
    }

    package struct EdgeWeight {
        package var weight: Int64
        package var inline: Bool
    }

    /// pprof's edges as `graph.newGraph` accumulates them, only those into or out of a node of `touching`:
    /// a stack counts once per distinct caller→callee pair (a node never calls itself), when any of its
    /// samples has a non-zero value or divisor; the callee's frame is inline unless it is the physical frame
    /// of its location.
    package static func edges(
        touching: [Bool], profile: Profile, table: NodeTable, valueIndex: Int, divisorIndex: Int?
    ) -> [NodePair: EdgeWeight] {
        let samples = profile.samples
        var stackWeight = [Int64](repeating: 0, count: samples.stackCount)
        var stackUsed = [Bool](repeating: false, count: samples.stackCount)
        for sample in 0..<samples.count where valueIndex < samples.valueCount {
            let stack = Int(samples.stackOfSample[sample])
            let weight = samples.value(of: sample, type: valueIndex)
            let divisor = divisorIndex.map { samples.value(of: sample, type: $0) } ?? 0
            if weight == 0 && divisor == 0 { continue }
            stackWeight[stack] &+= weight
            stackUsed[stack] = true
        }
        var edges: [NodePair: EdgeWeight] = [:]
        var seen = Set<NodePair>()
        // A location met again in the same stack has had its inner edges counted: only the edge into it can be
        // new. Skipping the rest keeps a stack that repeats a location of thousands of inlined lines linear.
        var lastStackOfLocation = [Int](repeating: -1, count: max(table.locationStart.count - 1, 0))
        // Per location, its outermost and innermost frames with a node (-1: none), found at its first revisit.
        var presentEnds = [(outermost: Int, innermost: Int)?](repeating: nil, count: lastStackOfLocation.count)
        func ends(of location: Int) -> (outermost: Int, innermost: Int) {
            if let known = presentEnds[location] { return known }
            let first = Int(table.locationStart[location]), end = Int(table.locationStart[location + 1])
            let present = (first..<end).filter { table.locationNodes[$0] >= 0 }
            let found = (present.last ?? -1, present.first ?? -1)
            presentEnds[location] = found
            return found
        }
        for stack in 0..<samples.stackCount where stackUsed[stack] {
            seen.removeAll(keepingCapacity: true)
            var parent = -1
            func visit(_ frame: Int, inline: Bool) {
                let node = Int(table.locationNodes[frame])
                if parent >= 0 && node != parent && (touching[node] || touching[parent]) {
                    let pair = NodePair(caller: parent, callee: node)
                    if seen.insert(pair).inserted {
                        if var existing = edges[pair] {
                            existing.weight &+= stackWeight[stack]
                            if !inline { existing.inline = false }
                            edges[pair] = existing
                        } else {
                            edges[pair] = EdgeWeight(weight: stackWeight[stack], inline: inline)
                        }
                    }
                }
                parent = node
            }
            for position in samples.stackRange(of: stack).reversed() {
                let location = Int(samples.locationIndices[position])
                let first = Int(table.locationStart[location]), end = Int(table.locationStart[location + 1])
                if lastStackOfLocation[location] == stack {
                    let (outermost, innermost) = ends(of: location)
                    if outermost >= 0 {
                        visit(outermost, inline: outermost != end - 1)
                        parent = Int(table.locationNodes[innermost])
                    }
                    continue
                }
                lastStackOfLocation[location] = stack
                for frame in (first..<end).reversed() where table.locationNodes[frame] >= 0 {
                    visit(frame, inline: frame != end - 1)
                }
            }
        }
        return edges
    }

    /// pprof's `edgeList` order: absolute weight, largest first, then caller name, then callee name.
    package static func sorted(_ edges: [Edge], otherIsSource: Bool, this: NodeInfo) -> [Edge] {
        let thisName = this.printableName
        return edges.map { ($0, $0.other.printableName) }.sorted { left, right in
            let leftWeight = GoMath.absolute(left.0.weight), rightWeight = GoMath.absolute(right.0.weight)
            if leftWeight != rightWeight { return leftWeight > rightWeight }
            let (leftSource, leftDestination) = otherIsSource ? (left.1, thisName) : (thisName, left.1)
            let (rightSource, rightDestination) = otherIsSource ? (right.1, thisName) : (thisName, right.1)
            if leftSource != rightSource { return goLess(leftSource, rightSource) }
            return goLess(leftDestination, rightDestination)
        }.map(\.0)
    }
}
