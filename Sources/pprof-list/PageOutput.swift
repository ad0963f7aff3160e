#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pprof

/// Where `-html` and `-http` send the page: a file, a local server, or both (the file first).
enum PageOutput {
    static func deliver(_ report: Report, options: CommandOptions) throws(CommandFailure) {
        var page = PageBytes()
        guard ReportWriter.writeHTML(report, options: options.writer, to: &page) else {
            throw .usage("-html and -http draw the hot-lines report only")
        }
        if let path = options.htmlPath {
            try write(page.bytes, to: path)
        }
        if let address = options.httpAddress {
            // Another sample type is the same request with another -sample_index, drawn when asked.
            let request = options.request, writer = options.writer
            let redraw = { (sampleIndex: String) -> Result<[UInt8], PageServer.Failure> in
                var other = request
                other.sampleIndex = sampleIndex
                other.mean = false
                do throws(ReportError) {
                    var redrawn = PageBytes()
                    let report = try ReportPipeline(other) { _ in }.run()
                    guard ReportWriter.writeHTML(report, options: writer, to: &redrawn) else {
                        return .failure(PageServer.Failure(description: "no page for this report"))
                    }
                    return .success(redrawn.bytes)
                } catch {
                    return .failure(PageServer.Failure(description: CommandFailure(error).message))
                }
            }
            let server: PageServer
            do throws(PageServer.Failure) {
                server = try PageServer(address: address, page: page.bytes, redraw: redraw)
            } catch {
                throw CommandFailure(message: error.description, status: error.isUsage ? 2 : 1)
            }
            let url = "http://\(server.urlHost):\(server.port)/"
            StandardError.line("Serving web UI on \(url)")
            if options.opensBrowser { Browser.open(url) }
            server.serve()
        }
    }

    /// The page's bytes, collected in one buffer: a few MB at most.
    struct PageBytes: TextOutputStream {
        var bytes: [UInt8] = []

        mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
    }

    private static func write(_ bytes: [UInt8], to path: String) throws(CommandFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CommandFailure(message: "open \(path): \(errorText())", status: 1) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let start = buffer.baseAddress else { return 0 }
                return Glibc.write(descriptor, start + written, buffer.count - written)
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw CommandFailure(message: "write \(path): \(errorText())", status: 1) }
            written += result
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)).lowercased() }
}

/// Opens a URL in the user's browser, as pprof does, when a launcher exists; a machine without one (a
/// server, CI) just gets the URL on stderr.
enum Browser {
    static func open(_ url: String) {
        #if os(macOS)
        let launchers = ["/usr/bin/open"]
        #else
        let launchers = ((getenv("PATH").map { String(cString: $0) }) ?? "/usr/bin:/bin").split(separator: ":").map { String($0) + "/xdg-open" }
        #endif
        guard let launcher = launchers.first(where: { access($0, X_OK) == 0 }) else { return }
        // The launcher is not waited for: its exit status would be reaped by no one, so children are reaped
        // by the system.
        signal(SIGCHLD, SIG_IGN)
        var pid = pid_t()
        let arguments = [launcher, url]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // Its complaints (no browser on a server) are not ours: the URL is on stderr already.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        _ = posix_spawn(&pid, launcher, &actions, nil, &argv, environ)
    }
}
