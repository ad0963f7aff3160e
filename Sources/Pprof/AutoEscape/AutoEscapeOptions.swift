/// `-escape=auto`: run the compiler's escape analysis for the profile's hot packages instead of reading a
/// log (see `AutoEscape`).
public struct AutoEscapeOptions: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        /// Only the logs given.
        case off
        /// The default of the hot-lines report when no log is given: what cannot be done is a notice, and
        /// the report goes on without verdicts.
        case implicit
        /// `-escape=auto`: what cannot be done is an error.
        case explicit
    }

    public var mode: Mode = .off
    /// `-escape_flags`: extra build flags, as words (`-tags=x`, `-gcflags=-l`).
    public var buildFlags: [String] = []
    /// `-escape_packages`: package patterns outside the user's modules (the standard library, dependencies)
    /// to analyse as well.
    public var packagePatterns: [String] = []
    /// Where the per-package results are kept; nil: the user cache directory's `pprof-list/escape`.
    public var cacheDirectory: String?

    public init() {}
}

extension AutoEscapeOptions {
    /// `-escape_flags` text as words, split at spaces with '…' and "…" quoting (`-gcflags='-l -N'` is one).
    public static func words(_ text: String) -> [String] { BuildFlags.words(text) }
}
