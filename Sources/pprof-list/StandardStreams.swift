#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pprof

/// Standard output, buffered here so reports of millions of lines cost one `write` per 64 KiB. A failed
/// write is kept, not ignored: the report is lost, and the command says so.
struct StandardOutput: TextOutputStream {
    private final class Buffer {
        var bytes: [UInt8] = []
        /// The errno of the first write that failed; nothing is written after it.
        var failure: Int32?

        init() { bytes.reserveCapacity(1 << 16) }

        func flush() {
            var written = 0
            while written < bytes.count && failure == nil {
                let result = bytes.withUnsafeBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return writeSystem(1, base + written, buffer.count - written)
                }
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                } else if result == 0 {
                    failure = EIO
                } else {
                    written += result
                }
            }
            bytes.removeAll(keepingCapacity: true)
        }

        deinit { flush() }
    }

    private let buffer = Buffer()

    mutating func write(_ string: String) {
        // Profile strings print byte for byte, as Go prints them (GoBytes).
        GoBytes.appendBytes(of: string, to: &buffer.bytes)
        if buffer.bytes.count >= 1 << 16 { buffer.flush() }
    }

    /// Writes what is buffered; the words Go prints for the first write that failed, if one did.
    func finish() -> String? {
        buffer.flush()
        return buffer.failure.map { "write /dev/stdout: " + String(cString: strerror($0)).lowercased() }
    }
}

enum StandardError {
    static func line(_ message: String) {
        var bytes: [UInt8] = []
        GoBytes.appendBytes(of: message + "\n", to: &bytes)
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            _ = writeSystem(2, base, buffer.count)
        }
    }
}

/// `write(2)`, which `TextOutputStream.write` would otherwise shadow.
private func writeSystem(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
