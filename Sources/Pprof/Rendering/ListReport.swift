import PprofAnalysis
import PprofFormatting
import PprofModel
/// `-list REGEX`: pprof's annotated source listing, one ROUTINE per matching function and source file.
public struct ListReport {
    /// One source line of a routine, with its values.
    public struct SourceLine: Sendable, Equatable {
        public var number: Int64
        public var text: String
        public var flat: Int64
        public var cum: Int64
    }

    public struct Routine: Sendable {
        public var function: String
        public var file: String
        public var flat: Int64
        /// pprof's header value: the sum of the line cums, which over-counts recursion (google/pprof#707).
        public var cumLineSum: Int64
        /// The lines pprof prints, or nil with `error` when the source could not be read.
        public var lines: [SourceLine]?
        public var error: String?
        /// The sampled lines of the routine (flat or cum non-zero), whether or not the source was found.
        public var sampledLines: [SourceLine]
    }

    public struct NoMatch: Error, CustomStringConvertible {
        public var pattern: String
        public var description: String { "no matches found for regexp: \(pattern)" }
    }

    public let context: ReportContext
    public private(set) var routines: [Routine] = []

    /// Builds the listing of functions whose name matches `matches` (pprof matches the name only).
    public init(
        profile: Profile, options: ReportOptions, pattern: String, matches: (String) -> Bool, reader: SourceReader
    ) throws(NoMatch) {
        context = ReportContext(profile: profile, options: options)
        let table = withoutActuallyEscaping(matches) { matches in
            NodeTable(profile: profile, options: NodeTable.Options(
                granularity: .lines, inlines: options.inlines, objectNames: true,
                trimPath: options.trimPath, sourcePath: options.sourcePath), includesName: matches)
        }
        let graph = CallGraph(profile: profile, table: table, values: options.valueSelector)
        let nodes = graph.presentNodes(dropNegative: options.dropNegative)

        // The table holds nodes of matching functions only.
        var nodesByFunction: [String: [Int]] = [:]
        for node in nodes { nodesByFunction[table.infos[node].name, default: []].append(node) }
        guard !nodesByFunction.isEmpty else { throw NoMatch(pattern: pattern) }

        for function in nodesByFunction.keys.sorted(by: goLess) {
            var nodesByFile: [String: [Int]] = [:]
            var startLineByFile: [String: Int64] = [:]
            for node in nodesByFunction[function] ?? [] {
                let info = table.infos[node]
                guard !info.file.isEmpty else { continue }
                nodesByFile[info.file, default: []].append(node)
                startLineByFile[info.file] = min(startLineByFile[info.file] ?? info.startLine, info.startLine)
            }
            let files = nodesByFile.keys.sorted { left, right in
                if left != right { return goLess(left, right) }
                return (startLineByFile[left] ?? 0) < (startLineByFile[right] ?? 0)
            }
            if files.isEmpty {
                routines.append(Routine(function: function, file: "", flat: 0, cumLineSum: 0, lines: nil, error: nil, sampledLines: []))
                continue
            }
            for file in files {
                let fileNodes = (nodesByFile[file] ?? []).sorted {
                    (table.infos[$0].lineNumber, table.infos[$0].goDebugString) < (table.infos[$1].lineNumber, table.infos[$1].goDebugString)
                }
                routines.append(Self.routine(function: function, file: file, nodes: fileNodes, table: table, graph: graph, reader: reader))
            }
        }
    }

    /// pprof's `getSourceFromFile`: from the function's start line (or the first sampled line − 5) to the last
    /// sampled line + 5, every line printed, stopping at the end of the file.
    package static func routine(function: String, file: String, nodes: [Int], table: NodeTable, graph: CallGraph, reader: SourceReader) -> Routine {
        let margin: Int64 = 5
        var flatSum: Int64 = 0, cumSum: Int64 = 0
        var byLine: [Int64: (flat: Int64, cum: Int64)] = [:]
        for node in nodes {
            flatSum &+= graph.flat[node]
            cumSum &+= graph.cum[node]
            let number = table.infos[node].lineNumber
            let previous = byLine[number] ?? (0, 0)
            byLine[number] = (previous.flat &+ graph.flat[node], previous.cum &+ graph.cum[node])
        }
        let sampled = byLine.keys.sorted().map { number in
            SourceLine(number: number, text: reader.line(file, number) ?? "", flat: byLine[number]?.flat ?? 0, cum: byLine[number]?.cum ?? 0)
        }

        let first = table.infos[nodes[0]]
        var start = first.startLine != 0 ? first.startLine : first.lineNumber &- margin
        var end = first.lineNumber &+ margin
        for node in nodes {
            let info = table.infos[node]
            let nodeStart = info.startLine != 0 ? info.startLine : info.lineNumber &- margin
            let nodeEnd = info.lineNumber &+ margin
            if nodeStart < start {
                start = nodeStart
            } else if nodeEnd > end {
                end = nodeEnd
            }
        }
        if start < 1 { start = 1 }

        var lines: [SourceLine] = []
        var number = start
        while number <= end, let text = reader.line(file, number) {
            let values = byLine[number] ?? (0, 0)
            lines.append(SourceLine(number: number, text: text, flat: values.flat, cum: values.cum))
            if number == Int64.max { break }
            number += 1
        }
        if let error = reader.error(for: file) {
            return Routine(function: function, file: file, flat: flatSum, cumLineSum: cumSum, lines: nil, error: error, sampledLines: sampled)
        }
        return Routine(function: function, file: file, flat: flatSum, cumLineSum: cumSum, lines: lines, error: nil, sampledLines: sampled)
    }

    /// Writes the listing as pprof does; `annotate` may add lines under a source line (escape reasons).
    public func write(to output: inout some TextOutputStream, annotate: ((Routine, SourceLine) -> [String])? = nil) {
        output.write("Total: \(context.format(context.total))\n")
        for routine in routines {
            guard !routine.file.isEmpty else {
                output.write("No source information for \(routine.function)\n")
                continue
            }
            write(routine, cum: routine.cumLineSum, to: &output, annotate: annotate)
        }
    }

    /// One ROUTINE block, its header showing `cum` (pprof's line sum, or a function's true total).
    package func write(
        _ routine: Routine, cum: Int64, to output: inout some TextOutputStream,
        annotate: ((Routine, SourceLine) -> [String])?
    ) {
        output.write("ROUTINE ======================== \(routine.function) in \(routine.file)\n")
        output.write(GoFormat.padLeft(context.format(routine.flat), 10) + " "
            + GoFormat.padLeft(context.format(cum), 10) + " (flat, cum) "
            + Measurement.percentage(cum, of: context.total) + " of Total\n")
        guard let lines = routine.lines else {
            output.write(" Error: \(routine.error ?? "")\n")
            return
        }
        for line in lines {
            output.write(GoFormat.padLeft(context.formatOrDot(line.flat), 10) + " "
                + GoFormat.padLeft(context.formatOrDot(line.cum), 10) + " "
                + GoFormat.padLeft(String(line.number), 6) + ":" + line.text + "\n")
            if let annotate {
                for extra in annotate(routine, line) { output.write(extra + "\n") }
            }
        }
    }
}
