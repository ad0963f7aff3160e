/// Why an escape log could not be read at all. Damaged content is never an error (bad lines are
/// skipped and counted in `EscapeLog.unrecognizedLineCount`); only a path that cannot be read is.
public struct EscapeLogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path that failed: the argument, or a file inside the directory that was given.
    public var path: String
    /// What went wrong, in the words Go's `os` package uses (`no such file or directory`, `permission denied`).
    public var what: String
    /// The 1-based line the problem is on, when it is about a line.
    public var line: Int?
    /// Whether the log was refused for its size: a larger cap would read it.
    public var exceedsSizeLimit: Bool

    public init(path: String, what: String, line: Int? = nil, exceedsSizeLimit: Bool = false) {
        self.path = path
        self.what = what
        self.line = line
        self.exceedsSizeLimit = exceedsSizeLimit
    }

    public var description: String {
        if let line { return "escape log \(path):\(line): \(what)" }
        return "escape log \(path): \(what)"
    }
}
