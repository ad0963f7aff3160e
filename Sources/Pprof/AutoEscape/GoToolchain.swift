/// The `go` command on the PATH and what `go env` says of it: the version, where the standard library and
/// the module cache are (their packages are not the user's), and the settings that change what the compiler
/// produces (they are part of every cache key).
package struct GoToolchain {
    /// The `go` binary to run: `$GOROOT/bin/go` once known, which skips version-manager shims (a pyenv or
    /// asdf shim costs a third of a second per call).
    package var executable: String
    package var version: String
    package var goroot: String
    package var moduleCache: String
    /// `go env` of the variables that change the compiled code: GOFLAGS (tags, -mod, -trimpath), GOOS,
    /// GOARCH, GOEXPERIMENT, CGO_ENABLED, GOAMD64 and the other GOARCH levels.
    package var settings: [(name: String, value: String)]

    package static let settingNames = [
        "GOFLAGS", "GOOS", "GOARCH", "GOEXPERIMENT", "CGO_ENABLED", "GOAMD64", "GOARM", "GOARM64", "GO386",
        "GOPPC64", "GORISCV64", "GOWASM", "GOWORK",
    ]

    /// The `go` on `path` (nil: the PATH of this process).
    package static func find(path: String? = Subprocess.environment("PATH")) throws(AutoEscapeError) -> String {
        guard let found = Subprocess.find("go", path: path) else { throw .noGo }
        return found
    }

    /// Asks `found` (a `go` binary) for its environment.
    package static func locate(_ found: String) throws(AutoEscapeError) -> GoToolchain {
        let names = ["GOVERSION", "GOROOT", "GOMODCACHE"] + settingNames
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(found, ["env"] + names, directory: nil)
        } catch {
            throw .goFailed(command: "go env", reason: error.reason)
        }
        let lines = String(decoding: result.standardOutput, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard result.status == 0, lines.count >= names.count else {
            throw .goFailed(command: "go env", reason: BuildOutput.firstError(in: result.standardError) ?? "exit status \(result.status)")
        }
        let values = lines.prefix(names.count).map(String.init)
        let goroot = values[1]
        var executable = found
        let direct = goroot + "/bin/go"
        if !goroot.isEmpty, Subprocess.find("go", path: goroot + "/bin") == direct { executable = direct }
        return GoToolchain(
            executable: executable, version: values[0], goroot: goroot, moduleCache: values[2],
            settings: zip(settingNames, values.dropFirst(3)).map { ($0, $1) })
    }

    /// The minor release (`go1.27.3` → 27); 0 when the version is not a release's (a development build).
    package var minorVersion: Int {
        let parts = version.dropFirst(2).split(separator: ".")
        guard version.hasPrefix("go"), parts.count >= 2 else { return 0 }
        return Int(parts[1].prefix { $0.isNumber }) ?? 0
    }

    /// `-gcflags` values from GOFLAGS that apply to the packages named on the command line (no `pattern=`):
    /// a later `-gcflags=PKG=-m=2` would replace them for PKG, so they are repeated in it.
    package var commandLineGcflags: [String] {
        let goflags = settings.first { $0.name == "GOFLAGS" }?.value ?? ""
        return BuildFlags.unpatternedGcflags(goflags.split(separator: " ").map(String.init))
    }
}
