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
        let movedPrefix = "moved to heap: "
        let escapesSuffix = " escapes to heap"

        // Declarations of each name, grouped by position (a log pasted twice repeats them).
        var declarations: [Key: [Position: [Int]]] = [:]
        for (i, d) in diagnostics.enumerated() where d.kind == .movedToHeap && d.flow.isEmpty {
            guard d.message.hasPrefix(movedPrefix) else { continue }
            let name = d.message.dropFirst(movedPrefix.count)
            guard !name.isEmpty else { continue }
            let key = Key(file: d.file, packagePath: d.packagePath, name: name)
            declarations[key, default: [:]][Position(line: d.line, column: d.column), default: []].append(i)
        }
        guard !declarations.isEmpty else { return }
        let sortedPositions = declarations.mapValues { $0.keys.sorted() }

        var reasons: [Key: [Position: [String]]] = [:]
        for d in diagnostics where d.kind == .escapesToHeap && !d.flow.isEmpty {
            guard d.message.hasPrefix("&"), d.message.hasSuffix(escapesSuffix) else { continue }
            let name = d.message.dropFirst().dropLast(escapesSuffix.count)
            let key = Key(file: d.file, packagePath: d.packagePath, name: name)
            guard !name.isEmpty, let positions = sortedPositions[key] else { continue }
            // The last declaration at or before the use.
            let use = Position(line: d.line, column: d.column)
            var low = 0
            var high = positions.count
            while low < high {
                let mid = low + (high - low) / 2
                if positions[mid] <= use { low = mid + 1 } else { high = mid }
            }
            guard low > 0 else { continue }
            reasons[key, default: [:]][positions[low - 1], default: []].append(contentsOf: d.flow)
        }

        for (key, byPosition) in reasons {
            for (position, lines) in byPosition {
                var seen = Set<String>()
                let flow = lines.filter { seen.insert($0).inserted }
                for owner in declarations[key]?[position] ?? [] { diagnostics[owner].flow = flow }
            }
        }
    }
}
