#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output, buffered here so reports of millions of lines cost one `write` per 64 KiB.
struct StandardOutput: TextOutputStream {
    private final class Buffer {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(1 << 16) }

        func flush() {
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return Glibc.write(1, base + written, buffer.count - written)
                }
                if result <= 0 {
                    if result < 0 && errno == EINTR { continue }
                    break
                }
                written += result
            }
            bytes.removeAll(keepingCapacity: true)
        }

        deinit { flush() }
    }

    private let buffer = Buffer()

    mutating func write(_ string: String) {
        buffer.bytes.append(contentsOf: string.utf8)
        if buffer.bytes.count >= 1 << 16 { buffer.flush() }
    }

    func flush() { buffer.flush() }
}

enum StandardError {
    static func line(_ message: String) {
        let bytes = Array((message + "\n").utf8)
        bytes.withUnsafeBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
