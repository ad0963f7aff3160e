import Foundation
import PprofAutoEscape
import PprofEscape
import Testing

/// The parts of `-escape=auto` that need no compiler: cutting a build's stderr into packages, the go
/// command's `-gcflags` rules, the cache key and store, and finding the error in a failed build.
@Suite struct AutoEscapeUnitTests {
    static let stderr = """
        # example.com/m/a
        a/a.go:3:6: can inline F
        a/a.go:5:2: moved to heap: x
        # example.com/m/b [example.com/m/b.test]
        b/b.go:4:9: &T{} escapes to heap
        # example.com/m/b_test [example.com/m/b.test]
        b/b_test.go:8:3: moved to heap: y
        # example.com/m/b.test
        _testmain.go:30:2: moved to heap: z
        # example.com/other
        o.go:1:1: moved to heap: w

        """

    @Test func aBuildsStderrIsCutIntoThePackagesAskedFor() {
        let blocks = BuildOutput.split(Array(Self.stderr.utf8), packages: ["example.com/m/a", "example.com/m/b"])
        #expect(Set(blocks.keys) == ["example.com/m/a", "example.com/m/b"])
        let a = String(decoding: blocks["example.com/m/a"] ?? [], as: UTF8.self)
        #expect(a == "# example.com/m/a\na/a.go:3:6: can inline F\na/a.go:5:2: moved to heap: x\n")
        let b = String(decoding: blocks["example.com/m/b"] ?? [], as: UTF8.self)
        #expect(b.contains("moved to heap: y"), "the external test package belongs to b")
        #expect(!b.contains("moved to heap: z"), "the generated test main belongs to nobody")
        let log = EscapeLog(text: blocks["example.com/m/b"] ?? [], source: "b")
        #expect(log.diagnostics.map(\.packagePath) == ["example.com/m/b", "example.com/m/b_test"])
    }

    @Test(arguments: [
        (["-gcflags=-l"], ["-l"]),
        (["-gcflags", "-l -N"], ["-l", "-N"]),
        (["--gcflags='-l'"], ["-l"]),
        (["-gcflags=example.com/...=-l"], []),
        (["-tags=x", "-trimpath"], []),
    ])
    func flagsForTheCommandLinePackagesAreRepeatedInOurs(words: [String], expected: [String]) {
        #expect(BuildFlags.unpatternedGcflags(words) == expected)
    }

    @Test func escapeFlagsAreSplitAsAShellWould() {
        #expect(BuildFlags.words(#"-tags=a,b  -gcflags='-l -N' "-ldflags=-s""#) == ["-tags=a,b", "-gcflags=-l -N", "-ldflags=-s"])
        #expect(BuildFlags.words("") == [])
    }

    @Test func theCacheKeyTellsEveryInputApart() {
        func key(_ parts: [String]) -> String {
            var key = CacheKey()
            for part in parts { key.add(part) }
            return key.hex
        }
        #expect(key(["ab", "c"]) != key(["a", "bc"]))
        #expect(key(["go1.27.3", "p"]) != key(["go1.27.2", "p"]))
        #expect(key(["x"]) == key(["x"]))
        #expect(key(["x"]).count == 32)
    }

    @Test func theCacheKeepsWhatItWasGivenAndStaysBounded() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = EscapeCache(directory: directory + "/nested/escape")
        #expect(cache.read("k1") == nil)
        cache.write("k1", Array("# p\nx.go:1:1: moved to heap: x\n".utf8))
        #expect(cache.read("k1") == Array("# p\nx.go:1:1: moved to heap: x\n".utf8))
        cache.write("k2", [UInt8](repeating: 65, count: 1000))
        cache.trim(maximumBytes: 1000)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory + "/nested/escape")
        #expect(left.count == 1, "\(left)")
    }

    @Test(arguments: [
        ("# p\n./x.go:3:6: can inline F\n./x.go:9:2: undefined: y\n./x.go:10:2: undefined: z\n", "x.go:9:2: undefined: y"),
        ("go: cannot find main module, but found .git/config in /r\n", "go: cannot find main module, but found .git/config in /r"),
        ("package nosuch is not in std (/go/src/nosuch)\n", "package nosuch is not in std (/go/src/nosuch)"),
    ])
    func aFailedBuildIsSummedUpByItsFirstError(stderr: String, expected: String) {
        #expect(BuildOutput.firstError(in: Array(stderr.utf8)) == expected)
    }

    @Test func goModulePathsAreReadFromGoMod() {
        #expect(HotPackages.modulePath(in: "// comment\nmodule \"example.com/m\"\n\ngo 1.21\n") == "example.com/m")
        #expect(HotPackages.modulePath(in: "go 1.21\n") == nil)
    }
}
