import Foundation
import Testing

/// Go's flag conventions, as `go tool pprof` users type them, and the exit statuses of Go's tools.
@Suite struct CommandLineTests {
    static let profile = CommandRunner.testdata.appendingPathComponent("seed/go1.27/example1/mem.out").path

    @Test(arguments: [["-top"], ["--top"], ["-top=true"], ["-top=1"], ["--top=T"]])
    func booleanFlagSpellingsAgree(_ spelling: [String]) throws {
        let reference = try CommandRunner.run(["-top", Self.profile])
        let result = try CommandRunner.run(spelling + [Self.profile])
        #expect(result.status == 0)
        #expect(result.standardOutput == reference.standardOutput)
    }

    @Test(arguments: [["-list=BenchmarkAssignmentIndirect"], ["-list", "BenchmarkAssignmentIndirect"], ["--list", "BenchmarkAssignmentIndirect"], ["--list=BenchmarkAssignmentIndirect"]])
    func valueFlagSpellingsAgree(_ spelling: [String]) throws {
        let reference = try CommandRunner.run(["-list", "BenchmarkAssignmentIndirect", Self.profile])
        let result = try CommandRunner.run(spelling + [Self.profile])
        #expect(result.status == 0)
        #expect(result.standardOutput == reference.standardOutput)
        #expect(result.standardOutput.hasPrefix("Total: "))
    }

    @Test func flagsMayFollowTheProfile() throws {
        let before = try CommandRunner.run(["-top", "-nodecount=2", Self.profile])
        let after = try CommandRunner.run([Self.profile, "-top", "-nodecount=2"])
        #expect(after.standardOutput == before.standardOutput)
    }

    @Test(arguments: [
        (["-bogus"], "flag provided but not defined: -bogus"),
        (["-top", "-list", "x"], "must set at most one output format"),
        (["-top", "-nodecount=many"], "invalid value \"many\" for flag -nodecount"),
        (["-top", "-sample_index=7"], "sample_index 7 is outside the range [0..3]"),
        (["-top", "-sample_index=bogus"], "sample_index \"bogus\" must be one of: [alloc_objects alloc_space inuse_objects inuse_space]"),
        (["-list", "NoSuchFunction"], "no matches found for regexp: NoSuchFunction"),
        (["-top=maybe"], "invalid boolean value \"maybe\" for -top"),
        (["-base", "a", "-diff_base", "b"], "-base and -diff_base flags cannot both be specified"),
        (["-top", "-cum", "-flat"], "conflicting options set: [cum flat]"),
        (["-top", "-lines", "-files"], "conflicting options set: [lines files]"),
        (["-top", "-nodecount=9999999999999999999"], "invalid value \"9999999999999999999\" for flag -nodecount: value out of range"),
        (["-top", "-nodecount=08"], "invalid value \"08\" for flag -nodecount: parse error"),
        (["-top", "-nodecount=1__0"], "invalid value \"1__0\" for flag -nodecount: parse error"),
        (["-hot=0"], "-hot must be at least 1, not 0"),
        (["-hot=-3"], "-hot must be at least 1, not -3"),
    ] as [([String], String)])
    func usageErrorsExitTwoWithOneLine(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments + [Self.profile])
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count <= 2)
    }

    /// Go's `flag` package reads numbers with `strconv`: base prefixes and `_` between digits.
    @Test(arguments: [("0x3", "3"), ("1_0", "10"), ("0o7", "7"), ("010", "8"), ("+2", "2")])
    func numbersAreReadAsGoReadsThem(spelling: String, decimal: String) throws {
        let reference = try CommandRunner.run(["-top", "-nodecount=\(decimal)", Self.profile])
        let result = try CommandRunner.run(["-top", "-nodecount=\(spelling)", Self.profile])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == reference.standardOutput)
    }

    /// The report is lost when standard output cannot be written: say so, as `go tool pprof` does (exit 2).
    @Test func aFailedWriteIsReportedAndExitsTwo() throws {
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["-top", Self.profile]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let error = Pipe()
        process.standardError = error
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message == "pprof-list: write /dev/stdout: no space left on device\n")
    }

    @Test func valueFlagWithoutItsValueIsAUsageError() throws {
        let result = try CommandRunner.run([Self.profile, "-list"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("flag needs an argument: -list"))
    }

    @Test func helpListsTheFlagsAndSucceeds() throws {
        let result = try CommandRunner.run(["-help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("-escape=<path>"))
        #expect(result.standardOutput.contains("-list=<regexp>"))
    }

    @Test func missingProfileNamesTheFileAndExitsOne() throws {
        let result = try CommandRunner.run(["-top", "/nonexistent/mem.out"])
        #expect(result.status == 1)
        #expect(result.standardError == "pprof-list: parsing profile /nonexistent/mem.out: open /nonexistent/mem.out: no such file or directory\n")
    }
}

/// `-list` patterns mean what they mean to RE2: `\b` sees a boundary between `.` and `Rec`.
@Suite struct ListPatternTests {
    @Test func wordBoundaryMatchesAsInGo() throws {
        let demo = CommandRunner.testdata.appendingPathComponent("demo")
        let result = try CommandRunner.run([
            "-list", "\\bRec\\b", "-source_path=\(demo.path)/src", "-trim_path=/tmp/pprof-list-testdata/go1.27/demo/src",
            demo.appendingPathComponent("go1.27/mem.out").path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("ROUTINE ======================== example.com/demo.Rec in demo.go"))
    }
}
