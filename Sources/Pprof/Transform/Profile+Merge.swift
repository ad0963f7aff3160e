import PprofModel
extension Profile {
    /// pprof's `combineProfiles`: makes the profiles' sample types common (`compatibilizeSampleTypes`) and
    /// their units common (`scaleToCommonUnits`), then merges them; a single profile is returned without
    /// merging, as pprof skips the merge for it (zero samples, ids and order stay as loaded).
    public static func combine(_ profiles: [Profile]) throws(TransformError) -> Profile {
        var profiles = profiles
        try compatibilizeSampleTypes(&profiles)
        try scaleToCommonUnits(&profiles)
        if profiles.count == 1 { return profiles[0] }
        return try merge(profiles)
    }

    /// pprof's `Merge`: one profile with the samples of all, whose sample and period types must be equal.
    ///
    /// Samples with the same locations and the same labels (compared per key, in order within a key) are
    /// summed; samples whose values are all zero are left out. Mappings are the same when their sizes
    /// (rounded up to 4 KiB), offsets and build ids (or file names) are; functions when their names, system
    /// names, files and start lines are; locations when their mapping, mapping-relative address, folding and
    /// frames are (pprof's key compares the column of the outermost frame only). Everything is renumbered
    /// from 1 in order of first use, the first profile's main mapping first; what no sample uses is gone.
    /// The period is the largest, the time the earliest (pprof's rule lets a later zero time win), the
    /// duration the sum; comments are de-duplicated; the first non-empty default sample type and doc URL win.
    public static func merge(_ profiles: [Profile]) throws(TransformError) -> Profile {
        var merger = try ProfileMerger(profiles)
        for profile in profiles { merger.add(profile) }
        let merged = merger.result
        let samples = merged.samples
        for sample in 0..<samples.count {
            var zero = true
            for type in 0..<samples.valueCount where samples.value(of: sample, type: type) != 0 {
                zero = false
                break
            }
            if zero { return try merge([merged]) }
        }
        return merged
    }

    /// Marks every sample as coming from a `-diff_base` profile: pprof's `SetLabel("pprof::base", ["true"])`
    /// (the label replaces any string label of that key, and shows in `-raw`), and `SampleTable.isDiffBase`,
    /// which the report total reads.
    public mutating func markAsDiffBase() {
        let source = samples
        var table = source
        table.labels = []
        table.labelOffsets = [0]
        table.labels.reserveCapacity(source.labels.count &+ source.count)
        table.labelOffsets.reserveCapacity(source.count &+ 1)
        for sample in 0..<source.count {
            for label in source.labels[source.labelRange(of: sample)]
            where !(label.key == Self.diffBaseLabelKey && label.string != nil) {
                table.labels.append(label)
            }
            table.labels.append(Label(key: Self.diffBaseLabelKey, string: "true", number: 0, numberUnit: ""))
            table.labelOffsets.append(table.labels.count)
        }
        table.isDiffBase = [Bool](repeating: true, count: source.count)
        samples = table
    }

    /// The label pprof puts on `-diff_base` samples.
    public static let diffBaseLabelKey = "pprof::base"
}

/// The state of one `Profile.merge`: the merged samples so far, their identity tables, and the merged
/// symbols.
package struct ProfileMerger {
    private var mergedSamples = SampleTable()
    private let header: Profile
    private var symbols: MergedSymbols
    private let marksDiffBase: Bool
    /// Sample keys: the merged stack, then the labels, then whether the sample is from a `-diff_base`.
    private var sampleKeys: SequenceTable
    /// Merged stacks by their merged location numbers: a source stack is hashed once, however many of its
    /// samples there are, and a sample key holds one stack number instead of every location.
    private var stackKeys: SequenceTable
    /// Label keys and string values, numbered so that sample keys are numbers only.
    private var labelStrings: [String: Int64] = ["": 0]
    private var recentStrings: [(string: String, number: Int64)] = Array(repeating: ("", 0), count: 4)
    private var recentSlot = 0

    /// Per source profile: the merged stack of each source stack, -1 not yet mapped.
    private var stackMap: [Int32] = []
    private var stackScratch: [Int64] = []
    private var locationScratch: [UInt32] = []

    private var keyScratch: [Int64] = []
    private var labelScratch: [LabelKey] = []

    private struct LabelKey {
        /// 0 for string labels, 1 for numeric ones: pprof keys string labels first, then numeric ones.
        package var kind: Int64
        package var key: Int64
        package var first: Int64
        package var second: Int64
    }

    package init(_ profiles: [Profile]) throws(TransformError) {
        guard let first = profiles.first else { throw .nothingToMerge }
        for other in profiles.dropFirst() {
            guard other.periodType == first.periodType else {
                throw .incompatiblePeriodTypes(first.periodType, other.periodType)
            }
            guard other.sampleTypes == first.sampleTypes else {
                throw .incompatibleSampleTypes(first.sampleTypes, other.sampleTypes)
            }
        }
        var merged = MergedHeader()
        for profile in profiles { merged.add(profile) }
        header = merged.profile(first: first)
        mergedSamples.valueCount = first.sampleTypes.count
        marksDiffBase = profiles.contains { !$0.samples.isDiffBase.isEmpty }

        let sampleCapacity = profiles.reduce(0) { $0 &+ $1.samples.count }
        sampleKeys = SequenceTable(capacity: sampleCapacity)
        stackKeys = SequenceTable(capacity: profiles.reduce(0) { $0 &+ $1.samples.stackCount })
        // The merge holds at least the largest profile's locations; profiles of one program share most of them.
        symbols = MergedSymbols(capacity: profiles.reduce(0) { max($0, $1.locations.count) })
        mergedSamples.values.reserveCapacity(sampleCapacity &* first.sampleTypes.count)
    }

    /// The merged profile.
    package var result: Profile {
        var profile = header
        profile.samples = mergedSamples
        var moved = symbols
        moved.move(into: &profile)
        return profile
    }

    package mutating func add(_ source: Profile) {
        symbols.begin(source)
        stackMap = [Int32](repeating: -1, count: source.samples.stackCount)
        // The sample table is taken once and lent to every call: copying it per sample retained its columns.
        let samples = source.samples
        let valueCount = samples.valueCount
        for sample in 0..<samples.count {
            let valueStart = sample &* valueCount
            let values = samples.values[valueStart..<valueStart &+ valueCount]
            guard values.contains(where: { $0 != 0 }) else { continue }
            addSample(sample, of: source, samples: samples, values: values)
        }
    }

    private mutating func addSample(_ sample: Int, of source: Profile, samples: borrowing SampleTable, values: ArraySlice<Int64>) {
        let isBase = !samples.isDiffBase.isEmpty && samples.isDiffBase[sample]
        let (stack, newStack) = mapStack(Int(samples.stackOfSample[sample]), of: source, samples: samples)
        keyScratch.removeAll(keepingCapacity: true)
        keyScratch.append(Int64(stack))
        appendLabelKey(samples.labels[samples.labelRange(of: sample)])
        keyScratch.append(isBase ? 1 : 0)

        let (number, inserted) = sampleKeys.insert(keyScratch[...])
        if !inserted {
            let start = number &* values.count
            mergedSamples.values.withUnsafeMutableBufferPointer { merged in
                for (offset, value) in values.enumerated() { merged[start &+ offset] &+= value }
            }
            return
        }
        if newStack {
            // A new stack has no sample yet, so its first sample is new too: merged stacks are numbered in the
            // order the merged samples first use them, as they are appended.
            locationScratch.removeAll(keepingCapacity: true)
            for key in stackScratch { locationScratch.append(UInt32(truncatingIfNeeded: key)) }
            mergedSamples.locationIndices.append(contentsOf: locationScratch)
            mergedSamples.stackOffsets.append(mergedSamples.locationIndices.count)
        }
        mergedSamples.stackOfSample.append(UInt32(truncatingIfNeeded: stack))
        mergedSamples.values.append(contentsOf: values)
        mergedSamples.labels.append(contentsOf: samples.labels[samples.labelRange(of: sample)])
        mergedSamples.labelOffsets.append(mergedSamples.labels.count)
        if marksDiffBase { mergedSamples.isDiffBase.append(isBase) }
    }

    /// The merged stack of source stack `stack`, and whether it is new (its merged locations are then in
    /// `stackScratch`). Equal merged location lists are one merged stack, so samples with the same locations
    /// have the same stack number in their keys, whichever profile they come from.
    private mutating func mapStack(_ stack: Int, of source: Profile, samples: borrowing SampleTable) -> (Int, Bool) {
        let known = stackMap[stack]
        if known >= 0 { return (Int(known), false) }
        stackScratch.removeAll(keepingCapacity: true)
        for position in samples.stackRange(of: stack) {
            stackScratch.append(Int64(symbols.mapLocation(Int(samples.locationIndices[position]), of: source)))
        }
        let (number, inserted) = stackKeys.insert(stackScratch[...])
        stackMap[stack] = Int32(truncatingIfNeeded: number)
        return (number, inserted)
    }

    /// The labels as pprof's sample key sees them: string labels then numeric ones, each group ordered by key
    /// with the order of values within a key kept.
    private mutating func appendLabelKey(_ labels: ArraySlice<Label>) {
        guard !labels.isEmpty else { return }
        labelScratch.removeAll(keepingCapacity: true)
        for label in labels {
            let key = number(of: label.key)
            if let string = label.string {
                labelScratch.append(LabelKey(kind: 0, key: key, first: number(of: string), second: 0))
            } else {
                labelScratch.append(LabelKey(kind: 1, key: key, first: label.number, second: number(of: label.numberUnit)))
            }
        }
        // Insertion sort: stable, and label lists are short.
        if labelScratch.count > 1 {
            for index in 1..<labelScratch.count {
                let moving = labelScratch[index]
                var position = index
                while position > 0 {
                    let previous = labelScratch[position &- 1]
                    guard (previous.kind, previous.key) > (moving.kind, moving.key) else { break }
                    labelScratch[position] = previous
                    position &-= 1
                }
                labelScratch[position] = moving
            }
        }
        for label in labelScratch {
            keyScratch.append(label.kind)
            keyScratch.append(label.key)
            keyScratch.append(label.first)
            keyScratch.append(label.second)
        }
    }

    private mutating func number(of string: String) -> Int64 {
        // Most samples repeat the labels of the one before: compare before hashing.
        for recent in recentStrings where recent.string == string { return recent.number }
        let number: Int64
        if let known = labelStrings[string] {
            number = known
        } else {
            number = Int64(labelStrings.count)
            labelStrings[string] = number
        }
        recentStrings[recentSlot] = (string, number)
        recentSlot = (recentSlot &+ 1) & 3
        return number
    }
}
