import Pprof

#if canImport(Glibc)
import Glibc
#endif

extension FuzzChecks {
    /// One file per process, rewritten for each input.
    private static let sourcePath = "/tmp/pprof-list-fuzz-source-\(getpid()).go"

    /// The bytes as a source file: `SourceReader`, reading a 64 KiB chunk at a time and only as far as asked,
    /// line by line, gives exactly the lines of splitting the whole file as pprof's `bufio.Scanner` does
    /// (written out again here, independently); line 0 and the line after the last are nil; no error.
    public static func sourceReader(_ bytes: [UInt8]) {
        let descriptor = open(sourcePath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { return }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { return }

        let expected = scannerLines(bytes)
        let reader = SourceReader(searchPath: "/nonexistent", trimPath: "", locator: nil)
        require(reader.line(sourcePath, 0) == nil, "line 0")
        var number: Int64 = 1
        while let line = reader.line(sourcePath, number) {
            let index = Int(number) - 1
            require(index < expected.count, "line \(number) past the \(expected.count) lines")
            require(line == expected[index], "line \(number) differs")
            number += 1
        }
        require(Int(number) - 1 == expected.count, "\(Int(number) - 1) lines, expected \(expected.count)")
        require(reader.error(for: sourcePath) == nil, "error for a readable file")
    }

    /// `bufio.Scanner` with `ScanLines` and its 64 KiB token limit, over the whole input: a line of 64 KiB
    /// or more ends the scan; a '\r' before the line end is dropped; an unterminated last line counts.
    static func scannerLines(_ bytes: [UInt8]) -> [String] {
        let limit = 64 * 1024
        var lines: [String] = []
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? bytes.count
            if end - start >= limit { break }
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            // Bytes that are not UTF-8 are kept as Go keeps them (`GoBytes`), as the reader keeps them.
            lines.append(bytes[start..<lineEnd].withUnsafeBytes { GoBytes.string($0) })
            guard let newline else { break }
            start = newline + 1
        }
        return lines
    }
}
