import Pprof

extension FuzzChecks {
    /// Parses the bytes as `-gcflags=-m` text output, then joins: every diagnostic is looked up by its own
    /// position, by an absolute path ending in it, and through trim and source paths.
    public static func escapeText(_ bytes: [UInt8]) {
        let log = EscapeLog(text: bytes, source: "fuzz/escape.log")
        checkLog(log)
        checkJoin([log])
    }

    /// Parses the bytes as one `-gcflags=-json=0,DIR` file, then joins. The first line is also used as the
    /// file's path, whose percent-encoded package and base name stand in for a missing header.
    public static func escapeJSON(_ bytes: [UInt8]) {
        let log = EscapeLog(json: bytes, source: "/tmp/fuzz/json/flaws%2Fexample1/example1_test.json")
        checkLog(log)
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") }.prefix(256)
        let pathLog = EscapeLog(json: Array(bytes.prefix(4096)), source: String(decoding: firstLine, as: UTF8.self))
        checkLog(pathLog)
        checkJoin([log, pathLog])
    }

    static func checkLog(_ log: EscapeLog) {
        require(log.unrecognizedLineCount >= 0, "negative unrecognized count")
        for diagnostic in log.diagnostics {
            require(diagnostic.line >= 0 && diagnostic.column >= 0, "negative position")
        }
    }

    static func checkJoin(_ logs: [EscapeLog]) {
        let plain = EscapeIndex(logs: logs)
        let trimmed = EscapeIndex(logs: logs, trimPath: "/tmp/fuzz:/x", sourcePath: "/src:rel/dir")
        // A few lookups: the index's code is covered by then, and each costs more than parsing a line.
        for diagnostic in logs.flatMap(\.diagnostics).prefix(6) {
            for index in [plain, trimmed] {
                _ = index.diagnostics(file: diagnostic.file, line: diagnostic.line)
                _ = index.diagnostics(file: "/tmp/fuzz/" + diagnostic.file, line: diagnostic.line,
                                      package: diagnostic.packagePath ?? "main")
                _ = index.files(matching: diagnostic.file, package: diagnostic.packagePath)
            }
        }
        _ = plain.diagnostics(file: "/tmp/fuzz/example1/example1_test.go", line: 16, package: "flaws/example1")
    }
}
