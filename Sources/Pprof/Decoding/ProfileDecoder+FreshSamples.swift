import Protobuf

/// The usual sample of a profile whose stacks do not repeat, decoded in one pass over its bytes: one packed run
/// of location ids of up to four bytes each, one packed run of as many values as the first sample had, and
/// labels of the four known fields, each tag a single byte. It is stored exactly as `decodeSample` stores it
/// (the same columns, label records and budget charges), only after all of it has been read and found to have
/// that shape, and only when the budget surely allows it; anything else (an unknown field, a long or
/// truncated varint, a second run, a charge that might be refused) leaves the decoder untouched and returns
/// false, for `decodeSample` to decode the field with its errors and offsets. On a runtime heap profile the
/// general path spent about 1,300 instructions a sample outside its location ids; this spends a few hundred.
/// Consecutive such samples are decoded in one call, written straight into a stage and appended to the
/// columns a thousand at a time (`FreshSampleStage`): runtime `-list` 565 M → 535 M instructions.
extension ProfileDecoder {
    /// Labels a sample read in one pass may have (`freshSampleLabels` holds them); more go the general way.
    package static let mostFastLabels = 4

    /// Decodes the sample fields at `reader`, one after another, while each is complete there and of the
    /// usual shape, stopping at the first that is not or at offset `stop`; false when none was decoded. The
    /// samples are staged (`FreshSampleStage`) and stay there across the other top-level fields (the runtime
    /// writes a location before the first sample that uses it, so a profile's samples come a few at a time):
    /// `flushStagedSamples` appends them to the columns before a sample takes the general path and when
    /// decoding ends, so every other reader sees the columns whole.
    @inline(__always)
    mutating func decodeFreshSampleFields(from reader: inout WireReader, before stop: Int = .max) -> Bool {
        guard decodesFreshSamplesInOnePass, !sharesPackedStacks, !decodesLabels, raw.firstValueCountChange == nil,
              let width = raw.firstSampleValueCount?.count, width > 0, width <= valueScratch.count,
              width <= FreshSampleStage.widestSample, reader.unreadBytes.first == 0x12 else { return false }
        return decodeFreshSamples(from: &reader, width: width, before: stop)
    }

    private mutating func decodeFreshSamples(from reader: inout WireReader, width: Int, before stop: Int) -> Bool {
        let stage = freshStage ?? FreshSampleStage()
        freshStage = stage
        // A run the general path would decode without growing its scratch, so both charge the same.
        let longestRun = min(scratch.count, FreshSampleStage.referenceCapacity)
        var decoded = 0
        while reader.offset < stop {
            if !stage.hasRoom(forRunOf: longestRun) { flushFreshSamples(stage) }
            guard decodeFreshSampleField(from: &reader, width: width, longestRun: longestRun, into: stage) else { break }
            decoded &+= 1
        }
        guard decoded > 0 else { return false }
        sampleValueCount = width
        samplesDecodedInOnePass &+= decoded
        return true
    }

    /// Appends the staged samples to the columns.
    mutating func flushStagedSamples() {
        if let stage = freshStage, stage.sampleCount > 0 { flushFreshSamples(stage) }
    }

    private mutating func flushFreshSamples(_ stage: FreshSampleStage) {
        stage.flush(into: &raw, rowOfStack: &rowOfStack, mergesSamples: mergesSamples, decodedSamples: sampleCount)
        referencePages.ensure(&raw.sampleLocationReferences)
        valuePages.ensure(&raw.sampleValues)
    }

    /// Decodes the sample field at `reader` into `stage` when it is complete there and of the usual shape, and
    /// moves past it; false, with nothing read or stored, otherwise.
    @inline(__always)
    private mutating func decodeFreshSampleField(
        from reader: inout WireReader, width: Int, longestRun: Int, into stage: FreshSampleStage
    ) -> Bool {
        let field = reader.unreadBytes
        guard field.count >= 2, let fieldBase = field.baseAddress?.assumingMemoryBound(to: UInt8.self),
              fieldBase[0] == 0x12 else { return false }  // field 2, length-delimited: a sample
        var index = 1
        guard let length = Varint.decode(fieldBase, &index, end: min(field.count, 4)), length <= UInt64(field.count &- index)
        else { return false }
        let body = UnsafeBufferPointer(start: fieldBase + index, count: Int(length))
        guard decodeFreshSample(body, width: width, longestRun: longestRun, into: stage, at: reader.offset &+ index)
        else { return false }
        return reader.skip(index &+ Int(length))
    }

    /// Reads the sample in `body` into the stage's free room, and stages it (advances the stage's counts) only
    /// once all of it has been read and the budget surely allows it.
    private mutating func decodeFreshSample(
        _ body: UnsafeBufferPointer<UInt8>, width: Int, longestRun: Int, into stage: FreshSampleStage, at sampleOffset: Int
    ) -> Bool {
        guard let base = body.baseAddress else { return false }
        let end = body.count
        var index = 0
        var run: Range<Int>?
        var idCount = 0
        var sawValues = false
        var labelCount = 0
        while index < end {
            let tag = base[index]
            index &+= 1
            guard let length = Varint.decode(base, &index, end: end), length <= UInt64(end &- index) else { return false }
            let fieldEnd = index &+ Int(length)
            switch tag {
            case 0x0A:  // repeated uint64 location_id, packed
                guard run == nil, fieldEnd &- index <= longestRun else { return false }
                let decoded = { () -> Int? in
                    let ids = stage.references + stage.referenceCount
                    var count = 0
                    while index < fieldEnd {
                        // Four two-byte ids in the next eight bytes (ids 128 to 16383, most of a real profile's):
                        // each 16-bit half-word is one when only its low byte has the continuation bit.
                        if index &+ 8 <= fieldEnd {
                            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                            if word & 0x8080_8080_8080_8080 == 0x0080_0080_0080_0080 {
                                let low = word & 0x007f_007f_007f_007f
                                let joined = low | (word &>> 1 & 0x3f80_3f80_3f80_3f80)
                                ids[count] = UInt32(truncatingIfNeeded: joined & 0x3fff)
                                ids[count &+ 1] = UInt32(truncatingIfNeeded: joined &>> 16 & 0x3fff)
                                ids[count &+ 2] = UInt32(truncatingIfNeeded: joined &>> 32 & 0x3fff)
                                ids[count &+ 3] = UInt32(truncatingIfNeeded: joined &>> 48)
                                count &+= 4
                                index &+= 8
                                continue
                            }
                        }
                        // One and two bytes inline; up to four bytes (under 2^28), each id is its own code.
                        let first = base[index]
                        if first < 0x80 {
                            ids[count] = UInt32(first)
                            index &+= 1
                        } else if index &+ 1 < fieldEnd && base[index &+ 1] < 0x80 {
                            ids[count] = UInt32(first & 0x7f) | UInt32(base[index &+ 1]) &<< 7
                            index &+= 2
                        } else {
                            guard let id = Varint.decode(base, &index, end: min(fieldEnd, index &+ 4)) else { return nil }
                            ids[count] = UInt32(truncatingIfNeeded: id)
                        }
                        count &+= 1
                    }
                    return count
                }()
                guard let decoded, index == fieldEnd else { return false }
                run = (fieldEnd &- Int(length))..<fieldEnd
                idCount = decoded
            case 0x12:  // repeated int64 value, packed
                // Only a run the general path would read without growing its scratch (it makes room for as many
                // values as the run has bytes), so both charge the same.
                guard !sawValues, fieldEnd &- index <= valueScratch.count else { return false }
                sawValues = true
                let complete = { () -> Bool in
                    let values = stage.values + stage.valueCount
                    var count = 0
                    while index < fieldEnd {
                        guard count < width, let value = Varint.decode(base, &index, end: fieldEnd) else { return false }
                        values[count] = Int64(bitPattern: value)
                        count &+= 1
                    }
                    return count == width
                }()
                guard complete else { return false }
            case 0x1A:  // repeated Label label
                guard labelCount < Self.mostFastLabels, let label = Self.label(base, from: index, to: fieldEnd) else { return false }
                freshSampleLabels[labelCount] = label
                labelCount &+= 1
                index = fieldEnd
            default:
                return false
            }
        }
        guard let run, sawValues, raw.stackOffsets.count &+ stage.sampleCount <= StackInterner.limit else { return false }
        // What `decodeSample` charges for this sample at its peak, with two records a label at most: the run as
        // charged before its unused id slots and references are given back, the stack, the row and its values.
        // Within what is surely allowed, no charge of either path looks at the bounds again, so both leave the
        // budget the same.
        let runAtMost = run.count / 5 &* DecodeBudget.Cost.idSlot &+ run.count &* (DecodeBudget.Cost.reference &+ 1)
        let peak = runAtMost &+ DecodeBudget.Cost.stack &+ DecodeBudget.Cost.sampleRow &+ width &* DecodeBudget.Cost.value
            &+ labelCount &* 2 &* DecodeBudget.Cost.labelRecord
        guard budget.surelyAllows(peak) else { return false }

        for slot in 0..<labelCount {
            let label = freshSampleLabels[slot]
            recordLabelIndex(label.keyIndex, .key, at: sampleOffset)
            if label.stringIndex != 0 {
                recordLabelIndex(label.stringIndex, .string, at: sampleOffset)
            } else if label.number != 0 || label.unitIndex != 0 {
                recordLabelIndex(label.unitIndex, .numberUnit, at: sampleOffset)
            }
        }
        // The charges of the run, the new stack and the row, at once: none of them looks at the bounds.
        _ = budget.charge(
            run.count &+ idCount &* DecodeBudget.Cost.reference &+ DecodeBudget.Cost.stack &+ DecodeBudget.Cost.sampleRow
                &+ width &* DecodeBudget.Cost.value,
            at: sampleOffset)
        // The end of its new stack; the stage derives the rest of what `appendNewStack` and `addSample` store.
        stage.referenceCount &+= idCount
        stage.stackEnds[stage.sampleCount] = raw.sampleLocationReferences.count &+ stage.referenceCount
        stage.valueCount &+= width
        stage.sampleCount &+= 1
        sampleCount += 1
        return true
    }

    /// A label of the four known fields, each a varint under a one-byte tag; nil for anything else (a varint
    /// that does not end sends the field to the general decoder, which reports it).
    private static func label(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> RawProfile.RawLabel? {
        var label = RawProfile.RawLabel()
        var index = start
        while index < end {
            let tag = base[index]
            index &+= 1
            guard let value = Varint.decode(base, &index, end: end) else { return nil }
            switch tag {
            case 0x08: label.keyIndex = Int64(bitPattern: value)
            case 0x10: label.stringIndex = Int64(bitPattern: value)
            case 0x18: label.number = Int64(bitPattern: value)
            case 0x20: label.unitIndex = Int64(bitPattern: value)
            default: return nil
            }
        }
        return label
    }
}
