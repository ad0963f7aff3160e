import PprofAnalysis
import PprofFormatting
import PprofJoin
/// `-html` and `-http`: the hot-lines report as one self-contained page. The report's data goes into the page
/// as JSON in a `<script type="application/json">`, and the page's own script (`HTMLPage`) draws it; every
/// value and label is the one the text report prints, decided by the pipeline, so nothing here analyses.
extension ReportWriter {
    /// Writes the page; false for a report the page does not draw (pprof's own reports: `-top`, `-list`, …).
    public static func writeHTML(_ report: Report, options: Options = Options(), to output: inout some TextOutputStream) -> Bool {
        let data: PageValue
        switch report.content {
        case .hotLines(let hotLines):
            data = HTMLData.hotLines(hotLines, fullFlow: options.fullFlow, sampleTypes: report.sampleTypes)
        case .comparison(let comparison):
            data = HTMLData.comparison(comparison, fullFlow: options.fullFlow, sampleTypes: report.sampleTypes)
        default: return false
        }
        output.write(HTMLPage.head)
        // The JSON is escaped for a <script> element (no `<`, `>` or `&` in it), so nothing in a function name
        // or source line can close the element or start markup.
        data.write(to: &output)
        output.write(HTMLPage.tail)
        return true
    }
}

/// A JSON value for the page, written with every character that HTML could read as markup escaped.
package indirect enum PageValue {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null
    case array([PageValue])
    case object(KeyValuePairs<String, PageValue>)
    case pairs([(String, PageValue)])

    package static func optional(_ text: String?) -> PageValue { text.map(PageValue.string) ?? .null }

    package func write(to output: inout some TextOutputStream) {
        switch self {
        case .string(let text): output.write(Self.quote(text))
        case .int(let value): output.write(String(value))
        case .bool(let value): output.write(value ? "true" : "false")
        case .null: output.write("null")
        case .array(let values):
            output.write("[")
            for (index, value) in values.enumerated() {
                if index > 0 { output.write(",") }
                value.write(to: &output)
            }
            output.write("]")
        case .object(let pairs):
            Self.write(pairs.map { ($0.key, $0.value) }, to: &output)
        case .pairs(let pairs):
            Self.write(pairs, to: &output)
        }
    }

    private static func write(_ pairs: [(String, PageValue)], to output: inout some TextOutputStream) {
        output.write("{")
        for (index, (key, value)) in pairs.enumerated() {
            if index > 0 { output.write(",") }
            output.write(quote(key))
            output.write(":")
            value.write(to: &output)
        }
        output.write("}")
    }

    /// A JSON string literal safe inside `<script>`.
    package static func quote(_ text: String) -> String {
        JSONReport.quote(text, insideScript: true)
    }
}

/// The report models as the page's JSON. Labels are formatted here as the text report formats them; raw
/// values ride along only where the page sizes or colours something by them.
package enum HTMLData {
    package static func hotLines(_ report: HotLinesReport, fullFlow: Bool, sampleTypes: [String]) -> PageValue {
        let context = report.context
        let hasLogs = report.verdicts.hasLogs
        let lines: [PageValue] = report.hotLines.entries.enumerated().map { rank, entry in
            var notes: [PageValue] = []
            if let reason = report.heapReasons[rank] { notes.append(.string(reason)) }
            if !entry.inlineCallers.isEmpty {
                let callers = entry.inlineCallers.map { "\($0.function) (\(GoPath.base($0.file)):\($0.line))" }
                notes.append(.string("inlined into: \(callers.joined(separator: ", "))"))
            }
            for allocation in entry.allocatedIn.prefix(3) {
                var text = "allocated in \(allocation.site.function) (\(GoPath.base(allocation.site.file)):\(allocation.site.line))"
                if allocation.callee.function != allocation.site.function { text += " via \(allocation.callee.function)" }
                text += ": \(context.format(allocation.value))"
                if let advice = HotLinesReport.advice(for: allocation, in: entry, hasLogs: hasLogs) { text += "; " + advice }
                notes.append(.string(text))
            }
            if hasLogs && !entry.isCovered && entry.allocatedIn.isEmpty {
                let package = GoSymbol.packagePath(of: entry.site.function)
                notes.append(.string("the logs do not cover \(package); compile it with -gcflags=\(package)=-m=2 to see why"))
            }
            return .object([
                "value": .string(context.format(entry.value)),
                "share": .string(Measurement.percentage(entry.value, of: context.total).trimmingSpaces),
                "raw": .int(entry.value),
                "cum": .string(context.format(report.lineCums[rank])),
                "function": .string(entry.site.function),
                "file": .string(entry.site.file),
                "line": .int(entry.site.line),
                "source": .optional(report.sourceLines[rank]),
                "verdicts": verdicts(entry.explanations, fullFlow: fullFlow),
                "notes": .array(notes),
            ])
        }
        let routines: [PageValue] = report.routines.map { routine, cum in
            var sourceLines: [PageValue] = []
            for line in routine.lines ?? [] {
                let shown = line.flat != 0 || line.cum != 0
                let lineVerdicts = shown ? report.verdicts.verdicts(function: routine.function, line: line.number) : []
                sourceLines.append(.array([
                    .int(line.number), .string(line.text),
                    .string(context.formatOrDot(line.flat)), .string(context.formatOrDot(line.cum)), .int(line.cum),
                    lineVerdicts.isEmpty ? .null : verdicts(lineVerdicts, fullFlow: fullFlow),
                ]))
            }
            return .object([
                "function": .string(routine.function),
                "file": .string(routine.file),
                "flat": .string(context.format(routine.flat)),
                "cum": .string(context.format(cum)),
                "share": .string(Measurement.percentage(cum, of: context.total).trimmingSpaces),
                "error": .optional(routine.lines == nil ? routine.error ?? "no source" : nil),
                "lines": .array(sourceLines),
            ])
        }
        return .object([
            "kind": .string("hot"),
            "sampleTypes": .array(sampleTypes.map(PageValue.string)),
            "sampleType": .string(context.options.selection.type.type),
            "header": .array(report.header.map(PageValue.string)),
            "type": .string(context.options.selection.typeLabel),
            "total": .string(context.format(context.total)),
            "hasLogs": .bool(hasLogs),
            "lines": .array(lines),
            "routines": .array(routines),
            "flame": report.flameGraph.map { flame($0, context: context, total: context.total) } ?? .null,
        ])
    }

    package static func comparison(_ report: HotLinesComparisonReport, fullFlow: Bool, sampleTypes: [String]) -> PageValue {
        let context = report.context
        let comparison = report.comparison
        let lines: [PageValue] = comparison.entries.map { entry in
            var share = ""
            if entry.before != 0 {
                share = (entry.change < 0 ? "-" : "+") + Measurement.percentage(entry.change, of: entry.before).trimmingSpaces
            }
            let now = verdicts(entry.explanations, fullFlow: fullFlow)
            let before = verdicts(entry.baseExplanations, fullFlow: fullFlow)
            let lines = { (explanations: [EscapeExplanation]) in EscapeAnnotation.lines(for: explanations, fullFlow: fullFlow) }
            let verdictChange: String
            if !report.hasBaseLogs {
                verdictChange = "no base logs"
            } else if lines(entry.baseExplanations) == lines(entry.explanations) {
                verdictChange = entry.explanations.isEmpty ? "none, before and after" : "unchanged"
            } else {
                verdictChange = "changed"
            }
            return .object([
                "before": .string(context.format(entry.before)),
                "after": .string(context.format(entry.after)),
                "change": .string(signed(entry.change, context)),
                "changeShare": .string(share),
                "sign": .int(entry.change > 0 ? 1 : entry.change < 0 ? -1 : 0),
                "function": .string(entry.site.function),
                "file": .string(entry.site.file),
                "line": .int(entry.site.line),
                "source": .optional(report.reader.line(entry.site.file, entry.site.line)),
                "verdicts": now,
                "baseVerdicts": report.hasBaseLogs ? before : .null,
                "verdictChange": .string(verdictChange),
                "notes": .array(entry.allocatedIn.prefix(3).map { allocation in
                    .string("allocated in \(allocation.site.function) (\(GoPath.base(allocation.site.file)):\(allocation.site.line))")
                }),
            ])
        }
        let total = max(comparison.beforeTotal.magnitude, comparison.afterTotal.magnitude)
        return .object([
            "kind": .string("diff"),
            "sampleTypes": .array(sampleTypes.map(PageValue.string)),
            "sampleType": .string(context.options.selection.type.type),
            "type": .string(context.options.selection.typeLabel),
            "totalBefore": .string(context.format(comparison.beforeTotal)),
            "totalAfter": .string(context.format(comparison.afterTotal)),
            "totalChange": .string(signed(comparison.afterTotal &- comparison.beforeTotal, context)),
            "hasLogs": .bool(!comparison.entries.allSatisfy { $0.explanations.isEmpty } || report.hasBaseLogs),
            "hasBaseLogs": .bool(report.hasBaseLogs),
            "lines": .array(lines),
            "routines": .array([]),
            "flame": report.flameGraph.map { flame($0, context: context, total: Int64(clamping: total)) } ?? .null,
        ])
    }

    private static func signed(_ value: Int64, _ context: ReportContext) -> String {
        value > 0 ? "+" + context.format(value) : context.format(value)
    }

    /// Each verdict with its position and the steps the text report prints under it (reasons, or the whole
    /// flow with `-full_flow`), positions shortened as there; the whole flow too when it says more.
    private static func verdicts(_ explanations: [EscapeExplanation], fullFlow: Bool) -> PageValue {
        .array(explanations.map { explanation in
            let position = explanation.column > 0 ? "\(explanation.line):\(explanation.column)" : "\(explanation.line)"
            let steps = (fullFlow ? explanation.flow : explanation.reasons).map(EscapeAnnotation.shortenPosition)
            let flow = explanation.flow.map(EscapeAnnotation.shortenPosition)
            return .object([
                "message": .string(explanation.message),
                "at": .string("\(GoPath.base(explanation.file)):\(position)"),
                "ambiguous": .array(explanation.ambiguousFiles.map(PageValue.string)),
                "steps": .array(steps.map(PageValue.string)),
                "flow": flow.count > steps.count ? .array(flow.map(PageValue.string)) : .null,
            ])
        })
    }

    /// Nodes flattened to `[name, parent, value, base]` quadruples in pre-order, with each node's label.
    private static func flame(_ graph: FlameGraph, context: ReportContext, total: Int64) -> PageValue {
        var nodes: [PageValue] = []
        nodes.reserveCapacity(graph.nodes.count * 4)
        var labels: [PageValue] = []
        labels.reserveCapacity(graph.nodes.count)
        for node in graph.nodes {
            nodes.append(.int(Int64(node.name)))
            nodes.append(.int(Int64(node.parent)))
            nodes.append(.int(node.value))
            nodes.append(.int(node.baseValue))
            if graph.hasBase {
                labels.append(.string("\(context.format(node.baseValue)) -> \(context.format(node.value)) (\(signed(node.value &- node.baseValue, context)))"))
            } else {
                labels.append(.string("\(context.format(node.value)) (\(Measurement.percentage(node.value, of: total).trimmingSpaces))"))
            }
        }
        return .object([
            "names": .array(graph.names.map(PageValue.string)),
            "nodes": .array(nodes),
            "labels": .array(labels),
            "hasBase": .bool(graph.hasBase),
            "dropped": .int(Int64(graph.droppedNodeCount)),
        ])
    }
}
