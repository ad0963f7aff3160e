extension EscapeLog {
    /// The pre-1.13 compiler explains `&x escapes to heap` at the *use* of `&x` (with `from … (REASON)` lines)
    /// and prints `moved to heap: x` alone at the declaration, which is the line a heap profile blames. This
    /// gives each `moved to heap: x` without a flow the reasons of the `&x escapes to heap` diagnostics of the
    /// same file and package, in log order, without repeats. Each `&x` belongs to the nearest declaration of
    /// `x` at or before it, so two functions' variables named alike stay apart.
    package static func linkOldFormMovedToHeap(_ diagnostics: inout [EscapeDiagnostic]) {
        struct Key: Hashable {
            package var file: String
            package var packagePath: String?
            package var name: String
        }
        struct Position: Hashable, Comparable {
            package var line: Int
            package var column: Int
            package static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
        }
        struct Reasons {
            package var lines: [String] = []
            package var seen: Set<String> = []
        }
        let movedPrefix: StaticString = "moved to heap: "
        let escapesSuffix: StaticString = " escapes to heap"

        // Declarations of each name, grouped by position (a log pasted twice repeats them).
        var declarations: [Key: [Position: [Int]]] = [:]
        for i in diagnostics.indices where diagnostics[i].kind == .movedToHeap && diagnostics[i].flow.isEmpty {
            let message = diagnostics[i].message
            guard let name = Self.slice(of: message, droppingPrefix: movedPrefix, suffix: ""), !name.isEmpty else { continue }
            let key = Key(file: diagnostics[i].file, packagePath: diagnostics[i].packagePath, name: name)
            declarations[key, default: [:]][Position(line: diagnostics[i].line, column: diagnostics[i].column), default: []].append(i)
        }
        guard !declarations.isEmpty else { return }
        let sortedPositions = declarations.mapValues { $0.keys.sorted() }

        var reasons: [Key: [Position: Reasons]] = [:]
        for i in diagnostics.indices where diagnostics[i].kind == .escapesToHeap && !diagnostics[i].flow.isEmpty {
            let message = diagnostics[i].message
            guard let name = Self.slice(of: message, droppingPrefix: "&", suffix: escapesSuffix), !name.isEmpty else { continue }
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

    /// `text` without `prefix` and `suffix` when it has both, compared as UTF-8 bytes (no grapheme work).
    private static func slice(of text: String, droppingPrefix prefix: StaticString, suffix: StaticString) -> String? {
        let head = prefix.utf8CodeUnitCount
        let tail = suffix.utf8CodeUnitCount
        let prefixBytes = UnsafeBufferPointer(start: prefix.utf8Start, count: head)
        let suffixBytes = UnsafeBufferPointer(start: suffix.utf8Start, count: tail)
        func cut(_ bytes: some Collection<UInt8>) -> String? {
            guard bytes.count >= head + tail, bytes.starts(with: prefixBytes),
                  bytes.suffix(tail).elementsEqual(suffixBytes) else { return nil }
            return String(decoding: bytes.dropFirst(head).dropLast(tail), as: UTF8.self)
        }
        return text.utf8.withContiguousStorageIfAvailable { cut($0) } ?? cut(text.utf8)
    }
}
