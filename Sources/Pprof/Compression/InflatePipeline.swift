import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A gzip stream inflated on a second thread a few chunks ahead of its reader, so that inflating and decoding
/// a large profile overlap on two cores: the reader's wall time becomes the longer of the two, not their sum.
///
/// Chunks circulate between the threads through two semaphores: `empty` hands a drained chunk to the producer,
/// `full` hands an inflated one (its byte count, 0 at the end or after a failure) to the reader.
package final class InflatePipeline: @unchecked Sendable {
    // Unchecked: the producer alone uses `stream`; a chunk's bytes and `counts` entry are written by the
    // producer between taking the chunk (`empty`) and handing it over (`full`), and read by the reader between
    // `full` and `empty`, which order every access; `failure` is written before the last `full` signal.
    private let stream: GzipStream
    private let chunks: [UnsafeMutableRawBufferPointer]
    private var counts: [Int]
    private var failure: GzipError?
    private let empty: DispatchSemaphore
    private let full = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    private let consumedInput: @Sendable (Int) -> Void
    private var running = false

    // The reader's position: the chunk it holds, where in it, and how many bytes are left there.
    private var current = 0
    private var offset = 0
    private var available = 0
    private var holdsChunk = false
    private var ended = false

    /// Worth a thread when inflating takes long enough and another core can run it.
    package static func pays(forCompressedSize size: Int) -> Bool {
        size >= 4 << 20 && sysconf(Int32(_SC_NPROCESSORS_ONLN)) >= 2
    }

    /// `consumedInput` is called on the producer thread with the count of compressed bytes zlib has finished
    /// with, after each chunk.
    package init(_ stream: GzipStream, chunkCount: Int = 4, chunkSize: Int = 256 << 10, consumedInput: @escaping @Sendable (Int) -> Void) {
        self.stream = stream
        chunks = (0..<chunkCount).map { _ in .allocate(byteCount: chunkSize, alignment: 64) }
        counts = [Int](repeating: 0, count: chunkCount)
        // Created at zero and signalled: libdispatch traps when a semaphore is freed below its initial value,
        // which a stop while the producer holds chunks would leave.
        empty = DispatchSemaphore(value: 0)
        for _ in 0..<chunkCount { empty.signal() }
        self.consumedInput = consumedInput
    }

    deinit {
        stop()
        for chunk in chunks { chunk.deallocate() }
    }

    package func start() {
        guard !running else { return }
        running = true
        DispatchQueue.global(qos: .userInitiated).async { self.produce() }
    }

    /// Stops the producer and waits for it: afterwards neither the stream nor the input is touched again.
    package func stop() {
        guard running else { return }
        running = false
        stopping.store(true, ordering: .releasing)
        empty.signal()
        exited.wait()
    }

    private func produce() {
        var index = 0
        while true {
            empty.wait()
            if stopping.load(ordering: .acquiring) { break }
            do {
                let count = try stream.read(into: chunks[index])
                counts[index] = count
                consumedInput(stream.consumed)
                full.signal()
                if count == 0 { break }
            } catch {
                failure = error
                counts[index] = 0
                full.signal()
                break
            }
            index = (index &+ 1) % chunks.count
        }
        exited.signal()
    }

    /// Fills `buffer` with the next inflated bytes, waiting for the producer when no chunk is ready; returns
    /// how many, 0 at the end. Throws the stream's failure where the bytes before it end.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(GzipError) -> Int {
        guard let destination = buffer.baseAddress else { return 0 }
        var written = 0
        while written < buffer.count {
            if available == 0 {
                if holdsChunk {
                    holdsChunk = false
                    empty.signal()
                    current = (current &+ 1) % chunks.count
                }
                // Hand back what is here rather than wait: the decoder can work on it meanwhile.
                if ended || written > 0 { break }
                full.wait()
                let count = counts[current]
                if count == 0 {
                    ended = true
                    if let failure { throw failure }
                    break
                }
                holdsChunk = true
                offset = 0
                available = count
            }
            guard let source = chunks[current].baseAddress else { break }
            let length = min(available, buffer.count &- written)
            (destination + written).copyMemory(from: source + offset, byteCount: length)
            written &+= length
            offset &+= length
            available &-= length
        }
        return written
    }
}
