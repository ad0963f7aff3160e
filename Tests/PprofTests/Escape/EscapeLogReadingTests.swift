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

@Suite("Escape logs from disk")
struct EscapeLogReadingTests {
    /// A fresh directory under the system temporary directory, removed after `body`.
    static func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("escape-log-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(dir)
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static let header = #"{"version":0,"package":"flaws/example1","goos":"linux","goarch":"amd64","gc_version":"go1.27.3","file":"/b/example1/example1_test.go"}"#
    static let record = #"{"range":{"start":{"line":5,"character":6},"end":{"line":5,"character":6}},"severity":3,"code":"canInlineFunction","source":"go compiler","message":"cost: 44"}"#

    @Test func directoryIsReadAsJSONLogoptOutputRecursively() throws {
        try Self.withTemporaryDirectory { dir in
            try Self.write(Self.header + "\n" + Self.record + "\n", to: dir + "/flaws%2Fexample1/example1_test.json")
            try Self.write(#"{"version":0,"package":"main","file":"_testmain.go"}"# + "\n" + Self.record + "\nnot json\n",
                           to: dir + "/main/_testmain.json")
            try Self.write(Self.header + "\n" + Self.record + "\n", to: dir + "/nested/deeper/p%2Fq/x.json")
            try Self.write("./x.go:1:1: moved to heap: x\n", to: dir + "/main/README.txt")
            let log = try EscapeLog(contentsOf: dir)
            #expect(log.sourceDescription == dir)
            #expect(log.diagnostics.count == 3)
            #expect(log.diagnostics.map(\.file) == [
                "/b/example1/example1_test.go", "_testmain.go", "/b/example1/example1_test.go",
            ])
            #expect(log.unrecognizedLineCount == 1)
        }
    }

    @Test func singleJSONFileAndTextFileAreToldApart() throws {
        try Self.withTemporaryDirectory { dir in
            try Self.write(Self.header + "\n" + Self.record + "\n", to: dir + "/one.json")
            try Self.write(Self.header + "\n" + Self.record + "\n", to: dir + "/logopt.out")
            try Self.write("# flaws\n./x.go:1:1: moved to heap: x\nPASS\n", to: dir + "/escape.log")
            #expect(try EscapeLog(contentsOf: dir + "/one.json").diagnostics.map(\.kind) == [.canInline])
            #expect(try EscapeLog(contentsOf: dir + "/logopt.out").diagnostics.map(\.kind) == [.canInline])
            let text = try EscapeLog(contentsOf: dir + "/escape.log")
            #expect(text.diagnostics.map(\.kind) == [.movedToHeap])
            #expect(text.sourceDescription == dir + "/escape.log")
        }
    }

    /// A build served from the cache runs no compiler and writes no `-json` files: say so, and how to rebuild.
    @Test func emptyDirectoryIsAnErrorThatSaysHowToRebuild() throws {
        try Self.withTemporaryDirectory { dir in
            #expect(throws: EscapeLogError.self) { try EscapeLog(contentsOf: dir) }
            do {
                _ = try EscapeLog(contentsOf: dir)
            } catch {
                #expect("\(error)".contains("build again with -a"))
            }
        }
    }

    @Test func missingPathIsAnError() {
        #expect(throws: EscapeLogError(path: "/nonexistent/escape.log", what: "no such file or directory")) {
            try EscapeLog(contentsOf: "/nonexistent/escape.log")
        }
        let error = EscapeLogError(path: "/x", what: "permission denied")
        #expect(error.description == "escape log /x: permission denied")
        #expect(EscapeLogError(path: "/x", what: "bad", line: 3).description == "escape log /x:3: bad")
    }
}
