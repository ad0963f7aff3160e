import PprofModel
/// pprof's `combineProfiles` for reports that only sum sample values (`-top`, `-list`, `-peek`, the hot
/// lines), taking the profiles one at a time as they are read: mappings, locations and functions are merged by
/// pprof's keys (`MergedSymbols`), but samples are appended with their stacks renumbered, not keyed.
///
/// pprof sums samples with equal stacks and labels into one and drops those left all zero. When every value
/// is non-negative and no column's sum overflows, that changes no sum a report takes: each stack's sums are
/// the same, Σ|value| is the same (|a + b| = |a| + |b|), a sum is zero only when its parts are, and no
/// location, function or mapping is used first by another sample, so all are numbered alike. Where that
/// does not hold (a negative value, an overflowing sum, profiles whose sample or period types differ, which
/// pprof reconciles across all of them), `add` refuses, and the caller merges exactly instead.
///
/// Labels and `-diff_base` marks are not carried: the reports this merge serves do not read them.
package struct SummingMerger {
    package enum Refusal: Error, Equatable {
        /// The profiles' sample or period types differ, or do not combine: pprof's rules need all of them.
        case types
        /// A value is negative, a sum overflows, or a sample is marked as from a `-diff_base`: summing apart
        /// would change a total.
        case values
    }

    /// The first profile, held as read until a second arrives: pprof does not merge a single profile.
    private var single: Profile?
    /// The first profile's header and types, without samples: what later profiles are checked and scaled against.
    private var reference: Profile?
    private var header = MergedHeader()
    private var symbols: MergedSymbols?
    private var samples = SampleTable()
    /// Per sample type, the sum of every value merged so far, to find an overflow before a report would.
    private var columnSums: [Int64] = []
    /// Per source profile: the merged stack of each source stack, -1 not yet mapped.
    private var stackMap: [Int32] = []
    private let expectedCount: Int

    /// `expectedCount`: how many profiles will be added, to reserve the merged columns once.
    package init(expectedCount: Int) {
        self.expectedCount = max(expectedCount, 1)
    }

    package mutating func add(_ profile: Profile) throws(Refusal) {
        guard let reference else {
            reference = Self.headerOnly(profile)
            single = profile
            return
        }
        if let first = single {
            single = nil
            try start(with: first, reference: reference)
        }
        try merge(try Self.scaled(profile, like: reference))
    }

    /// The merged profile; the profile itself when only one was added, nil when none was.
    package var result: Profile? {
        if let single { return single }
        guard let reference, var symbols else { return nil }
        var profile = header.profile(first: reference)
        var table = samples
        table.labelOffsets = [Int](repeating: 0, count: table.count &+ 1)
        profile.samples = table
        symbols.move(into: &profile)
        return profile
    }

    private mutating func start(with first: Profile, reference: Profile) throws(Refusal) {
        let scaledFirst = try Self.scaled(first, like: reference)
        // Profiles of one service share most of their locations: the first one's count, with room to grow.
        symbols = MergedSymbols(capacity: first.locations.count &* 2)
        samples.valueCount = first.sampleTypes.count
        columnSums = [Int64](repeating: 0, count: first.sampleTypes.count)
        let sampleCapacity = first.samples.count &* expectedCount
        samples.stackOfSample.reserveCapacity(sampleCapacity)
        samples.values.reserveCapacity(sampleCapacity &* first.sampleTypes.count)
        samples.stackOffsets.reserveCapacity(first.samples.stackCount &* expectedCount &+ 1)
        samples.locationIndices.reserveCapacity(first.samples.locationIndices.count &* expectedCount)
        try merge(scaledFirst)
    }

    /// `profile` as pprof's `compatibilizeSampleTypes` and `scaleToCommonUnits` leave it when every profile
    /// has the types of `reference`: the outcome for one profile then does not depend on the others.
    private static func scaled(_ profile: Profile, like reference: Profile) throws(Refusal) -> Profile {
        guard profile.sampleTypes == reference.sampleTypes, profile.periodType == reference.periodType,
              profile.samples.valueCount == reference.sampleTypes.count else { throw .types }
        guard profile.samples.isDiffBase.isEmpty else { throw .values }
        var pair = [profile, reference]
        do {
            try Profile.compatibilizeSampleTypes(&pair)
            try Profile.scaleToCommonUnits(&pair)
        } catch {
            throw .types
        }
        guard pair[0].sampleTypes == reference.sampleTypes else { throw .types }
        return pair[0]
    }

    private static func headerOnly(_ profile: Profile) -> Profile {
        var header = profile
        header.samples = SampleTable()
        header.samples.valueCount = profile.samples.valueCount
        header.mappings = []
        header.locations = []
        header.lines = []
        header.functions = []
        return header
    }

    private mutating func merge(_ source: Profile) throws(Refusal) {
        guard var symbols else { return }
        // Taken out of `self` while it grows, so that appending to it never copies it.
        self.symbols = nil
        defer { self.symbols = symbols }
        header.add(source)
        symbols.begin(source)
        stackMap = [Int32](repeating: -1, count: source.samples.stackCount)
        let table = source.samples
        let width = table.valueCount
        let overflows = table.values.withUnsafeBufferPointer { values in
            for sample in 0..<table.count {
                let row = UnsafeBufferPointer(rebasing: values[sample &* width..<(sample &+ 1) &* width])
                guard row.contains(where: { $0 != 0 }) else { continue }
                for type in 0..<width {
                    let sum = columnSums[type].addingReportingOverflow(row[type])
                    guard row[type] >= 0 && !sum.overflow else { return true }
                    columnSums[type] = sum.partialValue
                }
                let stack = Int(table.stackOfSample[sample])
                var merged = stackMap[stack]
                if merged < 0 {
                    merged = Int32(truncatingIfNeeded: samples.stackCount)
                    symbols.appendMapped(table.locationIndices[table.stackRange(of: stack)], of: source, to: &samples.locationIndices)
                    samples.stackOffsets.append(samples.locationIndices.count)
                    stackMap[stack] = merged
                }
                samples.stackOfSample.append(UInt32(bitPattern: merged))
                samples.values.append(contentsOf: row)
            }
            return false
        }
        if overflows { throw .values }
    }
}
