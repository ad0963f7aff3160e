import PprofJoin
import PprofModel
/// One request's result: what to print, already loaded, filtered, aggregated and joined with the escape
/// verdicts. Writers (`ReportWriter`) only format it.
public struct Report {
    public enum Content {
        case raw(Profile)
        case top(TopReport)
        case list(ListReport)
        case traces(TracesReport)
        case peek(PeekReport)
        case tags(TagsReport)
        case hotLines(HotLinesReport)
        case comparison(HotLinesComparisonReport)
    }

    public var content: Content
    /// The verdicts of the lines `content` shows (the hot lines carry theirs); empty without escape logs.
    public var verdicts: VerdictTable
    /// Source lines for the writers that print them.
    public var sources: SourceReader
    /// The profile's sample types, for a page that offers to switch between them (`-http`); set for `-html`.
    public var sampleTypes: [String] = []

    package init(content: Content, verdicts: VerdictTable, sources: SourceReader) {
        self.content = content
        self.verdicts = verdicts
        self.sources = sources
    }
}
