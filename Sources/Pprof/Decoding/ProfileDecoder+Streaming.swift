import Protobuf
import PprofCompression

/// Decoding from a stream of inflated bytes through a window of a few hundred top-level fields: the
/// inflated profile is never all in memory, and its bytes are decoded while they are still in cache.
extension ProfileDecoder {
    /// The window's first size: a few hundred top-level fields, in L2 cache.
    package static let windowSize = 256 << 10

    /// Decodes a profile from a stream of its bytes (`fill` writes the next bytes into a buffer and returns
    /// their count, 0 at the end) and returns how many bytes it decoded. Errors are those of inflating the
    /// whole stream first and decoding it after, as pprof does: a damaged stream is reported before any
    /// profile error found ahead of the damage, so a profile error makes the rest of the stream be inflated
    /// (not decoded) to look for one.
    package mutating func decodeProfile(
        streamingFrom fill: (UnsafeMutableRawBufferPointer) throws(GzipError) -> Int
    ) throws(ProfileError) -> Int {
        var window = StreamWindow(capacity: Self.windowSize)
        defer {
            window.deallocate()
            flushStagedSamples()
        }
        do throws(ProfileError) {
            while true {
                try decodeFields(in: &window)
                if window.ended { return window.end }
                // A field larger than the window doubles it (the old copy is freed): charged like decoded
                // bytes, so one huge field cannot take the window past the budget.
                if window.isFull, !budget.charge(window.capacity, at: window.end), let error = budget.error {
                    throw error
                }
                try window.refill(from: fill)
            }
        } catch .gzip(let error) {
            throw .gzip(error)
        } catch {
            // The stream's own error comes first, wherever it is.
            do {
                while try window.drain(from: fill) {}
            } catch {
                throw .gzip(error)
            }
            throw error
        }
    }

    /// Decodes the fields wholly in the window (all of them once the stream has ended).
    private mutating func decodeFields(in window: inout StreamWindow) throws(ProfileError) {
        var reader = window.reader()
        while !reader.isAtEnd {
            // Whole samples of the usual shape need no probe: they are decoded, or left for the probe.
            if decodeFreshSampleFields(from: &reader) { continue }
            if !window.ended {
                // Decode the next field only when all of it is in the window: a field cut by the window's end
                // waits for more bytes; any other fault is decoded below for its own error.
                var probe = reader
                do {
                    if let tag = try probe.readTag() { try probe.skipValue(of: tag) }
                } catch {
                    switch error.code {
                    case .truncatedVarint, .truncatedFixed, .lengthExceedsInput:
                        window.consumed(upTo: reader.offset)
                        return
                    default:
                        break
                    }
                }
            }
            guard try decodeField(from: &reader) else { break }
        }
        window.consumed(upTo: reader.offset)
    }
}

/// The bytes of a stream between the first one not decoded yet and the last one read, with their absolute
/// offsets; a field larger than the window grows it.
package struct StreamWindow {
    private var buffer: UnsafeMutableRawBufferPointer
    /// The absolute offset of `buffer[0]`.
    private var base = 0
    /// The first byte not decoded yet, and the end of the bytes read, both relative to `buffer`.
    private var start = 0
    private var filled = 0
    private(set) package var ended = false

    package init(capacity: Int) {
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    package func deallocate() { buffer.deallocate() }

    /// The absolute offset of the end of the bytes read.
    package var end: Int { base &+ filled }

    package var capacity: Int { buffer.count }

    /// Whether all of the window is bytes not decoded yet: `refill` must grow it to read more.
    package var isFull: Bool { filled &- start == buffer.count }

    package func reader() -> WireReader {
        WireReader(UnsafeRawBufferPointer(rebasing: buffer[start..<filled]), baseOffset: base &+ start)
    }

    package mutating func consumed(upTo offset: Int) {
        start = offset &- base
    }

    /// Keeps the bytes not decoded yet at the front, then reads more after them.
    package mutating func refill(from fill: (UnsafeMutableRawBufferPointer) throws(GzipError) -> Int) throws(ProfileError) {
        let tail = filled &- start
        if tail > 0, start > 0, let address = buffer.baseAddress {
            address.copyMemory(from: UnsafeRawPointer(address + start), byteCount: tail)
        }
        base &+= start
        filled = tail
        start = 0
        if filled == buffer.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count &* 2, alignment: 16)
            if let destination = grown.baseAddress, let source = buffer.baseAddress {
                destination.copyMemory(from: UnsafeRawPointer(source), byteCount: filled)
            }
            buffer.deallocate()
            buffer = grown
        }
        let count: Int
        do {
            count = try fill(UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
        } catch {
            throw .gzip(error)
        }
        if count == 0 { ended = true }
        filled &+= count
    }

    /// Reads and drops the next bytes of the stream; false at its end.
    package mutating func drain(from fill: (UnsafeMutableRawBufferPointer) throws(GzipError) -> Int) throws(GzipError) -> Bool {
        guard !ended else { return false }
        let count = try fill(buffer)
        if count == 0 { ended = true }
        return count > 0
    }
}
