import Foundation
import Testing
@testable import PprofReports

/// pprof's base-name rule trims a profile path through the working directory's name; run from a directory
/// that shares a name with one in the path, pprof then finds nothing. Without `-source_path`, the
/// absolute path is tried as it is.
@Suite struct UntrimmedPathTests {
    @Test(arguments: [true, false])
    func anAbsolutePathTrimmedByTheWorkingDirectorysNameIsStillRead(triesUntrimmed: Bool) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-untrimmed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appendingPathComponent("build/work/app/main.go")
        try FileManager.default.createDirectory(at: source.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "package main\nfunc main() {}\n".write(to: source, atomically: true, encoding: .utf8)
        let workingDirectory = root.appendingPathComponent("elsewhere/work")
        try FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true)

        let reader = SourceReader(searchPath: workingDirectory.path, trimPath: "", locator: GoSourceLocator(goroot: nil, moduleCache: nil, modules: []))
        reader.triesUntrimmedPaths = triesUntrimmed
        #expect(reader.line(source.path, 2) == (triesUntrimmed ? "func main() {}" : nil))
        #expect((reader.error(for: source.path) == nil) == triesUntrimmed)
    }
}
