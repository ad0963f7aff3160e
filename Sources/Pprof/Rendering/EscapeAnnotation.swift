import PprofFormatting
import PprofJoin
/// How escape explanations are printed under a source line: on their own lines, behind a marker that no
/// source line or pprof row starts with, so nobody mistakes them for code.
public enum EscapeAnnotation {
    /// The marker column lines up with the text of pprof's `%10s %10s %6d:` rows.
    package static let indent = String(repeating: " ", count: 29)

    public static func lines(for explanations: [EscapeExplanation], fullFlow: Bool) -> [String] {
        var lines: [String] = []
        for explanation in explanations {
            let position = explanation.column > 0 ? "\(explanation.line):\(explanation.column)" : "\(explanation.line)"
            lines.append(indent + "^ escape: \(explanation.message)  [\(GoPath.base(explanation.file)):\(position)]")
            if !explanation.ambiguousFiles.isEmpty {
                lines.append(indent + "|   (ambiguous: the profile file matches \(explanation.ambiguousFiles.joined(separator: ", ")))")
            }
            for step in (fullFlow ? explanation.flow : explanation.reasons).map(shortenPosition) {
                lines.append(indent + "|   " + step)
            }
        }
        return lines
    }

    /// For `ListReport.write(annotate:)`: the verdicts under every line that has a value.
    public static func annotator(verdicts: VerdictTable, fullFlow: Bool) -> (ListReport.Routine, ListReport.SourceLine) -> [String] {
        { routine, line in
            guard line.flat != 0 || line.cum != 0 else { return [] }
            return lines(for: verdicts.verdicts(function: routine.function, line: line.number), fullFlow: fullFlow)
        }
    }

    /// `from E (REASON) at /long/path/x.go:18:8` → `from E (REASON) at x.go:18:8`: the file is the one above.
    package static func shortenPosition(_ step: String) -> String {
        guard let at = step.ranges(of: " at ").last else { return step }
        let position = step[at.upperBound...]
        guard let slash = position.lastIndex(of: "/") else { return step }
        return String(step[..<at.upperBound]) + position[position.index(after: slash)...]
    }
}
