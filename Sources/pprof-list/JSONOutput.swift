import Pprof

/// Builds the `-json` documents of `-top` and `-list` from their reports.
enum JSONOutput {
    static func top(_ report: TopReport, reader: SourceReader, join: EscapeJoin?) -> JSONReport {
        let selection = report.context.options.selection
        let lines = report.rows.map { row -> JSONReport.Line in
            let info = row.info
            let escapes = (join != nil && info.lineNumber != 0 && !info.file.isEmpty)
                ? join?.explanations(file: info.file, line: Int(clamping: info.lineNumber), function: info.name) ?? []
                : []
            return JSONReport.Line(
                function: info.name, file: info.file, line: info.lineNumber, flat: row.flat, cum: row.cum,
                source: info.lineNumber != 0 ? reader.line(info.file, info.lineNumber) : nil, escapes: escapes)
        }
        return JSONReport(sampleType: selection.typeLabel, unit: selection.type.unit, total: report.context.total, lines: lines)
    }

    static func list(_ report: ListReport, join: EscapeJoin?) -> JSONReport {
        let selection = report.context.options.selection
        var lines: [JSONReport.Line] = []
        for routine in report.routines {
            for line in routine.sampledLines {
                let escapes = join?.explanations(file: routine.file, line: Int(clamping: line.number), function: routine.function) ?? []
                lines.append(JSONReport.Line(
                    function: routine.function, file: routine.file, line: line.number, flat: line.flat, cum: line.cum,
                    source: routine.lines == nil && line.text.isEmpty ? nil : line.text, escapes: escapes))
            }
        }
        return JSONReport(sampleType: selection.typeLabel, unit: selection.type.unit, total: report.context.total, lines: lines)
    }
}
