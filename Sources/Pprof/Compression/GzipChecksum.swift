import CZlib

/// The check of a gzip member's trailer, kept by the stream rather than by zlib: the CRC-32 of the member's
/// inflated bytes (folded with carry-less multiplication where the processor has it, about a tenth of
/// zlib's table-driven cost) and their length modulo 2^32.
package struct GzipChecksum {
    private static let folds = czlib_crc32_fold_supported() != 0

    package private(set) var crc: UInt32 = 0
    package private(set) var length: UInt32 = 0

    package init() {}

    package mutating func add(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        crc = czlib_crc32(crc, base.assumingMemoryBound(to: UInt8.self), bytes.count, Self.folds ? 1 : 0)
        length &+= UInt32(truncatingIfNeeded: bytes.count)
    }

    /// zlib's own CRC-32, to compare with.
    package static func zlibCRC(of bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        return UInt32(truncatingIfNeeded: crc32_z(0, base.assumingMemoryBound(to: UInt8.self), bytes.count))
    }
}
