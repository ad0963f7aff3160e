import Foundation
import Testing

/// `-escape=auto` against the real compiler: the verdicts it gets by compiling the hot packages are those of
/// the recorded hand-made logs, a second run is served from the cache, and without Go it says so in one line.
/// The tests that compile need `go` on the PATH (CI installs Go 1.27.3, the version the profiles were made
/// with); without it they are skipped.
@Suite(.serialized) struct AutoEscapeCommandTests {
    static let goIsInstalled = AutoEscapeFixture.go != nil
    /// The recorded logs are Go 1.27's: another release words its verdicts otherwise.
    static let goMakesTheRecordedVerdicts = AutoEscapeFixture.goVersion?.hasPrefix("go1.27") == true

    /// A profile, its hand-made log, the build root its file names start with, and the module it was built from.
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var profile: String
        var log: String
        var buildRoot: String
        var sources: String

        var description: String { name }
    }

    static let cases: [Case] = {
        let testdata = CommandRunner.testdata.path
        let seedRoot = (try? String(contentsOfFile: testdata + "/seed/go1.27/build-root", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return ["example1", "example3", "example5"].map {
            Case(name: "seed/\($0)", profile: "\(testdata)/seed/go1.27/\($0)/mem.out", log: "\(testdata)/seed/go1.27/\($0)/escape.log",
                 buildRoot: seedRoot, sources: testdata + "/seed/src")
        } + [
            Case(name: "labelled/own-go1.27", profile: testdata + "/labelled/own-go1.27/mem.out", log: testdata + "/labelled/own-go1.27/escape.log",
                 buildRoot: "/tmp/pprof-list-testdata/labelled/go1.27/src", sources: testdata + "/labelled/src"),
        ]
    }()

    @Test(.enabled(if: goMakesTheRecordedVerdicts), arguments: cases)
    func autoGivesTheVerdictsOfTheHandMadeLog(_ example: Case) throws {
        let fixture = try AutoEscapeFixture(copying: example.sources, olderThan: example.profile)
        defer { fixture.remove() }
        let common = ["-json", "-trim_path", example.buildRoot, "-source_path", fixture.sources, example.profile]
        let auto = try fixture.run(["-escape=auto"] + common)
        #expect(auto.status == 0, "\(auto.standardError)")
        #expect(auto.standardError.isEmpty, "no warning expected: \(auto.standardError)")
        let manual = try fixture.run(["-escape", example.log] + common)
        #expect(manual.status == 0, "\(manual.standardError)")
        let autoLines = try Self.escapes(auto.standardOutput)
        let manualLines = try Self.escapes(manual.standardOutput)
        #expect(autoLines.map(\.site) == manualLines.map(\.site))
        for (automatic, handMade) in zip(autoLines, manualLines) {
            #expect(automatic.verdicts == handMade.verdicts, "\(automatic.site)")
            #expect(automatic.allocatedIn == handMade.allocatedIn, "\(automatic.site)")
        }
        #expect(manualLines.contains { !$0.verdicts.isEmpty || !$0.allocatedIn.isEmpty }, "the comparison must compare something")
    }

    @Test(.enabled(if: goIsInstalled))
    func theSecondRunIsServedFromTheCacheInUnderASecond() throws {
        guard let example = Self.cases.first else { return }
        let fixture = try AutoEscapeFixture(copying: example.sources, olderThan: example.profile)
        defer { fixture.remove() }
        let arguments = ["-v", "-escape=auto", "-trim_path", example.buildRoot, "-source_path", fixture.sources, example.profile]
        let first = try fixture.run(arguments)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains("go test -c -o /dev/null -gcflags=flaws/example1=-m=2 flaws/example1"), "\(first.standardError)")
        let start = Date()
        let second = try fixture.run(arguments)
        let elapsed = Date().timeIntervalSince(start)
        #expect(second.status == 0)
        #expect(second.standardError.contains("escape analysis of flaws/example1 from the cache"), "\(second.standardError)")
        #expect(!second.standardError.contains("go test -c"))
        #expect(second.standardOutput == first.standardOutput)
        #expect(elapsed < 1, "cached run took \(elapsed) s")
    }

    /// The default report runs the analysis itself when no log is given, and says so in one line.
    @Test(.enabled(if: goIsInstalled))
    func theHotLinesReportDefaultsToAutoAndSaysSoOnce() throws {
        guard let example = Self.cases.first else { return }
        let fixture = try AutoEscapeFixture(copying: example.sources, olderThan: example.profile)
        defer { fixture.remove() }
        let result = try fixture.run(["-trim_path", example.buildRoot, "-source_path", fixture.sources, example.profile])
        #expect(result.status == 0)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.contains("no -escape log given"))
        #expect(result.standardOutput.contains("escape: moved to heap: i2"))
        let off = try fixture.run(["-escape=none", "-trim_path", example.buildRoot, "-source_path", fixture.sources, example.profile])
        #expect(off.standardError.isEmpty)
        #expect(!off.standardOutput.contains("escape:"))
        let top = try fixture.run(["-top", "-trim_path", example.buildRoot, "-source_path", fixture.sources, example.profile])
        #expect(top.standardError.isEmpty, "pprof's own reports never run it")
    }

    @Test(.enabled(if: goIsInstalled))
    func aSourceNewerThanTheProfileIsWarnedOfOnce() throws {
        guard let example = Self.cases.first else { return }
        let fixture = try AutoEscapeFixture(copying: example.sources, olderThan: nil)
        defer { fixture.remove() }
        let result = try fixture.run(["-escape=auto", "-trim_path", example.buildRoot, "-source_path", fixture.sources, example.profile])
        #expect(result.status == 0)
        let warnings = result.standardError.split(separator: "\n").filter { $0.contains("changed after the profile was recorded") }
        #expect(warnings.count == 1, "\(result.standardError)")
    }

    /// Lines added above a hot function (the file's time kept old): the profile's lines are not the source's.
    @Test(.enabled(if: goIsInstalled))
    func movedLinesAreWarnedOfOnce() throws {
        guard let example = Self.cases.first else { return }
        let fixture = try AutoEscapeFixture(copying: example.sources, olderThan: example.profile)
        defer { fixture.remove() }
        let file = fixture.sources + "/example1/example1_test.go"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "import \"testing\"\n", with: "import \"testing\"\n\n\n").write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)], ofItemAtPath: file)
        let result = try fixture.run(["-escape=auto", "-trim_path", example.buildRoot, "-source_path", fixture.sources, example.profile])
        #expect(result.status == 0)
        let warnings = result.standardError.split(separator: "\n").filter { $0.contains("where the source has no func") }
        #expect(warnings.count == 1, "\(result.standardError)")
    }

    @Test(.enabled(if: goIsInstalled))
    func aFailedBuildIsOneLineWithTheFirstCompilerError() throws {
        guard let example = Self.cases.first else { return }
        let fixture = try AutoEscapeFixture(copying: example.sources, olderThan: example.profile)
        defer { fixture.remove() }
        let file = fixture.sources + "/example1/example1_test.go"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try (text + "\nfunc broken() { undefinedName() }\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try fixture.run(["-escape=auto", "-trim_path", example.buildRoot, "-source_path", fixture.sources, example.profile])
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n").filter { !$0.contains("warning:") }
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(lines.first?.contains("undefined: undefinedName") == true, "\(result.standardError)")
    }

    /// `-escape_flags=-gcflags=-l` (a profile built without inlining) must reach our `-gcflags=PKG=…` too: the
    /// last -gcflags matching a package wins whole.
    @Test(.enabled(if: goIsInstalled))
    func escapeFlagsReachTheCompilerOfTheHotPackages() throws {
        guard let example = Self.cases.first else { return }
        let fixture = try AutoEscapeFixture(copying: example.sources, olderThan: example.profile)
        defer { fixture.remove() }
        let result = try fixture.run([
            "-v", "-escape=auto", "-escape_flags=-tags=never -gcflags=-l", "-trim_path", example.buildRoot,
            "-source_path", fixture.sources, example.profile,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("go test -c -o /dev/null -tags=never -gcflags=-l '-gcflags=flaws/example1=-l -m=2' flaws/example1"),
                "\(result.standardError)")
    }

    /// Standard-library allocations are analysed on request only, and the hint says how to ask.
    @Test(.enabled(if: goMakesTheRecordedVerdicts))
    func packagesOutsideTheModuleAreAnalysedOnRequest() throws {
        guard let example = Self.cases.first(where: { $0.name == "seed/example5" }) else { return }
        let fixture = try AutoEscapeFixture(copying: example.sources, olderThan: example.profile)
        defer { fixture.remove() }
        let common = ["-hot=1", "-trim_path", example.buildRoot, "-source_path", fixture.sources, example.profile]
        let mine = try fixture.run(["-escape=auto"] + common)
        #expect(mine.status == 0, "\(mine.standardError)")
        #expect(mine.standardOutput.contains(
            "allocated in bytes.(*Buffer).grow (buffer.go:155) via bytes.(*Buffer).Write: 6.10MB; to see why, add -escape_packages=bytes (go build -gcflags=bytes=-m=2 bytes)"),
            "\(mine.standardOutput)")
        let withBytes = try fixture.run(["-escape=auto", "-escape_packages=bytes"] + common)
        #expect(withBytes.status == 0, "\(withBytes.standardError)")
        #expect(withBytes.standardOutput.contains("escape: make([]byte, n, 64) escapes to heap in (*Buffer).grow"), "\(withBytes.standardOutput)")
    }

    /// Sources found nowhere: not a module of the user's, so nothing to compile.
    @Test(.enabled(if: goIsInstalled))
    func sourcesOutsideAnyModuleAreOneLineAndExitOne() throws {
        guard let example = Self.cases.first else { return }
        // The trimmed names are looked for under the neutral working directory, where they are not.
        let result = try CommandRunner.run(["-escape=auto", "-trim_path", example.buildRoot, example.profile], environment: ["PPROF_LIST_ESCAPE": nil])
        #expect(result.status == 1)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.contains("none of the profile's source files is in a Go module"))
    }

    /// These run everywhere: the PATH is emptied.
    @Test func withoutGoTheErrorIsOneLineAndExitOne() throws {
        guard let example = Self.cases.first else { return }
        let result = try CommandRunner.run(
            ["-escape=auto", "-source_path", example.sources, "-trim_path", example.buildRoot, example.profile],
            environment: ["PATH": "", "PPROF_LIST_ESCAPE": nil])
        #expect(result.status == 1)
        #expect(result.standardError == "pprof-list: -escape=auto needs the go command, which is not on PATH; install Go, or pass a log: "
            + "go test -gcflags='-m -m' … 2> escape.log, then -escape=escape.log\n")
        #expect(result.standardOutput.isEmpty)
    }

    @Test func withoutGoTheDefaultReportHasOneNoticeAndNoVerdicts() throws {
        guard let example = Self.cases.first else { return }
        let result = try CommandRunner.run(
            ["-source_path", example.sources, "-trim_path", example.buildRoot, example.profile],
            environment: ["PATH": "", "PPROF_LIST_ESCAPE": nil])
        #expect(result.status == 0)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.hasPrefix("pprof-list: no escape verdicts: -escape=auto needs the go command"))
        #expect(result.standardOutput.contains("Hottest lines by alloc_space:"))
    }

    /// Per hot line of a `-json` report: where it is, where its bytes were allocated, and its verdicts with paths cut to base names (the
    /// hand-made logs ran in the package directory, `-escape=auto` in the module root).
    static func escapes(_ json: String) throws -> [(site: String, verdicts: [String], allocatedIn: [String])] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let lines = try #require(object?["lines"] as? [[String: Any]])
        return lines.map { line in
            let site = "\(line["function"] ?? "") \(line["file"] ?? ""):\(line["line"] ?? "")"
            let verdicts = (line["escapes"] as? [[String: Any]] ?? []).map { escape in
                let flow = (escape["flow"] as? [String] ?? []).map(Self.baseNames).joined(separator: " | ")
                return "\(Self.baseNames(escape["file"] as? String ?? "")):\(escape["line"] ?? ""):\(escape["column"] ?? "") "
                    + "\(escape["message"] ?? "") [\(flow)]"
            }
            let allocatedIn = (line["allocated_in"] as? [[String: Any]] ?? []).map { "\($0["function"] ?? "") via \($0["via"] ?? "")" }
            return (site, verdicts, allocatedIn)
        }
    }

    /// `at ./x/y.go:3:4` and `dir/y.go` → `y.go`.
    static func baseNames(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            guard word.contains(".go"), let slash = word.lastIndex(of: "/") else { return String(word) }
            return String(word[word.index(after: slash)...])
        }.joined(separator: " ")
    }
}

/// A copy of a module in a temporary directory (so a test may change it and set its times), with a cache
/// directory of its own for pprof-list and the user's own Go build cache (a fresh one would rebuild the
/// standard library: a minute).
struct AutoEscapeFixture {
    static let go: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/go"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static let goCache: String? = goEnvironment("GOCACHE")
    static let goVersion: String? = goEnvironment("GOVERSION")

    static func goEnvironment(_ name: String) -> String? {
        guard let go else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: go)
        process.arguments = ["env", name]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    let root: String
    var sources: String { root + "/src" }
    var cache: String { root + "/cache" }

    /// `olderThan`: a profile; the copied files get a time a day before it was recorded, as if built then.
    init(copying module: String, olderThan profile: String?) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-auto-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: module, toPath: sources)
        guard profile != nil else { return }
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        let files = FileManager.default.enumerator(atPath: sources)?.allObjects as? [String] ?? []
        for file in files {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: sources + "/" + file)
        }
    }

    /// Runs the command with this fixture's cache, `-escape` left to its default.
    func run(_ arguments: [String]) throws -> CommandRunner.Result {
        var environment: [String: String?] = ["XDG_CACHE_HOME": cache, "GOTOOLCHAIN": "local", "PPROF_LIST_ESCAPE": nil]
        if let goCache = Self.goCache { environment["GOCACHE"] = goCache }
        return try CommandRunner.run(arguments, environment: environment)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
