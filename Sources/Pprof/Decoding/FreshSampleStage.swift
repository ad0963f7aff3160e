/// Samples of the one-pass path held back before they join the decoder's columns. An append to a column costs
/// a uniqueness check (a call into the runtime), a capacity check and a count update through the array's
/// header, and a runtime profile's sample made nine of them: its run, its stack's end, first sample and merge
/// row, its stack and four values. Staged, a sample is its run, its values and its stack's end, written in
/// place as it is decoded, and each column takes one append per thousand samples. The rest follows from the
/// staged samples being consecutive (a sample of the general path flushes the stage first) and each being
/// the first of a new stack: their stacks, rows and sample numbers count up from where the columns end.
///
/// A class so that the decoder's mutating methods write through it while they also change the decoder's
/// other state (a stored array would be an overlapping access to the decoder); its memory is allocated once,
/// uninitialised, and never read past what was written.
final class FreshSampleStage {
    /// Samples staged at most.
    static let sampleCapacity = 1_024
    /// Location references staged at most: a run of more bytes than that is left to the general path.
    static let referenceCapacity = 64 << 10
    /// Values a sample may have here (a heap profile has four, a CPU profile two).
    static let widestSample = 16

    let references = UnsafeMutablePointer<UInt32>.allocate(capacity: referenceCapacity)
    let stackEnds = UnsafeMutablePointer<Int>.allocate(capacity: sampleCapacity)
    let values = UnsafeMutablePointer<Int64>.allocate(capacity: sampleCapacity * widestSample)

    var sampleCount = 0
    var referenceCount = 0
    var valueCount = 0

    deinit {
        references.deallocate()
        stackEnds.deallocate()
        values.deallocate()
    }

    /// Room for one more sample, whose run has at most `runBytes` bytes (so as many references).
    @inline(__always)
    func hasRoom(forRunOf runBytes: Int) -> Bool {
        sampleCount < Self.sampleCapacity && runBytes <= Self.referenceCapacity &- referenceCount
    }

    /// Appends what is staged to the columns, in order, and empties the stage. `decodedSamples` counts the
    /// staged samples too.
    func flush(into raw: inout RawProfile, rowOfStack: inout [Int32], mergesSamples: Bool, decodedSamples: Int) {
        let firstStack = raw.stackOffsets.count &- 1
        let firstRow = raw.sampleStacks.count
        let firstSample = decodedSamples &- sampleCount
        raw.sampleLocationReferences.append(contentsOf: UnsafeBufferPointer(start: references, count: referenceCount))
        raw.stackOffsets.append(contentsOf: UnsafeBufferPointer(start: stackEnds, count: sampleCount))
        Self.appendCounting(from: firstSample, count: sampleCount, to: &raw.firstSampleOfStack)
        if mergesSamples { Self.appendCounting(from: firstRow, count: sampleCount, to: &rowOfStack) }
        Self.appendCounting(from: firstStack, count: sampleCount, to: &raw.sampleStacks)
        raw.sampleValues.append(contentsOf: UnsafeBufferPointer(start: values, count: valueCount))
        sampleCount = 0
        referenceCount = 0
        valueCount = 0
    }

    /// Appends `first`, `first + 1`, … (`count` numbers) to `column`: room made at once, then filled (appending
    /// a lazily mapped range went number by number, 60 instructions a sample).
    private static func appendCounting<Number: FixedWidthInteger>(from first: Int, count: Int, to column: inout [Number]) {
        let start = column.count
        column.append(contentsOf: repeatElement(0, count: count))
        column.withUnsafeMutableBufferPointer { numbers in
            for offset in 0..<count { numbers[start &+ offset] = Number(truncatingIfNeeded: first &+ offset) }
        }
    }
}
