import Protobuf

/// Samples: each sample's stack shared with earlier samples of the same locations (looked up by the bytes of
/// its packed location run, or by its decoded references), its values stored as a row or added into the row
/// of its stack, its labels kept or only checked.
extension ProfileDecoder {
    package mutating func decodeSample(_ message: WireReader) throws(WireError) {
        var reader = message
        let sampleOffset = reader.offset
        sampleValueCount = 0
        var locations = SampleLocations.none
        while let tag = try reader.readTag() {
            switch tag.fieldNumber {
            case 1:  // repeated uint64 location_id
                if case .none = locations, tag.wireType == .lengthDelimited, !sharesPackedStacks {
                    // Stacks do not repeat in this profile: the run is decoded and kept as a new stack, unshared.
                    var run = try reader.readLengthDelimited()
                    try appendLocationReferences(packed: &run)
                    locations = .fresh
                } else if case .none = locations, tag.wireType == .lengthDelimited {
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
                        // Refused, the field is still read below (a refused charge stores nothing).
                        let count = raw.stackOffsets[stack &+ 1] &- raw.stackOffsets[stack]
                        if budget.charge(count &* DecodeBudget.Cost.reference, at: reader.offset) {
                            let known = Array(raw.sampleLocationReferences[raw.stackOffsets[stack]..<raw.stackOffsets[stack &+ 1]])
                            raw.sampleLocationReferences.append(contentsOf: known)
                        }
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
        // A charge refused earlier in the sample (its references, values or labels): nothing half-decoded is
        // filed, and `decodeField` throws after the field.
        guard budget.exceeded == nil else { return }
        switch locations {
        case .known(let stack):
            addSample(onStack: stack, at: sampleOffset)
        case .new(let run, let probe):
            packedStacks.insert(run, stack: raw.stackOffsets.count &- 1, at: probe)
            addSample(onStack: appendNewStack(at: sampleOffset), at: sampleOffset)
            if sampleCount >= nextSharingCheck { decideSharing() }
        case .fresh:
            addSample(onStack: appendNewStack(at: sampleOffset), at: sampleOffset)
        case .none, .assembled:
            // No run, or runs in another form: shared through the decoded references instead.
            let known = raw.stackOffsets.withUnsafeBufferPointer { offsets in
                raw.sampleLocationReferences.isWide
                    ? raw.sampleLocationReferences.wide.withUnsafeBufferPointer { stacks.intern($0, offsets: offsets) }
                    : raw.sampleLocationReferences.narrow.withUnsafeBufferPointer { stacks.intern($0, offsets: offsets) }
            }
            if let known {
                raw.sampleLocationReferences.removeLast(
                    raw.sampleLocationReferences.count &- raw.stackOffsets[raw.stackOffsets.count &- 1])
                addSample(onStack: known, at: sampleOffset)
            } else {
                addSample(onStack: appendNewStack(at: sampleOffset), at: sampleOffset)
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
    package enum SampleLocations {
        case none
        /// One packed run, the bytes of stack `stack`'s.
        case known(stack: Int)
        /// One packed run seen for the first time, decoded onto `sampleLocationReferences`.
        case new(run: UnsafeRawBufferPointer, probe: PackedStackTable.Probe)
        /// Unpacked references or several runs, decoded onto `sampleLocationReferences`.
        case assembled
        /// One packed run decoded onto `sampleLocationReferences` without a lookup (`sharesPackedStacks` off).
        case fresh
    }

    /// How many samples are decoded before deciding whether sharing stacks pays. The repeated heap profiles
    /// have a stack in about 3.6 samples, the runtime's one-sample-per-bucket profiles under 1.1: sharing
    /// stops when more than four samples in five brought a new stack. Not sharing never changes a report,
    /// only what is stored. Decided on the path of a new stack only, so the shared path pays nothing.
    package static let sharingWindow = 16_384
    /// A first look, after fewer samples: where nearly every sample so far brought a new stack (31 in 32),
    /// sharing stops there. Every sample before the decision pays a lookup and an insert (2% of a runtime
    /// profile's `-top` at 16,384), and a fleet file of 6,000 samples never reached the full window. A profile
    /// that repeats its stacks but shows few repeats this early (many stacks, shuffled) is left to the window.
    package static let earlySharingCheck = 4_096

    /// Called after the sample's run is filed (a probe of `packedStacks` must not outlive the table).
    private mutating func decideSharing() {
        let stackCount = raw.stackOffsets.count &- 1
        let stops: Bool
        if sampleCount < Self.sharingWindow {
            stops = stackCount > sampleCount &- sampleCount / 32
            nextSharingCheck = stops ? .max : Self.sharingWindow
        } else {
            stops = stackCount > sampleCount &- sampleCount / 5
            nextSharingCheck = .max
        }
        if stops {
            sharesPackedStacks = false
            packedStacks = PackedStackTable()  // its memory is not needed any more
        }
    }

    /// Makes the references after the last stack a stack of their own; returns its number.
    mutating func appendNewStack(at offset: Int) -> Int {
        // Checked by `decodeField` after the sample: a stack costs a few bytes more than the sample's row.
        _ = budget.charge(DecodeBudget.Cost.stack, at: offset)
        raw.stackOffsets.append(raw.sampleLocationReferences.count)
        raw.firstSampleOfStack.append(UInt32(truncatingIfNeeded: sampleCount))
        if mergesSamples { rowOfStack.append(-1) }
        return raw.stackOffsets.count &- 2
    }

    /// Files the sample just decoded (its values in `valueScratch`) under `stack`: as a row of its own, or,
    /// when samples are merged, added into the row of an earlier sample of the stack. Only a new row is charged,
    /// before it is stored (a sample's values are bounded only by its bytes): samples merged into a row cost
    /// nothing. Refused, nothing is stored, and `decodeField` throws after the sample.
    mutating func addSample(onStack stack: Int, at offset: Int) {
        if mergesSamples {
            let row = Int(rowOfStack[stack])
            if row >= 0 && addValues(toRow: row) { return }
        }
        guard budget.charge(DecodeBudget.Cost.sampleRow &+ sampleValueCount &* DecodeBudget.Cost.value, at: offset) else { return }
        if mergesSamples {
            rowOfStack[stack] = Int32(truncatingIfNeeded: raw.sampleStacks.count)
        }
        raw.sampleStacks.append(UInt32(truncatingIfNeeded: stack))
        // One append per value: `append(contentsOf:)` of a buffer of four cost twice as much.
        for index in 0..<sampleValueCount { raw.sampleValues.append(valueScratch[index]) }
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
            // An id past the direct range may take a new slot of the id table.
            let cost = id > LocationReference.largestDirectID ? DecodeBudget.Cost.reference &+ DecodeBudget.Cost.idSlot : DecodeBudget.Cost.reference
            guard budget.charge(cost, at: reader.offset) else { return }
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
    /// append per run instead of one per reference. Inlined: the budget's checks made it large enough for
    /// the optimiser to stop inlining it into `decodeSample` (0.4% more instructions for `-top` of a runtime profile).
    @inline(__always)
    private mutating func appendLocationReferences(packed: inout WireReader) throws(WireError) {
        let bound = packed.remainingCount
        let runOffset = packed.offset
        // Charged before decoding, by what the run can hold, and the unused part given back after (one
        // check per run, none in the decoding loop): a reference per byte, the run's bytes kept to look the
        // stack up by, and a slot of the id table for each new id past the direct range (5 bytes or more).
        let mostSlots = bound / 5
        guard budget.charge(mostSlots &* DecodeBudget.Cost.idSlot &+ bound &* (DecodeBudget.Cost.reference &+ 1), at: runOffset)
        else { return }
        let slotsBefore = Int(raw.locationIDs.count)
        // The scratch grows to the longest run before anything is decoded.
        if scratch.count < bound {
            let grown = max(bound, scratch.count &* 2)
            guard budget.charge((grown &- scratch.count) &* 4, at: runOffset) else { return }
            scratch = [UInt32](repeating: 0, count: grown)
        }
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
        let unusedSlots = mostSlots &- (Int(raw.locationIDs.count) &- slotsBefore)
        budget.refund(unusedSlots &* DecodeBudget.Cost.idSlot &+ (bound &- decoded) &* DecodeBudget.Cost.reference)
        // Through a buffer pointer: appending the slice `scratch[0..<decoded]` retained and released the scratch
        // per sample, 2% of `-top` on a runtime profile.
        scratch.withUnsafeBufferPointer { decodedRun in
            raw.sampleLocationReferences.append(contentsOf: UnsafeBufferPointer(rebasing: decodedRun[0..<decoded]))
        }
        referencePages.ensure(&raw.sampleLocationReferences)
    }

    /// Decodes values onto this sample's `valueScratch`, packed or not.
    private mutating func appendValues(of tag: FieldTag, from reader: inout WireReader) throws(WireError) {
        switch tag.wireType {
        case .varint:
            let value = Int64(bitPattern: try reader.readVarint())
            guard reserveValueScratch(1, at: reader.offset) else { return }
            valueScratch[sampleValueCount] = value
            sampleValueCount &+= 1
        case .lengthDelimited:
            var packed = try reader.readLengthDelimited()
            guard reserveValueScratch(packed.remainingCount, at: packed.offset) else { return }
            let start = sampleValueCount
            sampleValueCount &+= try valueScratch.withUnsafeMutableBufferPointer { (buffer) throws(WireError) -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return try packed.readAllVarints(into: base + start) { Int64(bitPattern: $0) }
            }
        default:
            throw WireError(.wireTypeMismatch(field: tag.fieldNumber, got: tag.wireType), at: reader.offset)
        }
    }

    /// Room for `more` values in `valueScratch`; false when the budget refuses the growth.
    private mutating func reserveValueScratch(_ more: Int, at offset: Int) -> Bool {
        let needed = sampleValueCount &+ more
        if valueScratch.count < needed {
            let growth = max(needed, valueScratch.count &* 2) &- valueScratch.count
            guard budget.charge(growth &* DecodeBudget.Cost.value, at: offset) else { return false }
            valueScratch += [Int64](repeating: 0, count: growth)
        }
        return true
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
            keep(label, at: message.offset)
            return
        }
        // The indices the resolver would check, in its order.
        recordLabelIndex(label.keyIndex, .key, at: message.offset)
        if label.stringIndex != 0 {
            recordLabelIndex(label.stringIndex, .string, at: message.offset)
        } else if label.number != 0 || label.unitIndex != 0 {
            recordLabelIndex(label.unitIndex, .numberUnit, at: message.offset)
        }
    }

    /// Out of line: the budget check would otherwise stop `decodeLabel` being inlined into `decodeSample`.
    @inline(never)
    private mutating func keep(_ label: RawProfile.RawLabel, at offset: Int) {
        guard budget.charge(DecodeBudget.Cost.label, at: offset) else { return }
        raw.sampleLabels.append(label)
    }

    /// Inlined, as most calls only find the index no larger than one already recorded.
    @inline(__always)
    mutating func recordLabelIndex(_ index: Int64, _ field: RawProfile.LabelIndexRecord.Field, at offset: Int) {
        let magnitude = UInt64(bitPattern: index)
        guard raw.labelIndexRecords.isEmpty || magnitude > largestLabelIndex else { return }
        record(index, field, at: offset)
    }

    @inline(never)
    private mutating func record(_ index: Int64, _ field: RawProfile.LabelIndexRecord.Field, at offset: Int) {
        let magnitude = UInt64(bitPattern: index)
        // Checked by `decodeField` after the sample; a record is a few bytes of a label of two or more.
        _ = budget.charge(DecodeBudget.Cost.labelRecord, at: offset)
        largestLabelIndex = magnitude
        raw.labelIndexRecords.append(RawProfile.LabelIndexRecord(sample: sampleCount, field: field, index: index))
    }
}
