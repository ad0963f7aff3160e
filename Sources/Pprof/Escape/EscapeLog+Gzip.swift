import PprofCompression
import PprofLoading
extension EscapeLog {
    /// A log saved compressed (`go build -gcflags=-m=2 2>&1 | gzip > escape.log.gz`): the bytes inflated, or
    /// the bytes as they are when they are not gzip.
    /// At most `limit` bytes are inflated; the error over it speaks of the log, not of a profile.
    package static func inflatedIfGzip(_ bytes: [UInt8], path: String, limit: Int) throws(EscapeLogError) -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else { return bytes }
        let inflated: ByteBuffer
        do throws(GzipError) {
            inflated = try ByteBuffer(bytes).withUnsafeBytes { (buffer) throws(GzipError) -> ByteBuffer in
                try Gunzip.inflate(buffer, limit: limit)
            }
        } catch {
            if case .outputLimitExceeded(let limit) = error.code {
                throw EscapeLogError(
                    path: path,
                    what: "inflated log is larger than the limit of \(limit) bytes at compressed byte offset \(error.offset)",
                    exceedsSizeLimit: true)
            }
            throw EscapeLogError(path: path, what: error.description)
        }
        return inflated.withUnsafeBytes { Array($0) }
    }
}
