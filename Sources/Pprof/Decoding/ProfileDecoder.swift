import Protobuf
import PprofModel
import PprofLoading

/// Decodes profile.proto bytes into a `RawProfile`, one table of field handlers per message, each annotated with
/// its `.proto` field. Messages may come in any order and interleaved (Go's runtime writes locations, functions
/// and samples interleaved and the string table last); unknown fields of every wire type are skipped.
package struct ProfileDecoder {
    package var raw = RawProfile()
    // The sample state below is read and written by ProfileDecoder+Samples.swift: stacks shared by their
    // locations, samples of a stack merged, labels checked without being kept.
    package var sampleCount = 0
    package var stacks = StackInterner()
    package var packedStacks = PackedStackTable()
    /// Whether packed runs are still looked up in `packedStacks`: a profile whose first samples rarely repeat a
    /// stack (as the runtime writes a service's heap profile, one sample per stack and size) pays the lookups
    /// and the stored bytes for little sharing, and from then on stores each run as a new stack.
    package var sharesPackedStacks = true
    /// The sample count at which `sharesPackedStacks` is next weighed (on the path of a new stack), `Int.max`
    /// once it is decided.
    package var nextSharingCheck = ProfileDecoder.earlySharingCheck
    /// Set when a location id needed a slot beyond `LocationReference`'s 31 bits.
    package var referenceOverflow = false
    package let decodesLabels: Bool
    /// What the decoded profile may take; a refused charge stops decoding at the end of the field.
    package var budget: DecodeBudget
    /// `LoadOptions.mergesSamplesOfAStack`, when labels are not kept.
    package let mergesSamples: Bool
    /// With `mergesSamples`, the row (sample) that each stack's later samples are added into, -1 until it has
    /// one; an entry per stack.
    package var rowOfStack: [Int32] = []
    package var largestLabelIndex: UInt64 = 0
    /// Room for one packed run of location references (a run of n bytes holds at most n varints).
    package var scratch = [UInt32](repeating: 0, count: 256)
    /// The values of the sample being decoded, `valueScratch[0..<sampleValueCount]`: stored as a row of
    /// their own, or added into an earlier row of their stack.
    package var valueScratch = [Int64](repeating: 0, count: 16)
    package var sampleValueCount = 0
    /// The labels of the sample `decodeFreshSampleFields` is reading, stored only once all of it has been read.
    package var freshSampleLabels = [RawProfile.RawLabel](repeating: RawProfile.RawLabel(), count: ProfileDecoder.mostFastLabels)
    /// Whether samples of the usual shape take `decodeFreshSampleFields` (off only to compare it with
    /// `decodeSample`), and how many did.
    package var decodesFreshSamplesInOnePass = true
    package var samplesDecodedInOnePass = 0
    /// Where `decodeFreshSampleFields` stages its samples, made on its first use.
    var freshStage: FreshSampleStage?
    package var referencePages = PagePrefetcher()
    package var valuePages = PagePrefetcher()
    package var labelPages = PagePrefetcher()

    /// How often, in bytes of input, `decodeProfile` offers the decoded prefix to its `release` callback.
    package static let releaseInterval = 16 << 20

    /// `inputSize` reserves the sample columns up front from the size of the input, which bounds them: the
    /// capacity never used is address space that is never touched, not memory, and the columns never double
    /// (a doubling copies a column and holds both copies at once, the peak of a large profile). Only from
    /// 4 MiB of input: below that, doublings cost little, and the reserve is not always untouched memory (a
    /// merge of 100 small profiles held 12% more resident memory with it, the reserves landing on pages
    /// that earlier profiles' decoding had already touched and freed). Under a memory limit, address space
    /// is what runs out: the reserves (3.5 times `inputSize`, 4.5 once the location column widens) are made
    /// only when they fit well under `decodedSizeCeiling` (see `DecodeBudget`).
    package init(decodesLabels: Bool = true, mergesSamples: Bool = false, inputSize: Int = 0, decodedSizeCeiling: Int = .max) {
        self.decodesLabels = decodesLabels
        self.mergesSamples = mergesSamples && !decodesLabels
        budget = DecodeBudget(ceiling: decodedSizeCeiling)
        raw.labelsSkipped = !decodesLabels
        if inputSize >= 4 << 20, inputSize <= decodedSizeCeiling / 8 {
            raw.sampleLocationReferences.reserveCapacity(inputSize / 2)
            raw.sampleValues.reserveCapacity(inputSize / 8)
            raw.stackOffsets.reserveCapacity(inputSize / 32)
            raw.sampleStacks.reserveCapacity(inputSize / 32)
            packedStacks = PackedStackTable(expectedBytes: inputSize / 4)
            if decodesLabels {
                raw.sampleLabelOffsets.reserveCapacity(inputSize / 32)
                raw.sampleLabels.reserveCapacity(inputSize / 64)
            }
        }
    }

    /// The decoded profile, leaving this decoder empty so the caller holds the only reference to its columns.
    package mutating func takeRaw() -> RawProfile {
        var taken = RawProfile()
        swap(&taken, &raw)
        return taken
    }

    /// Decodes a whole profile. `release`, when given, is called with an offset every `releaseInterval` bytes:
    /// everything before it has been decoded (strings copied) and will not be read again.
    package mutating func decodeProfile(_ bytes: UnsafeRawBufferPointer, release: ((Int) -> Void)? = nil) throws(ProfileError) {
        var reader = WireReader(bytes)
        var nextRelease = Self.releaseInterval
        defer { flushStagedSamples() }
        while !reader.isAtEnd {
            if let release, reader.offset >= nextRelease {
                release(reader.offset)
                nextRelease = reader.offset &+ Self.releaseInterval
            }
            if decodeFreshSampleFields(from: &reader, before: release == nil ? .max : nextRelease) { continue }
            guard try decodeField(from: &reader) else { break }
        }
    }

    /// Decodes one top-level field; false at the end of the input.
    package mutating func decodeField(from reader: inout WireReader) throws(ProfileError) -> Bool {
        let fieldOffset = reader.offset
        // A rule of the profile broken by a field that is well-formed on the wire, thrown after the field.
        var broken: ProfileError?
        do {
            guard let tag = try reader.readTag() else { return false }
            broken = try decodeField(tag, from: &reader, at: fieldOffset)
        } catch {
            throw .wire(error)
        }
        if let broken { throw broken }
        return true
    }

    private mutating func decodeField(_ tag: FieldTag, from reader: inout WireReader, at fieldOffset: Int) throws(WireError) -> ProfileError? {
        switch tag.fieldNumber {
        case 1:  // repeated ValueType sample_type
            guard budget.charge(DecodeBudget.Cost.sampleType, at: fieldOffset) else { return budget.error }
            raw.sampleTypes.append(try decodeValueType(try reader.readMessageField(tag)))
        case 2:  // repeated Sample sample
            flushStagedSamples()  // the general path reads and extends the columns
            guard raw.stackOffsets.count <= StackInterner.limit else {
                return .tooLarge(what: "distinct stacks", limit: StackInterner.limit, offset: fieldOffset)
            }
            try decodeSample(try reader.readMessageField(tag))
            if let error = budget.error { return error }
            if referenceOverflow {
                return .tooLarge(what: "location ids", limit: Int(LocationReference.slotFlag), offset: fieldOffset)
            }
        case 3:  // repeated Mapping mapping
            guard budget.charge(DecodeBudget.Cost.mapping, at: fieldOffset) else { return budget.error }
            raw.mappings.append(try decodeMapping(try reader.readMessageField(tag)))
        case 4:  // repeated Location location
            guard budget.charge(DecodeBudget.Cost.location, at: fieldOffset) else { return budget.error }
            try decodeLocation(try reader.readMessageField(tag))
            if let error = budget.error { return error }
        case 5:  // repeated Function function
            guard budget.charge(DecodeBudget.Cost.function, at: fieldOffset) else { return budget.error }
            raw.functions.append(try decodeFunction(try reader.readMessageField(tag)))
        case 6:  // repeated string string_table
            // Go strings are bytes: invalid UTF-8 is kept, to be printed as Go prints it.
            let bytes = try reader.readMessageField(tag).unreadBytes
            guard budget.charge(DecodeBudget.Cost.string(byteCount: bytes.count), at: fieldOffset) else { return budget.error }
            raw.strings.append(GoBytes.string(bytes))
            if raw.strings.count == 1 && !raw.strings[0].isEmpty {
                return .firstStringNotEmpty(offset: fieldOffset)
            }
        case 7:  // int64 drop_frames
            raw.dropFramesIndex = Int64(bitPattern: try reader.readVarintField(tag))
        case 8:  // int64 keep_frames
            raw.keepFramesIndex = Int64(bitPattern: try reader.readVarintField(tag))
        case 9:  // int64 time_nanos
            let value = Int64(bitPattern: try reader.readVarintField(tag))
            if raw.timeNanos != 0 { return .concatenatedProfiles(offset: fieldOffset) }
            raw.timeNanos = value
        case 10:  // int64 duration_nanos
            raw.durationNanos = Int64(bitPattern: try reader.readVarintField(tag))
        case 11:  // ValueType period_type
            raw.periodType = try decodeValueType(try reader.readMessageField(tag))
        case 12:  // int64 period
            raw.period = Int64(bitPattern: try reader.readVarintField(tag))
        case 13:  // repeated int64 comment
            // A packed run of n bytes holds at most n comments, charged before any is decoded.
            var run = reader
            let most = tag.wireType == .lengthDelimited ? try run.readLengthDelimited().remainingCount : 1
            guard budget.charge(most &* DecodeBudget.Cost.comment, at: fieldOffset) else { return budget.error }
            try reader.appendRepeatedInt64s(of: tag, to: &raw.commentIndices)
        case 14:  // int64 default_sample_type
            raw.defaultSampleTypeIndex = Int64(bitPattern: try reader.readVarintField(tag))
        case 15:  // int64 doc_url
            raw.docURLIndex = Int64(bitPattern: try reader.readVarintField(tag))
        default:
            try reader.skipValue(of: tag)
        }
        return nil
    }

    private func decodeValueType(_ message: WireReader) throws(WireError) -> RawProfile.ValueTypeIndices {
        var reader = message
        var value = RawProfile.ValueTypeIndices()
        while let tag = try reader.readTag() {
            switch tag.fieldNumber {
            case 1: value.typeIndex = Int64(bitPattern: try reader.readVarintField(tag))  // int64 type
            case 2: value.unitIndex = Int64(bitPattern: try reader.readVarintField(tag))  // int64 unit
            default: try reader.skipValue(of: tag)
            }
        }
        return value
    }

    private func decodeMapping(_ message: WireReader) throws(WireError) -> RawProfile.RawMapping {
        var reader = message
        var mapping = RawProfile.RawMapping()
        while let tag = try reader.readTag() {
            switch tag.fieldNumber {
            case 1: mapping.id = try reader.readVarintField(tag)  // uint64 id
            case 2: mapping.memoryStart = try reader.readVarintField(tag)  // uint64 memory_start
            case 3: mapping.memoryLimit = try reader.readVarintField(tag)  // uint64 memory_limit
            case 4: mapping.fileOffset = try reader.readVarintField(tag)  // uint64 file_offset
            case 5: mapping.filenameIndex = Int64(bitPattern: try reader.readVarintField(tag))  // int64 filename
            case 6: mapping.buildIDIndex = Int64(bitPattern: try reader.readVarintField(tag))  // int64 build_id
            case 7: mapping.hasFunctions = try reader.readVarintField(tag) != 0  // bool has_functions
            case 8: mapping.hasFilenames = try reader.readVarintField(tag) != 0  // bool has_filenames
            case 9: mapping.hasLineNumbers = try reader.readVarintField(tag) != 0  // bool has_line_numbers
            case 10: mapping.hasInlineFrames = try reader.readVarintField(tag) != 0  // bool has_inline_frames
            default: try reader.skipValue(of: tag)
            }
        }
        return mapping
    }

    private mutating func decodeLocation(_ message: WireReader) throws(WireError) {
        var reader = message
        var location = RawProfile.RawLocation()
        location.lineStart = Int32(truncatingIfNeeded: raw.lines.count)
        while let tag = try reader.readTag() {
            switch tag.fieldNumber {
            case 1: location.id = try reader.readVarintField(tag)  // uint64 id
            case 2: location.mappingID = try reader.readVarintField(tag)  // uint64 mapping_id
            case 3: location.address = try reader.readVarintField(tag)  // uint64 address
            case 4:  // repeated Line line
                guard budget.charge(DecodeBudget.Cost.line, at: reader.offset) else { return }
                raw.lines.append(try decodeLine(try reader.readMessageField(tag)))
            case 5: location.isFolded = try reader.readVarintField(tag) != 0  // bool is_folded
            default: try reader.skipValue(of: tag)
            }
        }
        location.lineCount = Int32(truncatingIfNeeded: raw.lines.count - Int(location.lineStart))
        raw.locations.append(location)
        raw.locationSlots.append(raw.locationIDs.slot(for: location.id))
    }

    private func decodeLine(_ message: WireReader) throws(WireError) -> RawProfile.RawLine {
        var reader = message
        var line = RawProfile.RawLine()
        while let tag = try reader.readTag() {
            switch tag.fieldNumber {
            case 1: line.functionID = try reader.readVarintField(tag)  // uint64 function_id
            case 2: line.line = Int64(bitPattern: try reader.readVarintField(tag))  // int64 line
            case 3: line.column = Int64(bitPattern: try reader.readVarintField(tag))  // int64 column
            default: try reader.skipValue(of: tag)
            }
        }
        return line
    }

    private func decodeFunction(_ message: WireReader) throws(WireError) -> RawProfile.RawFunction {
        var reader = message
        var function = RawProfile.RawFunction()
        while let tag = try reader.readTag() {
            switch tag.fieldNumber {
            case 1: function.id = try reader.readVarintField(tag)  // uint64 id
            case 2: function.nameIndex = Int64(bitPattern: try reader.readVarintField(tag))  // int64 name
            case 3: function.systemNameIndex = Int64(bitPattern: try reader.readVarintField(tag))  // int64 system_name
            case 4: function.filenameIndex = Int64(bitPattern: try reader.readVarintField(tag))  // int64 filename
            case 5: function.startLine = Int64(bitPattern: try reader.readVarintField(tag))  // int64 start_line
            default: try reader.skipValue(of: tag)
            }
        }
        return function
    }
}
