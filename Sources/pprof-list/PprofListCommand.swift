#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pprof

/// The command: flags → request → pipeline → writer. Exit status 0 on success, 1 for input that cannot be
/// read or understood, 2 for usage errors and lost output, as Go's tools do.
enum PprofListCommand {
    static func run(arguments: [String]) -> Int32 {
        let parsed: GoFlags<CommandFlag>.Parsed
        do {
            parsed = try GoFlags<CommandFlag>.parse(arguments)
        } catch {
            StandardError.line("pprof-list: \(error.description)")
            StandardError.line("Run 'pprof-list -help' for usage.")
            return 2
        }
        var output = StandardOutput()
        if parsed[.help] || parsed[.h] {
            CommandFlag.writeUsage(to: &output)
            return finish(output, status: 0)
        }
        do throws(CommandFailure) {
            let options = try CommandOptions(parsed, workingDirectory: workingDirectory())
            let report: Report
            do {
                report = try ReportPipeline(options.request) { StandardError.line($0) }.run()
            } catch {
                throw CommandFailure(error)
            }
            switch options.request.format {
            case .text: ReportWriter.writeText(report, options: options.writer, to: &output)
            case .json: ReportWriter.json(report)?.write(to: &output)
            case .html: try PageOutput.deliver(report, options: options)
            }
            return finish(output, status: 0)
        } catch {
            StandardError.line("pprof-list: \(error.message)")
            return error.status
        }
    }

    private static func finish(_ output: StandardOutput, status: Int32) -> Int32 {
        guard let failure = output.finish() else { return status }
        StandardError.line("pprof-list: \(failure)")
        return 2
    }

    private static func workingDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A failure to report on stderr in one line, with its exit status.
struct CommandFailure: Error {
    var message: String
    var status: Int32

    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, status: 2) }

    init(message: String, status: Int32) {
        self.message = message
        self.status = status
    }

    init(_ error: ReportError) {
        switch error {
        case .request(let message): self.init(message: message, status: 2)
        case .input(let message): self.init(message: message, status: 1)
        case .inputTooLarge(let message): self.init(message: message + " (raise it with -max_inflated_size)", status: 1)
        }
    }
}
