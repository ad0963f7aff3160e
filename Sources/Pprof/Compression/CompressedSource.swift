#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The compressed bytes a `GzipStream` inflates: already in memory, or read from a file a chunk at a time.
protocol CompressedSource: AnyObject {
    /// The bytes from absolute offset `offset` on: at least `minimum` of them unless the source ends first,
    /// none only at its end. No byte before `offset` is asked for again.
    func bytes(from offset: Int, minimum: Int) throws(GzipError) -> UnsafeRawBufferPointer
}

/// Compressed bytes held by the caller, who keeps them alive while the stream reads them.
final class MemorySource: CompressedSource {
    private let input: UnsafeRawBufferPointer

    init(_ input: UnsafeRawBufferPointer) {
        self.input = input
    }

    func bytes(from offset: Int, minimum: Int) throws(GzipError) -> UnsafeRawBufferPointer {
        guard offset >= 0, offset < input.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: input[offset...])
    }
}

/// A compressed file read through one buffer of a few hundred KiB: a large profile's compressed bytes are
/// never all in memory (no fresh page for each of them), and they are read by the thread that inflates.
final class FileSource: CompressedSource {
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    /// The absolute offset of `buffer[0]`, and how many bytes of the buffer hold file data.
    private var bufferStart = 0
    private var filled = 0
    private var ended = false
    private let path: String

    /// Opens `path` for reading; nil when it cannot be opened.
    init?(path: String, bufferSize: Int = 256 << 10) {
        descriptor = SystemPath.open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        self.path = path
        buffer = .allocate(byteCount: max(bufferSize, 16), alignment: 64)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// The file's size from `fstat`, when it is a regular file.
    var regularFileSize: Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// `count` bytes at `offset`, read without moving the stream's position; nil when they are not all there.
    func peek(at offset: Int, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return got == count ? bytes : nil
    }

    func bytes(from offset: Int, minimum: Int) throws(GzipError) -> UnsafeRawBufferPointer {
        guard offset >= bufferStart, offset <= bufferStart &+ filled else { throw GzipError(.truncated, at: offset) }
        var start = offset &- bufferStart
        let wanted = min(max(minimum, 1), buffer.count)
        if filled &- start < wanted && !ended {
            // Keep the unread tail, then read after it until enough is there or the file ends.
            let tail = filled &- start
            if tail > 0, start > 0, let base = buffer.baseAddress {
                base.copyMemory(from: UnsafeRawPointer(base + start), byteCount: tail)
            }
            bufferStart = offset
            filled = tail
            start = 0
            while filled < buffer.count {
                guard let base = buffer.baseAddress else { break }
                let got = read(descriptor, base + filled, buffer.count &- filled)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw GzipError(.unreadable("read \(path): \(FileReader.describe(errno))"), at: bufferStart &+ filled)
                }
                if got == 0 {
                    ended = true
                    break
                }
                filled &+= got
                if filled >= wanted { break }
            }
        }
        return UnsafeRawBufferPointer(rebasing: buffer[start..<filled])
    }
}
