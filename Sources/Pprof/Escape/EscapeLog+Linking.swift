extension EscapeLog {
    /// The pre-1.13 compiler explains `&x escapes to heap` at the *use* of `&x` (with `from … (REASON)` lines)
    /// and prints `moved to heap: x` alone at the declaration, which is the line a heap profile blames. This
    /// gives each `moved to heap: x` without a flow the reasons of the `&x escapes to heap` diagnostics of the
    /// same file and package, in log order, without repeats. Each `&x` belongs to the nearest declaration of
    /// `x` at or before it, so two functions' variables named alike stay apart.
    static func linkOldFormMovedToHeap(_ diagnostics: inout [EscapeDiagnostic]) {
        struct Key: Hashable {
            var file: String
            var packagePath: String?
            var name: Substring
        }
        struct Position: Hashable, Comparable {
            var line: Int
            var column: Int
            static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
        }
        struct Reasons {
            var lines: [String] = []
            var seen: Set<String> = []
        }
        let movedPrefix = "moved to heap: "
        let escapesSuffix = " escapes to heap"

        // Declarations of each name, grouped by position (a log pasted twice repeats them).
        var declarations: [Key: [Position: [Int]]] = [:]
        for i in diagnostics.indices where diagnostics[i].kind == .movedToHeap && diagnostics[i].flow.isEmpty {
            let message = diagnostics[i].message
            guard message.utf8.starts(with: movedPrefix.utf8) else { continue }
            let name = message.dropFirst(movedPrefix.count)
            guard !name.isEmpty else { continue }
            let key = Key(file: diagnostics[i].file, packagePath: diagnostics[i].packagePath, name: name)
            declarations[key, default: [:]][Position(line: diagnostics[i].line, column: diagnostics[i].column), default: []].append(i)
        }
        guard !declarations.isEmpty else { return }
        let sortedPositions = declarations.mapValues { $0.keys.sorted() }

        var reasons: [Key: [Position: Reasons]] = [:]
        for i in diagnostics.indices where diagnostics[i].kind == .escapesToHeap && !diagnostics[i].flow.isEmpty {
            let message = diagnostics[i].message
            guard message.utf8.first == UInt8(ascii: "&"), message.utf8.count > escapesSuffix.utf8.count + 1,
                  message.utf8.reversed().starts(with: escapesSuffix.utf8.reversed()) else { continue }
            let name = message.dropFirst().dropLast(escapesSuffix.count)
            let key = Key(file: diagnostics[i].file, packagePath: diagnostics[i].packagePath, name: name)
            guard let positions = sortedPositions[key] else { continue }
            // The last declaration at or before the use.
            let use = Position(line: diagnostics[i].line, column: diagnostics[i].column)
            var low = 0
            var high = positions.count
            while low < high {
                let mid = low + (high - low) / 2
                if positions[mid] <= use { low = mid + 1 } else { high = mid }
            }
            guard low > 0 else { continue }
            for step in diagnostics[i].flow where reasons[key, default: [:]][positions[low - 1], default: Reasons()].seen.insert(step).inserted {
                reasons[key, default: [:]][positions[low - 1], default: Reasons()].lines.append(step)
            }
        }

        for (key, byPosition) in reasons {
            for (position, found) in byPosition {
                for owner in declarations[key]?[position] ?? [] { diagnostics[owner].flow = found.lines }
            }
        }
    }
}
