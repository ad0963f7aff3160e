#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An immutable run of bytes in memory this object owns (`malloc`ed), so multi-hundred-megabyte profiles
/// are neither zero-filled nor copied on their way from the file or from zlib to the decoder.
public final class ByteBuffer: @unchecked Sendable {
    package let pointer: UnsafeMutableRawPointer?
    public let count: Int

    /// Takes ownership of `pointer`, which must come from `malloc`/`realloc`.
    package init(taking pointer: UnsafeMutableRawPointer?, count: Int) {
        self.pointer = pointer
        self.count = count
    }

    public convenience init(_ bytes: [UInt8]) {
        let memory = malloc(max(bytes.count, 1))
        if let memory {
            bytes.withUnsafeBytes { source in
                if let base = source.baseAddress { memory.copyMemory(from: base, byteCount: source.count) }
            }
        }
        self.init(taking: memory, count: memory == nil ? 0 : bytes.count)
    }

    deinit { free(pointer) }

    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Smaller buffers are not worth a system call. Releasing whole pages inside a `malloc`ed block is safe
    /// wherever the block came from: malloc keeps its bookkeeping outside them, and a page released reads as
    /// zeros if the memory is used again.
    package static let pageReleaseThreshold = 1 << 20

    /// Returns the whole pages before `offset` to the system (`MADV_DONTNEED`): they read as zeros afterwards.
    /// Only for an owner that will never read those bytes again, as the profile loader after decoding them.
    package func releasePages(before offset: Int) {
        guard let pointer, offset > 0, offset <= count, count >= Self.pageReleaseThreshold else { return }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard pageSize > 0 else { return }
        let start = Int(bitPattern: pointer)
        let first = (start + pageSize - 1) / pageSize * pageSize
        let end = (start + offset) / pageSize * pageSize
        guard end > first, let page = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(page, end - first, Int32(MADV_DONTNEED))
    }

    public subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count)
        return pointer.map { $0.load(fromByteOffset: index, as: UInt8.self) } ?? 0
    }
}

/// Faults in the pages of an array's reserved capacity ahead of its writes, a few megabytes per system call
/// (`MADV_POPULATE_WRITE`), instead of one page fault per 4 KiB page as the array grows. Only pages up to the
/// reserved capacity, and only ahead of use, so resident memory stays what the array holds. Advice only:
/// kernels without it (before Linux 5.14) fault the pages as usual.
package struct PagePrefetcher {
    /// Bytes made resident per call.
    package static let chunk = 1 << 20
    @usableFromInline var populatedEnd = 0

    package init() {}

    /// From how many reserved bytes a column asks for transparent huge pages.
    package static let hugePageMinimum = 8 << 20

    /// Asks for 2 MiB pages over the whole 2 MiB blocks of a large reserve (`MADV_HUGEPAGE`): a column of
    /// millions of location references then takes a few faults instead of thousands, each charged and
    /// mapped alone. Where transparent huge pages are off, the advice changes nothing.
    private static func adviseHugePages(start: Int, reserved: Int) {
        let hugePage = 2 << 20
        let first = (start &+ hugePage &- 1) / hugePage &* hugePage
        let end = (start &+ reserved) / hugePage &* hugePage
        guard end > first, let block = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(block, end &- first, 14)  // MADV_HUGEPAGE
    }

    /// Called once per element appended, so the check that nothing is due is inlined into the caller, where
    /// it is specialised for `Element` (out of line and generic it was 1% of decoding a runtime profile).
    @inlinable
    package mutating func ensure<Element>(_ array: inout [Element]) {
        let used = array.count &* MemoryLayout<Element>.stride
        guard used >= populatedEnd else { return }
        populate(&array, used: used)
    }

    @usableFromInline
    mutating func populate<Element>(_ array: inout [Element], used: Int) {
        let stride = MemoryLayout<Element>.stride
        let reserved = array.capacity &* stride
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let start = Int(bitPattern: UnsafeMutableRawPointer(base))
            let pageSize = 4096
            let first = (start &+ used) / pageSize &* pageSize
            let end = min(start &+ reserved, start &+ used &+ Self.chunk) / pageSize &* pageSize
            #if os(Linux)
            if populatedEnd == 0 && reserved >= Self.hugePageMinimum {
                Self.adviseHugePages(start: start, reserved: reserved)
            }
            if end > first, let page = UnsafeMutableRawPointer(bitPattern: first) {
                _ = madvise(page, end &- first, 23)  // MADV_POPULATE_WRITE
            }
            #endif
            populatedEnd = end &- start
        }
        if populatedEnd <= used { populatedEnd = Int.max }  // nothing left to populate
    }
}
