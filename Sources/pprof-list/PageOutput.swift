#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `write`, which `PageOutput.write(_:to:)` shadows.
#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
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
                return systemWrite(descriptor, start + written, buffer.count - written)
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw CommandFailure(message: "write \(path): \(errorText())", status: 1) }
            written += result
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)).lowercased() }
}
