import PprofAnalysis
import PprofFormatting
import PprofJoin
import PprofModel
import PprofEscape
/// The default report: the lines that allocate the most and why, then the listings of their functions.
///
/// Unlike pprof's `-list` header, each routine's total here is the function's real cumulative value, so
/// a recursive function is counted once (google/pprof#707).
public struct HotLinesReport {
    public let hotLines: HotLines
    public let context: ReportContext
    /// The profile's `File:`/`Type:`/… lines.
    public let header: [String]
    /// Each hot line's cumulative value, from a line-level graph, in `hotLines.entries` order.
    public let lineCums: [Int64]
    /// The ROUTINE listings of the functions holding the hot lines, in hot-line order, each with the
    /// function's cumulative value counted once per sample.
    public let routines: [(routine: ListReport.Routine, cum: Int64)]
    /// The source text of each hot line, when the source was found.
    public let sourceLines: [String?]
    /// Why each hot line's bytes are on the heap when no verdict says they escape.
    public let heapReasons: [String?]
    /// The verdicts under the listings' lines.
    public let verdicts: VerdictTable
    public let listing: ListReport?
    /// Set when `-escape=auto` made the logs: the advice for uncovered packages then names its flag.
    public var suggestsEscapePackages = false

    public init(profile: Profile, options: ReportOptions, join: VerdictJoin?, reader: SourceReader, limit: Int) {
        context = ReportContext(profile: profile, options: options)
        header = ReportHeader.profileLabels(profile, context: context)
        hotLines = HotLines(profile: profile, selection: options.selection, join: join, limit: limit)
        sourceLines = hotLines.entries.map { reader.line($0.site.file, $0.site.line) }
        heapReasons = zip(hotLines.entries, sourceLines).map { HeapReason.explain($0, source: $1) }
        lineCums = Self.lineCums(of: hotLines, profile: profile, options: options)

        var functions: [String] = []
        for entry in hotLines.entries where !functions.contains(entry.site.function) {
            functions.append(entry.site.function)
        }
        var listOptions = options
        listOptions.nodeFraction = 0
        listOptions.edgeFraction = 0
        let wanted = Set(functions)
        let listing = functions.isEmpty ? nil
            : try? ListReport(profile: profile, options: listOptions, pattern: "", matches: { wanted.contains($0) }, reader: reader)
        self.listing = listing
        let functionCums = Self.functionCums(profile: profile, options: listOptions)
        var routines: [(routine: ListReport.Routine, cum: Int64)] = []
        for name in functions {
            for routine in listing?.routines ?? [] where routine.function == name && !routine.file.isEmpty {
                routines.append((routine, functionCums[routine.function] ?? routine.cumLineSum))
            }
        }
        self.routines = routines
        var verdicts = VerdictTable(hasLogs: join != nil)
        if let join {
            for (routine, _) in routines {
                for line in routine.sampledLines {
                    verdicts.add(LineSite(function: routine.function, file: routine.file, line: line.number), from: join)
                }
            }
        }
        self.verdicts = verdicts
    }

    /// What to do to learn why `allocation` allocates: compile its package with the diagnostics on, unless the
    /// logs cover it, it has no Go body to analyse (the runtime), or it was inlined into a line whose own
    /// verdicts already say.
    package static func advice(
        for allocation: HotLines.Allocation, in entry: HotLines.Entry, hasLogs: Bool, escapePackages: Bool = false
    ) -> String? {
        guard hasLogs, !allocation.isCovered else { return nil }
        if allocation.isRuntime { return "a runtime allocator" }
        if allocation.isInlined && !entry.explanations.isEmpty { return nil }
        let package = GoSymbol.packagePath(of: allocation.callee.function)
        return escapePackages ? Self.escapePackagesAdvice(package) : "to see why, compile with -gcflags=\(package)=-m=2"
    }

    /// `-escape=auto` compiles only the user's packages: this says how to have it compile another one too.
    package static func escapePackagesAdvice(_ package: String) -> String {
        "to see why, add -escape_packages=\(package) (go build -gcflags=\(package)=-m=2 \(package))"
    }

    /// Each function's cumulative value counted once per sample, as `-top` counts it.
    package static func functionCums(profile: Profile, options: ReportOptions) -> [String: Int64] {
        let table = NodeTable(profile: profile, options: NodeTable.Options(granularity: .functions, inlines: options.inlines))
        let graph = CallGraph(profile: profile, table: table, values: options.valueSelector)
        var cum: [String: Int64] = [:]
        for node in graph.presentNodes() {
            cum[table.infos[node].name, default: 0] &+= graph.cumValue(node)
        }
        return cum
    }

    private static func lineCums(of hotLines: HotLines, profile: Profile, options: ReportOptions) -> [Int64] {
        let table = NodeTable(profile: profile, options: NodeTable.Options(granularity: .lines, inlines: options.inlines))
        let graph = CallGraph(profile: profile, table: table, values: options.valueSelector)
        var cumBySite: [LineSite: Int64] = [:]
        var fileByCleaned: [String: String] = [:]
        for function in profile.functions { fileByCleaned[GoPath.clean(function.filename)] = function.filename }
        for node in graph.presentNodes() {
            let info = table.infos[node]
            let site = LineSite(function: info.name, file: fileByCleaned[info.file] ?? info.file, line: info.lineNumber)
            cumBySite[site, default: 0] &+= graph.cumValue(node)
        }
        return hotLines.entries.map { cumBySite[$0.site] ?? $0.value }
    }

    public func write(to output: inout some TextOutputStream, fullFlow: Bool) {
        let selection = context.options.selection
        output.write((header + ["Total: \(context.format(context.total))"]).joined(separator: "\n") + "\n")
        guard !hotLines.entries.isEmpty else {
            output.write("No \(selection.typeLabel) in this profile: nothing allocated while it was recorded.\n")
            return
        }
        output.write("\nHottest lines by \(selection.typeLabel)\(verdicts.hasLogs ? " in the code the escape logs cover" : ""):\n")
        for (rank, entry) in hotLines.entries.enumerated() {
            let share = Measurement.percentage(entry.value, of: context.total).trimmingSpaces
            output.write("\n\(rank + 1). \(context.format(entry.value)) (\(share))  \(entry.site.function)\n")
            output.write("   \(entry.site.file):\(entry.site.line)\n")
            if let text = sourceLines[rank] {
                output.write("   " + GoFormat.padLeft(String(entry.site.line), 6) + ":" + text + "\n")
            }
            for explanationLine in EscapeAnnotation.lines(for: entry.explanations, fullFlow: fullFlow) {
                output.write(explanationLine + "\n")
            }
            if let reason = heapReasons[rank] {
                output.write("   \(reason)\n")
            }
            if !entry.inlineCallers.isEmpty {
                let callers = entry.inlineCallers.map { "\($0.function) (\(GoPath.base($0.file)):\($0.line))" }
                output.write("   inlined into: \(callers.joined(separator: ", "))\n")
            }
            for allocation in entry.allocatedIn.prefix(3) {
                output.write("   allocated in \(allocation.site.function) (\(GoPath.base(allocation.site.file)):\(allocation.site.line))")
                if allocation.callee.function != allocation.site.function { output.write(" via \(allocation.callee.function)") }
                output.write(": \(context.format(allocation.value))")
                if let advice = Self.advice(for: allocation, in: entry, hasLogs: verdicts.hasLogs, escapePackages: suggestsEscapePackages) { output.write("; " + advice) }
                output.write("\n")
            }
            if verdicts.hasLogs && !entry.isCovered && entry.allocatedIn.isEmpty {
                let package = GoSymbol.packagePath(of: entry.site.function)
                if suggestsEscapePackages {
                    // The runtime has no verdicts to give on its own allocations: nothing to suggest.
                    if package != "runtime" && !package.hasPrefix("internal/runtime/") {
                        output.write("   the logs do not cover \(package); \(Self.escapePackagesAdvice(package))\n")
                    }
                } else {
                    output.write("   the logs do not cover \(package); compile it with -gcflags=\(package)=-m=2 to see why\n")
                }
            }
        }
        guard let listing else { return }
        output.write("\n")
        let annotate = verdicts.hasLogs ? EscapeAnnotation.annotator(verdicts: verdicts, fullFlow: fullFlow) : nil
        for (routine, cum) in routines {
            listing.write(routine, cum: cum, to: &output, annotate: annotate)
        }
    }
}
