/// The wire mirror of profile.proto: every field as decoded, string references still indices, ids not yet
/// resolved. `ProfileDecoder` fills it; `ProfileResolver` turns it into a `Profile`.
struct RawProfile {
    struct ValueTypeIndices {
        var typeIndex: Int64 = 0
        var unitIndex: Int64 = 0
    }

    struct RawLabel {
        var keyIndex: Int64 = 0
        var stringIndex: Int64 = 0
        var number: Int64 = 0
        var unitIndex: Int64 = 0
    }

    struct RawMapping {
        var id: UInt64 = 0
        var memoryStart: UInt64 = 0
        var memoryLimit: UInt64 = 0
        var fileOffset: UInt64 = 0
        var filenameIndex: Int64 = 0
        var buildIDIndex: Int64 = 0
        var hasFunctions = false
        var hasFilenames = false
        var hasLineNumbers = false
        var hasInlineFrames = false
    }

    struct RawLocation {
        var id: UInt64 = 0
        var mappingID: UInt64 = 0
        var address: UInt64 = 0
        var lineStart: Int32 = 0
        var lineCount: Int32 = 0
        var isFolded = false
    }

    struct RawLine {
        var functionID: UInt64 = 0
        var line: Int64 = 0
        var column: Int64 = 0
    }

    struct RawFunction {
        var id: UInt64 = 0
        var nameIndex: Int64 = 0
        var systemNameIndex: Int64 = 0
        var filenameIndex: Int64 = 0
        var startLine: Int64 = 0
    }

    var sampleTypes: [ValueTypeIndices] = []
    /// The distinct stacks' location references as `LocationReference` codes, remapped to location indices by
    /// the resolver: stack s is `sampleLocationReferences[stackOffsets[s]..<stackOffsets[s + 1]]`.
    var sampleLocationReferences: [UInt32] = []
    var stackOffsets: [Int] = [0]
    /// The stack of each sample.
    var sampleStacks: [UInt32] = []
    /// The index of the first sample decoded on each stack (samples count from 0 in file order, merged or not).
    var firstSampleOfStack: [UInt32] = []
    var sampleValues: [Int64] = []
    /// The value count of the first sample, and the first sample whose count differs from it: enough to find
    /// the first sample that disagrees with the sample types, which may be decoded after the samples.
    var firstSampleValueCount: (count: Int, offset: Int)?
    var firstValueCountChange: (sample: Int, count: Int, offset: Int)?
    var sampleLabels: [RawLabel] = []
    var sampleLabelOffsets: [Int] = [0]
    var mappings: [RawMapping] = []
    var locations: [RawLocation] = []
    var lines: [RawLine] = []
    var functions: [RawFunction] = []
    var strings: [String] = []
    var dropFramesIndex: Int64 = 0
    var keepFramesIndex: Int64 = 0
    var timeNanos: Int64 = 0
    var durationNanos: Int64 = 0
    var periodType = ValueTypeIndices()
    var period: Int64 = 0
    var commentIndices: [Int64] = []
    var defaultSampleTypeIndex: Int64 = 0
    var docURLIndex: Int64 = 0

    /// True when labels were checked but not kept (`LoadOptions.decodesLabels` false): `sampleLabels` and
    /// `sampleLabelOffsets` stay empty, and `labelIndexRecords` is what the resolver needs to report a bad index.
    var labelsSkipped = false
    /// The label string indices that the resolver checks (key, then str or num_unit), in decoding order, each
    /// one recorded only when it exceeds every earlier one as an unsigned number (a negative index is huge):
    /// the first label index outside a string table of any size is the first record at or above that size.
    var labelIndexRecords: [LabelIndexRecord] = []

    struct LabelIndexRecord {
        enum Field { case key, string, numberUnit }
        var sample: Int
        var field: Field
        var index: Int64
    }

    /// Slots for location ids: every location definition's, and the sample references' above
    /// `LocationReference.largestDirectID`.
    var locationIDs = IDTable()
    /// `locationSlots[i]` is the slot of `locations[i].id`.
    var locationSlots: [UInt32] = []
}
