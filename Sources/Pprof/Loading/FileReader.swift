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

/// A file opened once for reading: every input is opened and read once, so a pipe or a FIFO reads as a
/// regular file does.
package final class OpenFile {
    package let path: String
    package let descriptor: Int32

    package init(path: String) throws(FileReadError) {
        descriptor = SystemPath.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileReadError(path: path, reason: FileReader.describe(errno)) }
        self.path = path
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw FileReadError(path: path, reason: "is a directory")
        }
    }

    deinit { close(descriptor) }

    /// The file's size from `fstat`, when it is a regular file (a pipe has none).
    package var regularFileSize: Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// `count` bytes at `offset` of a regular file, read without moving the read position; nil when they are
    /// not all there.
    package func peek(at offset: Int, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return got == count ? bytes : nil
    }

    /// Reads the rest of the file into memory, growing the buffer as bytes arrive, so the size `fstat`
    /// reports is only a hint (files may change, pipes report 0); more than `limit` bytes is an error.
    package func readAll(limit: Int) throws(FileReadError) -> ByteBuffer {
        var status = stat()
        let sizeHint = fstat(descriptor, &status) == 0 ? max(Int(status.st_size), 0) : 0
        if (status.st_mode & S_IFMT) == S_IFREG && sizeHint > limit {
            throw FileReadError(path: path, reason: "file is larger than the limit of \(limit) bytes", exceededLimit: limit)
        }
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
            let got = readSystem(descriptor, memory + length, capacity - length)
            if got < 0 {
                if errno == EINTR { continue }
                let reason = FileReader.describe(errno)
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
}

package enum FileReader {
    /// Opens and reads a whole file.
    package static func read(path: String, limit: Int) throws(FileReadError) -> ByteBuffer {
        try OpenFile(path: path).readAll(limit: limit)
    }

    package static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}

/// `read(2)`, which `FileReader.read` would otherwise shadow.
private func readSystem(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
