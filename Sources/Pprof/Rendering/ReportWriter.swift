import PprofAnalysis
/// Formats a `Report`: pprof's text, or `-json` for editors and CI. Nothing here analyses; it only prints
/// what the pipeline decided.
public enum ReportWriter {
    public struct Options: Sendable {
        /// Every step of each escape flow, not only its reasons.
        public var fullFlow = false

        public init() {}
    }

    public static func writeText(_ report: Report, options: Options = Options(), to output: inout some TextOutputStream) {
        switch report.content {
        case .raw(let profile):
            RawReport.write(profile, to: &output)
        case .top(let top):
            top.write(to: &output)
        case .list(let list):
            let annotate = report.verdicts.hasLogs
                ? EscapeAnnotation.annotator(verdicts: report.verdicts, fullFlow: options.fullFlow) : nil
            list.write(to: &output, annotate: annotate)
        case .traces(let traces):
            traces.write(to: &output)
        case .peek(let peek):
            peek.write(to: &output)
        case .tags(let tags):
            tags.write(to: &output)
        case .hotLines(let hotLines):
            hotLines.write(to: &output, fullFlow: options.fullFlow)
        case .comparison(let comparison):
            comparison.write(to: &output, fullFlow: options.fullFlow)
        }
    }

    /// Nil for a report that has no JSON form (`-raw`).
    public static func json(_ report: Report) -> JSONReport? {
        switch report.content {
        case .raw, .traces, .peek, .tags: return nil
        case .top(let top): return JSONReport(top: top, verdicts: report.verdicts, reader: report.sources)
        case .list(let list): return JSONReport(list: list, verdicts: report.verdicts)
        case .hotLines(let hotLines): return JSONReport(hotLines: hotLines)
        case .comparison(let comparison): return JSONReport(comparison: comparison)
        }
    }
}
