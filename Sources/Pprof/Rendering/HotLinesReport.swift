/// The default report: the lines that allocate the most and why, then the listings of their functions.
///
/// Unlike pprof's `-list` header, each routine's total here is the function's real cumulative value, so
/// a recursive function is counted once (google/pprof#707).
public struct HotLinesReport {
    public let hotLines: HotLines
    public let context: ReportContext
    public let profile: Profile
    public let reader: SourceReader
    public let join: EscapeJoin?
    public let fullFlow: Bool

    public init(profile: Profile, options: ReportOptions, join: EscapeJoin?, reader: SourceReader, limit: Int, fullFlow: Bool) {
        self.profile = profile
        self.context = ReportContext(profile: profile, options: options)
        self.hotLines = HotLines(profile: profile, selection: options.selection, join: join, limit: limit)
        self.reader = reader
        self.join = join
        self.fullFlow = fullFlow
    }

    public func write(to output: inout some TextOutputStream) {
        let selection = context.options.selection
        var header = ReportHeader.profileLabels(profile, context: context)
        header.append("Total: \(context.format(context.total))")
        output.write(header.joined(separator: "\n") + "\n")
        guard !hotLines.entries.isEmpty else {
            output.write("No \(selection.typeLabel) in this profile: nothing allocated while it was recorded.\n")
            return
        }
        output.write("\nHottest lines by \(selection.typeLabel)\(join == nil ? "" : " in the code the escape logs cover"):\n")
        for (rank, entry) in hotLines.entries.enumerated() {
            let share = Measurement.percentage(entry.value, of: context.total).trimmingSpaces
            output.write("\n\(rank + 1). \(context.format(entry.value)) (\(share))  \(entry.site.function)\n")
            output.write("   \(entry.site.file):\(entry.site.line)\n")
            if let text = reader.line(entry.site.file, entry.site.line) {
                output.write("   " + GoFormat.padLeft(String(entry.site.line), 6) + ":" + text + "\n")
            }
            for explanationLine in EscapeAnnotation.lines(for: entry.explanations, fullFlow: fullFlow) {
                output.write(explanationLine + "\n")
            }
            if !entry.inlineCallers.isEmpty {
                let callers = entry.inlineCallers.map { "\($0.function) (\(GoPath.base($0.file)):\($0.line))" }
                output.write("   inlined into: \(callers.joined(separator: " <- "))\n")
            }
            for allocation in entry.allocatedIn.prefix(3) {
                let package = GoSymbol.packagePath(of: allocation.site.function)
                output.write("   allocated in \(allocation.site.function) (\(GoPath.base(allocation.site.file)):\(allocation.site.line)): "
                    + "\(context.format(allocation.value))")
                if join != nil, !(join?.covers(file: allocation.site.file, function: allocation.site.function) ?? false) {
                    output.write("; to see why, compile with -gcflags=\(package)=-m=2")
                }
                output.write("\n")
            }
            if entry.explanations.isEmpty && join != nil && entry.allocatedIn.isEmpty {
                let package = GoSymbol.packagePath(of: entry.site.function)
                output.write("   no escape diagnostic on this line in the logs; compile \(package) with -gcflags=\(package)=-m=2 to see why\n")
            }
        }
        writeRoutines(to: &output)
    }

    /// The ROUTINE listings of the functions holding the hot lines, pprof's layout with the escape reasons
    /// under the lines they explain.
    private func writeRoutines(to output: inout some TextOutputStream) {
        var functions: [String] = []
        for entry in hotLines.entries where !functions.contains(entry.site.function) {
            functions.append(entry.site.function)
        }
        guard !functions.isEmpty else { return }
        var options = context.options
        options.nodeFraction = 0
        options.edgeFraction = 0
        let wanted = Set(functions)
        guard let listing = try? ListReport(profile: profile, options: options, pattern: "", matches: { wanted.contains($0) }, reader: reader) else {
            return
        }
        let functionTotals = FunctionTotals(profile: profile, options: options)
        output.write("\n")
        for name in functions {
            for routine in listing.routines where routine.function == name && !routine.file.isEmpty {
                let cum = functionTotals.cum[routine.function] ?? routine.cumLineSum
                listing.write(routine, cum: cum, to: &output, annotate: join.map { EscapeAnnotation.annotator(join: $0, fullFlow: fullFlow) })
            }
        }
    }
}

/// Each function's flat and cumulative value counted once per sample, as `-top` counts them.
struct FunctionTotals {
    var cum: [String: Int64] = [:]

    init(profile: Profile, options: ReportOptions) {
        let table = NodeTable(profile: profile, options: NodeTable.Options(granularity: .functions, inlines: options.inlines))
        let graph = CallGraph(profile: profile, table: table, values: options.valueSelector)
        for node in graph.presentNodes() {
            cum[table.infos[node].name, default: 0] &+= graph.cumValue(node)
        }
    }
}
