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

extension Robustness {
    /// The built `pprof-list` on bad input: one line on stderr naming the file and what is wrong, exit status 1;
    /// usage errors exit 2; damaged profiles and logs exit 0 or 1, never with a signal.
    @Suite("Command line on bad input")
    struct CommandLineErrorTests {
        static let profile = ReportSmoke.testdata + "/seed/go1.27/example1/mem.out"
        static let log = ReportSmoke.testdata + "/seed/go1.27/example1/escape.log"

        /// A fresh directory under the system temporary directory, removed after `body`; world-readable so that
        /// an unprivileged user can be pointed into it.
        static func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("pprof-list-robustness-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try body(directory)
        }

        /// Expects exit status 1 and exactly one line on stderr that names `file` and ends with `what`.
        static func expectInputError(_ result: CommandRunner.Result, file: String, what: String? = nil,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(result.status == 1, "status for \(file)", sourceLocation: sourceLocation)
            #expect(result.standardOutput.isEmpty, sourceLocation: sourceLocation)
            let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 2 && lines.last == "", "one line on stderr: \(result.standardError)", sourceLocation: sourceLocation)
            #expect(result.standardError.contains(file), "stderr names \(file): \(result.standardError)", sourceLocation: sourceLocation)
            if let what {
                #expect(result.standardError.hasSuffix(what + "\n"), "\(result.standardError)", sourceLocation: sourceLocation)
            }
        }

        @Test(arguments: MalformedCorpus.rows("profile", "cli"))
        func malformedProfileFailsWithTheRecordedLine(_ input: MalformedInput) throws {
            let result = try CommandRunner.run(input.flags + ["-top", input.path])
            if input.expected == "loads" {
                #expect(result.status == 0, "\(result.standardError)")
                // A profile without mappings gets pprof's fake one, and pprof's symbolizer's notice on it.
                #expect(result.standardError.isEmpty || result.standardError == "Main binary filename not available.\n")
            } else {
                // Over the size cap, the command (not the library) names the flag that raises it.
                let hint = input.flags.contains { $0.hasPrefix("-max_inflated_size") } ? " (raise it with -max_inflated_size)" : ""
                #expect(result.standardError == "pprof-list: parsing profile \(input.path): \(input.expected)\(hint)\n")
                Self.expectInputError(result, file: input.path)
            }
        }

        @Test(arguments: MalformedCorpus.rows("escape"))
        func escapeLogThatIsNotALogFailsWithOneLine(_ input: MalformedInput) throws {
            let result = try CommandRunner.run(["-escape=" + input.path, Self.profile])
            if input.expected == "log" {
                #expect(result.status == 0, "\(result.standardError)")
            } else {
                Self.expectInputError(result, file: input.path)
                #expect(result.standardError.contains("not a compiler escape-analysis log: no line is a diagnostic"))
            }
        }

        @Test func missingProfile() throws {
            let path = "/nonexistent/pprof-list/mem.out"
            Self.expectInputError(try CommandRunner.run([path]), file: path, what: "no such file or directory")
        }

        @Test func directoryAsProfile() throws {
            let path = ReportSmoke.testdata + "/seed"
            Self.expectInputError(try CommandRunner.run(["-top", path]), file: path, what: "is a directory")
        }

        @Test func missingEscapeLog() throws {
            let path = "/nonexistent/pprof-list/escape.log"
            Self.expectInputError(try CommandRunner.run(["-escape=" + path, Self.profile]), file: path, what: "no such file or directory")
        }

        @Test func profileAsEscapeLog() throws {
            Self.expectInputError(try CommandRunner.run(["-escape=" + Self.profile, Self.profile]), file: Self.profile)
        }

        @Test func rawProfileOverTheSizeCap() throws {
            try Self.withTemporaryDirectory { directory in
                let path = directory + "/big.pb"
                try Data(count: 1_500_000).write(to: URL(fileURLWithPath: path))
                Self.expectInputError(
                    try CommandRunner.run(["-max_inflated_size=1000000", "-top", path]), file: path,
                    what: "file is larger than the limit of 1000000 bytes (raise it with -max_inflated_size)")
            }
        }

        /// Root reads any file, so as root the command runs as `nobody` through `setpriv` (util-linux).
        @Test(.enabled(if: geteuid() != 0 || canRunUnprivileged(),
                       "as root, this needs /usr/bin/setpriv and a binary that user nobody may run"))
        func profileWithoutReadPermission() throws {
            try Self.withTemporaryDirectory { directory in
                let path = directory + "/secret.pb.gz"
                try Data(try ReportSmoke.bytes("seed/go1.27/example1/mem.out")).write(to: URL(fileURLWithPath: path))
                try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
                let result: CommandRunner.Result
                if geteuid() == 0 {
                    result = try Self.runUnprivileged(["-top", path])
                } else {
                    result = try CommandRunner.run(["-top", path])
                }
                Self.expectInputError(result, file: path, what: "permission denied")
            }
        }

        /// Whether `setpriv` exists and every directory above the binary lets others in.
        static func canRunUnprivileged() -> Bool {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return false }
            var path = CommandRunner.binary.resolvingSymlinksInPath().path
            while !path.isEmpty && path != "/" {
                var status = stat()
                guard stat(path, &status) == 0, status.st_mode & S_IXOTH != 0 else { return false }
                path = (path as NSString).deletingLastPathComponent
            }
            return true
        }

        static func runUnprivileged(_ arguments: [String]) throws -> CommandRunner.Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CommandRunner.binary.path] + arguments
            process.currentDirectoryURL = URL(fileURLWithPath: "/")
            let output = Pipe(), error = Pipe()
            process.standardOutput = output
            process.standardError = error
            try process.run()
            process.waitUntilExit()  // only error cases run this way: the output is a line, no pipe fills
            return CommandRunner.Result(
                status: process.terminationStatus,
                standardOutput: String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                standardError: String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }

        @Test(arguments: [
            ["-bogus", profile],
            ["-nodecount=x", "-top", profile],
            ["-max_inflated_size=0", profile],
            ["-max_inflated_size=lots", profile],
            ["-top", "-raw", profile],
            ["-list"],
            ["-sample_index=bogus", "-top", profile],
            ["-top=maybe", profile],
            ["-list", "(", profile],
            ["-traces", "-tags", profile],
            ["-peek=demo", "-top", profile],
            ["-peek", "(", profile],
            ["-json", "-traces", profile],
            ["-tagshow=(", "-tags", profile],
        ])
        func usageErrorsExitTwo(_ arguments: [String]) throws {
            let result = try CommandRunner.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.standardError)")
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.hasPrefix("pprof-list: "))
        }

        /// The acceptance check, through the binary: damaged copies of a real profile (cut, and bytes changed,
        /// compressed and raw) exit 0 with a report or 1 with one line. Never a signal, never silence.
        @Test func damagedProfilesExitZeroOrOneWithOneLine() throws {
            let compressed = try ReportSmoke.bytes("seed/go1.27/example1/mem.out")
            let raw = try MutationTests.inflated("seed/go1.27/example1/mem.out")
            var random = SplitMix64(state: 42)
            var inputs: [[UInt8]] = []
            for _ in 0..<8 { inputs.append(Array(compressed[..<Int.random(in: 0..<compressed.count, using: &random)])) }
            for _ in 0..<12 { inputs.append(Array(raw[..<Int.random(in: 0..<raw.count, using: &random)])) }
            for _ in 0..<8 {
                var damaged = compressed
                damaged[Int.random(in: 0..<damaged.count, using: &random)] ^= 0x20
                inputs.append(damaged)
            }
            for _ in 0..<20 {
                var damaged = raw
                damaged[Int.random(in: 0..<damaged.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
                inputs.append(damaged)
            }
            try Self.withTemporaryDirectory { directory in
                for (number, input) in inputs.enumerated() {
                    let path = directory + "/damaged-\(number).pb"
                    try Data(input).write(to: URL(fileURLWithPath: path))
                    for arguments in [number % 2 == 0 ? ["-top"] : ["-raw"], number % 3 == 0 ? ["-lines"] : []] {
                        let result = try CommandRunner.run(arguments + [path])
                        if result.status == 0 {
                            #expect(!result.standardOutput.isEmpty && result.standardError.isEmpty, "\(path)")
                        } else {
                            Self.expectInputError(result, file: path)
                        }
                    }
                }
            }
        }

        @Test func damagedEscapeLogsExitZeroOrOneWithOneLine() throws {
            let log = try ReportSmoke.bytes("seed/go1.27/example1/escape.log")
            var random = SplitMix64(state: 7)
            try Self.withTemporaryDirectory { directory in
                for number in 0..<12 {
                    var damaged = Array(log[..<Int.random(in: 0..<log.count, using: &random)])
                    for _ in 0..<number * 4 where !damaged.isEmpty {
                        damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                    }
                    let path = directory + "/damaged-\(number).log"
                    try Data(damaged).write(to: URL(fileURLWithPath: path))
                    let result = try CommandRunner.run(["-escape=" + path, Self.profile])
                    if result.status != 0 { Self.expectInputError(result, file: path) }
                }
            }
        }
    }
}
