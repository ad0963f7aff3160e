import Foundation

/// Runs the built `pprof-list` binary, as a user would, and captures what it prints.
enum CommandRunner {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// stdout as bytes: profile strings that are not UTF-8 print byte for byte.
        var standardOutputBytes = Data()
    }

    /// The package root, from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var testdata: URL { packageRoot.appendingPathComponent("testdata") }

    /// `pprof-list` sits next to the test bundle in the build directory, whatever `--scratch-path` was used.
    static let binary: URL = {
        let testBinary = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var directory = testBinary.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("pprof-list")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/pprof-list")
    }()

    /// A working directory whose name appears in no profile path, as pprof's basename heuristic would see.
    static let neutralDirectory: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-tests-cwd")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }()

    /// `environment` changes the inherited environment (nil removes a variable). `-escape=auto`, the default
    /// of the hot-lines report, is off unless a test sets PPROF_LIST_ESCAPE: other tests' outputs must not
    /// depend on whether Go is installed. `launcher`, when given, runs the binary (`prlimit --as=N`, say):
    /// its executable and arguments come before the binary's path.
    static func run(
        _ arguments: [String], in directory: URL = neutralDirectory, input: Data? = nil, environment changes: [String: String?] = [:],
        launcher: [String] = []
    ) throws -> Result {
        let process = Process()
        if let executable = launcher.first {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(launcher.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        environment.removeValue(forKey: "GOROOT")
        environment["PPROF_LIST_ESCAPE"] = "none"
        for (name, value) in changes { environment[name] = value }
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so a large report cannot fill a pipe and stall it.
        final class Collected: @unchecked Sendable { var data = Data() }
        let errorData = Collected()
        let group = DispatchGroup()
        group.enter()
        let errorHandle = error.fileHandleForReading
        DispatchQueue.global().async {
            errorData.data = errorHandle.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.data, as: UTF8.self), standardOutputBytes: outputData)
    }
}
