import PprofModel
/// The wire mirror of profile.proto: every field as decoded, string references still indices, ids not yet
/// resolved. `ProfileDecoder` fills it; `ProfileResolver` turns it into a `Profile`.
package struct RawProfile {
    package struct ValueTypeIndices {
        package var typeIndex: Int64 = 0
        package var unitIndex: Int64 = 0
    }

    package struct RawLabel {
        package var keyIndex: Int64 = 0
        package var stringIndex: Int64 = 0
        package var number: Int64 = 0
        package var unitIndex: Int64 = 0
    }

    package struct RawMapping {
        package var id: UInt64 = 0
        package var memoryStart: UInt64 = 0
        package var memoryLimit: UInt64 = 0
        package var fileOffset: UInt64 = 0
        package var filenameIndex: Int64 = 0
        package var buildIDIndex: Int64 = 0
        package var hasFunctions = false
        package var hasFilenames = false
        package var hasLineNumbers = false
        package var hasInlineFrames = false
    }

    package struct RawLocation {
        package var id: UInt64 = 0
        package var mappingID: UInt64 = 0
        package var address: UInt64 = 0
        package var lineStart: Int32 = 0
        package var lineCount: Int32 = 0
        package var isFolded = false
    }

    package struct RawLine {
        package var functionID: UInt64 = 0
        package var line: Int64 = 0
        package var column: Int64 = 0
    }

    package struct RawFunction {
        package var id: UInt64 = 0
        package var nameIndex: Int64 = 0
        package var systemNameIndex: Int64 = 0
        package var filenameIndex: Int64 = 0
        package var startLine: Int64 = 0
    }

    package var sampleTypes: [ValueTypeIndices] = []
    /// The distinct stacks' location references as `LocationReference` codes, remapped to location indices by
    /// the resolver: stack s is `sampleLocationReferences[stackOffsets[s]..<stackOffsets[s + 1]]`.
    package var sampleLocationReferences = LocationColumn()
    package var stackOffsets: [Int] = [0]
    /// The stack of each sample.
    package var sampleStacks: [UInt32] = []
    /// The index of the first sample decoded on each stack (samples count from 0 in file order, merged or not).
    package var firstSampleOfStack: [UInt32] = []
    package var sampleValues: [Int64] = []
    /// The value count of the first sample, and the first sample whose count differs from it: enough to find
    /// the first sample that disagrees with the sample types, which may be decoded after the samples.
    package var firstSampleValueCount: (count: Int, offset: Int)?
    package var firstValueCountChange: (sample: Int, count: Int, offset: Int)?
    package var sampleLabels: [RawLabel] = []
    package var sampleLabelOffsets: [Int] = [0]
    package var mappings: [RawMapping] = []
    package var locations: [RawLocation] = []
    package var lines: [RawLine] = []
    package var functions: [RawFunction] = []
    package var strings: [String] = []
    package var dropFramesIndex: Int64 = 0
    package var keepFramesIndex: Int64 = 0
    package var timeNanos: Int64 = 0
    package var durationNanos: Int64 = 0
    package var periodType = ValueTypeIndices()
    package var period: Int64 = 0
    package var commentIndices: [Int64] = []
    package var defaultSampleTypeIndex: Int64 = 0
    package var docURLIndex: Int64 = 0

    /// True when labels were checked but not kept (`LoadOptions.decodesLabels` false): `sampleLabels` and
    /// `sampleLabelOffsets` stay empty, and `labelIndexRecords` is what the resolver needs to report a bad index.
    package var labelsSkipped = false
    /// The label string indices that the resolver checks (key, then str or num_unit), in decoding order, each
    /// one recorded only when it exceeds every earlier one as an unsigned number (a negative index is huge):
    /// the first label index outside a string table of any size is the first record at or above that size.
    package var labelIndexRecords: [LabelIndexRecord] = []

    package struct LabelIndexRecord {
        package enum Field { case key, string, numberUnit }
        package var sample: Int
        package var field: Field
        package var index: Int64
    }

    /// Slots for location ids: every location definition's, and the sample references' above
    /// `LocationReference.largestDirectID`.
    package var locationIDs = IDTable()
    /// `locationSlots[i]` is the slot of `locations[i].id`.
    package var locationSlots: [UInt32] = []
}
