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

/// The real logs under `testdata/` (made by `testdata/regen.sh` with Go 1.19.8 and 1.27.3): every line is
/// understood, and each allocation site a heap profile blames finds its verdict. The profile file names
/// are the `Function.filename`s that `go tool pprof -raw` prints for those profiles.
@Suite("Escape logs in testdata")
struct EscapeTestdataTests {
    static let testdata = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("testdata").path

    static let available = FileManager.default.fileExists(atPath: testdata + "/seed/go1.27/example1/escape.log")

    static var logPaths: [String] {
        guard let walker = FileManager.default.enumerator(atPath: testdata) else { return [] }
        var paths: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if (name.hasPrefix("escape") && name.hasSuffix(".log")) || name == "json" {
                paths.append(testdata + "/" + relative)
            }
        }
        return paths.sorted()
    }

    @Test(.enabled(if: available))
    func everyLineOfEveryRealLogIsUnderstood() throws {
        let paths = Self.logPaths
        #expect(paths.count >= 20)
        for path in paths {
            let log = try EscapeLog(contentsOf: path)
            #expect(log.unrecognizedLineCount == 0, "\(path)")
            #expect(!log.diagnostics.isEmpty, "\(path)")
        }
    }

    struct Site: Sendable, CustomTestStringConvertible {
        var log: String
        var profileFile: String
        var line: Int
        var package: String
        var testDescription: String { "\(log) \((profileFile as NSString).lastPathComponent):\(line)" }
    }

    static let sites: [Site] = {
        var sites: [Site] = []
        for tag in ["go1.19", "go1.27"] {
            let src = "/tmp/pprof-list-testdata/\(tag)/seed/src"
            for form in ["escape.log", "json"] {
                sites += [
                    Site(log: "seed/\(tag)/example1/\(form)", profileFile: "\(src)/example1/example1_test.go", line: 16, package: "flaws/example1"),
                    Site(log: "seed/\(tag)/example3/\(form)", profileFile: "\(src)/example3/example3_test.go", line: 8, package: "flaws/example3"),
                    Site(log: "seed/\(tag)/example3/\(form)", profileFile: "\(src)/example3/example3_test.go", line: 12, package: "flaws/example3"),
                ]
            }
        }
        let demo = "/tmp/pprof-list-testdata/go1.27/demo/src"
        for (file, line) in [("demo.go", 19), ("demo.go", 20), ("demo.go", 29), ("demo.go", 37), ("demo.go", 40),
                             ("demo_test.go", 9), ("demo_test.go", 14), ("demo_test.go", 22)] {
            sites.append(Site(log: "demo/go1.27/escape.log", profileFile: "\(demo)/\(file)", line: line, package: "example.com/demo"))
            sites.append(Site(log: "demo/go1.27/json", profileFile: "\(demo)/\(file)", line: line, package: "example.com/demo"))
            // The -trimpath build: profile and 1.27 log both say example.com/demo/FILE.
            sites.append(Site(log: "demo/go1.27/escape-trimpath.log", profileFile: "example.com/demo/\(file)", line: line, package: "example.com/demo"))
        }
        sites.append(Site(log: "seed/go1.19/example2/escape.log",
                          profileFile: "/tmp/pprof-list-testdata/go1.19/seed/src/example2/example2_http_test.go", line: 19, package: "flaws/example2"))
        sites.append(Site(log: "seed/go1.19/example2/escape.log",
                          profileFile: "/tmp/pprof-list-testdata/go1.19/seed/src/example2/example2_http_test.go", line: 27, package: "flaws/example2"))
        return sites
    }()

    @Test(.enabled(if: available), arguments: sites)
    func allocationSiteFindsItsVerdict(_ site: Site) throws {
        let log = try EscapeLog(contentsOf: Self.testdata + "/" + site.log)
        let index = EscapeIndex(logs: [log])
        for package in [nil, site.package] {
            guard case .matched(let found) = index.diagnostics(file: site.profileFile, line: site.line, package: package) else {
                Issue.record("no single match for \(site.testDescription)")
                continue
            }
            #expect(found.contains { $0.kind == .movedToHeap || $0.kind == .escapesToHeap })
            #expect(found.allSatisfy { $0.line == site.line })
        }
    }

    @Test(.enabled(if: available))
    func logsOfAllFiveExamplesTogetherStayApart() throws {
        let logs = try (1...5).map { try EscapeLog(contentsOf: Self.testdata + "/seed/go1.27/example\($0)/escape.log") }
        let index = EscapeIndex(logs: logs)
        let match = index.diagnostics(file: "/tmp/pprof-list-testdata/go1.27/seed/src/example1/example1_test.go", line: 16)
        guard case .matched(let found) = match else {
            Issue.record("expected a match, got \(match)")
            return
        }
        #expect(found.allSatisfy { $0.packagePath == "flaws/example1" })
        #expect(found.contains { $0.message == "moved to heap: i2" })
    }
}
