#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PprofCompression
import PprofLoading

extension EscapeLog {
    /// Reads a log from disk, telling the forms apart by what is there:
    /// - a directory: the `-json=0,DIR` destination; every `*.json` file below it is read (recursively, in
    ///   path order, symbolic links to directories not followed); other files are ignored;
    /// - a file named `*.json`, or whose text starts with `{"version"`: one logopt file;
    /// - any other file: `-m` text output.
    /// Throws when the path (or a file inside the directory) cannot be read, and when what was read is not
    /// an escape log at all: lines, but not one of them a compiler diagnostic (a profile, an image, prose).
    /// An empty file is an empty log; a directory without `*.json` files is an error (a cached build's).
    ///
    /// At most `maxSize` bytes are read, in all the files of a directory together, and at most `maxSize`
    /// bytes inflated from a gzip'ed log: a path naming `/dev/zero`, an endless pipe or a huge file fails
    /// with one line instead of growing until memory runs out. The command passes `-max_inflated_size`'s
    /// value (2 GiB unless set), the profile's own cap, so one flag bounds every input.
    public init(contentsOf path: String, maxSize: Int? = nil) throws(EscapeLogError) {
        var budget = ReadBudget(limit: max(maxSize ?? Gunzip.defaultLimit, 0))
        self = try Self.load(path, budget: &budget)
        guard !diagnostics.isEmpty || unrecognizedLineCount == 0 else {
            throw EscapeLogError(path: path, what: "not a compiler escape-analysis log: no line is a diagnostic (\(unrecognizedLineCount) lines not understood)")
        }
    }

    private static func load(_ path: String, budget: inout ReadBudget) throws(EscapeLogError) -> EscapeLog {
        var status = stat()
        guard SystemPath.stat(path, &status) == 0 else { throw EscapeLogError(path: path, what: FileReader.describe(errno)) }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            var diagnostics: [EscapeDiagnostic] = []
            var unrecognized = 0
            let files = try Self.jsonFiles(in: path, depth: 0)
            guard !files.isEmpty else {
                // What a build-cache hit leaves: the compiler did not run, so it wrote nothing.
                throw EscapeLogError(path: path, what: "no -json files in this directory (a build served from the cache writes "
                    + "none); build again with -a, or with -json=0,NEWDIR")
            }
            for file in files {
                let log = EscapeLog(json: try Self.readFile(file, budget: &budget), source: file)
                diagnostics.append(contentsOf: log.diagnostics)
                unrecognized += log.unrecognizedLineCount
            }
            return EscapeLog(diagnostics: diagnostics, unrecognizedLineCount: unrecognized, sourceDescription: path)
        }
        let bytes = try Self.inflatedIfGzip(try Self.readFile(path, budget: &budget), path: path, limit: budget.limit)
        if path.hasSuffix(".json") || Self.looksLikeLogoptJSON(bytes) {
            return EscapeLog(json: bytes, source: path)
        }
        return EscapeLog(text: bytes, source: path)
    }

    /// Directory nesting beyond this is not searched (the compiler writes `DIR/<package>/<file>.json`).
    package static let maximumDirectoryDepth = 16

    private static func jsonFiles(in directory: String, depth: Int) throws(EscapeLogError) -> [String] {
        guard depth <= maximumDirectoryDepth else { return [] }
        guard let names = Self.directoryEntries(directory)?.sorted() else {
            throw EscapeLogError(path: directory, what: SystemPath.access(directory, R_OK | X_OK) == 0 ? "cannot list directory" : FileReader.describe(errno))
        }
        var files: [String] = []
        for name in names {
            let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var status = stat()
            guard SystemPath.lstat(child, &status) == 0 else { continue }
            let type = status.st_mode & S_IFMT
            if type == S_IFDIR {
                files.append(contentsOf: try jsonFiles(in: child, depth: depth + 1))
            } else if name.hasSuffix(".json"), type == S_IFREG || type == S_IFLNK {
                var target = stat()
                if type == S_IFLNK, SystemPath.stat(child, &target) != 0 || (target.st_mode & S_IFMT) != S_IFREG { continue }
                files.append(child)
            }
        }
        return files
    }

    /// The names in a directory but `.` and `..`, in the order the system lists them; nil when it cannot be
    /// listed (errno says why).
    private static func directoryEntries(_ directory: String) -> [String]? {
        guard let stream = SystemPath.opendir(directory) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                // Kept byte for byte: a name that is not UTF-8 must still open.
                SystemPath.string(fromBytes: raw.prefix { $0 != 0 })
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// How many bytes the files of one log may still add up to.
    package struct ReadBudget {
        package let limit: Int
        package var used = 0

        package var remaining: Int { limit - used }

        package func exceeded(_ path: String) -> EscapeLogError {
            EscapeLogError(path: path, what: "log is larger than the limit of \(limit) bytes", exceedsSizeLimit: true)
        }
    }

    /// The whole file, read once as every input is (`OpenFile`), up to what `budget` leaves: a regular file
    /// larger than that fails before a byte is read, anything else (a pipe, a device) once one byte more than
    /// that has arrived.
    package static func readFile(_ path: String, budget: inout ReadBudget) throws(EscapeLogError) -> [UInt8] {
        let buffer: ByteBuffer
        do {
            buffer = try OpenFile(path: path).readAll(limit: max(budget.remaining, 0))
        } catch {
            if error.exceededLimit != nil { throw budget.exceeded(path) }
            throw EscapeLogError(path: path, what: error.reason)
        }
        budget.used += buffer.count
        return buffer.withUnsafeBytes { Array($0) }
    }
}
