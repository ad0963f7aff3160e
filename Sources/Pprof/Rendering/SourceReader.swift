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
/// up, where a Go developer would look (`GoSourceLocator`).
///
/// A file is read only as far as the lines asked for, a chunk at a time, and each line once: a listing
/// needs a routine's lines, not a generated file of megabytes, nor all of `/dev/zero` when a path names
/// it. Lines are split as pprof's `bufio.Scanner` splits them, and reading stops silently at a line of
/// 64 KiB or more, or at a read error, as pprof's reader stops (it records no error then). A file that
/// cannot be opened reports the system's reason for that open (`permission denied`), as `os.Open` does.
public final class SourceReader {
    private let searchPath: String
    private let trimPath: String
    private let locator: GoSourceLocator?
    /// Set when the search path is the working directory pprof guessed, not one the user gave: a profile
    /// path that pprof's base-name rule trimmed (`/home/u/src/app/x.go` run from a directory named `src`) is
    /// then also tried as it is, where pprof gives up.
    package var triesUntrimmedPaths = false
    private var files: [String: SourceFile] = [:]

    /// bufio.MaxScanTokenSize: pprof's scanner fails (and its reader stops) at a line this long or longer.
    package static let maximumLineLength = 64 * 1024
    /// How much of a file is read at a time (tests make it tiny, to put chunk ends everywhere).
    package let chunkSize: Int
    /// How much of something that is not a regular file (a device, a pipe) is read at most: it cannot be
    /// read again from where a read stopped, so it is read once, through the line asked for.
    package static let maximumStreamBytes = 64 << 20

    /// `searchPath` is `-source_path`, or the working directory when that is empty; `locator` nil keeps
    /// pprof's rules only.
    public convenience init(searchPath: String, trimPath: String, locator: GoSourceLocator?) {
        self.init(searchPath: searchPath, trimPath: trimPath, locator: locator, chunkSize: 64 * 1024)
    }

    package init(searchPath: String, trimPath: String, locator: GoSourceLocator?, chunkSize: Int) {
        self.searchPath = searchPath
        self.trimPath = trimPath
        self.locator = locator
        self.chunkSize = max(chunkSize, 1)
    }

    /// Line `number` (1-based) of `path`, or nil past the end or when the file cannot be read.
    public func line(_ path: String, _ number: Int64) -> String? {
        guard number > 0 else { return nil }
        let wanted = number > Int64(Int.max - 1) ? Int.max - 1 : Int(number)
        if let cached = files[path], wanted < cached.lines.count || cached.isFinished {
            return wanted < cached.lines.count ? cached.lines[wanted] : nil
        }
        // Out of the dictionary while it grows, so that appending does not copy every line read so far.
        var file = files.removeValue(forKey: path) ?? SourceFile(opening: open(path))
        file.read(through: wanted, chunkSize: chunkSize)
        files[path] = file
        return wanted < file.lines.count ? file.lines[wanted] : nil
    }

    /// pprof's message for a file it could not open, if this one could not be opened.
    public func error(for path: String) -> String? {
        let file = files[path] ?? SourceFile(opening: open(path))
        files[path] = file
        return file.openError
    }

    private func open(_ path: String) -> OpenedSource {
        let trimmed = PathTrimming.trim(path, trimPath: trimPath, searchPath: searchPath)
        let pprofResult: OpenedSource
        if GoPath.isAbsolute(trimmed) {
            if let failure = Self.openFailure(trimmed) {
                pprofResult = .failure("open \(trimmed): \(failure)")
            } else {
                return .success(trimmed)
            }
        } else {
            for var directory in GoPath.splitList(searchPath) {
                while true {
                    let candidate = GoPath.join(directory, trimmed)
                    if Self.openFailure(candidate) == nil { return .success(candidate) }
                    let parent = GoPath.dir(directory)
                    if parent == directory { break }
                    directory = parent
                }
            }
            pprofResult = .failure("could not find file \(trimmed) on path \(searchPath)")
        }
        if triesUntrimmedPaths, trimmed != path, GoPath.isAbsolute(path), Self.openFailure(path) == nil {
            return .success(path)
        }
        if let locator, let found = locator.locate(path), Self.openFailure(found) == nil {
            return .success(found)
        }
        return pprofResult
    }

    /// The local file that `path`'s lines are read from, found as `line` finds it (pprof's rules, then the
    /// Go locator); nil when there is none. `-escape=auto` compiles the packages of these files.
    package func resolvedPath(_ path: String) -> String? {
        let trimmed = PathTrimming.trim(path, trimPath: trimPath, searchPath: searchPath)
        if GoPath.isAbsolute(trimmed) {
            if GoSourceLocator.isReadableFile(trimmed) { return trimmed }
        } else {
            for var directory in GoPath.splitList(searchPath) {
                while true {
                    let candidate = GoPath.join(directory, trimmed)
                    if GoSourceLocator.isReadableFile(candidate) { return candidate }
                    let parent = GoPath.dir(directory)
                    if parent == directory { break }
                    directory = parent
                }
            }
        }
        return locator?.locate(path)
    }


    /// Why `path` cannot be opened for reading (Go's words for the errno of that very `open`), or nil
    /// when it can. A directory opens, as in Go; reading it then fails, and the listing shows no lines.
    private static func openFailure(_ path: String) -> String? {
        let descriptor = SystemPath.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return FileReader.describe(errno) }
        close(descriptor)
        return nil
    }

    /// A small file read whole (a `go.mod`), or nil when it cannot be read or is over `limit` bytes.
    package static func readFile(_ path: String, limit: Int = 4 << 20) -> [UInt8]? {
        guard let buffer = try? FileReader.read(path: path, limit: limit) else { return nil }
        return buffer.withUnsafeBytes { Array($0) }
    }

    /// `bufio.Scanner` with `ScanLines`: split at '\n', drop a '\r' before it, keep a last unterminated line,
    /// and stop silently at a line of 64 KiB or more, as pprof's reader does.
    package static func scanLines(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var splitter = LineSplitter()
        splitter.add(bytes[...], to: &lines)
        splitter.finish(into: &lines)
        return lines
    }
}

/// Where a source file's bytes come from.
private enum OpenedSource {
    /// A path that opened: the bytes are read from it as lines are asked for.
    case success(String)
    case failure(String)
}

/// Splits bytes into lines as `bufio.Scanner` with `ScanLines` does, as they arrive.
package struct LineSplitter {
    /// The start of a line whose end has not arrived yet.
    private var pending: [UInt8] = []
    /// A line reached 64 KiB: pprof's scanner fails there, and nothing after it is a line.
    private(set) package var tooLong = false

    /// Appends the lines that `bytes` completes to `lines`, keeping an unterminated end for the next call.
    package mutating func add(_ bytes: ArraySlice<UInt8>, to lines: inout [String]) {
        var start = bytes.startIndex
        while !tooLong, start < bytes.endIndex {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                pending.append(contentsOf: bytes[start...])
                if pending.count >= SourceReader.maximumLineLength { tooLong = true }
                return
            }
            if pending.count + (newline - start) >= SourceReader.maximumLineLength {
                tooLong = true
                return
            }
            pending.append(contentsOf: bytes[start..<newline])
            appendPending(to: &lines)
            start = newline + 1
        }
    }

    /// The input ended: an unterminated last line is a line.
    package mutating func finish(into lines: inout [String]) {
        if !tooLong && !pending.isEmpty { appendPending(to: &lines) }
    }

    private mutating func appendPending(to lines: inout [String]) {
        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
        // Source lines print byte for byte, as pprof prints them, UTF-8 or not.
        lines.append(pending.withUnsafeBytes { GoBytes.string($0) })
        pending.removeAll(keepingCapacity: true)
    }
}

/// One source file as far as it has been read.
private struct SourceFile {
    /// `lines[0]` is a placeholder, so that `lines[n]` is line n.
    package var lines = [""]
    package let openError: String?
    private let path: String?
    private var splitter = LineSplitter()
    /// Bytes of the file given to `splitter` so far.
    private var offset = 0
    private var finished = false
    /// Nothing more will be read: the end, a line too long, a read error, or a file that did not open.
    package var isFinished: Bool { finished }

    package init(opening opened: OpenedSource) {
        switch opened {
        case .success(let path):
            self.path = path
            openError = nil
        case .failure(let message):
            path = nil
            openError = message
            finished = true
        }
    }

    /// Reads on, a chunk at a time, until line `number` is there, or the file ends, or reading stops as
    /// pprof's stops. Whole chunks: a listing asks for its lines one by one, and each call must not reopen
    /// the file for one line.
    package mutating func read(through number: Int, chunkSize: Int) {
        guard !finished, let path else { return }
        let descriptor = SystemPath.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            finished = true
            return
        }
        defer { close(descriptor) }
        var status = stat()
        let regular = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var streamed = 0
        while lines.count <= number {
            // A regular file is read on from where the last read stopped; anything else once, from its
            // start, through the line asked for (and never past maximumStreamBytes).
            if !regular && streamed >= SourceReader.maximumStreamBytes { break }
            let got = chunk.withUnsafeMutableBytes { buffer -> Int in
                regular
                    ? pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
                    : Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 {
                // The end, or a read error (a directory): pprof's scanner stops there and keeps what it has.
                if got == 0 { splitter.finish(into: &lines) }
                finished = true
                break
            }
            splitter.add(chunk[0..<got], to: &lines)
            offset += got
            streamed += got
            if splitter.tooLong {
                finished = true
                break
            }
        }
        if !regular { finished = true }
    }
}
