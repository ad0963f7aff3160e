#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A borrowed, bounds-checked window `[start, end)` of bytes: the only place the escape-log parsers
/// touch memory directly. Every access checks its index against the window, so no byte sequence can
/// read outside the buffer; comparisons use `memcmp`/`memchr` on ranges already checked.
package struct EscapeBytes {
    package let base: UnsafePointer<UInt8>
    package let start: Int
    package let end: Int

    package init(base: UnsafePointer<UInt8>, start: Int, end: Int) {
        self.base = base
        self.start = start
        self.end = max(start, end)
    }

    package var count: Int { end - start }
    package var isEmpty: Bool { start >= end }

    /// The byte at absolute index `i`, or nil outside the window.
    @inline(__always)
    package func byte(at i: Int) -> UInt8? {
        guard i >= start, i < end else { return nil }
        return base[i]
    }

    /// The sub-window `[from, to)`, clamped to this window.
    package func slice(_ from: Int, _ to: Int) -> EscapeBytes {
        let lower = min(max(from, start), end)
        let upper = min(max(to, lower), end)
        return EscapeBytes(base: base, start: lower, end: upper)
    }

    package func dropFirst(_ n: Int) -> EscapeBytes { slice(start + n, end) }
    package func dropLast(_ n: Int) -> EscapeBytes { slice(start, end - n) }

    /// Absolute index of the first `byte` at or after `from`, or nil.
    package func firstIndex(of byte: UInt8, from: Int? = nil) -> Int? {
        let lower = max(from ?? start, start)
        guard lower < end else { return nil }
        guard let found = memchr(base + lower, Int32(byte), end - lower) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    package func hasPrefix(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard n <= count else { return false }
        return memcmp(base + start, literal.utf8Start, n) == 0
    }

    package func hasSuffix(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard n <= count else { return false }
        return memcmp(base + (end - n), literal.utf8Start, n) == 0
    }

    /// Whether `literal` occurs at absolute index `i` (entirely inside the window).
    package func matches(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= start, n <= end - i else { return false }
        return memcmp(base + i, literal.utf8Start, n) == 0
    }

    /// Absolute index of the first occurrence of `literal` at or after `from`, or nil.
    package func firstIndex(of literal: StaticString, from: Int? = nil) -> Int? {
        let n = literal.utf8CodeUnitCount
        guard n > 0 else { return from ?? start }
        let first = literal.utf8Start.pointee
        var i = max(from ?? start, start)
        while i <= end - n, let hit = firstIndex(of: first, from: i) {
            guard hit <= end - n else { return nil }
            if memcmp(base + hit, literal.utf8Start, n) == 0 { return hit }
            i = hit + 1
        }
        return nil
    }

    /// Absolute index of the last occurrence of `literal`, or nil.
    package func lastIndex(of literal: StaticString) -> Int? {
        let n = literal.utf8CodeUnitCount
        guard n > 0, n <= count else { return nil }
        var i = end - n
        while i >= start {
            if memcmp(base + i, literal.utf8Start, n) == 0 { return i }
            i -= 1
        }
        return nil
    }

    /// Whether the window holds exactly the same bytes as `other`.
    package func equals(_ other: EscapeBytes) -> Bool {
        count == other.count && (count == 0 || memcmp(base + start, other.base + other.start, count) == 0)
    }

    /// This window without leading and trailing spaces and tabs.
    package func trimmingBlanks() -> EscapeBytes {
        var lower = start
        var upper = end
        while lower < upper, base[lower] == 0x20 || base[lower] == 0x09 { lower += 1 }
        while upper > lower, base[upper - 1] == 0x20 || base[upper - 1] == 0x09 { upper -= 1 }
        return EscapeBytes(base: base, start: lower, end: upper)
    }

    /// This window without leading spaces and tabs.
    package func trimmingLeadingBlanks() -> EscapeBytes {
        var lower = start
        while lower < end, base[lower] == 0x20 || base[lower] == 0x09 { lower += 1 }
        return EscapeBytes(base: base, start: lower, end: end)
    }

    /// The bytes decoded as UTF-8; invalid sequences become U+FFFD, so any input decodes.
    package var string: String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
    }

    /// A run of 1–9 ASCII digits starting at absolute index `i`: its value and the index after it.
    /// Longer runs are rejected, so the value always fits and absurd numbers never become positions.
    package func decimal(at i: Int) -> (value: Int, next: Int)? {
        var value = 0
        var j = i
        while j < end, j >= start, base[j] >= 0x30, base[j] <= 0x39 {
            guard j - i < 9 else { return nil }
            value = value * 10 + Int(base[j] - 0x30)
            j += 1
        }
        guard j > i else { return nil }
        return (value, j)
    }
}
