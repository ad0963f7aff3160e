import Protobuf

/// Decodes profile.proto bytes into a `RawProfile`, one table of field handlers per message, each annotated with
/// its `.proto` field. Messages may come in any order and interleaved (Go's runtime writes locations, functions
/// and samples interleaved and the string table last); unknown fields of every wire type are skipped.
struct ProfileDecoder {
    var raw = RawProfile()
    private var sampleCount = 0
    private var stacks = StackInterner()
    private var packedStacks = PackedStackTable()
    /// Set when a location id needed a slot beyond `LocationReference`'s 31 bits.
    private var referenceOverflow = false
    private let decodesLabels: Bool
    /// `LoadOptions.mergesSamplesOfAStack`, when labels are not kept.
    private let mergesSamples: Bool
    /// With `mergesSamples`, the row (sample) that each stack's later samples are added into, -1 until it has
    /// one; an entry per stack.
    private var rowOfStack: [Int32] = []
    private var largestLabelIndex: UInt64 = 0
    /// Room for one packed run of location references (a run of n bytes holds at most n varints).
    private var scratch = [UInt32](repeating: 0, count: 256)
    /// The values of the sample being decoded, `valueScratch[0..<sampleValueCount]`: stored as a row of
    /// their own, or added into an earlier row of their stack.
    private var valueScratch = [Int64](repeating: 0, count: 16)
    private var sampleValueCount = 0
    private var referencePages = PagePrefetcher()
    private var valuePages = PagePrefetcher()
    private var labelPages = PagePrefetcher()

    /// How often, in bytes of input, `decodeProfile` offers the decoded prefix to its `release` callback.
    static let releaseInterval = 16 << 20

    /// `inputSize` reserves the sample columns up front from the size of the input, which bounds them: the
    /// capacity never used is address space that is never touched, not memory, and the columns never double
    /// (a doubling copies a column and holds both copies at once, the peak of a large profile).
    init(decodesLabels: Bool = true, mergesSamples: Bool = false, inputSize: Int = 0) {
        self.decodesLabels = decodesLabels
        self.mergesSamples = mergesSamples && !decodesLabels
        raw.labelsSkipped = !decodesLabels
        if inputSize >= 1 << 20 {
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
    mutating func takeRaw() -> RawProfile {
        var taken = RawProfile()
        swap(&taken, &raw)
        return taken
    }

    /// Decodes a whole profile. `release`, when given, is called with an offset every `releaseInterval` bytes:
    /// everything before it has been decoded (strings copied) and will not be read again.
    mutating func decodeProfile(_ bytes: UnsafeRawBufferPointer, release: ((Int) -> Void)? = nil) throws(ProfileError) {
        var reader = WireReader(bytes)
        var nextRelease = Self.releaseInterval
        do {
            while !reader.isAtEnd {
                if let release, reader.offset >= nextRelease {
                    release(reader.offset)
                    nextRelease = reader.offset &+ Self.releaseInterval
                }
                guard try decodeField(from: &reader) else { break }
            }
        } catch let error as WireError {
            throw .wire(error)
        } catch let error as ProfileError {
            throw error
        } catch {
            throw .wire(WireError(.truncatedVarint, at: reader.offset))
        }
    }

    /// Decodes a profile from a stream of its bytes (`fill` writes the next bytes into a buffer and returns
    /// their count, 0 at the end) through a window that holds the top-level fields being decoded, never the
    /// whole profile: for gzip input, the inflated bytes are decoded while they are still in cache and are
    /// never all in memory. Returns the number of bytes decoded. Any failure, of the stream or of the
    /// profile, throws `StreamingFailed`: the caller decodes again the whole way, for that way's errors.
    mutating func decodeProfile(
        streamingFrom fill: (UnsafeMutableRawBufferPointer) throws(GzipError) -> Int
    ) throws(StreamingFailed) -> Int {
        var capacity = Self.windowSize
        var window = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { window.deallocate() }
        var base = 0  // absolute offset of window[0]
        var start = 0  // first byte not decoded yet
        var filled = 0
        var ended = false
        do {
            while true {
                var reader = WireReader(UnsafeRawBufferPointer(rebasing: window[start..<filled]), baseOffset: base &+ start)
                fields: while !reader.isAtEnd {
                    // Decode the next field only when all of it is in the window (or the stream has ended).
                    var probe = reader
                    if !ended {
                        var complete = true
                        do {
                            if let tag = try probe.readTag() { try probe.skipValue(of: tag) }
                        } catch {
                            switch error.code {
                            case .truncatedVarint, .truncatedFixed, .lengthExceedsInput: complete = false
                            default: throw StreamingFailed()
                            }
                        }
                        if !complete { break fields }
                    }
                    guard try decodeField(from: &reader) else { break fields }
                    if reader.offset != probe.offset && !ended { throw StreamingFailed() }
                }
                start = reader.offset &- base
                if ended {
                    guard start == filled else { throw StreamingFailed() }
                    return base &+ filled
                }
                // Keep the undecoded tail, then read more after it; a field larger than the window grows it.
                let tail = filled &- start
                if tail > 0, start > 0, let destination = window.baseAddress, let source = window.baseAddress {
                    destination.copyMemory(from: UnsafeRawPointer(source + start), byteCount: tail)
                }
                base &+= start
                filled = tail
                start = 0
                if filled == capacity {
                    let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity &* 2, alignment: 16)
                    if let destination = grown.baseAddress, let source = window.baseAddress {
                        destination.copyMemory(from: UnsafeRawPointer(source), byteCount: filled)
                    }
                    window.deallocate()
                    window = grown
                    capacity &*= 2
                }
                let count = try fill(UnsafeMutableRawBufferPointer(rebasing: window[filled..<capacity]))
                if count == 0 { ended = true }
                filled &+= count
            }
        } catch {
            throw StreamingFailed()
        }
    }

    struct StreamingFailed: Error {}

    /// The window of `decodeProfile(streamingFrom:)`: a few hundred top-level fields, in L2 cache.
    static let windowSize = 256 << 10

    /// Decodes one top-level field; false at the end of the input.
    private mutating func decodeField(from reader: inout WireReader) throws -> Bool {
        let fieldOffset = reader.offset
        guard let tag = try reader.readTag() else { return false }
        switch tag.fieldNumber {
        case 1:  // repeated ValueType sample_type
            raw.sampleTypes.append(try decodeValueType(try reader.readMessageField(tag)))
        case 2:  // repeated Sample sample
            guard raw.stackOffsets.count <= StackInterner.limit else {
                throw ProfileError.tooLarge(what: "distinct stacks", limit: StackInterner.limit, offset: fieldOffset)
            }
            try decodeSample(try reader.readMessageField(tag))
            if referenceOverflow {
                throw ProfileError.tooLarge(what: "location ids", limit: Int(LocationReference.slotFlag), offset: fieldOffset)
            }
        case 3:  // repeated Mapping mapping
            raw.mappings.append(try decodeMapping(try reader.readMessageField(tag)))
        case 4:  // repeated Location location
            try decodeLocation(try reader.readMessageField(tag))
        case 5:  // repeated Function function
            raw.functions.append(try decodeFunction(try reader.readMessageField(tag)))
        case 6:  // repeated string string_table
            raw.strings.append(try reader.readMessageField(tag).remainingString())
            if raw.strings.count == 1 && !raw.strings[0].isEmpty {
                throw ProfileError.firstStringNotEmpty(offset: fieldOffset)
            }
        case 7:  // int64 drop_frames
            raw.dropFramesIndex = Int64(bitPattern: try reader.readVarintField(tag))
        case 8:  // int64 keep_frames
            raw.keepFramesIndex = Int64(bitPattern: try reader.readVarintField(tag))
        case 9:  // int64 time_nanos
            let value = Int64(bitPattern: try reader.readVarintField(tag))
            if raw.timeNanos != 0 { throw ProfileError.concatenatedProfiles(offset: fieldOffset) }
            raw.timeNanos = value
        case 10:  // int64 duration_nanos
            raw.durationNanos = Int64(bitPattern: try reader.readVarintField(tag))
        case 11:  // ValueType period_type
            raw.periodType = try decodeValueType(try reader.readMessageField(tag))
        case 12:  // int64 period
            raw.period = Int64(bitPattern: try reader.readVarintField(tag))
        case 13:  // repeated int64 comment
            try reader.appendRepeatedInt64s(of: tag, to: &raw.commentIndices)
        case 14:  // int64 default_sample_type
            raw.defaultSampleTypeIndex = Int64(bitPattern: try reader.readVarintField(tag))
        case 15:  // int64 doc_url
            raw.docURLIndex = Int64(bitPattern: try reader.readVarintField(tag))
        default:
            try reader.skipValue(of: tag)
        }
        return true
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

    private mutating func decodeSample(_ message: WireReader) throws(WireError) {
        var reader = message
        let sampleOffset = reader.offset
        sampleValueCount = 0
        var locations = SampleLocations.none
        while let tag = try reader.readTag() {
            switch tag.fieldNumber {
            case 1:  // repeated uint64 location_id
                if case .none = locations, tag.wireType == .lengthDelimited {
                    // The usual single packed run: looked up by its bytes, decoded only when new.
                    let packed = try reader.readLengthDelimited()
                    let found = packedStacks.find(packed.unreadBytes)
                    if let stack = found.stack {
                        locations = .known(stack: stack)
                    } else {
                        var run = packed
                        try appendLocationReferences(packed: &run)
                        locations = .new(run: packed.unreadBytes, probe: found.probe)
                    }
                } else {
                    if case .known(let stack) = locations {
                        // More references after a known run: this sample's list is a new one, built in full.
                        // Copied out first: appending a slice of the column to itself would copy the column.
                        let known = Array(raw.sampleLocationReferences[raw.stackOffsets[stack]..<raw.stackOffsets[stack &+ 1]])
                        raw.sampleLocationReferences.append(contentsOf: known)
                    }
                    locations = .assembled
                    try appendLocationReferences(of: tag, from: &reader)
                }
            case 2:  // repeated int64 value
                try appendValues(of: tag, from: &reader)
            case 3:  // repeated Label label
                try decodeLabel(try reader.readMessageField(tag))
            default:
                try reader.skipValue(of: tag)
            }
        }
        let valueCount = sampleValueCount
        if let first = raw.firstSampleValueCount {
            if raw.firstValueCountChange == nil && valueCount != first.count {
                raw.firstValueCountChange = (sampleCount, valueCount, sampleOffset)
            }
        } else {
            raw.firstSampleValueCount = (valueCount, sampleOffset)
        }
        switch locations {
        case .known(let stack):
            addSample(onStack: stack)
        case .new(let run, let probe):
            packedStacks.insert(run, stack: raw.stackOffsets.count &- 1, at: probe)
            addSample(onStack: appendNewStack())
        case .none, .assembled:
            // No run, or runs in another form: shared through the decoded references instead.
            let known = raw.sampleLocationReferences.withUnsafeBufferPointer { references in
                raw.stackOffsets.withUnsafeBufferPointer { offsets in stacks.intern(references, offsets: offsets) }
            }
            if let known {
                raw.sampleLocationReferences.removeLast(
                    raw.sampleLocationReferences.count &- raw.stackOffsets[raw.stackOffsets.count &- 1])
                addSample(onStack: known)
            } else {
                addSample(onStack: appendNewStack())
            }
        }
        if decodesLabels {
            raw.sampleLabelOffsets.append(raw.sampleLabels.count)
            labelPages.ensure(&raw.sampleLabels)
        }
        valuePages.ensure(&raw.sampleValues)
        sampleCount += 1
    }

    /// How a sample's locations were read so far.
    private enum SampleLocations {
        case none
        /// One packed run, the bytes of stack `stack`'s.
        case known(stack: Int)
        /// One packed run seen for the first time, decoded onto `sampleLocationReferences`.
        case new(run: UnsafeRawBufferPointer, probe: PackedStackTable.Probe)
        /// Unpacked references or several runs, decoded onto `sampleLocationReferences`.
        case assembled
    }

    /// Makes the references after the last stack a stack of their own; returns its number.
    private mutating func appendNewStack() -> Int {
        raw.stackOffsets.append(raw.sampleLocationReferences.count)
        raw.firstSampleOfStack.append(UInt32(truncatingIfNeeded: sampleCount))
        if mergesSamples { rowOfStack.append(-1) }
        return raw.stackOffsets.count &- 2
    }

    /// Files the sample just decoded (its values in `valueScratch`) under `stack`: as a row of its own, or,
    /// when samples are merged, added into the row of an earlier sample of the stack.
    private mutating func addSample(onStack stack: Int) {
        if mergesSamples {
            let row = Int(rowOfStack[stack])
            if row >= 0 && addValues(toRow: row) { return }
            rowOfStack[stack] = Int32(truncatingIfNeeded: raw.sampleStacks.count)
        }
        raw.sampleStacks.append(UInt32(truncatingIfNeeded: stack))
        let count = sampleValueCount
        valueScratch.withUnsafeBufferPointer { raw.sampleValues.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }

    /// Adds this sample's values into row `row`, when that sums what the reports sum: every value of both
    /// non-negative (so |a + b| = |a| + |b|, and the sum is zero only when both are), no sum overflowing, and
    /// every sample so far with the same number of values (so rows have one width).
    private mutating func addValues(toRow row: Int) -> Bool {
        guard raw.firstValueCountChange == nil, let width = raw.firstSampleValueCount?.count,
              sampleValueCount == width, width > 0 else { return false }
        let base = row &* width
        guard base &+ width <= raw.sampleValues.count else { return false }
        return valueScratch.withUnsafeBufferPointer { added in
            raw.sampleValues.withUnsafeMutableBufferPointer { values in
                for type in 0..<width {
                    let sum = values[base &+ type].addingReportingOverflow(added[type])
                    if values[base &+ type] < 0 || added[type] < 0 || sum.overflow { return false }
                }
                for type in 0..<width { values[base &+ type] &+= added[type] }
                return true
            }
        }
    }

    private mutating func appendLocationReferences(of tag: FieldTag, from reader: inout WireReader) throws(WireError) {
        switch tag.wireType {
        case .varint:
            let id = try reader.readVarint()
            guard let code = LocationReference.code(for: id, slots: &raw.locationIDs) else {
                referenceOverflow = true
                return
            }
            raw.sampleLocationReferences.append(code)
        case .lengthDelimited:
            var packed = try reader.readLengthDelimited()
            try appendLocationReferences(packed: &packed)
        default:
            throw WireError(.wireTypeMismatch(field: tag.fieldNumber, got: tag.wireType), at: reader.offset)
        }
    }

    /// Decodes a packed run of location ids onto `sampleLocationReferences`, through a scratch buffer: one
    /// append per run instead of one per reference.
    private mutating func appendLocationReferences(packed: inout WireReader) throws(WireError) {
        let bound = packed.remainingCount
        if scratch.count < bound { scratch = [UInt32](repeating: 0, count: max(bound, scratch.count * 2)) }
        var overflow = false
        let decoded = try scratch.withUnsafeMutableBufferPointer { (buffer) throws(WireError) -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return try packed.readAllVarints(into: base) { id in
                guard let code = LocationReference.code(for: id, slots: &raw.locationIDs) else {
                    overflow = true
                    return 0
                }
                return code
            }
        }
        if overflow {
            referenceOverflow = true
            return
        }
        raw.sampleLocationReferences.append(contentsOf: scratch[0..<decoded])
        referencePages.ensure(&raw.sampleLocationReferences)
    }

    /// Decodes values onto this sample's `valueScratch`, packed or not.
    private mutating func appendValues(of tag: FieldTag, from reader: inout WireReader) throws(WireError) {
        switch tag.wireType {
        case .varint:
            let value = Int64(bitPattern: try reader.readVarint())
            reserveValueScratch(1)
            valueScratch[sampleValueCount] = value
            sampleValueCount &+= 1
        case .lengthDelimited:
            var packed = try reader.readLengthDelimited()
            reserveValueScratch(packed.remainingCount)
            let start = sampleValueCount
            sampleValueCount &+= try valueScratch.withUnsafeMutableBufferPointer { (buffer) throws(WireError) -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return try packed.readAllVarints(into: base + start) { Int64(bitPattern: $0) }
            }
        default:
            throw WireError(.wireTypeMismatch(field: tag.fieldNumber, got: tag.wireType), at: reader.offset)
        }
    }

    private mutating func reserveValueScratch(_ more: Int) {
        let needed = sampleValueCount &+ more
        if valueScratch.count < needed {
            valueScratch += [Int64](repeating: 0, count: max(needed, valueScratch.count * 2) &- valueScratch.count)
        }
    }

    private mutating func decodeLabel(_ message: WireReader) throws(WireError) {
        var reader = message
        var label = RawProfile.RawLabel()
        while let tag = try reader.readTag() {
            switch tag.fieldNumber {
            case 1: label.keyIndex = Int64(bitPattern: try reader.readVarintField(tag))  // int64 key
            case 2: label.stringIndex = Int64(bitPattern: try reader.readVarintField(tag))  // int64 str
            case 3: label.number = Int64(bitPattern: try reader.readVarintField(tag))  // int64 num
            case 4: label.unitIndex = Int64(bitPattern: try reader.readVarintField(tag))  // int64 num_unit
            default: try reader.skipValue(of: tag)
            }
        }
        if decodesLabels {
            raw.sampleLabels.append(label)
            return
        }
        // The indices the resolver would check, in its order.
        recordLabelIndex(label.keyIndex, .key)
        if label.stringIndex != 0 {
            recordLabelIndex(label.stringIndex, .string)
        } else if label.number != 0 || label.unitIndex != 0 {
            recordLabelIndex(label.unitIndex, .numberUnit)
        }
    }

    private mutating func recordLabelIndex(_ index: Int64, _ field: RawProfile.LabelIndexRecord.Field) {
        let magnitude = UInt64(bitPattern: index)
        guard raw.labelIndexRecords.isEmpty || magnitude > largestLabelIndex else { return }
        largestLabelIndex = magnitude
        raw.labelIndexRecords.append(RawProfile.LabelIndexRecord(sample: sampleCount, field: field, index: index))
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
            case 4: raw.lines.append(try decodeLine(try reader.readMessageField(tag)))  // repeated Line line
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
