#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PprofEscape
import PprofFormatting
import PprofLoading
import PprofModel

/// `-escape=auto`: the compiler's escape analysis of the profile's hot packages, run here instead of read from
/// a log. The packages are those of the user's modules that hold hot frames (`HotPackages`); each is compiled
/// with `-gcflags=PKG=-m=2` (`go build`, or `go test -c` when a hot frame is in a `_test.go` file) in its
/// module's root, and its stderr (which the build cache replays on a hit) is parsed by the same text parser
/// as a log file. Each package's text is cached (`EscapeCache`) under a key of the go version and settings,
/// the flags, the package and its files, so a second run starts no compiler at all.
package struct AutoEscape {
    package struct Result {
        package var logs: [EscapeLog]
        /// The packages analysed, hottest first, and how many of them came from the cache.
        package var packages: [String]
        package var cachedCount: Int
    }

    package let options: AutoEscapeOptions
    package let verbose: Bool
    package let notices: (String) -> Void

    package init(options: AutoEscapeOptions, verbose: Bool, notices: @escaping (String) -> Void) {
        self.options = options
        self.verbose = verbose
        self.notices = notices
    }

    /// `resolve` finds a profile file name on this machine as `-list` does (nil: not found).
    package func run(profile: Profile, valueIndex: Int, resolve: (String) -> String?) throws(AutoEscapeError) -> Result {
        let executable = try GoToolchain.find()
        // The packages first, without asking go (a third of a second through a version manager's shim): a
        // profile with no source here costs nothing. GOROOT's and module caches' files are told apart by
        // their paths and `module std`; those of this go, from the environment when set.
        let environment = { (name: String) in Subprocess.environment(name) ?? "" }
        let hot = HotPackages(
            profile: profile, valueIndex: valueIndex, resolve: resolve, goroot: environment("GOROOT"), moduleCache: environment("GOMODCACHE"))
        guard !hot.packages.isEmpty || !options.packagePatterns.isEmpty else { throw .noModule }
        let go = try GoToolchain.locate(executable)
        SourceFreshness.warn(profile: profile, hot: hot, notices: notices)

        let cache = (options.cacheDirectory ?? EscapeCache.defaultDirectory()).map(EscapeCache.init)
        var texts: [(name: String, text: [UInt8])] = []
        var cachedCount = 0
        var misses: [HotPackages.Package] = []
        var keys: [String: String] = [:]
        for package in hot.packages {
            let key = cacheKey(go, package: package)
            keys[package.importPath] = key
            if let text = cache?.read(key) {
                if verbose { notices("pprof-list: escape analysis of \(package.importPath) from the cache (\(cache?.path(for: key) ?? key))") }
                texts.append((package.importPath, text))
                cachedCount += 1
            } else {
                misses.append(package)
            }
        }

        // One command per module root and build kind (one per package before Go 1.21, whose `go test -c`
        // takes one package).
        var groups: [[HotPackages.Package]] = []
        for package in misses {
            if go.minorVersion >= 21, let index = groups.firstIndex(where: {
                $0[0].moduleRoot == package.moduleRoot && $0[0].needsTestBuild == package.needsTestBuild
            }) {
                groups[index].append(package)
            } else {
                groups.append([package])
            }
        }
        for group in groups {
            let output = try build(go, group.map(\.importPath), patterns: group.map(\.importPath), test: group[0].needsTestBuild, in: group[0].moduleRoot)
            let blocks = BuildOutput.split(output, packages: Set(group.map(\.importPath)))
            for package in group {
                let text = blocks[package.importPath] ?? []
                if let key = keys[package.importPath] { cache?.write(key, text) }
                texts.append((package.importPath, text))
            }
        }

        let root = hot.packages.first?.moduleRoot ?? HotPackages.absolute(".")
        for pattern in options.packagePatterns {
            var key = cacheKey(go, kind: "pattern")
            key.add(pattern)
            key.add(root)
            for file in ["go.mod", "go.sum", "go.work", "go.work.sum"] {
                key.add((try? FileReader.read(path: root + "/" + file, limit: 64 << 20)).map { $0.withUnsafeBytes { Array($0) } } ?? [])
            }
            if let text = cache?.read(key.hex) {
                if verbose { notices("pprof-list: escape analysis of \(pattern) from the cache (\(cache?.path(for: key.hex) ?? ""))") }
                texts.append((pattern, text))
                cachedCount += 1
                continue
            }
            let output = try build(go, [pattern], patterns: [pattern], test: false, in: root)
            cache?.write(key.hex, output)
            texts.append((pattern, output))
        }
        cache?.trim()

        let logs = texts.map { EscapeLog(text: $0.text, source: "go build -gcflags=\($0.name)=-m=2 (-escape=auto)") }
        return Result(logs: logs, packages: texts.map(\.name), cachedCount: cachedCount)
    }

    /// Runs `go build -o /dev/null` (or `go test -c -o /dev/null`) with `-m=2` for `patterns` in `directory`;
    /// stderr when it succeeds.
    private func build(_ go: GoToolchain, _ packages: [String], patterns: [String], test: Bool, in directory: String) throws(AutoEscapeError) -> [UInt8] {
        let compilerFlags = (BuildFlags.unpatternedGcflags(options.buildFlags) + go.commandLineGcflags + ["-m=2"]).joined(separator: " ")
        let arguments = (test ? ["test", "-c"] : ["build"]) + ["-o", "/dev/null"] + options.buildFlags
            + patterns.map { "-gcflags=\($0)=\(compilerFlags)" } + packages
        let shown = "go " + arguments.map(Self.shellQuoted).joined(separator: " ")
        if verbose { notices("pprof-list: cd \(Self.shellQuoted(directory)) && \(shown)") }
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(go.executable, arguments, directory: directory)
        } catch {
            throw .goFailed(command: shown, reason: error.reason)
        }
        guard result.status == 0 else {
            throw .buildFailed(
                command: "go \(test ? "test -c" : "build") of \(packages.joined(separator: " "))",
                firstError: BuildOutput.firstError(in: result.standardError) ?? "exit status \(result.status)")
        }
        return result.standardError
    }

    private func cacheKey(_ go: GoToolchain, kind: String) -> CacheKey {
        var key = CacheKey()
        key.add("pprof-list escape cache 1")
        key.add(kind)
        key.add(go.version)
        for setting in go.settings { key.add(setting.name + "=" + setting.value) }
        for flag in options.buildFlags { key.add(flag) }
        return key
    }

    /// (go version and settings, flags, kind, package, its files, the module's go.mod and go.sum).
    private func cacheKey(_ go: GoToolchain, package: HotPackages.Package) -> String {
        var key = cacheKey(go, kind: package.needsTestBuild ? "test" : "build")
        key.add(package.importPath)
        key.add(package.moduleRoot)
        key.addPackageFiles(in: package.directory)
        for file in ["go.mod", "go.sum"] {
            key.add((try? FileReader.read(path: package.moduleRoot + "/" + file, limit: 64 << 20)).map { $0.withUnsafeBytes { Array($0) } } ?? [])
        }
        return key.hex
    }

    /// How the command reads in a shell, for `-v`.
    static func shellQuoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,:@+%".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
