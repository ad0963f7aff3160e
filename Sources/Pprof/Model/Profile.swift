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
    /// Sample i's locations are `locationIndices[locationOffsets[i]..<locationOffsets[i + 1]]`, leaf first.
    public var locationOffsets: [Int] = [0]
    /// Indices into `Profile.locations`.
    public var locationIndices: [UInt32] = []
    /// Sample i's labels are `labels[labelOffsets[i]..<labelOffsets[i + 1]]`, in wire order, with pprof's
    /// rule applied: a label with neither a string nor a number nor a unit is dropped.
    public var labelOffsets: [Int] = [0]
    public var labels: [Label] = []
    /// For `-diff_base`: which samples came from the base profile (pprof's `pprof::base` label). Empty
    /// when no base was given.
    public var isDiffBase: [Bool] = []

    public init() {}

    public var count: Int { locationOffsets.count - 1 }

    @inlinable
    public func locationRange(of sample: Int) -> Range<Int> {
        locationOffsets[sample]..<locationOffsets[sample + 1]
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
        locationIndices.append(contentsOf: locations)
        locationOffsets.append(locationIndices.count)
        values.append(contentsOf: sampleValues)
        labels.append(contentsOf: sampleLabels)
        labelOffsets.append(labels.count)
        if !isDiffBase.isEmpty { isDiffBase.append(false) }
    }
}
