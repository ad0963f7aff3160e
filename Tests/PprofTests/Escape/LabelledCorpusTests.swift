import Foundation
import Testing

/// The hot lines of real programs nobody here wrote for the purpose (standard-library benchmarks and a module
/// of generics, closures, maps and builders), profiled and logged by Go 1.27 and 1.19, against labels written
/// by reading each log and its source (testdata/labelled/README.md): the verdict that explains each line's
/// bytes, and the ones printed on the line that do not.
@Suite struct LabelledCorpusTests {
    struct Label {
        var program: String
        var rank: String
        var function: String
        var line: Int
        /// `(column, message)`; empty for NONE and NOT-COVERED.
        var expected: [(column: Int, message: String)]
        var runtimeReason: String
        var notExpected: [(column: Int, message: String)]
    }

    static let root = CommandRunner.testdata.appendingPathComponent("labelled")

    static func labels() throws -> [Label] {
        let text = try String(contentsOf: root.appendingPathComponent("labels.tsv"), encoding: .utf8)
        func verdicts(_ field: String) -> [(Int, String)] {
            guard field != "NONE", field != "NOT-COVERED", field != "-" else { return [] }
            return field.components(separatedBy: " | ").compactMap { item in
                guard let colon = item.firstIndex(of: ":"), let column = Int(item[..<colon]) else { return nil }
                return (column, String(item[item.index(after: colon)...]))
            }
        }
        return text.split(separator: "\n").dropFirst().map { row in
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Label(
                program: fields[0], rank: fields[1], function: fields[2], line: Int(fields[4]) ?? 0,
                expected: verdicts(fields[5]), runtimeReason: fields[6], notExpected: verdicts(fields[8]))
        }
    }

    struct Escape: Equatable {
        var column: Int
        var message: String
    }

    struct ReportedLine {
        var escapes: [Escape]
        var allocatedIn: [(function: String, via: String, advice: String?)]
        var heapReason: String?
    }

    static func report(of program: String) throws -> [String: ReportedLine] {
        let folder = root.appendingPathComponent(program)
        var log = folder.appendingPathComponent("escape.log").path
        if !FileManager.default.fileExists(atPath: log) { log += ".gz" }
        let result = try CommandRunner.run(["-json", "-hot=30", "-escape", log, folder.appendingPathComponent("mem.out").path])
        #expect(result.status == 0, "\(program): \(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        var lines: [String: ReportedLine] = [:]
        for line in (document["lines"] as? [[String: Any]]) ?? [] {
            let key = "\(line["function"] as? String ?? ""):\(line["line"] as? Int ?? 0)"
            let escapes = ((line["escapes"] as? [[String: Any]]) ?? []).map {
                Escape(column: $0["column"] as? Int ?? 0, message: $0["message"] as? String ?? "")
            }
            let allocatedIn = ((line["allocated_in"] as? [[String: Any]]) ?? []).map {
                ($0["function"] as? String ?? "", $0["via"] as? String ?? "", $0["advice"] as? String)
            }
            lines[key] = ReportedLine(escapes: escapes, allocatedIn: allocatedIn, heapReason: line["heap_reason"] as? String)
        }
        return lines
    }

    /// `append escapes to heap` (the `-m=1` line) and `append(b.buf, s...) escapes to heap in F` (its
    /// `-m=2` block) are one verdict.
    static func matches(_ escape: Escape, column: Int, message: String) -> Bool {
        guard escape.column == column else { return false }
        if escape.message == message { return true }
        for marker in [" escapes to heap", " does not escape"] {
            guard let expected = message.range(of: marker), let reported = escape.message.range(of: marker) else { continue }
            return escape.message[..<reported.lowerBound].hasPrefix(message[..<expected.lowerBound])
        }
        return false
    }

    /// A function's name without type arguments or a range-over-func body suffix, as the labels name callees.
    static func plainName(_ name: String) -> String {
        var result = ""
        var depth = 0
        for character in name {
            if character == "[" { depth += 1 } else if character == "]" { depth -= 1 } else if depth == 0 { result.append(character) }
        }
        if let range = result.range(of: "-range", options: .backwards) { result = String(result[..<range.lowerBound]) }
        return result
    }

    @Test func reportsExplainTheLabelledLines() throws {
        let labels = try Self.labels()
        #expect(labels.count >= 100)
        var right = 0, counted = 0
        var failures: [String] = []
        for program in Set(labels.map(\.program)).sorted() {
            let report = try Self.report(of: program)
            for label in labels where label.program == program {
                let key = "\(label.function):\(label.line)"
                guard let line = report[key] else {
                    // A line labelled for a rerun (rank "-") may not be hot in this run.
                    if label.rank != "-" {
                        counted += 1
                        failures.append("\(program) \(key): not among the hot lines")
                    }
                    continue
                }
                counted += 1
                var problems: [String] = []
                var unmatched = line.escapes
                for (column, message) in label.expected {
                    if let found = unmatched.firstIndex(where: { Self.matches($0, column: column, message: message) }) {
                        unmatched.remove(at: found)
                    } else {
                        problems.append("missing \(column):\(message)")
                    }
                }
                problems += unmatched.map { "unexpected \($0.column):\($0.message)" }
                for (column, message) in label.notExpected where line.escapes.contains(where: { Self.matches($0, column: column, message: message) }) {
                    problems.append("unrelated \(column):\(message)")
                }
                // Advice to compile a package is for packages the log does not cover; the line's own is.
                let ownPackage = String(label.function.prefix { $0 != "." })
                if label.expected.count + label.notExpected.count > 0 || label.runtimeReason != "-",
                   line.allocatedIn.contains(where: { $0.advice?.contains("-gcflags=\(ownPackage)=") ?? false }) {
                    problems.append("advises recompiling its own package")
                }
                if label.runtimeReason.hasPrefix("other:") {
                    let callee = String(label.runtimeReason.dropFirst("other:".count))
                    let named = line.allocatedIn.flatMap { [Self.plainName($0.function), Self.plainName($0.via)] }
                    if !named.contains(Self.plainName(callee)) {
                        problems.append("does not name \(callee) as the allocating callee")
                    }
                }
                if problems.isEmpty { right += 1 } else { failures.append("\(program) \(key): " + problems.joined(separator: "; ")) }
            }
        }
        let share = Double(right) / Double(max(counted, 1))
        let summary = "\(right) of \(counted) lines right:\n" + failures.joined(separator: "\n")
        #expect(share >= 0.95, "\(summary)")
        // Whatever else happens, a verdict that the labels say does not belong is never shown.
        let unrelated = failures.filter { $0.contains("unrelated ") }
        #expect(unrelated.isEmpty, "\(unrelated)")
        print("labelled corpus: \(right) of \(counted) hot lines right (\(Int(share * 1000) / 10)%)")
        for failure in failures { print("  " + failure) }
    }
}
