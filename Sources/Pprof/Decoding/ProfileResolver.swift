import PprofLoading
import PprofModel
/// Turns a `RawProfile` into a `Profile`: resolves string indices and ids, then checks what pprof's
/// `CheckValid` checks (value counts, dangling and duplicate ids, lines without functions).
package struct ProfileResolver {
    /// Consumed: the sample columns move into the profile (location slots are remapped in place) rather than
    /// being copied.
    package var raw: RawProfile

    package init(raw: consuming RawProfile) {
        self.raw = raw
    }

    package mutating func resolve() throws(ProfileError) -> Profile {
        var profile = Profile()
        let strings = raw.strings

        func string(_ index: Int64, _ owner: @autoclosure () -> String) throws(ProfileError) -> String {
            guard index >= 0, index < Int64(strings.count) else {
                throw .stringIndexOutOfRange(owner: owner(), index: index, tableCount: strings.count)
            }
            return strings[Int(index)]
        }

        for (position, type) in raw.sampleTypes.enumerated() {
            profile.sampleTypes.append(ValueType(
                type: try string(type.typeIndex, "sample_type[\(position)].type"),
                unit: try string(type.unitIndex, "sample_type[\(position)].unit")))
        }
        profile.periodType = ValueType(
            type: try string(raw.periodType.typeIndex, "period_type.type"),
            unit: try string(raw.periodType.unitIndex, "period_type.unit"))
        profile.dropFrames = try string(raw.dropFramesIndex, "drop_frames")
        profile.keepFrames = try string(raw.keepFramesIndex, "keep_frames")
        profile.defaultSampleType = try string(raw.defaultSampleTypeIndex, "default_sample_type")
        profile.docURL = try string(raw.docURLIndex, "doc_url")
        for (position, index) in raw.commentIndices.enumerated() {
            profile.comments.append(try string(index, "comment[\(position)]"))
        }
        profile.timeNanos = raw.timeNanos
        profile.durationNanos = raw.durationNanos
        profile.period = raw.period

        // The runtime numbers mappings and functions 1, 2, 3… in the order it writes them: then an id's index is
        // id - 1 and no two ids are the same, with no table (a hashed lookup per line and per location was 4%
        // of merging the fleet profiles).
        let mappingIDs = DenseIDs(raw.mappings.lazy.map(\.id))
        var mappingIndexByID: [UInt64: Int32] = [:]
        for mapping in raw.mappings {
            guard mapping.id != 0 else { throw .reservedID(entity: "mapping") }
            guard mappingIDs.isDense
                || mappingIndexByID.updateValue(Int32(profile.mappings.count), forKey: mapping.id) == nil else {
                throw .duplicateID(entity: "mapping", id: mapping.id)
            }
            profile.mappings.append(Mapping(
                id: mapping.id, memoryStart: mapping.memoryStart, memoryLimit: mapping.memoryLimit,
                fileOffset: mapping.fileOffset,
                filename: try string(mapping.filenameIndex, "mapping \(mapping.id) filename"),
                buildID: try string(mapping.buildIDIndex, "mapping \(mapping.id) build_id"),
                hasFunctions: mapping.hasFunctions, hasFilenames: mapping.hasFilenames,
                hasLineNumbers: mapping.hasLineNumbers, hasInlineFrames: mapping.hasInlineFrames))
        }

        let functionIDs = DenseIDs(raw.functions.lazy.map(\.id))
        var functionIndexByID: [UInt64: Int32] = [:]
        if !functionIDs.isDense { functionIndexByID.reserveCapacity(raw.functions.count) }
        for function in raw.functions {
            guard function.id != 0 else { throw .reservedID(entity: "function") }
            guard functionIDs.isDense
                || functionIndexByID.updateValue(Int32(profile.functions.count), forKey: function.id) == nil else {
                throw .duplicateID(entity: "function", id: function.id)
            }
            profile.functions.append(Function(
                id: function.id,
                name: try string(function.nameIndex, "function \(function.id) name"),
                systemName: try string(function.systemNameIndex, "function \(function.id) system_name"),
                filename: try string(function.filenameIndex, "function \(function.id) filename"),
                startLine: function.startLine))
        }

        profile.lines.reserveCapacity(raw.lines.count)
        for line in raw.lines {
            // A missing function is reported per location below; -1 marks it until then.
            let functionIndex = line.functionID == 0 ? -1 : functionIDs.index(of: line.functionID, in: functionIndexByID)
            profile.lines.append(Line(functionIndex: functionIndex, line: line.line, column: line.column))
        }

        var locationBySlot = [Int32](repeating: -1, count: Int(raw.locationIDs.count))
        profile.locations.reserveCapacity(raw.locations.count)
        for (index, location) in raw.locations.enumerated() {
            guard location.id != 0 else { throw .reservedID(entity: "location") }
            let slot = Int(raw.locationSlots[index])
            guard locationBySlot[slot] == -1 else { throw .duplicateID(entity: "location", id: location.id) }
            locationBySlot[slot] = Int32(index)
            for line in profile.lines[Int(location.lineStart)..<Int(location.lineStart) + Int(location.lineCount)]
            where line.functionIndex < 0 {
                throw .lineWithoutFunction(locationID: location.id)
            }
            profile.locations.append(Location(
                id: location.id,
                mappingIndex: mappingIDs.index(of: location.mappingID, in: mappingIndexByID),
                address: location.address,
                lineStart: location.lineStart, lineCount: location.lineCount,
                isFolded: location.isFolded))
        }

        try resolveSamples(into: &profile, locationBySlot: locationBySlot, string: string)
        return profile
    }

    /// Remaps `references` in place from `LocationReference` codes to location indices; returns the position of
    /// the first code of no location (left as it was, for the error), or nil.
    private func remap<Reference: FixedWidthInteger & UnsignedInteger>(
        _ column: inout [Reference], dense: Bool, locationCount: Int, locationBySlot: [Int32]
    ) -> Int? {
        column.withUnsafeMutableBufferPointer { references -> Int? in
            if dense {
                // No exit from the loop, so it is vectorised; the first dangling reference is looked for only
                // when there is one (id 0 wraps round to the largest index).
                var largest: Reference = 0
                for position in references.indices {
                    let index = references[position] &- 1
                    largest = max(largest, index)
                    references[position] = index
                }
                guard Int(largest) >= locationCount,
                      let position = references.firstIndex(where: { Int($0) >= locationCount }) else { return nil }
                references[position] &+= 1  // its id again, for the error
                return position
            }
            for position in references.indices {
                let code = UInt32(truncatingIfNeeded: references[position])
                var index: Int32 = -1
                if code & LocationReference.slotFlag != 0 {
                    index = locationBySlot[Int(code & ~LocationReference.slotFlag)]
                } else if let slot = raw.locationIDs.existingSlot(for: UInt64(code)) {
                    index = locationBySlot[Int(slot)]
                }
                if index < 0 { return position }
                references[position] = Reference(truncatingIfNeeded: index)
            }
            return nil
        }
    }

    private mutating func resolveSamples(
        into profile: inout Profile, locationBySlot: [Int32],
        string: (Int64, @autoclosure () -> String) throws(ProfileError) -> String
    ) throws(ProfileError) {
        let sampleCount = raw.sampleStacks.count
        let typeCount = profile.sampleTypes.count
        if sampleCount > 0 {
            guard typeCount > 0 else { throw .missingSampleTypes }
            if let first = raw.firstSampleValueCount, first.count != typeCount {
                throw .valueCountMismatch(sample: 0, values: first.count, types: typeCount, offset: first.offset)
            }
            if let change = raw.firstValueCountChange {
                throw .valueCountMismatch(
                    sample: change.sample, values: change.count, types: typeCount, offset: change.offset)
            }
        }

        var locationIndices = raw.sampleLocationReferences
        raw.sampleLocationReferences = LocationColumn()  // the only reference left: remapped in place
        // The runtime numbers locations 1, 2, 3… in the order it writes them: index = id - 1, no lookup.
        let idsAreIndexPlusOne = DenseIDs(profile.locations.lazy.map(\.id)).isDense
        let locationCount = profile.locations.count
        // Narrow codes are ids, never slots. Their indices stay narrow below 65,535 locations, so that 0xFFFF
        // (id 0 less one) is never an index.
        let dangling: Int?
        if locationCount < Int(UInt16.max), let narrow = locationIndices.updateNarrow({ references in
            remap(&references, dense: idsAreIndexPlusOne, locationCount: locationCount, locationBySlot: locationBySlot)
        }) {
            dangling = narrow
        } else {
            dangling = locationIndices.updateWide { references in
                remap(&references, dense: idsAreIndexPlusOne, locationCount: locationCount, locationBySlot: locationBySlot)
            }
        }
        if let position = dangling {
            // Stacks are numbered in order of first use, so the first stack with a dangling reference is that
            // of the first such sample.
            var stack = 0
            while raw.stackOffsets[stack + 1] <= position { stack += 1 }
            let sample = Int(raw.firstSampleOfStack[stack])
            let code = locationIndices[position]
            let id = code & LocationReference.slotFlag != 0
                ? raw.locationIDs.ids[Int(code & ~LocationReference.slotFlag)] : UInt64(code)
            throw .danglingLocation(sample: sample, locationID: id)
        }

        var table = SampleTable()
        table.valueCount = typeCount
        table.values = raw.sampleValues
        table.stackOfSample = raw.sampleStacks
        table.stackOffsets = raw.stackOffsets
        table.locationIndices = locationIndices
        if raw.labelsSkipped {
            let tableCount = UInt64(raw.strings.count)
            if let bad = raw.labelIndexRecords.first(where: { UInt64(bitPattern: $0.index) >= tableCount }) {
                let field: String
                switch bad.field {
                case .key: field = "key"
                case .string: field = "str"
                case .numberUnit: field = "num_unit"
                }
                _ = try string(bad.index, "sample \(bad.sample) label \(field)")
            }
            table.labelOffsets = [Int](repeating: 0, count: sampleCount + 1)
            profile.samples = table
            return
        }
        table.labelOffsets = [0]
        table.labelOffsets.reserveCapacity(raw.sampleLabelOffsets.count)
        table.labels.reserveCapacity(raw.sampleLabels.count)
        var labelPages = PagePrefetcher()
        for sampleIndex in 0..<sampleCount {
            for label in raw.sampleLabels[raw.sampleLabelOffsets[sampleIndex]..<raw.sampleLabelOffsets[sampleIndex + 1]] {
                let key = try string(label.keyIndex, "sample \(sampleIndex) label key")
                if label.stringIndex != 0 {
                    table.labels.append(Label(
                        key: key, string: try string(label.stringIndex, "sample \(sampleIndex) label str"),
                        number: 0, numberUnit: ""))
                } else if label.number != 0 || label.unitIndex != 0 {
                    table.labels.append(Label(
                        key: key, string: nil, number: label.number,
                        numberUnit: try string(label.unitIndex, "sample \(sampleIndex) label num_unit")))
                }
            }
            table.labelOffsets.append(table.labels.count)
            labelPages.ensure(&table.labels)
        }
        profile.samples = table
    }
}
