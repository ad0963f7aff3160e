import Foundation
import Testing
@testable import Pprof
@testable import PprofAnalysis
@testable import PprofCompression
@testable import PprofDecoding
@testable import PprofEscape
@testable import PprofFormatting
@testable import PprofJoin
@testable import PprofLoading
@testable import PprofModel
@testable import PprofReports
@testable import PprofTransform

/// The pipeline's promises, seen from the command line: one load per input, one notice per filter, and the
/// same verdicts for a line in every output that shows it.
@Suite struct ReportPipelineTests {
    static let seed = CommandRunner.testdata.appendingPathComponent("seed").path
    static let example1 = "\(seed)/go1.27/example1"

    @Test func aTagFilterNoticeIsPrintedOnceWithABase() throws {
        let result = try CommandRunner.run(["-tagfocus=64B:", "-diff_base", "\(Self.example1)/mem.out", "\(Self.example1)/mem-fixed.out"])
        #expect(result.status == 0, "\(result.standardError)")
        let notices = result.standardError.split(separator: "\n").filter { $0.contains("Interpreted '64B:' as range") }
        #expect(notices.count == 1, "\(result.standardError)")
    }

    /// A FIFO can be read once only: a second open would wait for a writer that is gone.
    @Test(arguments: ["mem.out", "mem.raw"])
    func aProfileIsReadOnceThroughAFIFO(_ name: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: "\(Self.example1)/mem.out"))
        if name == "mem.raw" {
            bytes = try bytes.withUnsafeBytes { input in try Data(Gunzip.inflate(input, limit: 1 << 30).withUnsafeBytes { Array($0) }) }
        }
        let fifo = directory.appendingPathComponent(name).path
        #expect(mkfifo(fifo, 0o600) == 0)
        let written = bytes
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(written)
            try? handle.close()
        }
        writer.start()
        let expected = try CommandRunner.run(["-top", "\(Self.example1)/mem.out"])
        let result = try CommandRunner.run(["-top", fifo])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.split(separator: "\n").dropFirst(2) == expected.standardOutput.split(separator: "\n").dropFirst(2))
    }

    /// A CPU profile counts no allocation: the escape logs explain nothing in it, said once, with no
    /// "allocated in" lines.
    @Test func escapeLogsWithACPUProfileSayTheyExplainNothing() throws {
        let demo = CommandRunner.testdata.appendingPathComponent("demo/go1.27").path
        let result = try CommandRunner.run(["-escape", "\(demo)/escape.log", "\(demo)/cpu.out"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError == "pprof-list: escape logs explain allocations, and cpu counts none: no verdicts shown\n")
        #expect(!result.standardOutput.contains("allocated in"))
        #expect(!result.standardOutput.contains("escape:"))
    }

    /// The same log on both sides explains each line the same way before and after.
    @Test(arguments: ["seed/go1.27/example1", "stdlib/go1.27"])
    func oneLogOnBothSidesChangesNoVerdict(_ folder: String) throws {
        let directory = CommandRunner.testdata.appendingPathComponent(folder).path
        let log = FileManager.default.fileExists(atPath: "\(directory)/escape.log") ? "\(directory)/escape.log" : "\(directory)/escape.log.gz"
        let other = folder.hasPrefix("seed") ? "\(directory)/mem-fixed.out" : "\(directory)/mem.out"
        let result = try CommandRunner.run(["-diff_base", "\(directory)/mem.out", "-escape", log, "-base_escape", log, other])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardOutput.contains("   before:"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("   after:"))
    }

    /// The `-json` directory and the text log of one build say the same things: each verdict once, and the
    /// text log's wording and positions.
    @Test func theJSONAndTextLogsOfOneBuildGiveEachVerdictOnce() throws {
        let result = try CommandRunner.run([
            "-escape", "\(Self.example1)/json", "-escape", "\(Self.example1)/escape.log",
            "-trim_path=/tmp/pprof-list-testdata/go1.27/seed/src", "-source_path=\(Self.seed)/src", "\(Self.example1)/mem.out",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let hot = result.standardOutput.components(separatedBy: "\n\n").first { $0.contains("example1_test.go:16\n") } ?? ""
        #expect(hot.components(separatedBy: "^ escape:").count == 2, "\(hot)")
        #expect(hot.contains("^ escape: moved to heap: i2"))
        #expect(hot.contains("from x2.p = &i2 (assign) at example1_test.go:18:8"))
        #expect(!result.standardOutput.contains("main.main"))
    }

    /// The base build's log alone still explains the base side.
    @Test func baseLogsAloneExplainTheBaseSide() throws {
        let result = try CommandRunner.run(["-diff_base", "\(Self.example1)/mem.out", "-base_escape", "\(Self.example1)/escape.log", "\(Self.example1)/mem-fixed.out"])
        #expect(result.status == 0, "\(result.standardError)")
        let first = result.standardOutput.components(separatedBy: "\n\n").first { $0.contains("example1_test.go:16\n") } ?? ""
        #expect(first.contains("   before:\n"), "\(result.standardOutput)")
        #expect(first.contains("^ escape: moved to heap: i2"))
    }

    @Test func aMissingEscapeLogIsNamedOnce() throws {
        let result = try CommandRunner.run(["-escape", "/nonexistent/escape.log", "\(Self.example1)/mem.out"])
        #expect(result.status == 1)
        #expect(result.standardError == "pprof-list: reading escape log /nonexistent/escape.log: no such file or directory\n")
    }

    struct LoggedProfile: CustomTestStringConvertible, Sendable {
        var profile: String
        var log: String
        var trimPath: String
        var testDescription: String { "\(profile) with \(log)" }
    }

    static let logged: [LoggedProfile] = {
        var cases: [LoggedProfile] = []
        for version in ["go1.27", "go1.19"] {
            for example in ["example1", "example3", "example5"] {
                cases.append(LoggedProfile(
                    profile: "seed/\(version)/\(example)/mem.out", log: "seed/\(version)/\(example)/escape.log",
                    trimPath: "/tmp/pprof-list-testdata/\(version)/seed/src"))
            }
        }
        cases.append(LoggedProfile(profile: "seed/go1.27/example1/mem.out", log: "seed/go1.27/example1/json", trimPath: "/tmp/pprof-list-testdata/go1.27/seed/src"))
        cases.append(LoggedProfile(profile: "demo/go1.27/mem.out", log: "demo/go1.27/escape.log", trimPath: "/tmp/pprof-list-testdata/go1.27/demo/src"))
        cases.append(LoggedProfile(profile: "stdlib/go1.27/mem.out", log: "stdlib/go1.27/escape.log.gz", trimPath: ""))
        return cases
    }()

    /// For every hot line: the verdicts of `-json` (the default report), of `-json -top -lines`, of
    /// `-json -list`, and those printed under it in the text report are one set.
    @Test(arguments: logged)
    func everyOutputGivesAHotLineTheSameVerdicts(_ input: LoggedProfile) throws {
        let testdata = CommandRunner.testdata.path
        let sources = input.profile.hasPrefix("demo") ? "\(testdata)/demo/src" : "\(Self.seed)/src"
        var common = ["-escape", "\(testdata)/\(input.log)", "-source_path=\(sources)"]
        if !input.trimPath.isEmpty { common.append("-trim_path=\(input.trimPath)") }
        common.append("\(testdata)/\(input.profile)")

        let hotLines = try Self.jsonLines(["-json"] + common)
        #expect(!hotLines.isEmpty)
        let topLines = try Self.jsonLines(["-json", "-top", "-lines", "-nodefraction=0"] + common)
        let text = try CommandRunner.run(common).standardOutput
        let blocks = text.components(separatedBy: "\n\n")
        for line in hotLines {
            let key = "\(line.function):\(line.line)"
            let top = try #require(topLines.first { $0.function == line.function && $0.line == line.line }, "\(key) not in -top -lines")
            #expect(top.verdicts == line.verdicts, "\(key): -top -lines differs")

            let pattern = "^" + NSRegularExpression.escapedPattern(for: line.function) + "$"
            let listed = try Self.jsonLines(["-json", "-list", pattern] + common)
            let list = try #require(listed.first { $0.function == line.function && $0.line == line.line }, "\(key) not in -list")
            #expect(list.verdicts == line.verdicts, "\(key): -list differs")

            let block = try #require(blocks.first { $0.contains("  \(line.function)\n") && $0.contains(":\(line.line)\n") }, "\(key) not in the text report")
            let printed = Set(block.split(separator: "\n").compactMap { row -> String? in
                guard let marker = row.range(of: "^ escape: ") else { return nil }
                let rest = row[marker.upperBound...]
                return rest.range(of: "  [").map { String(rest[..<$0.lowerBound]) }
            })
            #expect(printed == Set(line.verdicts.map(\.message)), "\(key): the text report differs")
        }
    }

    struct Verdict: Hashable {
        var message: String
        var line: Int
        var column: Int
    }

    struct JSONLine {
        var function: String
        var line: Int
        var verdicts: Set<Verdict>
    }

    static func jsonLines(_ arguments: [String]) throws -> [JSONLine] {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let lines = try #require(document["lines"] as? [[String: Any]])
        return lines.map { line in
            let escapes = (line["escapes"] as? [[String: Any]]) ?? []
            return JSONLine(
                function: line["function"] as? String ?? "", line: line["line"] as? Int ?? 0,
                verdicts: Set(escapes.map { Verdict(message: $0["message"] as? String ?? "", line: $0["line"] as? Int ?? 0, column: $0["column"] as? Int ?? 0) }))
        }
    }
}
