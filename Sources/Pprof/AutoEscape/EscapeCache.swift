#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PprofLoading

/// The compiler's `-m=2` text per package, kept under the user cache directory
/// (`$XDG_CACHE_HOME/pprof-list/escape`, else `~/.cache/pprof-list/escape`), one file per key. The raw text
/// is stored and parsed again on a hit: parsing is fast, and the parser's fixes then apply to old entries.
/// A key covers everything that changes the text (`CacheKey`); entries are written whole (a temporary file
/// renamed) and the least recently used are removed beyond `maximumBytes`.
package struct EscapeCache {
    package let directory: String
    package static let maximumBytes = 128 << 20
    /// A package's text beyond this is not kept (a generated package's log of hundreds of megabytes).
    package static let maximumEntryBytes = 32 << 20

    package init(directory: String) {
        self.directory = directory
    }

    /// `$XDG_CACHE_HOME/pprof-list/escape` (an absolute XDG_CACHE_HOME only, as the spec says), else
    /// `$HOME/.cache/pprof-list/escape`; nil when neither is known.
    package static func defaultDirectory() -> String? {
        if let xdg = Subprocess.environment("XDG_CACHE_HOME"), xdg.hasPrefix("/") { return xdg + "/pprof-list/escape" }
        if let home = Subprocess.environment("HOME"), !home.isEmpty { return home + "/.cache/pprof-list/escape" }
        return nil
    }

    package func path(for key: String) -> String { directory + "/" + key + ".log" }

    /// The stored text, its use time refreshed; nil on a miss.
    package func read(_ key: String) -> [UInt8]? {
        let file = path(for: key)
        guard let buffer = try? FileReader.read(path: file, limit: Self.maximumEntryBytes) else { return nil }
        utimes(file, nil)
        return buffer.withUnsafeBytes { Array($0) }
    }

    /// Stores `text` under `key`; failures are ignored (a cache that cannot be written only costs time).
    package func write(_ key: String, _ text: [UInt8]) {
        guard text.count <= Self.maximumEntryBytes, makeDirectories(directory) else { return }
        let final = path(for: key)
        let temporary = final + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return }
        var written = 0
        while written < text.count {
            let count = text.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return systemWrite(descriptor, base + written, bytes.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            written += count
        }
        close(descriptor)
        if written == text.count && rename(temporary, final) == 0 { return }
        unlink(temporary)
    }

    /// Removes the least recently used entries until the directory holds at most `maximumBytes`.
    package func trim(maximumBytes: Int = maximumBytes) {
        guard let stream = opendir(directory) else { return }
        var entries: [(path: String, size: Int, time: Int)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasSuffix(".log") else { continue }
            var status = stat()
            let file = directory + "/" + name
            if stat(file, &status) == 0 { entries.append((file, Int(status.st_size), Int(status.st_mtim.tv_sec))) }
        }
        closedir(stream)
        var total = entries.reduce(0) { $0 + $1.size }
        for entry in entries.sorted(by: { $0.time < $1.time }) where total > maximumBytes {
            if unlink(entry.path) == 0 { total -= entry.size }
        }
    }

    private func makeDirectories(_ path: String) -> Bool {
        var status = stat()
        if stat(path, &status) == 0 { return (status.st_mode & S_IFMT) == S_IFDIR }
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if !parent.isEmpty && !makeDirectories(parent) { return false }
        return mkdir(path, 0o755) == 0 || errno == EEXIST
    }
}

/// A cache key: a 128-bit hash (two FNV-1a 64 streams with different seeds; not for security, only to tell
/// inputs apart) of the go version and settings, the flags, the package and the bytes of its files.
package struct CacheKey {
    private var first: UInt64 = 0xcbf2_9ce4_8422_2325
    private var second: UInt64 = 0x6c62_272e_07bb_0142

    package init() {}

    package mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        first = (first ^ 0xff) &* 0x0000_0100_0000_01b3
        second = (second ^ 0xfe) &* 0x0000_0100_0000_01b3
    }

    package mutating func add(_ text: String) { add(text.utf8) }

    /// Adds the name and bytes of every regular file in `directory` that the go command reads for a package
    /// (`.go`, assembly, C and headers, embedded files are not), in name order; unreadable files by name.
    package mutating func addPackageFiles(in directory: String) {
        guard let stream = opendir(directory) else { return add("(unreadable directory)") }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if [".go", ".s", ".c", ".h", ".syso"].contains(where: { name.hasSuffix($0) }) { names.append(name) }
        }
        closedir(stream)
        for name in names.sorted() {
            add(name)
            if let buffer = try? FileReader.read(path: directory + "/" + name, limit: 64 << 20) {
                buffer.withUnsafeBytes { add($0) }
            } else {
                add("(unreadable)")
            }
        }
    }

    package var hex: String {
        func digits(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return digits(first) + digits(second)
    }
}

/// `write(2)`, which the instance method `write` would otherwise shadow.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
