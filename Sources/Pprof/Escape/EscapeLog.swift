/// The diagnostics of one escape-analysis log: the text of `go build`/`go test -gcflags=-m…` (stderr, any Go
/// release, mixed with `go test` output) or the files `-gcflags=-json=0,DIR` writes.
///
/// Reading never fails on content: lines that are neither diagnostics, explanation lines, `# package`
/// headers nor known `go test` noise are skipped and counted in `unrecognizedLineCount`.
public struct EscapeLog: Sendable {
    public var diagnostics: [EscapeDiagnostic]
    /// Lines that were neither a diagnostic, an explanation line, a header, nor known go-test noise
    /// (for JSON: lines that are not a header or a diagnostic object).
    public var unrecognizedLineCount: Int
    /// Where the log came from (the path given, or the caller's description).
    public var sourceDescription: String

    public init(diagnostics: [EscapeDiagnostic], unrecognizedLineCount: Int = 0, sourceDescription: String) {
        self.diagnostics = diagnostics
        self.unrecognizedLineCount = unrecognizedLineCount
        self.sourceDescription = sourceDescription
    }

    /// Parses `-m` text output. Old-form `moved to heap: x` lines get the reasons of the `&x escapes to heap`
    /// lines of their file (see `EscapeLog+Linking.swift`).
    public init(text bytes: [UInt8], source: String) {
        let parsed = EscapeTextParser.parse(bytes)
        var diagnostics = parsed.diagnostics
        Self.linkOldFormMovedToHeap(&diagnostics)
        self.init(diagnostics: diagnostics, unrecognizedLineCount: parsed.unrecognizedLineCount, sourceDescription: source)
    }

    /// Parses one `-json=0,DIR` logopt file. `source` is its path: when the header line is missing, the
    /// file and package are recovered from it (`DIR/<package>/<base>.json`, percent-decoded).
    public init(json bytes: [UInt8], source: String) {
        let parsed = EscapeJSONParser.parse(bytes, source: source)
        self.init(diagnostics: parsed.diagnostics, unrecognizedLineCount: parsed.unrecognizedLineCount, sourceDescription: source)
    }

    /// Whether the bytes look like a logopt file: the first non-blank text is `{"version"`.
    package static func looksLikeLogoptJSON(_ bytes: [UInt8]) -> Bool {
        let prefix = Array("{\"version\"".utf8)
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            return false
        }
        return bytes[first...].starts(with: prefix)
    }
}
