import PprofJoin
import PprofModel
import PprofAnalysis
/// `-json`: the lines of a report with their values and escape reasons, for editors and CI.
///
/// `{"sample_type", "unit", "total", "lines": [{"function", "file", "line", "flat", "cum", "source",
/// "escapes": [{"file", "line", "column", "message", "flow": [...]}]}]}`; values are in the sample unit.
public struct JSONReport {
    public struct Line {
        public var function: String
        public var file: String
        public var line: Int64
        public var flat: Int64
        public var cum: Int64
        public var source: String?
        public var escapes: [EscapeExplanation]
        /// With a base profile: the line's value there, and the base logs' verdicts when given.
        public var before: Int64?
        public var baseEscapes: [EscapeExplanation]?
        /// The default report's explanations beyond the verdicts: why the bytes are on the heap when no
        /// verdict says they escape, where outside the covered code they were allocated (with what to do to
        /// learn why), and the call sites the line was inlined into.
        public var heapReason: String?
        public var allocatedIn: [(site: LineSite, via: LineSite, value: Int64, advice: String?)]?
        public var inlinedInto: [LineSite]?

        public init(function: String, file: String, line: Int64, flat: Int64, cum: Int64, source: String?, escapes: [EscapeExplanation]) {
            self.function = function
            self.file = file
            self.line = line
            self.flat = flat
            self.cum = cum
            self.source = source
            self.escapes = escapes
        }
    }

    public var sampleType: String
    public var unit: String
    public var total: Int64
    public var lines: [Line]
    /// With a base profile: its total.
    public var baseTotal: Int64?

    public init(sampleType: String, unit: String, total: Int64, lines: [Line]) {
        self.sampleType = sampleType
        self.unit = unit
        self.total = total
        self.lines = lines
    }

    /// The hot lines of the default report.
    public init(hotLines report: HotLinesReport) {
        let selection = report.context.options.selection
        self.init(
            sampleType: selection.typeLabel, unit: selection.type.unit, total: report.context.total,
            lines: report.hotLines.entries.enumerated().map { rank, entry in
                var line = Line(
                    function: entry.site.function, file: entry.site.file, line: entry.site.line, flat: entry.value,
                    cum: report.lineCums[rank], source: report.sourceLines[rank], escapes: entry.explanations)
                line.heapReason = report.heapReasons[rank]
                line.allocatedIn = entry.allocatedIn.map {
                    ($0.site, $0.callee, $0.value, HotLinesReport.advice(
                        for: $0, in: entry, hasLogs: report.verdicts.hasLogs, escapePackages: report.suggestsEscapePackages))
                }
                line.inlinedInto = entry.inlineCallers
                return line
            })
    }

    /// The rows of `-top` (with `-lines`, each with its verdicts).
    public init(top report: TopReport, verdicts: VerdictTable, reader: SourceReader) {
        let selection = report.context.options.selection
        self.init(
            sampleType: selection.typeLabel, unit: selection.type.unit, total: report.context.total,
            lines: report.rows.map { row in
                let info = row.info
                return Line(
                    function: info.name, file: info.file, line: info.lineNumber, flat: row.flat, cum: row.cum,
                    source: info.lineNumber != 0 ? reader.line(info.file, info.lineNumber) : nil,
                    escapes: info.lineNumber != 0 ? verdicts.verdicts(function: info.name, line: info.lineNumber) : [])
            })
    }

    /// The sampled lines of every `-list` routine, with their verdicts.
    public init(list report: ListReport, verdicts: VerdictTable) {
        let selection = report.context.options.selection
        var lines: [Line] = []
        for routine in report.routines {
            for line in routine.sampledLines {
                lines.append(Line(
                    function: routine.function, file: routine.file, line: line.number, flat: line.flat, cum: line.cum,
                    source: routine.lines == nil && line.text.isEmpty ? nil : line.text,
                    escapes: verdicts.verdicts(function: routine.function, line: line.number)))
            }
        }
        self.init(sampleType: selection.typeLabel, unit: selection.type.unit, total: report.context.total, lines: lines)
    }

    public func write(to output: inout some TextOutputStream) {
        output.write("{\n  \"sample_type\": \(Self.quote(sampleType)),\n  \"unit\": \(Self.quote(unit)),\n  \"total\": \(total),\n")
        if let baseTotal { output.write("  \"base_total\": \(baseTotal),\n") }
        output.write("  \"lines\": [")
        for (index, line) in lines.enumerated() {
            output.write(index == 0 ? "\n" : ",\n")
            output.write("    {\"function\": \(Self.quote(line.function)), \"file\": \(Self.quote(line.file)), \"line\": \(line.line), "
                + "\"flat\": \(line.flat), \"cum\": \(line.cum), \"source\": \(line.source.map { Self.quote($0) } ?? "null"), ")
            if let before = line.before {
                output.write("\"before\": \(before), \"change\": \(line.flat &- before), ")
            }
            output.write("\"escapes\": ")
            Self.write(line.escapes, to: &output)
            if let baseEscapes = line.baseEscapes {
                output.write(", \"base_escapes\": ")
                Self.write(baseEscapes, to: &output)
            }
            if let allocatedIn = line.allocatedIn {
                output.write(", \"heap_reason\": \(line.heapReason.map { Self.quote($0) } ?? "null"), \"allocated_in\": [")
                output.write(allocatedIn.map { allocation in
                    "{\"function\": \(Self.quote(allocation.site.function)), \"file\": \(Self.quote(allocation.site.file)), "
                        + "\"line\": \(allocation.site.line), \"via\": \(Self.quote(allocation.via.function)), \"value\": \(allocation.value), "
                        + "\"advice\": \(allocation.advice.map { Self.quote($0) } ?? "null")}"
                }.joined(separator: ", "))
                output.write("], \"inlined_into\": [")
                output.write((line.inlinedInto ?? []).map { site in
                    "{\"function\": \(Self.quote(site.function)), \"file\": \(Self.quote(site.file)), \"line\": \(site.line)}"
                }.joined(separator: ", "))
                output.write("]")
            }
            output.write("}")
        }
        output.write(lines.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    private static func write(_ escapes: [EscapeExplanation], to output: inout some TextOutputStream) {
        output.write("[")
        for (position, escape) in escapes.enumerated() {
            output.write(position == 0 ? "\n" : ",\n")
            output.write("      {\"file\": \(quote(escape.file)), \"line\": \(escape.line), \"column\": \(escape.column), "
                + "\"message\": \(quote(escape.message)), \"flow\": [\(escape.flow.map { quote($0) }.joined(separator: ", "))]}")
        }
        output.write(escapes.isEmpty ? "]" : "\n    ]")
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped. `insideScript` also escapes
    /// `<`, `>`, `&` and the JavaScript line separators, so `</script>` or `<!--` in a source line stays text
    /// in an HTML page.
    package static func quote(_ text: String, insideScript: Bool = false) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        // JSON is UTF-8: bytes of profile strings that are not become U+FFFD, as Go's encoding/json does.
        for scalar in GoBytes.replacingStandIns(text).unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<" where insideScript: result += "\\u003c"
            case ">" where insideScript: result += "\\u003e"
            case "&" where insideScript: result += "\\u0026"
            case "\u{2028}" where insideScript: result += "\\u2028"
            case "\u{2029}" where insideScript: result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
