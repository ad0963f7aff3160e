/// Why `-escape=auto` produced no verdicts, in one line each: what is missing and what to do instead. The
/// command prints it as an error for `-escape=auto`, as a notice for the implicit default.
package enum AutoEscapeError: Error, Equatable, CustomStringConvertible {
    /// No `go` on the PATH.
    case noGo
    /// `go` could not be run, or `go env` failed.
    case goFailed(command: String, reason: String)
    /// No hot frame's source file was found in a Go module on this machine (`go.mod` above it), outside
    /// GOROOT and the module cache.
    case noModule
    /// The build failed: its first compiler or go-command error.
    case buildFailed(command: String, firstError: String)

    /// How to do without: the command that writes a log by hand.
    package static let manualLog = "go test -gcflags='-m -m' … 2> escape.log, then -escape=escape.log"

    package var description: String {
        switch self {
        case .noGo:
            return "-escape=auto needs the go command, which is not on PATH; install Go, or pass a log: \(Self.manualLog)"
        case .goFailed(let command, let reason):
            return "-escape=auto: \(command) failed: \(reason); pass a log instead: \(Self.manualLog)"
        case .noModule:
            return "-escape=auto: none of the profile's source files is in a Go module here (looked with -source_path, -trim_path, "
                + "the current module, GOROOT and the module cache); run it in the module, pass -source_path, or pass a log: \(Self.manualLog)"
        case .buildFailed(let command, let firstError):
            return "-escape=auto: \(command) failed: \(firstError)"
        }
    }
}
