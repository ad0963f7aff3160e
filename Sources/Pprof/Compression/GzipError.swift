/// A failure to inflate a gzip stream, with the offset in the compressed input where it was detected.
public struct GzipError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: Equatable, Sendable {
        /// zlib rejected the data (bad header, bad block, bad checksum): zlib's own message.
        case corrupt(String)
        /// The input ended before the gzip member did.
        case truncated
        /// Bytes after a complete member that are not another gzip member.
        case trailingGarbage
        /// The inflated data would exceed the configured cap.
        case outputLimitExceeded(limit: Int)
        /// zlib could not allocate its state.
        case outOfMemory
        /// Reading the compressed file failed part way (the reason in Go's words).
        case unreadable(String)
    }

    public var code: Code
    /// Offset in the compressed input.
    public var offset: Int

    public init(_ code: Code, at offset: Int) {
        self.code = code
        self.offset = offset
    }

    public var description: String {
        switch code {
        case .corrupt(let message): return "corrupt gzip data (\(message)) at compressed byte offset \(offset)"
        case .truncated: return "unexpected end of gzip data at compressed byte offset \(offset)"
        case .trailingGarbage: return "data after the gzip stream is not gzip at compressed byte offset \(offset)"
        case .outputLimitExceeded(let limit):
            return "inflated profile exceeds the limit of \(limit) bytes at compressed byte offset \(offset)"
        case .outOfMemory: return "out of memory while inflating at compressed byte offset \(offset)"
        case .unreadable(let reason): return "\(reason) at compressed byte offset \(offset)"
        }
    }
}
