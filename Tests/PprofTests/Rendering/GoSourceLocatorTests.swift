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

/// Where pprof gives up on a source file, pprof-list looks where a Go developer would.
@Suite struct GoSourceLocatorTests {
    /// A scratch tree with a GOROOT, a module cache and a module with a vendor directory.
    struct Tree {
        let root: URL
        var goroot: String { root.appendingPathComponent("goroot").path }
        var cache: String { root.appendingPathComponent("gopath/pkg/mod").path }
        var module: String { root.appendingPathComponent("work/app").path }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-locator-\(UUID().uuidString)")
            for (path, text) in [
                ("goroot/src/bytes/buffer.go", "package bytes\n"),
                ("gopath/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/decode.go", "package toml\n"),
                ("work/app/go.mod", "module example.com/app\n\ngo 1.22\n"),
                ("work/app/internal/x/x.go", "package x\n"),
                ("work/app/vendor/golang.org/x/text/width.go", "package text\n"),
            ] {
                let file = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
        }

        var locator: GoSourceLocator {
            GoSourceLocator(goroot: goroot, moduleCache: cache, modules: GoSourceLocator.enclosingModules(of: module + "/internal"))
        }
    }

    @Test func goRootPlaceholderResolvesToTheLocalGoRoot() throws {
        let tree = try Tree()
        #expect(tree.locator.locate("$GOROOT/src/bytes/buffer.go") == tree.goroot + "/src/bytes/buffer.go")
    }

    @Test func anotherMachinesGoRootResolvesByItsSrcSuffix() throws {
        let tree = try Tree()
        #expect(tree.locator.locate("/usr/local/go/src/bytes/buffer.go") == tree.goroot + "/src/bytes/buffer.go")
    }

    @Test func trimpathStandardLibraryNameResolvesUnderGoRoot() throws {
        let tree = try Tree()
        #expect(tree.locator.locate("bytes/buffer.go") == tree.goroot + "/src/bytes/buffer.go")
    }

    @Test func moduleVersionPathIsFoundInTheCacheWithEscapedCapitals() throws {
        let tree = try Tree()
        #expect(tree.locator.locate("github.com/BurntSushi/toml@v1.3.2/decode.go")
            == tree.cache + "/github.com/!burnt!sushi/toml@v1.3.2/decode.go")
    }

    @Test func anotherMachinesModuleCacheIsMappedToOurs() throws {
        let tree = try Tree()
        #expect(tree.locator.locate("/home/ci/go/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/decode.go")
            == tree.cache + "/github.com/!burnt!sushi/toml@v1.3.2/decode.go")
    }

    @Test func modulePathOfTheCurrentModuleResolvesToItsDirectory() throws {
        let tree = try Tree()
        #expect(tree.locator.locate("example.com/app/internal/x/x.go") == tree.module + "/internal/x/x.go")
    }

    @Test func vendoredPackagesAreFound() throws {
        let tree = try Tree()
        #expect(tree.locator.locate("golang.org/x/text/width.go") == tree.module + "/vendor/golang.org/x/text/width.go")
    }

    @Test func unknownFilesStayUnfound() throws {
        let tree = try Tree()
        #expect(tree.locator.locate("/nowhere/src/nothing/here.go") == nil)
        #expect(tree.locator.locate("nothing/here.go") == nil)
    }

    @Test func readerFallsBackToTheLocatorOnlyWherePprofFails() throws {
        let tree = try Tree()
        let reader = SourceReader(searchPath: "/nonexistent", trimPath: "", locator: tree.locator)
        #expect(reader.line("$GOROOT/src/bytes/buffer.go", 1) == "package bytes")
        #expect(reader.error(for: "$GOROOT/src/bytes/buffer.go") == nil)
        let strict = SourceReader(searchPath: "/nonexistent", trimPath: "", locator: nil)
        #expect(strict.line("$GOROOT/src/bytes/buffer.go", 1) == nil)
        #expect(strict.error(for: "$GOROOT/src/bytes/buffer.go") == "could not find file $GOROOT/src/bytes/buffer.go on path /nonexistent")
    }

    @Test func scannerDropsCarriageReturnsAndKeepsAnUnterminatedLastLine() {
        #expect(SourceReader.scanLines(Array("a\r\nb\nc".utf8)) == ["a", "b", "c"])
        #expect(SourceReader.scanLines(Array("a\n".utf8)) == ["a"])
    }
}
