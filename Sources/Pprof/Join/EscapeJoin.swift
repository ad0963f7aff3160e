import PprofEscape
import PprofFormatting
/// Explains an allocating source position with the compiler's escape diagnostics: the verdicts on that line,
/// merged so that `moved to heap: x` carries the flow of its `x escapes to heap` block.
public struct EscapeExplanation: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// Every explanation line, in the compiler's order.
    public var flow: [String]
    /// Set when the profile file matched several log files equally well: the candidates.
    public var ambiguousFiles: [String]

    /// The reasons only: the `from E (REASON) at POS` steps.
    public var reasons: [String] {
        flow.map { String($0.drop { $0 == " " || $0 == "\t" }) }.filter { $0.hasPrefix("from ") }
    }
}

public struct EscapeJoin: Sendable {
    public let index: EscapeIndex

    public init(index: EscapeIndex) {
        self.index = index
    }

    /// Whether any log covers `file`: such code is the user's, whose allocations the logs can explain.
    public func covers(file: String, function: String) -> Bool {
        !index.files(matching: file, package: GoSymbol.packagePath(of: function)).isEmpty
            || !index.files(matching: file).isEmpty
    }

    /// The allocation verdicts at `file:line` of `function`, merged and de-duplicated.
    public func explanations(file: String, line: Int, function: String) -> [EscapeExplanation] {
        // Logs whose `# package` header names another package (the old form's `# flaws` for `flaws/example1`)
        // still explain the file when nothing in the right package does.
        var match = index.diagnostics(file: file, line: line, package: GoSymbol.packagePath(of: function))
        if match == .none { match = index.diagnostics(file: file, line: line) }
        let diagnostics: [EscapeDiagnostic]
        var ambiguous: [String] = []
        switch match {
        case .none: return []
        case .matched(let found): diagnostics = found
        case .ambiguous(let files, let found):
            diagnostics = found
            // One absolute file compiled into several packages (generic or inlined standard-library code) is
            // still one file: only different paths make the match ambiguous.
            let paths = Set(files.map { $0.split(separator: " (", maxSplits: 1).first.map(String.init) ?? $0 })
            if paths.count > 1 || !(paths.first.map(GoPath.isAbsolute) ?? false) { ambiguous = files }
        }
        return Self.merge(diagnostics).map { diagnostic in
            EscapeExplanation(
                file: diagnostic.file, line: diagnostic.line, column: diagnostic.column,
                message: diagnostic.message, flow: diagnostic.flow, ambiguousFiles: ambiguous)
        }
    }

    /// Keeps what explains an allocation (heap verdicts first, then leaking parameters), attaching to each
    /// `moved to heap: x` the flow of an `x escapes to heap` block at the same position.
    package static func merge(_ diagnostics: [EscapeDiagnostic]) -> [EscapeDiagnostic] {
        let relevant = diagnostics.filter { rank($0.kind) != nil }
        var merged: [EscapeDiagnostic] = []
        var absorbed = Set<Int>()
        for (position, diagnostic) in relevant.enumerated() where diagnostic.kind == .movedToHeap {
            var combined = diagnostic
            let variable = diagnostic.message.dropFirst("moved to heap: ".count)
            for (other, candidate) in relevant.enumerated()
            where candidate.kind == .escapesToHeap && candidate.column == diagnostic.column && !candidate.flow.isEmpty
                && candidate.message.hasPrefix(variable + " escapes to heap") {
                absorbed.insert(other)
                for step in candidate.flow where !combined.flow.contains(step) { combined.flow.append(step) }
            }
            merged.append(combined)
            absorbed.insert(position)
        }
        for (position, diagnostic) in relevant.enumerated() where !absorbed.contains(position) {
            if let existing = merged.firstIndex(where: { $0.message == diagnostic.message && $0.column == diagnostic.column }) {
                for step in diagnostic.flow where !merged[existing].flow.contains(step) { merged[existing].flow.append(step) }
            } else {
                merged.append(diagnostic)
            }
        }
        return merged.enumerated().sorted { left, right in
            let leftRank = rank(left.element.kind) ?? 9, rightRank = rank(right.element.kind) ?? 9
            return leftRank != rightRank ? leftRank < rightRank : left.offset < right.offset
        }.map(\.element)
    }

    private static func rank(_ kind: EscapeDiagnostic.Kind) -> Int? {
        switch kind {
        case .movedToHeap, .tooLarge: return 0
        case .escapesToHeap: return 1
        case .leakingParam, .leakingParamContent, .paramLeaks: return 2
        default: return nil
        }
    }
}
