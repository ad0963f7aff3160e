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

/// File names that are not UTF-8 open: their bytes survive the trip through a `String`.
@Suite struct SystemPathTests {
    @Test(arguments: [
        [UInt8](Array("plain/mem.out".utf8)), [0x6D, 0xFF, 0x2E, 0x6F], [0xC3, 0xA9, 0x2F, 0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98, 0x80, 0x80],
        [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF5, 0x80, 0x80, 0x80], [0x80], [],
    ])
    func bytesSurviveTheRoundTrip(bytes: [UInt8]) {
        let path = SystemPath.string(fromBytes: bytes)
        #expect(SystemPath.bytes(of: path) == bytes)
        if let valid = String(validating: bytes, as: UTF8.self) { #expect(path == valid) }
    }

    /// A temporary directory whose name, and the names inside it, are not UTF-8.
    static func withNonUTF8Directory(_ body: (String) throws -> Void) throws {
        let base = FileManager.default.temporaryDirectory.path + "/pprof-list-names-\(UUID().uuidString)-"
        let directory = base + SystemPath.string(fromBytes: [0xFF, 0x64])
        #expect(SystemPath.withCString(directory) { mkdir($0, 0o755) } == 0)
        defer { removeTree(directory) }
        try body(directory)
    }

    static func write(_ bytes: [UInt8], to path: String) {
        let descriptor = SystemPath.withCString(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        #expect(descriptor >= 0)
        _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }

    /// Removes what the tests made, by the real names.
    static func removeTree(_ directory: String) {
        guard let stream = SystemPath.opendir(directory) else { return }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { SystemPath.string(fromBytes: $0.prefix { $0 != 0 }) }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(stream)
        for name in names {
            let child = directory + "/" + name
            if SystemPath.withCString(child, { unlink($0) }) != 0 { removeTree(child) }
        }
        _ = SystemPath.withCString(directory) { rmdir($0) }
    }

    @Test func profileWithANonUTF8NameLoads() throws {
        try Self.withNonUTF8Directory { directory in
            let path = directory + "/" + SystemPath.string(fromBytes: [0x6D, 0xFE, 0x2E, 0x70, 0x62])
            Self.write(TestProfile().encoded(), to: path)
            #expect(try Profile(contentsOf: path).samples.count == 2)
            Self.write(try systemGzip(TestProfile().encoded()), to: path)
            #expect(try Profile(contentsOf: path).samples.count == 2)
        }
    }

    @Test func jsonLogWithANonUTF8NameInADirectoryIsRead() throws {
        try Self.withNonUTF8Directory { directory in
            let package = directory + "/" + SystemPath.string(fromBytes: [0x70, 0xFE])
            #expect(SystemPath.withCString(package) { mkdir($0, 0o755) } == 0)
            let file = package + "/" + SystemPath.string(fromBytes: [0x78, 0xFE]) + ".json"
            Self.write(Array((EscapeLogReadingTests.header + "\n" + EscapeLogReadingTests.record + "\n").utf8), to: file)
            let log = try EscapeLog(contentsOf: directory)
            #expect(log.diagnostics.count == 1)
        }
    }

    @Test func sourceFileWithANonUTF8NameIsListed() throws {
        try Self.withNonUTF8Directory { directory in
            let path = directory + "/" + SystemPath.string(fromBytes: [0x73, 0xFE]) + ".go"
            Self.write(Array("package p\nfunc f() {}\n".utf8), to: path)
            let reader = SourceReader(searchPath: "/nonexistent", trimPath: "", locator: nil)
            #expect(reader.line(path, 2) == "func f() {}")
        }
    }
}
