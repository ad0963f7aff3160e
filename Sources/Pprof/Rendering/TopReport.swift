import PprofAnalysis
import PprofFormatting
import PprofModel
/// `-top`: pprof's text report, nodes trimmed, sorted and labelled as `go tool pprof -top` prints them.
public struct TopReport: Sendable {
    public struct Row: Sendable, Equatable {
        public var info: NodeInfo
        public var flat: Int64
        public var cum: Int64
        /// "(inline)", "(partial-inline)" or "".
        public var inlineLabel: String
    }

    public private(set) var rows: [Row] = []
    public private(set) var headerLines: [String] = []
    public let context: ReportContext

    public init(profile: Profile, options: ReportOptions) {
        var context = ReportContext(profile: profile, options: options)
        let table = NodeTable(profile: profile, options: NodeTable.Options(
            granularity: options.granularity, inlines: options.inlines,
            trimPath: options.trimPath, sourcePath: options.sourcePath))
        let selector = options.valueSelector
        func graph(_ kept: [Bool]?, inlineMarksAbove edgeCutoff: Int64? = nil) -> CallGraph {
            CallGraph(profile: profile, table: table, values: selector, kept: kept, inlineMarksAbove: edgeCutoff)
        }

        var current = graph(nil)
        var nodes = current.presentNodes(dropNegative: options.dropNegative)
        var totalValue: Int64 = 0
        for node in nodes { totalValue &+= current.flat[node] }
        let nodeCutoff = GoMath.absolute(GoMath.truncate(Double(totalValue) * options.nodeFraction))
        let edgeCutoff = GoMath.absolute(GoMath.truncate(Double(totalValue) * options.edgeFraction))

        var kept: [Bool]?
        var droppedNodes = 0
        if nodeCutoff > 0 {
            let survivors = nodes.filter { GoMath.absolute(current.cum[$0]) >= nodeCutoff }
            if survivors.count != nodes.count {
                droppedNodes = nodes.count - survivors.count
                kept = Self.mask(survivors, count: table.count)
                current = graph(kept)
                nodes = current.presentNodes(dropNegative: options.dropNegative)
            }
        }
        let originalCount = nodes.count
        Self.sort(&nodes, in: current, table: table, cumulative: options.cumulativeSort)
        let nodeCount = options.nodeCount ?? 0
        if nodeCount > 0 && nodeCount < nodes.count {
            kept = Self.mask(Array(nodes.prefix(nodeCount)), count: table.count)
            current = graph(kept)
            nodes = current.presentNodes(dropNegative: options.dropNegative)
            Self.sort(&nodes, in: current, table: table, cumulative: options.cumulativeSort)
        }
        current = graph(kept, inlineMarksAbove: edgeCutoff)
        let incomingInline = current.inlineMarks

        context.outputUnit = Self.outputUnit(for: nodes, in: current, context: context)
        self.context = context

        var shownTotal: Int64 = 0
        for node in nodes {
            let label: String
            switch incomingInline[node] {
            case 1: label = "(inline)"
            case 3: label = "(partial-inline)"
            default: label = ""
            }
            rows.append(Row(info: table.infos[node], flat: current.flatValue(node), cum: current.cumValue(node), inlineLabel: label))
            shownTotal &+= current.flatValue(node)
        }

        var header = ReportHeader.profileLabels(profile, context: context)
        header += ReportHeader.activeFilters(options.activeFilters)
        header.append("Showing nodes accounting for \(context.format(shownTotal)), "
            + "\(Measurement.percentage(shownTotal, of: context.total).trimmingSpaces) of \(context.format(context.total)) total")
        if context.total != 0 {
            if droppedNodes > 0 {
                let cutoff = GoMath.absolute(GoMath.truncate(Double(context.total) * options.nodeFraction))
                header.append("Dropped \(droppedNodes) \(droppedNodes > 1 ? "nodes" : "node") (cum <= \(context.format(cutoff)))")
            }
            if nodes.count > 0 && nodes.count < originalCount {
                header.append("Showing top \(nodes.count) nodes out of \(originalCount)")
            }
        }
        headerLines = header
    }

    public func write(to output: inout some TextOutputStream) {
        output.write(headerLines.joined(separator: "\n") + "\n")
        output.write("      flat  flat%   sum%        cum   cum%\n")
        var flatSum: Int64 = 0
        // One line appended in place: a chain of `+` built a new string per piece.
        var line = ""
        line.reserveCapacity(160)
        for row in rows {
            flatSum &+= row.flat
            line.removeAll(keepingCapacity: true)
            line += GoFormat.padLeft(context.format(row.flat), 10)
            line += " "
            line += Measurement.percentage(row.flat, of: context.total)
            line += " "
            line += Measurement.percentage(flatSum, of: context.total)
            line += " "
            line += GoFormat.padLeft(context.format(row.cum), 10)
            line += " "
            line += Measurement.percentage(row.cum, of: context.total)
            line += "  "
            line += row.info.printableName
            if !row.inlineLabel.isEmpty {
                line += " "
                line += row.inlineLabel
            }
            line += "\n"
            output.write(line)
        }
    }

    package static func mask(_ nodes: [Int], count: Int) -> [Bool] {
        var mask = [Bool](repeating: false, count: count)
        for node in nodes { mask[node] = true }
        return mask
    }

    /// pprof's `FlatNameOrder` and `CumNameOrder`, made total by its last tie-break.
    package static func sort(_ nodes: inout [Int], in graph: CallGraph, table: NodeTable, cumulative: Bool) {
        // The keys gathered once: comparing through `table.infos` copied a node's strings and looked its name
        // up in a dictionary on every comparison of a sort of thousands.
        struct Key {
            var node: Int
            var primary: Int64
            var secondary: Int64
            var address: UInt64
            var name: String
        }
        var keys = nodes.map { node in
            let (flat, cum) = (GoMath.absolute(graph.flat[node]), GoMath.absolute(graph.cum[node]))
            return Key(
                node: node, primary: cumulative ? cum : flat, secondary: cumulative ? flat : cum,
                address: table.infos[node].address, name: table.infos[node].printableName)
        }
        keys.sort { left, right in
            if left.primary != right.primary { return left.primary > right.primary }
            if left.address != 0 && right.address != 0 && left.address != right.address { return left.address < right.address }
            if goLess(left.name, right.name) { return true }
            if goLess(right.name, left.name) { return false }
            if left.secondary != right.secondary { return left.secondary > right.secondary }
            return goLess(table.infos[left.node].goDebugString, table.infos[right.node].goDebugString)
        }
        nodes = keys.map(\.node)
    }

    /// pprof's `selectOutputUnit` for `-unit=minimum`: one unit for the whole table, from the smallest shown
    /// value unless that is under a hundredth of the total.
    package static func outputUnit(for nodes: [Int], in graph: CallGraph, context: ReportContext) -> String {
        let options = context.options
        guard options.outputUnit == "minimum", !nodes.isEmpty else { return options.outputUnit }
        var minimum: Int64 = 0
        for node in nodes {
            var value = GoMath.absolute(graph.flatValue(node))
            if value == 0 { value = GoMath.absolute(graph.cumValue(node)) }
            if value > 0 && (minimum == 0 || value < minimum) { minimum = value }
        }
        var maximum = context.total
        if minimum == 0 { minimum = maximum }
        if options.ratio > 0 && options.ratio != 1 {
            minimum = GoMath.truncate(Double(minimum) * options.ratio)
            maximum = GoMath.truncate(Double(maximum) * options.ratio)
        }
        let unit = options.selection.type.unit
        let minimumUnit = Measurement.scale(minimum, from: unit, to: "minimum").1
        let maximumUnit = Measurement.scale(maximum, from: unit, to: "minimum").1
        var chosen = minimumUnit
        if minimumUnit != maximumUnit && minimum &* 100 < maximum {
            chosen = Measurement.scale(100 &* minimum, from: unit, to: "minimum").1
        }
        return chosen.isEmpty ? unit : chosen
    }
}

extension String {
    /// Go's `strings.TrimSpace` for the ASCII blanks pprof's formats produce.
    package var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" || first == "\n" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\n" { text.removeLast() }
        return String(text)
    }
}
