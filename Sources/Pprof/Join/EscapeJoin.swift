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
    /// True for a `does not escape` verdict shown because the bytes reached the heap all the same.
    public var staysOnStackInTheory: Bool

    /// The reasons only: the `from E (REASON) at POS` steps.
    public var reasons: [String] {
        flow.map { String($0.drop { $0 == " " || $0 == "\t" }) }.filter { $0.hasPrefix("from ") }
    }
}

/// The diagnostics of the escape logs at one profile position, found through the `EscapeIndex`.
public struct EscapeJoin: Sendable {
    public let index: EscapeIndex

    public init(index: EscapeIndex) {
        self.index = index
    }

    /// Every diagnostic at `file:line` of `function`, de-duplicated, with the candidate files when the
    /// profile file matched several log files equally well.
    package func diagnostics(file: String, line: Int, function: String) -> (diagnostics: [EscapeDiagnostic], ambiguousFiles: [String]) {
        // Logs whose `# package` header names another package (the old form's `# flaws` for `flaws/example1`)
        // still explain the file when nothing in the right package does.
        var match = index.diagnostics(file: file, line: line, package: GoSymbol.packagePath(of: function))
        if match == .none { match = index.diagnostics(file: file, line: line) }
        switch match {
        case .none:
            return ([], [])
        case .matched(let found):
            return (found, [])
        case .ambiguous(let files, let found):
            // One file compiled into several packages (generic or inlined code), or given in two logs, is still
            // one file: only different paths make the match ambiguous.
            let paths = Set(files.map { $0.split(separator: " (", maxSplits: 1).first.map(String.init) ?? $0 })
            return (found, paths.count > 1 ? files : [])
        }
    }

    /// `diagnostics` as explanations: each `moved to heap: x` carrying the flow of an `x escapes to heap`
    /// block at the same position, repeated verdicts merged, heap verdicts first.
    package static func explanations(_ diagnostics: [EscapeDiagnostic], ambiguousFiles: [String]) -> [EscapeExplanation] {
        merge(diagnostics).map { diagnostic in
            EscapeExplanation(
                file: diagnostic.file, line: diagnostic.line, column: diagnostic.column,
                message: diagnostic.message, flow: diagnostic.flow, ambiguousFiles: ambiguousFiles,
                staysOnStackInTheory: diagnostic.kind == .doesNotEscape)
        }
    }

    package static func merge(_ diagnostics: [EscapeDiagnostic]) -> [EscapeDiagnostic] {
        // Each diagnostic is compared with the earlier ones of its column only: linear in the log however
        // many verdicts one position has.
        var merged: [EscapeDiagnostic] = []
        var byColumnAndMessage: [String: Int] = [:]
        var movedToHeapByColumnAndVariable: [String: Int] = [:]
        for diagnostic in diagnostics where diagnostic.kind == .movedToHeap {
            // The text form says `moved to heap: x`, the JSON form `x escapes to heap`: one verdict.
            let variable = diagnostic.message.hasPrefix("moved to heap: ")
                ? diagnostic.message.dropFirst("moved to heap: ".count)
                : diagnostic.message.firstRange(of: " escapes to heap").map { diagnostic.message[..<$0.lowerBound] } ?? diagnostic.message[...]
            let variableKey = "\(diagnostic.column) \(variable)"
            if let existing = movedToHeapByColumnAndVariable[variableKey] {
                if !merged[existing].message.hasPrefix("moved to heap: ") { merged[existing].message = diagnostic.message }
                append(diagnostic.flow, to: &merged[existing])
                continue
            }
            byColumnAndMessage["\(diagnostic.column) \(diagnostic.message)"] = merged.count
            movedToHeapByColumnAndVariable[variableKey] = merged.count
            merged.append(diagnostic)
        }
        for diagnostic in diagnostics where diagnostic.kind != .movedToHeap {
            if diagnostic.kind == .escapesToHeap, !diagnostic.flow.isEmpty,
               let suffix = diagnostic.message.firstRange(of: " escapes to heap"),
               let target = movedToHeapByColumnAndVariable["\(diagnostic.column) \(diagnostic.message[..<suffix.lowerBound])"] {
                append(diagnostic.flow, to: &merged[target])
                continue
            }
            let key = "\(diagnostic.column) \(diagnostic.message)"
            if let existing = byColumnAndMessage[key] {
                append(diagnostic.flow, to: &merged[existing])
                continue
            }
            byColumnAndMessage[key] = merged.count
            merged.append(diagnostic)
        }
        return merged.enumerated().sorted { left, right in
            let leftRank = rank(left.element.kind), rightRank = rank(right.element.kind)
            return leftRank != rightRank ? leftRank < rightRank : left.offset < right.offset
        }.map(\.element)
    }

    /// Adds the steps `diagnostic` lacks; a step without its position (`from &x (address-of)`, as JSON logs
    /// give it) is the same as one with it.
    private static func append(_ flow: [String], to diagnostic: inout EscapeDiagnostic) {
        for step in flow where !diagnostic.flow.contains(where: { $0 == step || $0.hasPrefix(step + " at ") }) {
            if let shorter = diagnostic.flow.firstIndex(where: { step.hasPrefix($0 + " at ") }) {
                diagnostic.flow[shorter] = step
            } else {
                diagnostic.flow.append(step)
            }
        }
    }

    private static func rank(_ kind: EscapeDiagnostic.Kind) -> Int {
        switch kind {
        case .movedToHeap, .tooLarge: return 0
        case .escapesToHeap: return 1
        default: return 2
        }
    }
}
