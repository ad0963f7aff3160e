#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read: the words Go's `os` package uses, so messages read as Go developers expect.
public struct FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// The size limit the file exceeded, when that is what went wrong.
    public var exceededLimit: Int?

    public var description: String { "open \(path): \(reason)" }
}

enum FileReader {
    /// Reads a whole regular file into memory with POSIX calls, growing the buffer as bytes arrive, so the
    /// size reported by `fstat` is only a hint (files may change, pipes report 0).
    static func read(path: String, limit: Int) throws(FileReadError) -> ByteBuffer {
        let descriptor = SystemPath.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileReadError(path: path, reason: describe(errno)) }
        defer { close(descriptor) }

        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw FileReadError(path: path, reason: "is a directory")
        }
        let sizeHint = max(Int(status.st_size), 0)
        var capacity = max(min(sizeHint, limit).saturatingSuccessor, 64 * 1024)
        guard var memory = malloc(capacity) else { throw FileReadError(path: path, reason: "out of memory") }
        var length = 0
        while true {
            if length == capacity {
                guard capacity <= limit else {
                    free(memory)
                    throw FileReadError(
                        path: path, reason: "file is larger than the limit of \(limit) bytes", exceededLimit: limit)
                }
                // One byte past the limit is enough to know the file is too large.
                let grown = min(capacity.saturatingDoubled, limit.saturatingSuccessor)
                guard let bigger = realloc(memory, grown) else {
                    free(memory)
                    throw FileReadError(path: path, reason: "out of memory")
                }
                memory = bigger
                capacity = grown
            }
            let got = Glibc.read(descriptor, memory + length, capacity - length)
            if got < 0 {
                if errno == EINTR { continue }
                let reason = describe(errno)
                free(memory)
                throw FileReadError(path: path, reason: reason)
            }
            if got == 0 { break }
            length += got
        }
        guard length <= limit else {
            free(memory)
            throw FileReadError(
                path: path, reason: "file is larger than the limit of \(limit) bytes", exceededLimit: limit)
        }
        return ByteBuffer(taking: memory, count: length)
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
