import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
@testable import PprofAnalysis
@testable import PprofReports

/// `-html` and `-http`: the page holds the report and nothing from outside, a real browser draws the seed
/// example's hot line, verdict and flame graph, and the server serves that page and nothing else.
@Suite struct HTMLPageTests {
    static let seed = CommandRunner.testdata.appendingPathComponent("seed").path
    static let example1 = "\(seed)/go1.27/example1"

    /// The seed benchmarks' page (no profile argument: the default inputs), written once per test run.
    static func seedPage(_ extra: [String] = []) throws -> (path: URL, text: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("seed.html")
        let result = try CommandRunner.run(["-html", path.path] + extra)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        return (path, try String(contentsOf: path, encoding: .utf8))
    }

    @Test func thePageReferencesNothingOutsideItself() throws {
        let page = try Self.seedPage().text
        let lowered = page.lowercased()
        for outside in ["http:", "https:", "src=", "@import", "url(", "<link", "//cdn", "fetch(", "xmlhttprequest"] {
            #expect(!lowered.contains(outside), "the page mentions \(outside)")
        }
        // Exactly the two script elements the page opens: no string in the data closed one.
        #expect(lowered.components(separatedBy: "</script").count == 3)
        #expect(lowered.components(separatedBy: "<script").count == 3)
        #expect(page.contains("flaws/example1.BenchmarkAssignmentIndirect"))
    }

    @Test func scriptClosingTextInTheDataIsEscaped() {
        let quoted = PageValue.quote("</script><!-- & \u{2028} \"x\"\n")
        #expect(!quoted.contains("<") && !quoted.contains(">") && !quoted.contains("&"))
        #expect(quoted == #""\u003c/script\u003e\u003c!-- \u0026 \u2028 \"x\"\n""#)
    }

    @Test func htmlCannotBeCombinedWithAnotherReport() throws {
        let result = try CommandRunner.run(["-top", "-html", "/tmp/never.html", "\(Self.example1)/mem.out"])
        #expect(result.status == 2)
        #expect(result.standardError == "pprof-list: -html shows the hot-lines report; it cannot be combined with -top\n")
    }

    /// The flame graph is the profile's call tree: the root holds the total, each node at least what its
    /// children hold, parents come before children, and the seed benchmark's frame carries its bytes.
    @Test func theFlameGraphOfTheSeedProfileHoldsTheBenchmarkFrame() throws {
        var request = ReportRequest()
        request.profiles = ["\(Self.example1)/mem.out"]
        request.format = .html
        // Untrimmed, so that every path counts: 16 bytes of the benchmark come through testing's run1.
        request.nodeFraction = 0
        let report = try ReportPipeline(request) { _ in }.run()
        guard case .hotLines(let hotLines) = report.content, let flame = hotLines.flameGraph else {
            Issue.record("no flame graph in the hot-lines report")
            return
        }
        #expect(flame.nodes.first?.parent == -1)
        #expect(flame.nodes.first?.value == hotLines.context.total)
        var childSums = [Int64](repeating: 0, count: flame.nodes.count)
        for (index, node) in flame.nodes.enumerated().dropFirst() {
            #expect(Int(node.parent) < index)
            childSums[Int(node.parent)] += node.value
        }
        for (index, node) in flame.nodes.enumerated() { #expect(childSums[index] <= node.value) }
        // The benchmark is reached along more than one path (testing's run1 and launch): its frames hold its
        // line's bytes together, as its one allocating line holds all of the function's.
        let benchmark = flame.nodes.filter { flame.names[Int($0.name)] == "flaws/example1.BenchmarkAssignmentIndirect" }
        #expect(!benchmark.isEmpty)
        #expect(benchmark.reduce(0) { $0 + $1.value }
            == hotLines.hotLines.entries.first { $0.site.function == "flaws/example1.BenchmarkAssignmentIndirect" }?.value)
        #expect(benchmark.count == 2)
        #expect(flame.droppedNodeCount == 0)
        // Trimmed as -nodefraction trims (0.005 of the total by default), the 16-byte path goes.
        request.nodeFraction = nil
        guard case .hotLines(let trimmed) = try ReportPipeline(request) { _ in }.run().content, let trimmedFlame = trimmed.flameGraph else { return }
        #expect(trimmedFlame.droppedNodeCount > 0)
        #expect(trimmedFlame.nodes.count < flame.nodes.count)
        #expect(trimmedFlame.nodes.filter { trimmedFlame.names[Int($0.name)] == "flaws/example1.BenchmarkAssignmentIndirect" }.count == 1)
        // The text report does not pay for it.
        request.format = .text
        guard case .hotLines(let textReport) = try ReportPipeline(request) { _ in }.run().content else { return }
        #expect(textReport.flameGraph == nil)
    }

    @Test func aComparisonPageShowsBeforeAfterAndTheVerdictChange() throws {
        let page = try Self.seedPage([
            "-diff_base", "\(Self.example1)/mem.out", "-base_escape", "\(Self.example1)/escape.log",
            "-escape", "\(Self.example1)/escape-fixed.log", "\(Self.example1)/mem-fixed.out",
        ]).text
        #expect(page.contains(#""kind":"diff""#))
        #expect(page.contains(#""before":"781.28kB","after":"0","change":"-781.28kB""#))
        #expect(page.contains(#""verdictChange":"changed""#))
        #expect(page.contains(#""hasBase":true"#))
    }

    // MARK: In a real browser

    /// Debian's `chromium` (CI installs it); the browser tests are skipped where there is none.
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    /// Runs headless chromium on `page` with `arguments`, giving scripts a moment of virtual time.
    static func runChromium(_ arguments: [String], page: URL) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        // A browser that hangs must not hang the tests: coreutils' timeout kills it (with KILL, as a child of
        // Foundation's Process may have TERM blocked).
        let timeout = "/usr/bin/timeout"
        let watched = FileManager.default.isExecutableFile(atPath: timeout)
        process.executableURL = URL(fileURLWithPath: watched ? timeout : chromium ?? "chromium")
        process.arguments = (watched ? ["-s", "KILL", "90", chromium ?? "chromium"] : []) + [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=\(profile.path)", "--virtual-time-budget=3000", "--window-size=1280,1000",
        ] + arguments + [page.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed (apt-get install chromium)"))
    func chromiumDrawsTheSeedHotLineItsVerdictAndTheFlameGraph() throws {
        let page = try Self.seedPage().path
        let dom = try Self.runChromium(["--dump-dom"], page: page)
        // The hot line's row: the benchmark, its line, and the verdict beside it, drawn by the script.
        let rows = dom.components(separatedBy: "<tr class=\"line")
        let row = rows.first { $0.contains("flaws/example1.BenchmarkAssignmentIndirect") }
        #expect(row?.contains("example1_test.go:16") == true, "no hot-line row for the benchmark in \(dom.prefix(2000))")
        #expect(row?.contains("moved to heap: i2") == true)
        // Its flow, in the row's details.
        #expect(row?.contains("from x2.p = &amp;i2 (assign)") == true)
        // The flame graph, with the benchmark's frame.
        let flame = dom.components(separatedBy: "id=\"flame\"").dropFirst().first ?? ""
        #expect(flame.contains("data-name=\"flaws/example1.BenchmarkAssignmentIndirect\""), "no benchmark frame in the flame graph")
        #expect(flame.contains("data-name=\"root\""))

        // Search and zoom, driven by a script appended to a copy of the page: the search marks the frames it
        // matches, a click on the benchmark's frame zooms to it (its callers above it, nothing beside it), and
        // the status line says what the frame holds.
        let driven = page.deletingLastPathComponent().appendingPathComponent("driven.html")
        let script = #"""
            <script>
            var search = document.getElementById('flame-search');
            search.value = 'AssignmentIndirect'; search.dispatchEvent(new Event('input'));
            var marked = document.querySelectorAll('#flame .frame.match').length;
            document.querySelector('#flame [data-name="flaws/example1.BenchmarkAssignmentIndirect"]').click();
            var names = Array.prototype.map.call(document.querySelectorAll('#flame .frame'), function (f) { return f.getAttribute('data-name'); });
            document.body.setAttribute('data-driven', marked + '|' + names.join(',') + '|' + document.getElementById('flame-status').textContent);
            </script></body>
            """#
        try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "</body>", with: script).write(to: driven, atomically: true, encoding: .utf8)
        let drivenDOM = try Self.runChromium(["--dump-dom"], page: driven)
        let state = drivenDOM.components(separatedBy: "data-driven=\"").dropFirst().first?.prefix { $0 != "\"" } ?? ""
        let parts = state.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        #expect(parts.count == 3, "no state from the driven page: \(state)")
        #expect(parts.first == "1")
        #expect(parts.dropFirst().first == "root,testing.(*B).launch,testing.(*B).runN,flaws/example1.BenchmarkAssignmentIndirect")
        #expect(parts.last?.hasPrefix("flaws/example1.BenchmarkAssignmentIndirect  781.27kB (8.86%)") == true)

        // The screenshot, kept where CI can pick it up.
        let artifacts = ProcessInfo.processInfo.environment["PPROF_LIST_ARTIFACTS"].map { URL(fileURLWithPath: $0) }
            ?? CommandRunner.packageRoot.appendingPathComponent(".build/artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let screenshot = artifacts.appendingPathComponent("seed-page.png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try Self.runChromium(["--screenshot=\(screenshot.path)"], page: page)
        #expect(FileManager.default.fileExists(atPath: screenshot.path))
        print("screenshot of the seed page: \(screenshot.path)")
    }

    // MARK: -http

    /// Starts `pprof-list -http=127.0.0.1:0 -no_browser` on the seed profile and returns it with the URL it
    /// prints.
    static func startServer() throws -> (process: Process, url: URL) {
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["-http=127.0.0.1:0", "-no_browser", "-escape", "\(example1)/escape.log", "\(example1)/mem.out"]
        process.currentDirectoryURL = CommandRunner.neutralDirectory
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var printed = ""
        while !printed.contains("\n") {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        guard let range = printed.range(of: "http://"), let url = URL(string: String(printed[range.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the server printed: \(printed)"])
        }
        return (process, url)
    }

    /// One HTTP/1.1 request over a plain socket; the server closes the connection after its answer.
    static func fetch(port: UInt16, path: String = "/", header: String = "") throws -> (status: Int, head: String, body: String) {
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(client >= 0)
        defer { close(client) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(header)\r\n".utf8)
        _ = request.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response.append(contentsOf: chunk[0..<count])
        }
        let text = String(decoding: response, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, head, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test func theServerServesThePageAndNothingElse() throws {
        let (process, url) = try Self.startServer()
        defer { process.terminate(); process.waitUntilExit() }
        #expect(url.host == "127.0.0.1")
        let port = try #require(url.port.flatMap { UInt16(exactly: $0) })
        let page = try Self.fetch(port: port)
        #expect(page.status == 200)
        #expect(page.head.contains("Content-Type: text/html; charset=utf-8"))
        #expect(page.body.hasPrefix("<!DOCTYPE html>"))
        #expect(page.body.contains("moved to heap: i2"))
        let file = try Self.seedPage(["-escape", "\(Self.example1)/escape.log", "\(Self.example1)/mem.out"]).text
        #expect(page.body == file)

        #expect(try Self.fetch(port: port, path: "/../../etc/passwd").status == 404)
        #expect(try Self.fetch(port: port, path: "/report.html").status == 404)
        let big = try Self.fetch(port: port, header: "X-Filler: \(String(repeating: "x", count: 20_000))\r\n")
        #expect(big.status == 431)
        // Still serving after both.
        #expect(try Self.fetch(port: port).status == 200)

        // Another sample type, drawn on request; a wrong one is the pipeline's error.
        #expect(page.body.contains(#""sampleType":"alloc_space""#))
        let objects = try Self.fetch(port: port, path: "/?sample_index=alloc_objects")
        #expect(objects.status == 200)
        #expect(objects.body.contains(#""sampleType":"alloc_objects""#))
        let wrong = try Self.fetch(port: port, path: "/?sample_index=no%20such")
        #expect(wrong.status == 400)
        #expect(wrong.body.contains("no such"))
    }
}
