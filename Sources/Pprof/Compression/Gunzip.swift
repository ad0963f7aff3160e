import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PprofLoading

/// Inflates gzip data with zlib: this file and `GzipChecksum` are the only ones that talk to it.
package enum Gunzip {
    /// The largest inflated size accepted unless told otherwise: 2 GiB.
    package static let defaultLimit = 2 << 30

    package static func hasGzipMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Inflates every concatenated member of `input` into one buffer of at most `limit` bytes, through the
    /// same `GzipStream` that streaming decoding reads: one zlib loop, one set of errors and offsets.
    ///
    /// The last member's ISIZE trailer sizes the first allocation, bounded by the input size times zlib's
    /// maximum ratio and by the limit, so a lying trailer costs at most a reallocation.
    package static func inflate(_ input: UnsafeRawBufferPointer, limit requestedLimit: Int) throws(GzipError) -> ByteBuffer {
        // A library caller may pass any Int; a negative cap means nothing may be inflated.
        let limit = max(requestedLimit, 0)
        let stream = try GzipStream(input, limit: limit)
        var capacity = initialCapacity(input, limit: limit)
        guard var output = malloc(capacity) else { throw GzipError(.outOfMemory, at: 0) }
        var produced = 0
        while true {
            if produced == capacity {
                // The stream stops one byte past the limit with its own error; this is only a safeguard.
                guard capacity <= limit else {
                    free(output)
                    throw GzipError(.outputLimitExceeded(limit: limit), at: stream.consumed)
                }
                let grown = min(capacity.saturatingDoubled, limit.saturatingSuccessor)
                guard let bigger = realloc(output, grown) else {
                    free(output)
                    throw GzipError(.outOfMemory, at: stream.consumed)
                }
                output = bigger
                capacity = grown
            }
            let count: Int
            do {
                count = try stream.read(into: UnsafeMutableRawBufferPointer(start: output + produced, count: capacity - produced))
            } catch {
                free(output)
                throw error
            }
            if count == 0 { return ByteBuffer(taking: output, count: produced) }
            produced += count
        }
    }

    /// The inflated size the last member's ISIZE trailer announces (modulo 4 GiB, and a lie when the data is
    /// hostile), bounded by the limit and by zlib's maximum ratio: for reserving, never for trusting.
    package static func sizeHint(_ input: UnsafeRawBufferPointer, limit: Int) -> Int {
        initialCapacity(input, limit: limit) - 1
    }

    /// `sizeHint` for a compressed input of `compressedSize` bytes whose last four are `trailer`.
    package static func sizeHint(trailer: [UInt8], compressedSize: Int, limit: Int) -> Int {
        capacity(trailer: trailer, compressedSize: compressedSize, limit: limit) - 1
    }

    private static func initialCapacity(_ input: UnsafeRawBufferPointer, limit: Int) -> Int {
        capacity(trailer: input.count >= 4 ? Array(input[(input.count - 4)...]) : [], compressedSize: input.count, limit: limit)
    }

    private static func capacity(trailer: [UInt8], compressedSize: Int, limit: Int) -> Int {
        let maximumRatio = 1032
        let ceiling = max(min(limit, compressedSize > Int.max / maximumRatio ? Int.max : compressedSize * maximumRatio), 0)
        var hint = 0
        if trailer.count == 4 {
            hint = Int(trailer[0]) | Int(trailer[1]) << 8 | Int(trailer[2]) << 16 | Int(trailer[3]) << 24
        }
        return max(min(hint, ceiling).saturatingSuccessor, 64 * 1024)
    }
}

/// Inflates gzip data (every concatenated member) a chunk at a time into the caller's buffers, for decoding
/// while inflating: the inflated profile is never all in memory. Same checks as `Gunzip.inflate`.
package final class GzipStream {
    private let source: CompressedSource
    private let limit: Int
    /// zlib keeps a pointer back to its stream, so the stream lives at one address: allocated here.
    private let stream: UnsafeMutablePointer<z_stream>
    /// Compressed bytes consumed: zlib never reads them again.
    private(set) package var consumed = 0
    private(set) package var produced = 0
    private var finished = false
    /// zlib checks a member's gzip header (its CRC-16 included) and then hands the trailer's check to us:
    /// `checksum` over the member's inflated bytes, compared with the last 8 bytes consumed (`lastConsumed`,
    /// the newest in the high byte) at its end.
    private var checksum = GzipChecksum()
    private var checksHeader = true
    private var lastConsumed: UInt64 = 0

    /// `input` must stay valid for the life of the stream.
    package convenience init(_ input: UnsafeRawBufferPointer, limit: Int) throws(GzipError) {
        guard input.count > 0 else { throw GzipError(.truncated, at: 0) }
        try self.init(source: MemorySource(input), limit: limit)
    }

    package init(source: CompressedSource, limit: Int) throws(GzipError) {
        self.source = source
        self.limit = max(limit, 0)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard czlib_inflate_init2(stream, 15 + 16) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw GzipError(.outOfMemory, at: 0)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Fills `buffer` with the next inflated bytes; returns how many, fewer only at the end, 0 after it.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(GzipError) -> Int {
        guard !finished, let outputBase = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var written = 0
        while written < buffer.count {
            let input = try source.bytes(from: consumed, minimum: 1)
            let inputChunk = min(input.count, Int(UInt32.max))
            // Never more than one byte past the limit, as `Gunzip.inflate`, so the error names the same offset.
            // `produced <= limit` here (past it, the last call threw), and the limit may be `Int.max`.
            var outputChunk = min(buffer.count - written, (limit - produced).saturatingSuccessor, Int(UInt32.max))
            // A member's first call makes one byte at most: zlib reads the whole header before any output.
            if checksHeader { outputChunk = min(outputChunk, 1) }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = UInt32(inputChunk)
            stream.pointee.next_out = (outputBase + written).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(outputChunk)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            let taken = inputChunk - Int(stream.pointee.avail_in)
            consumed += taken
            remember(UnsafeRawBufferPointer(rebasing: input[0..<taken]))
            let made = outputChunk - Int(stream.pointee.avail_out)
            checksum.add(UnsafeRawBufferPointer(start: outputBase + written, count: made))
            written += made
            produced += made
            if checksHeader && status == Z_OK && made > 0 {
                checksHeader = false
                inflateValidate(stream, 0)
            }
            if produced > limit { throw GzipError(.outputLimitExceeded(limit: limit), at: consumed) }
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                // zlib's messages and offsets, as when it checked the trailer itself.
                if checksum.crc != UInt32(truncatingIfNeeded: lastConsumed) {
                    throw GzipError(.corrupt("incorrect data check"), at: consumed - 4)
                }
                if checksum.length != UInt32(truncatingIfNeeded: lastConsumed >> 32) {
                    throw GzipError(.corrupt("incorrect length check"), at: consumed)
                }
                checksum = GzipChecksum()
                let rest = try source.bytes(from: consumed, minimum: 2)
                if rest.isEmpty {
                    finished = true
                    return written
                }
                guard rest.count >= 2, rest[0] == 0x1f, rest[1] == 0x8b else {
                    throw GzipError(.trailingGarbage, at: consumed)
                }
                inflateReset(stream)
                inflateValidate(stream, 1)
                checksHeader = true
            case Z_BUF_ERROR:
                // No progress with room left in the output: the input ran out (all of it was offered).
                let progressed = inputChunk - Int(stream.pointee.avail_in) > 0 || made > 0
                if stream.pointee.avail_out != 0 && !progressed { throw GzipError(.truncated, at: consumed) }
            case Z_MEM_ERROR:
                throw GzipError(.outOfMemory, at: consumed)
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw GzipError(.corrupt(message), at: consumed)
            }
        }
        return written
    }

    /// Keeps the last 8 bytes consumed, where a member's trailer is when it ends.
    private func remember(_ taken: UnsafeRawBufferPointer) {
        for byte in taken.suffix(8) { lastConsumed = lastConsumed >> 8 | UInt64(byte) << 56 }
    }
}
