import PprofAnalysis
import PprofFormatting
import PprofJoin
import PprofModel
/// The default report with a base profile (`-base` or `-diff_base`): each hot line before, after, and the
/// change, with the escape reasons of the new logs and, given `-base_escape`, of the old ones.
public struct HotLinesComparisonReport {
    public let comparison: HotLinesComparison
    public let context: ReportContext
    public let reader: SourceReader
    public let hasBaseLogs: Bool
    /// The new profile's flame graph with the base's values beside it, for `-html`; nil otherwise.
    public var flameGraph: FlameGraph?

    public init(comparison: HotLinesComparison, context: ReportContext, reader: SourceReader, hasBaseLogs: Bool) {
        self.comparison = comparison
        self.context = context
        self.reader = reader
        self.hasBaseLogs = hasBaseLogs
    }

    public func write(to output: inout some TextOutputStream, fullFlow: Bool) {
        let type = context.options.selection.typeLabel
        output.write("Type: \(type)\n")
        output.write("Total: \(context.format(comparison.beforeTotal)) before, \(context.format(comparison.afterTotal)) after "
            + "(\(signed(comparison.afterTotal &- comparison.beforeTotal)))\n")
        guard !comparison.entries.isEmpty else {
            output.write("No line changed.\n")
            return
        }
        output.write("\nLines whose \(type) changed most:\n")
        for (rank, entry) in comparison.entries.enumerated() {
            var share = ""
            if entry.before != 0 {
                share = ", " + (entry.change < 0 ? "-" : "+") + Measurement.percentage(entry.change, of: entry.before).trimmingSpaces
            }
            output.write("\n\(rank + 1). \(context.format(entry.before)) -> \(context.format(entry.after)) (\(signed(entry.change))\(share))  \(entry.site.function)\n")
            output.write("   \(entry.site.file):\(entry.site.line)\n")
            if let text = reader.line(entry.site.file, entry.site.line) {
                output.write("   " + GoFormat.padLeft(String(entry.site.line), 6) + ":" + text + "\n")
            }
            let now = EscapeAnnotation.lines(for: entry.explanations, fullFlow: fullFlow)
            if hasBaseLogs {
                let before = EscapeAnnotation.lines(for: entry.baseExplanations, fullFlow: fullFlow)
                if before == now {
                    output.write(now.isEmpty ? "   escape verdicts: none, before and after\n" : "   escape verdicts unchanged:\n")
                    for line in now { output.write(line + "\n") }
                } else {
                    output.write(before.isEmpty ? "   before: no escape verdict on this line\n" : "   before:\n")
                    for line in before { output.write(line + "\n") }
                    output.write(now.isEmpty ? "   after: no escape verdict on this line\n" : "   after:\n")
                    for line in now { output.write(line + "\n") }
                }
            } else {
                for line in now { output.write(line + "\n") }
            }
            for allocation in entry.allocatedIn.prefix(3) {
                output.write("   allocated in \(allocation.site.function) (\(GoPath.base(allocation.site.file)):\(allocation.site.line))\n")
            }
        }
    }

    private func signed(_ value: Int64) -> String {
        value > 0 ? "+" + context.format(value) : context.format(value)
    }
}

extension JSONReport {
    /// The comparison as JSON: `flat` is the new value, `before` the base's, `change` their difference.
    public init(comparison report: HotLinesComparisonReport) {
        let selection = report.context.options.selection
        self.init(
            sampleType: selection.typeLabel, unit: selection.type.unit, total: report.comparison.afterTotal,
            lines: report.comparison.entries.map { entry in
                var line = Line(
                    function: entry.site.function, file: entry.site.file, line: entry.site.line, flat: entry.after,
                    cum: entry.after, source: report.reader.line(entry.site.file, entry.site.line), escapes: entry.explanations)
                line.before = entry.before
                line.baseEscapes = report.hasBaseLogs ? entry.baseExplanations : nil
                return line
            })
        baseTotal = report.comparison.beforeTotal
    }
}
