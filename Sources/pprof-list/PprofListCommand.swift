import Pprof

/// The command: parse flags, load, build the report, render. Exit status 0 on success, 1 for input that
/// cannot be read or understood, 2 for usage errors, as Go's tools do.
enum PprofListCommand {
    static func run(arguments: [String]) -> Int32 {
        let flags = CommandFlags.definitions
        let parsed: GoFlags.Parsed
        do {
            parsed = try flags.parse(arguments)
        } catch {
            StandardError.line("pprof-list: \(error.description)")
            StandardError.line("Run 'pprof-list -help' for usage.")
            return 2
        }
        if parsed.bool("help") || parsed.bool("h") {
            var output = StandardOutput()
            CommandFlags.writeUsage(to: &output)
            output.flush()
            return 0
        }
        do {
            let options = try CommandOptions(parsed)
            var output = StandardOutput()
            defer { output.flush() }
            try ReportRunner(options: options).run(to: &output)
            return 0
        } catch {
            StandardError.line("pprof-list: \(error.message)")
            return error.status
        }
    }
}

/// A failure to report on stderr in one line, with its exit status.
struct CommandFailure: Error {
    var message: String
    var status: Int32

    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, status: 2) }
    static func input(_ message: String) -> CommandFailure { CommandFailure(message: message, status: 1) }
}
