import Foundation
import Testing

/// The seed article's benchmarks, profiled and logged by real Go 1.19 and 1.27 (and the article's own pre-1.13
/// log form), must show the compiler's reason on the line that allocates: in the default report, in `-list`
/// and in `-json`.
@Suite struct EscapeReportTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var version: String
        var example: String
        var profile: String = "mem.out"
        /// The escape log (or JSON directory), relative to testdata/seed.
        var log: String
        var line: Int
        var expected: [String]
        var testDescription: String { "\(version)/\(example)/\(profile) with \(log)" }

        var arguments: [String] {
            let seed = CommandRunner.testdata.appendingPathComponent("seed").path
            return [
                "-escape", "\(seed)/\(log)",
                "-trim_path=/tmp/pprof-list-testdata/\(version)/seed/src", "-source_path=\(seed)/src",
                "\(seed)/\(version)/\(example)/\(profile)",
            ]
        }
    }

    static let cases: [Case] = [
        Case(version: "go1.27", example: "example1", log: "go1.27/example1/escape.log", line: 16,
             expected: ["moved to heap: i2", "from x2.p = &i2 (assign)"]),
        Case(version: "go1.19", example: "example1", log: "go1.19/example1/escape.log", line: 16,
             expected: ["moved to heap: i2", "from x2.p = &i2 (assign)"]),
        Case(version: "go1.27", example: "example1", log: "go1.27/example1/json", line: 16,
             expected: ["i2 escapes to heap", "from x2.p = &i2 (assign)"]),
        Case(version: "go1.19", example: "example1", log: "oldform/example1.log", line: 16,
             expected: ["moved to heap: i2", "from x2.p (star-dot-equals)"]),
        Case(version: "go1.27", example: "example3", log: "go1.27/example3/escape.log", line: 12,
             expected: ["moved to heap: x2", "from s[0] = &x2 (assign)"]),
        Case(version: "go1.19", example: "example3", log: "go1.19/example3/escape.log", line: 8,
             expected: ["moved to heap: x1", "from m[0] = &x1 (assign)"]),
        Case(version: "go1.19", example: "example3", log: "oldform/example3.log", line: 8,
             expected: ["moved to heap: x1", "from m[0] (value of map put)"]),
        Case(version: "go1.19", example: "example2", log: "go1.19/example2/escape.log", line: 19,
             expected: ["moved to heap: r"]),
        Case(version: "go1.19", example: "example2", log: "oldform/example2_http.log", line: 19,
             expected: ["moved to heap: r", "from route(nil, &r) (parameter to indirect call)"]),
        Case(version: "go1.27", example: "example2", profile: "mem-noinline.out", log: "go1.27/example2/escape-noinline.log", line: 19,
             expected: ["moved to heap: r"]),
        Case(version: "go1.27", example: "example4", profile: "mem-noinline.out", log: "go1.27/example4/escape-noinline.log", line: 24,
             expected: ["moved to heap: x2"]),
        Case(version: "go1.19", example: "example4", profile: "mem-noinline.out", log: "oldform/example4.log", line: 24,
             expected: ["moved to heap: x2", "(passed to call[argument escapes])"]),
        Case(version: "go1.19", example: "example5", log: "oldform/example5.log", line: 11,
             expected: ["buf escapes to heap", "from buf (passed to call[argument escapes])"]),
    ]

    static var available: [Case] {
        cases.filter { FileManager.default.fileExists(atPath: $0.arguments[4]) }
    }

    @Test(arguments: available)
    func defaultReportExplainsTheAllocatingLine(_ example: Case) throws {
        let result = try CommandRunner.run(example.arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let report = result.standardOutput
        let hot = try #require(report.components(separatedBy: "\n\n").first { $0.contains("_test.go:\(example.line)\n") },
                               "no hot line \(example.line) in:\n\(report)")
        for text in example.expected {
            #expect(hot.contains(text), "\(text) missing under line \(example.line):\n\(hot)")
        }
    }

    @Test(arguments: available)
    func listingCarriesTheReasonUnderItsLine(_ example: Case) throws {
        let result = try CommandRunner.run(["-list", "Benchmark"] + example.arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try #require(lines.firstIndex { $0.hasPrefix(String(repeating: " ", count: 0)) && $0.contains(" \(example.line):") && !$0.contains("^ escape") })
        let annotation = lines[(row + 1)...].prefix { $0.hasPrefix(String(repeating: " ", count: 29) + "^") || $0.hasPrefix(String(repeating: " ", count: 29) + "|") }
        let text = annotation.joined(separator: "\n")
        for expected in example.expected where !expected.hasPrefix("from") || example.log.hasPrefix("oldform") {
            #expect(text.contains(expected), "\(expected) missing under \(lines[row]):\n\(result.standardOutput)")
        }
    }

    @Test(arguments: available)
    func jsonNamesTheReasonOnTheLine(_ example: Case) throws {
        let result = try CommandRunner.run(["-json"] + example.arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(document["sample_type"] as? String == "alloc_space")
        #expect(document["unit"] as? String == "bytes")
        #expect((document["total"] as? Int ?? 0) > 0)
        let lines = try #require(document["lines"] as? [[String: Any]])
        let line = try #require(lines.first { ($0["line"] as? Int) == example.line && ($0["file"] as? String ?? "").hasSuffix("_test.go") })
        let escapes = try #require(line["escapes"] as? [[String: Any]])
        let messages = escapes.map { ($0["message"] as? String ?? "") + "\n" + (($0["flow"] as? [String]) ?? []).joined(separator: "\n") }
        #expect(messages.contains { $0.contains(example.expected[0]) }, "\(messages)")
        #expect(line["source"] is String)
        #expect((line["flat"] as? Int ?? 0) > 0)
    }

    /// Annotations only add lines: without them, `-list -escape` is pprof's listing byte for byte.
    @Test func listingWithoutAnnotationsIsPprofs() throws {
        let golden = CommandRunner.testdata.appendingPathComponent("seed/go1.27/example1/golden/mem")
        let expected = try String(contentsOf: golden.appendingPathComponent("list.BenchmarkAssignmentIndirect.alloc_space.trim.txt"), encoding: .utf8)
        let example = Self.cases[0]
        let result = try CommandRunner.run(["-list", "BenchmarkAssignmentIndirect", "-sample_index=alloc_space"] + example.arguments)
        let stripped = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix(String(repeating: " ", count: 29) + "^") && !$0.hasPrefix(String(repeating: " ", count: 29) + "|") }
            .joined(separator: "\n")
        #expect(stripped == expected)
        #expect(result.standardOutput.contains("^ escape: moved to heap: i2"))
    }

    @Test func defaultRunUsesTheShippedSeedProfiles() throws {
        let result = try CommandRunner.run([], in: CommandRunner.packageRoot)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("^ escape: moved to heap: i2"))
        #expect(result.standardOutput.contains("allocated in bytes.(*Buffer).grow"))
        #expect(result.standardOutput.contains("ROUTINE ======================== flaws/example1.BenchmarkAssignmentIndirect"))
    }

    @Test func fullFlowShowsTheFlowLines() throws {
        let result = try CommandRunner.run(["-full_flow"] + Self.cases[0].arguments)
        #expect(result.standardOutput.contains("|   flow: {heap} ← &i2:"))
    }
}

/// encoding/json in Go 1.27 allocates in `bytes.Clone` inlined into `json/v2.Marshal`: the compiler explains
/// it at the call site, arshal.go:172, and that is where the join must find it.
@Suite struct InlinedStandardLibraryTests {
    @Test func inlinedAllocationIsExplainedAtItsCallSite() throws {
        let folder = CommandRunner.testdata.appendingPathComponent("stdlib/go1.27")
        let result = try CommandRunner.run([
            "-escape", folder.appendingPathComponent("escape.log.gz").path, "-hot=3", "-json",
            folder.appendingPathComponent("mem.out").path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let lines = try #require(document["lines"] as? [[String: Any]])
        let marshal = try #require(lines.first { ($0["function"] as? String) == "encoding/json/v2.Marshal" })
        #expect(marshal["line"] as? Int == 172)
        #expect((marshal["file"] as? String ?? "").hasSuffix("encoding/json/v2/arshal.go"))
        let messages = (marshal["escapes"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(messages.contains { $0.hasPrefix("append([]byte{}, bytes.b...) escapes to heap") })
    }

    @Test func textReportNamesWhereTheBytesWereAllocated() throws {
        let folder = CommandRunner.testdata.appendingPathComponent("stdlib/go1.27")
        let result = try CommandRunner.run([
            "-escape", folder.appendingPathComponent("escape.log.gz").path, "-hot=1",
            folder.appendingPathComponent("mem.out").path,
        ])
        #expect(result.standardOutput.contains("allocated in bytes.Clone (bytes.go:"))
        #expect(result.standardOutput.contains("^ escape: append([]byte{}, bytes.b...) escapes to heap in Marshal  [arshal.go:172:20]"))
    }
}

/// Before and after the article's fix for example 1: the allocation on line 16 is gone, and so is its verdict.
@Suite struct BeforeAfterTests {
    static var arguments: [String] {
        let seed = CommandRunner.testdata.appendingPathComponent("seed").path
        return [
            "-diff_base", "\(seed)/go1.27/example1/mem.out",
            "-escape", "\(seed)/go1.27/example1/escape-fixed.log", "-base_escape", "\(seed)/go1.27/example1/escape.log",
            "-trim_path=/tmp/pprof-list-testdata/go1.27/seed/src", "-source_path=\(seed)/src-fixed", "-hot=3",
            "\(seed)/go1.27/example1/mem-fixed.out",
        ]
    }

    @Test func fixedLineTopsTheComparisonWithItsVerdictGone() throws {
        let result = try CommandRunner.run(Self.arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let first = try #require(result.standardOutput.components(separatedBy: "\n\n").first { $0.hasPrefix("1. ") })
        #expect(first.hasPrefix("1. 781.28kB -> 0 (-781.28kB, -100%)  flaws/example1.BenchmarkAssignmentIndirect"))
        #expect(first.contains("^ escape: moved to heap: i2"))
        #expect(first.contains("after: no escape verdict on this line"))
    }

    @Test func jsonCarriesBeforeAfterAndChange() throws {
        let result = try CommandRunner.run(["-json"] + Self.arguments)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect((document["base_total"] as? Int ?? 0) > (document["total"] as? Int ?? 0))
        let line = try #require((document["lines"] as? [[String: Any]])?.first)
        #expect(line["line"] as? Int == 16)
        #expect(line["flat"] as? Int == 0)
        #expect(line["before"] as? Int == 800_032)
        #expect(line["change"] as? Int == -800_032)
        let baseMessages = (line["base_escapes"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(baseMessages == ["moved to heap: i2"])
        #expect((line["escapes"] as? [Any])?.isEmpty == true)
    }
}
