#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What memory the process may still take: the room left under its address-space and data limits
/// (`ulimit -v`, `ulimit -d`, `prlimit --as`), and the machine's physical memory. Past these an allocation
/// fails, and Swift turns that into a crash report, not an error: the decoder's budget stays below.
package enum MemoryLimit {
    /// The bytes a decoded profile may take: a third of the room the process's limits leave (array growth
    /// holds the old and the new storage at once, and the reports built after decoding need their share),
    /// and at most half the physical memory. `Int.max` when nothing is known.
    package static func decodingCeiling() -> Int {
        var ceiling = Int.max
        if let room = roomUnderLimits() { ceiling = room / 3 }
        if let physical = physicalMemory() { ceiling = min(ceiling, physical / 2) }
        return ceiling
    }

    /// The least room left under the address-space and data limits, or nil when neither is set.
    private static func roomUnderLimits() -> Int? {
        #if os(Linux)
        // /proc/self/statm: sizes in pages; the first is the address space, the sixth data and stack.
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let fields = statm()
        var room: Int?
        if let limit = softLimit(RLIMIT_AS), fields.count > 0 {
            room = max(limit - min(fields[0], limit / pageSize) * pageSize, 0)
        }
        if let limit = softLimit(RLIMIT_DATA), fields.count > 5 {
            let left = max(limit - min(fields[5], limit / pageSize) * pageSize, 0)
            room = min(room ?? left, left)
        }
        return room
        #else
        return nil
        #endif
    }

    #if os(Linux)
    private static func softLimit(_ resource: __rlimit_resource) -> Int? {
        var limit = rlimit()
        // RLIM_INFINITY is all ones, which Swift imports as a negative literal.
        guard getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return limit.rlim_cur > UInt(Int.max) ? nil : Int(limit.rlim_cur)
    }

    private static func statm() -> [Int] {
        let file = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return [] }
        defer { close(file) }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = bytes.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        return bytes[0..<count].split(whereSeparator: { $0 == 0x20 || $0 == 0x0a }).map { digits in
            digits.reduce(0) { value, digit in
                // Saturating: the kernel writes page counts, far below Int.max, but this is input all the same.
                let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, carry) = shifted.addingReportingOverflow(Int(digit & 0x0f))
                return overflow || carry ? Int.max : sum
            }
        }
    }
    #endif

    private static func physicalMemory() -> Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return nil }
        let (bytes, overflow) = Int(pages).multipliedReportingOverflow(by: Int(pageSize))
        return overflow ? nil : bytes
    }
}
