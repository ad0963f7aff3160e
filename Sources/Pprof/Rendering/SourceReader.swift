#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PprofModel
import PprofFormatting
import PprofLoading

/// Reads source files for listings, found as pprof finds them (`openSourceFile`: absolute paths as they are,
/// relative ones under each search-path directory and its parents, after `trimPath`), then, where pprof gives
/// up, where a Go developer would look (`GoSourceLocator`). Files are read once and cached.
public final class SourceReader {
    private let searchPath: String
    private let trimPath: String
    private let locator: GoSourceLocator?
    private var files: [String: [String]] = [:]
    private var errors: [String: String] = [:]

    /// `searchPath` is `-source_path`, or the working directory when that is empty; `locator` nil keeps
    /// pprof's rules only.
    public init(searchPath: String, trimPath: String, locator: GoSourceLocator?) {
        self.searchPath = searchPath
        self.trimPath = trimPath
        self.locator = locator
    }

    /// Line `number` (1-based) of `path`, or nil past the end or when the file cannot be read.
    public func line(_ path: String, _ number: Int64) -> String? {
        let lines = load(path)
        guard number > 0, number < Int64(lines.count) else { return nil }
        return lines[Int(number)]
    }

    /// pprof's message for a file it could not open, if this one could not be opened.
    public func error(for path: String) -> String? {
        _ = load(path)
        return errors[path]
    }

    private func load(_ path: String) -> [String] {
        if let cached = files[path] { return cached }
        var lines = [""]
        switch open(path) {
        case .success(let bytes):
            lines += Self.scanLines(bytes)
        case .failure(let message):
            errors[path] = message
        }
        files[path] = lines
        return lines
    }

    private enum Opened {
        case success([UInt8])
        case failure(String)
    }

    private func open(_ path: String) -> Opened {
        let trimmed = PathTrimming.trim(path, trimPath: trimPath, searchPath: searchPath)
        let pprofResult: Opened
        if GoPath.isAbsolute(trimmed) {
            if let bytes = Self.readFile(trimmed) {
                return .success(bytes)
            }
            pprofResult = .failure("open \(trimmed): \(FileReader.describe(errno))")
        } else {
            for var directory in GoPath.splitList(searchPath) {
                while true {
                    if let bytes = Self.readFile(GoPath.join(directory, trimmed)) { return .success(bytes) }
                    let parent = GoPath.dir(directory)
                    if parent == directory { break }
                    directory = parent
                }
            }
            pprofResult = .failure("could not find file \(trimmed) on path \(searchPath)")
        }
        if let locator, let found = locator.locate(path), let bytes = Self.readFile(found) {
            return .success(bytes)
        }
        return pprofResult
    }

    package static func readFile(_ path: String) -> [UInt8]? {
        guard let buffer = try? FileReader.read(path: path, limit: 1 << 30) else { return nil }
        return buffer.withUnsafeBytes { Array($0) }
    }

    /// `bufio.Scanner` with `ScanLines`: split at '\n', drop a '\r' before it, keep a last unterminated line,
    /// and stop silently at a line of 64 KiB or more, as pprof's reader does.
    package static func scanLines(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var start = 0
        let maximumToken = 64 * 1024
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let terminated = end < bytes.count
            if end - start >= maximumToken || (!terminated && end - start >= maximumToken) { break }
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            // Source lines print byte for byte, as pprof prints them, UTF-8 or not.
            lines.append(bytes[start..<lineEnd].withUnsafeBytes { GoBytes.string($0) })
            start = end + 1
        }
        return lines
    }
}
