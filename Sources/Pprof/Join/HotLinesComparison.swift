import PprofEscape
import PprofFormatting
/// Hot lines before and after a change: each line's value in the base profile and in the new one, ranked by
/// how much it changed, so a fixed allocation tops the list with its bytes gone.
public struct HotLinesComparison: Sendable {
    public struct Entry: Sendable {
        public var site: HotLines.Site
        public var before: Int64
        public var after: Int64
        public var change: Int64 { after &- before }
        /// The verdicts of the new escape logs on this line, and of the base's logs when given.
        public var explanations: [EscapeExplanation]
        public var baseExplanations: [EscapeExplanation]
        public var allocatedIn: [HotLines.Allocation]
    }

    public private(set) var entries: [Entry] = []
    public let beforeTotal: Int64
    public let afterTotal: Int64

    /// `join` and `baseJoin` explain the lines with the new logs and the base's: both over the two profiles'
    /// locations, so one log gives a line the same verdicts on both sides.
    public init(after: HotLines, before: HotLines, join: VerdictJoin?, baseJoin: VerdictJoin?, limit: Int) {
        beforeTotal = before.total
        afterTotal = after.total
        var bySite: [HotLines.Site: Entry] = [:]
        for entry in after.entries {
            bySite[entry.site] = Entry(site: entry.site, before: 0, after: entry.value, explanations: entry.explanations, baseExplanations: [], allocatedIn: entry.allocatedIn)
        }
        for entry in before.entries {
            if bySite[entry.site] != nil {
                bySite[entry.site]?.before = entry.value
            } else {
                bySite[entry.site] = Entry(site: entry.site, before: entry.value, after: 0, explanations: [], baseExplanations: [], allocatedIn: entry.allocatedIn)
            }
        }
        let ranked = bySite.values.filter { $0.change != 0 || $0.after != 0 }.sorted { left, right in
            if left.change.magnitude != right.change.magnitude { return left.change.magnitude > right.change.magnitude }
            if left.after.magnitude != right.after.magnitude { return left.after.magnitude > right.after.magnitude }
            if left.site.function != right.site.function { return goLess(left.site.function, right.site.function) }
            return left.site.line < right.site.line
        }
        entries = ranked.prefix(max(limit, 0)).map { entry in
            var entry = entry
            if let join { entry.explanations = join.verdicts(for: entry.site) }
            if let baseJoin { entry.baseExplanations = baseJoin.verdicts(for: entry.site) }
            return entry
        }
    }
}
