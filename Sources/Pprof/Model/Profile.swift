/// A decoded, resolved and validated profile.proto.
///
/// Strings are resolved, ids are mapped to dense indices (`locationIndices`, `Line.functionIndex`,
/// `Location.mappingIndex`), and the original ids are kept for `-raw`. Samples live in `SampleTable`, one flat
/// array per field, so a profile with millions of samples costs a handful of allocations.
public struct Profile: Sendable {
    public var sampleTypes: [ValueType] = []
    public var samples = SampleTable()
    public var mappings: [Mapping] = []
    public var locations: [Location] = []
    /// Frames of all locations; a location owns `lines[location.lineRange]`.
    public var lines: [Line] = []
    public var functions: [Function] = []
    public var dropFrames = ""
    public var keepFrames = ""
    public var timeNanos: Int64 = 0
    public var durationNanos: Int64 = 0
    public var periodType = ValueType(type: "", unit: "")
    public var period: Int64 = 0
    public var comments: [String] = []
    public var defaultSampleType = ""
    public var docURL = ""

    public init() {}

    /// The frames of the location at `locationIndex`, innermost inlined frame first.
    @inlinable
    public func frames(ofLocation locationIndex: Int) -> ArraySlice<Line> {
        lines[locations[locationIndex].lineRange]
    }
}

/// The samples of a profile, stored column-wise.
public struct SampleTable: Sendable {
    /// Values per sample: equal to the number of sample types once validated.
    public var valueCount = 0
    /// `values[i * valueCount + t]` is sample i's value of type t.
    public var values: [Int64] = []
    /// Sample i's locations (leaf first) are those of its stack `stackOfSample[i]`. Samples with the same
    /// locations usually share one stack (the runtime writes a heap sample per stack and allocation size), so
    /// a graph walks each stack once with its samples' summed values.
    public var stackOfSample: [UInt32] = []
    /// Stack s's locations are `locationIndices[stackOffsets[s]..<stackOffsets[s + 1]]`.
    public var stackOffsets: [Int] = [0]
    /// Indices into `Profile.locations`.
    public var locationIndices = LocationColumn()
    /// Sample i's labels are `labels[labelOffsets[i]..<labelOffsets[i + 1]]`, in wire order, with pprof's
    /// rule applied: a label with neither a string nor a number nor a unit is dropped.
    public var labelOffsets: [Int] = [0]
    public var labels: [Label] = []
    /// For `-diff_base`: which samples came from the base profile (pprof's `pprof::base` label). Empty
    /// when no base was given.
    public var isDiffBase: [Bool] = []

    public init() {}

    public var count: Int { stackOfSample.count }

    public var stackCount: Int { stackOffsets.count - 1 }

    @inlinable
    public func locationRange(of sample: Int) -> Range<Int> {
        stackRange(of: Int(stackOfSample[sample]))
    }

    @inlinable
    public func stackRange(of stack: Int) -> Range<Int> {
        stackOffsets[stack]..<stackOffsets[stack + 1]
    }

    /// Gives the next sample a stack of its own holding `locations`.
    public mutating func appendStack<Locations: Collection<UInt32>>(_ locations: Locations) {
        stackOfSample.append(UInt32(truncatingIfNeeded: stackCount))
        locationIndices.append(contentsOf: locations)
        stackOffsets.append(locationIndices.count)
    }

    /// Gives the next sample a stack of its own holding a run of a table's locations, copied at its width.
    public mutating func appendStack(_ locations: Slice<LocationColumn>) {
        stackOfSample.append(UInt32(truncatingIfNeeded: stackCount))
        locationIndices.append(contentsOf: locations)
        stackOffsets.append(locationIndices.count)
    }

    /// Gives the next sample the existing stack `stack`.
    public mutating func appendSample(onStack stack: Int) {
        stackOfSample.append(UInt32(truncatingIfNeeded: stack))
    }

    @inlinable
    public func value(of sample: Int, type: Int) -> Int64 {
        values[sample * valueCount + type]
    }

    public func labelRange(of sample: Int) -> Range<Int> {
        labelOffsets[sample]..<labelOffsets[sample + 1]
    }

    /// Appends a sample; used by transformations (merging, filtering) that build new tables.
    public mutating func append<Locations: Collection<UInt32>, Values: Collection<Int64>, Labels: Collection<Label>>(
        locations: Locations, values sampleValues: Values, labels sampleLabels: Labels
    ) {
        appendStack(locations)
        values.append(contentsOf: sampleValues)
        labels.append(contentsOf: sampleLabels)
        labelOffsets.append(labels.count)
        if !isDiffBase.isEmpty { isDiffBase.append(false) }
    }
}
