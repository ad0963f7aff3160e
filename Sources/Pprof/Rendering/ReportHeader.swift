import PprofAnalysis
import PprofFormatting
import PprofModel
/// The lines pprof prints above its reports (`ProfileLabels`): file, build id, comments, type, doc, time
/// and duration.
package enum ReportHeader {
    package static func profileLabels(_ profile: Profile, context: ReportContext) -> [String] {
        var labels: [String] = []
        if let main = profile.mappings.first {
            if !main.filename.isEmpty { labels.append("File: " + GoPath.base(main.filename)) }
            if !main.buildID.isEmpty { labels.append("Build ID: " + main.buildID) }
        }
        for comment in profile.comments where !comment.hasPrefix("#") { labels.append(comment) }
        labels.append("Type: " + context.options.selection.typeLabel)
        if !profile.docURL.isEmpty { labels.append("Doc: " + profile.docURL) }
        if profile.timeNanos != 0 { labels.append("Time: " + GoTime.reportTime(profile.timeNanos)) }
        if profile.durationNanos != 0 {
            let duration = Measurement.label(profile.durationNanos, unit: "nanoseconds")
            let (totalNanos, totalUnit) = Measurement.scale(context.total, from: context.options.selection.type.unit, to: "nanoseconds")
            var ratio = ""
            if totalUnit == "ns" && totalNanos != 0 {
                ratio = "(" + Measurement.percentage(GoMath.truncate(totalNanos), of: profile.durationNanos) + ")"
            }
            labels.append("Duration: \(duration), Total samples = \(context.format(context.total)) \(ratio)")
        }
        return labels
    }

    /// "Active filters:" and one indented line per filter, cut at 80 bytes as pprof cuts them.
    package static func activeFilters(_ filters: [String]) -> [String] {
        guard !filters.isEmpty else { return [] }
        return ["Active filters:"] + filters.map { filter in
            let bytes = Array(filter.utf8)
            guard bytes.count > 80 else { return "   " + filter }
            return "   " + String(decoding: bytes[0..<80], as: UTF8.self) + "…"
        }
    }
}
