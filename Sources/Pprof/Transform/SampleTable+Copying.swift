import PprofModel
extension SampleTable {
    /// An empty table shaped like this one: same value count, `-diff_base` marks kept when this table has
    /// them, room for `capacity` samples of this table's average size.
    package func emptyCopy(reservingSamples capacity: Int) -> SampleTable {
        var table = SampleTable()
        table.valueCount = valueCount
        table.stackOfSample.reserveCapacity(capacity)
        table.stackOffsets.reserveCapacity(capacity &+ 1)
        table.labelOffsets.reserveCapacity(capacity &+ 1)
        table.values.reserveCapacity(capacity &* valueCount)
        if count > 0 && capacity == count {
            table.locationIndices.reserveCapacity(locationIndices.count)
            table.labels.reserveCapacity(labels.count)
        }
        if !isDiffBase.isEmpty { table.isDiffBase.reserveCapacity(capacity) }
        return table
    }

    /// Appends sample `sample` of `source` with its values, labels and mark, and `locations` in place of its
    /// own; `self` must come from `source.emptyCopy` or share its value count and marking.
    package mutating func appendSample(_ sample: Int, of source: SampleTable, locations: Slice<LocationColumn>) {
        appendStack(locations)
        appendValuesAndLabels(of: sample, from: source)
    }

    /// `appendSample(_:of:locations:)` with locations built elsewhere.
    package mutating func appendSample(_ sample: Int, of source: SampleTable, locations: some Collection<UInt32>) {
        appendStack(locations)
        appendValuesAndLabels(of: sample, from: source)
    }

    /// Appends the values, labels and mark of sample `sample` of `source`, after its stack was appended.
    private mutating func appendValuesAndLabels(of sample: Int, from source: SampleTable) {
        let valueStart = sample &* source.valueCount
        values.append(contentsOf: source.values[valueStart..<valueStart &+ source.valueCount])
        labels.append(contentsOf: source.labels[source.labelRange(of: sample)])
        labelOffsets.append(labels.count)
        if !source.isDiffBase.isEmpty { isDiffBase.append(source.isDiffBase[sample]) }
    }

    /// Appends sample `sample` of `source` unchanged.
    package mutating func appendSample(_ sample: Int, of source: SampleTable) {
        appendSample(sample, of: source, locations: source.locationIndices[source.locationRange(of: sample)])
    }

    /// The samples `keep` accepts, in order; `self` when it accepts them all.
    package func filtered(_ keep: (Int) -> Bool) -> SampleTable {
        var kept: [Int] = []
        kept.reserveCapacity(count)
        for sample in 0..<count where keep(sample) { kept.append(sample) }
        if kept.count == count { return self }
        var table = emptyCopy(reservingSamples: kept.count)
        // Kept samples keep sharing their stacks.
        var stackInCopy = [Int32](repeating: -1, count: stackCount)
        for sample in kept {
            let stack = Int(stackOfSample[sample])
            if stackInCopy[stack] >= 0 {
                table.appendSample(onStack: Int(stackInCopy[stack]))
            } else {
                stackInCopy[stack] = Int32(truncatingIfNeeded: table.stackCount)
                table.appendStack(locationIndices[stackRange(of: stack)])
            }
            table.appendValuesAndLabels(of: sample, from: self)
        }
        return table
    }
}
