/// The location of every frame of a sample table's stacks (or, while decoding, each frame's location
/// reference), two bytes a frame while every one fits in 16 bits, else four. The runtime numbers a profile's
/// locations 1, 2, 3… and a program has tens of thousands at most, so its column is narrow: half the memory
/// to fill, fault in and walk (a 150,000-sample heap profile has 4.7 million frames). The first value past
/// 16 bits widens the column once, for good.
///
/// The walks over every frame read `narrow` or `wide` through a buffer pointer, written once, generic over
/// the width; everything else reads through the subscript.
public struct LocationColumn: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    @usableFromInline var narrowValues: [UInt16] = []
    @usableFromInline var wideValues: [UInt32] = []
    @usableFromInline var widened = false

    /// The values while the column is narrow; empty once it is wide.
    public var narrow: [UInt16] { narrowValues }
    /// The values once the column is wide; empty while it is narrow.
    public var wide: [UInt32] { wideValues }
    public var isWide: Bool { widened }

    public init() {}

    public init(_ values: some Sequence<UInt32>) {
        append(contentsOf: values)
    }

    public init(arrayLiteral values: UInt32...) {
        append(contentsOf: values)
    }

    public var startIndex: Int { 0 }

    @inlinable
    public var endIndex: Int { count }

    @inlinable
    public var count: Int { widened ? wideValues.count : narrowValues.count }

    @inlinable
    public subscript(position: Int) -> UInt32 {
        widened ? wideValues[position] : UInt32(narrowValues[position])
    }

    public static func == (left: LocationColumn, right: LocationColumn) -> Bool {
        left.elementsEqual(right)
    }

    /// Room for `count` values in all, at the present width.
    public mutating func reserveCapacity(_ count: Int) {
        if widened { wideValues.reserveCapacity(count) } else { narrowValues.reserveCapacity(count) }
    }

    @inlinable
    public mutating func append(_ value: UInt32) {
        if !widened && value <= UInt32(UInt16.max) {
            narrowValues.append(UInt16(truncatingIfNeeded: value))
        } else {
            appendWidening(value)
        }
    }

    @usableFromInline
    mutating func appendWidening(_ value: UInt32) {
        widen()
        wideValues.append(value)
    }

    /// Appends `values`, narrow while all of them fit: one pass to find whether they do, and one that narrows
    /// them straight into the array's new room (`NarrowedRun`).
    public mutating func append(contentsOf values: UnsafeBufferPointer<UInt32>) {
        guard !widened else {
            wideValues.append(contentsOf: values)
            return
        }
        // No exit from the loop, so it is vectorised: any value past 16 bits leaves a high bit in `high`.
        var high: UInt32 = 0
        for value in values { high |= value }
        if high <= UInt32(UInt16.max) {
            narrowValues.append(contentsOf: NarrowedRun(values: values))
        } else {
            widen()
            wideValues.append(contentsOf: values)
        }
    }

    /// Appends a run of this column or another: copied at its width when that fits.
    public mutating func append(contentsOf run: Slice<LocationColumn>) {
        let source = run.base
        let range = run.startIndex..<run.endIndex
        switch (widened, source.widened) {
        case (false, false):
            narrowValues.append(contentsOf: source.narrowValues[range])
        case (true, true):
            wideValues.append(contentsOf: source.wideValues[range])
        case (true, false):
            wideValues.append(contentsOf: source.narrowValues[range].lazy.map { UInt32($0) })
        case (false, true):
            source.wideValues.withUnsafeBufferPointer { values in append(contentsOf: UnsafeBufferPointer(rebasing: values[range])) }
        }
    }

    public mutating func append(contentsOf values: some Sequence<UInt32>) {
        if values.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) != nil { return }
        for value in values { append(value) }
    }

    public mutating func removeLast(_ count: Int) {
        if widened { wideValues.removeLast(count) } else { narrowValues.removeLast(count) }
    }

    /// Makes the column four bytes a value from now on, keeping its capacity (a merge widens a column of
    /// millions of values when its merged locations pass 65,535: converted in one vectorised pass).
    @usableFromInline
    mutating func widen() {
        guard !widened else { return }
        let count = narrowValues.count
        wideValues = [UInt32](unsafeUninitializedCapacity: Swift.max(narrowValues.capacity, count)) { room, initialized in
            narrowValues.withUnsafeBufferPointer { source in
                guard let target = room.baseAddress, let values = source.baseAddress else { return }
                for offset in 0..<count { (target + offset).initialize(to: UInt32(values[offset])) }
            }
            initialized = count
        }
        narrowValues = []
        widened = true
    }

    /// Calls `body` with the narrow values to change in place; nil, and nothing called, when wide.
    @inlinable
    public mutating func updateNarrow<Result>(_ body: (inout [UInt16]) throws -> Result) rethrows -> Result? {
        guard !widened else { return nil }
        return try body(&narrowValues)
    }

    /// Calls `body` with the wide values to change in place, widening the column first.
    @inlinable
    public mutating func updateWide<Result>(_ body: (inout [UInt32]) throws -> Result) rethrows -> Result {
        widen()
        return try body(&wideValues)
    }

    /// Where the values are, to tell one column from another without comparing them.
    public var identity: UnsafeRawPointer? {
        widened
            ? wideValues.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            : narrowValues.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }
}

/// Values that all fit in 16 bits, narrowed as `Array.append(contentsOf:)` copies them into its new room: it
/// reserves `underestimatedCount` and hands that room to `_copyContents`, so there is no copy in between.
private struct NarrowedRun: Sequence {
    let values: UnsafeBufferPointer<UInt32>

    struct Iterator: IteratorProtocol {
        let values: UnsafeBufferPointer<UInt32>
        var position: Int

        mutating func next() -> UInt16? {
            guard position < values.count else { return nil }
            defer { position &+= 1 }
            return UInt16(truncatingIfNeeded: values[position])
        }
    }

    var underestimatedCount: Int { values.count }

    func makeIterator() -> Iterator {
        Iterator(values: values, position: 0)
    }

    func _copyContents(initializing room: UnsafeMutableBufferPointer<UInt16>) -> (Iterator, UnsafeMutableBufferPointer<UInt16>.Index) {
        let count = Swift.min(values.count, room.count)
        if let target = room.baseAddress, let source = values.baseAddress {
            for offset in 0..<count { (target + offset).initialize(to: UInt16(truncatingIfNeeded: source[offset])) }
        }
        return (Iterator(values: values, position: count), count)
    }
}
