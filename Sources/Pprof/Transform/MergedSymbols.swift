import PprofModel
/// The mappings, locations, frames and functions of a merge, each merged by pprof's key and numbered from 1
/// in order of first use, and per source profile the translation of its indices into them. Both merges use
/// it: `ProfileMerger`, which also keys samples, and `SummingMerger`, which does not.
package struct MergedSymbols {
    private struct FunctionKey: Hashable {
        var startLine: Int64
        var name: String
        var systemName: String
        var filename: String
    }

    private struct MappingKey: Hashable {
        var size: UInt64
        var offset: UInt64
        var buildIDOrFile: String
    }

    private(set) package var mappings: [Mapping] = []
    private(set) package var locations: [Location] = []
    private(set) package var lines: [Line] = []
    private(set) package var functions: [Function] = []

    /// The first merged location at each mapping, address and digest of the rest of its key, and after each
    /// merged location the next one with all three the same (-1: none).
    private var locationsByAddress: LocationAddressIndex
    private var nextAtAddress: [Int32] = []
    private var functionNumbers: [FunctionKey: Int32] = [:]
    private var mappingNumbers: [MappingKey: Int32] = [:]

    // Per source profile: merged index (or -1 not yet mapped) of each location, function and mapping, and
    // the address shift of each mapping.
    private var locationMap: [Int32] = []
    private var functionMap: [Int32] = []
    private var functionDigests: [UInt64] = []
    private var mappingMap: [Int32] = []
    private var mappingShift: [Int64] = []
    private var mappedScratch: [UInt32] = []
    /// What `findKnownLocations` loads ahead of its checks, kept so that the loads are not optimized away.
    private var touchedLines: Int64 = 0

    /// `capacity`: about how many distinct locations the merge will hold.
    package init(capacity: Int) {
        locationsByAddress = LocationAddressIndex(capacity: capacity)
        locations.reserveCapacity(capacity)
        nextAtAddress.reserveCapacity(capacity)
    }

    /// Starts translating `source`'s indices; the first profile with mappings gives the merge its main mapping.
    package mutating func begin(_ source: Profile) {
        locationMap = [Int32](repeating: -1, count: source.locations.count)
        functionMap = [Int32](repeating: -1, count: source.functions.count)
        functionDigests = source.functions.map { Self.digest($0) }
        mappingMap = [Int32](repeating: -1, count: source.mappings.count)
        mappingShift = [Int64](repeating: 0, count: source.mappings.count)
        if mappings.isEmpty && !source.mappings.isEmpty {
            _ = mapMapping(0, of: source)
        }
        findKnownLocations(of: source)
    }

    /// Maps each of `source`'s locations that the merge has already, in the source's order and a batch at a
    /// time: first every lookup of the batch, then every check. Each lookup and each check's first frame is a
    /// cache miss in tables of a fleet's size; one after the other, the processor waits for each, while a
    /// batch's independent loads overlap. Nothing is added to the merge here (what is new is numbered as the
    /// samples first use it), and a location whose mapping is not merged yet waits for the samples too.
    private mutating func findKnownLocations(of source: Profile) {
        guard !locations.isEmpty else { return }
        let batchSize = 16
        var found = [LocationAddressIndex.Entry?](repeating: nil, count: batchSize)
        var batchStart = 0
        while batchStart < source.locations.count {
            let batch = batchStart..<min(batchStart &+ batchSize, source.locations.count)
            for index in batch {
                let location = source.locations[index]
                let sourceMapping = Int(location.mappingIndex)
                var mapping: Int32 = -1, shift: Int64 = 0
                if sourceMapping >= 0 && sourceMapping < source.mappings.count {
                    guard let known = findMapping(sourceMapping, of: source) else {
                        found[index &- batchStart] = nil
                        continue
                    }
                    (mapping, shift) = known
                }
                let address = UInt64(bitPattern: Int64(bitPattern: location.address) &+ shift)
                let digest = self.digest(source.lines[location.lineRange], isFolded: location.isFolded)
                found[index &- batchStart] = locationsByAddress.find(mapping: mapping, address: address, digest: digest)
            }
            var touched: Int64 = 0
            for entry in found.prefix(batch.count) {
                if let entry, entry.lineCount > 0 { touched ^= lines[Int(entry.lineStart)].line }
            }
            touchedLines ^= touched
            for index in batch {
                guard let entry = found[index &- batchStart] else { continue }
                let location = source.locations[index]
                if isSame(location, of: source, lineStart: entry.lineStart, lineCount: entry.lineCount, isFolded: entry.isFolded) {
                    locationMap[index] = entry.location
                }
            }
            batchStart = batch.upperBound
        }
    }

    /// Appends to `merged` the merged indices of `source`'s locations `indices` (`source` the profile last
    /// given to `begin`): a stack at a time, through a scratch buffer, as most are mapped already.
    package mutating func appendMapped(_ indices: Slice<LocationColumn>, of source: Profile, to merged: inout LocationColumn) {
        var scratch = mappedScratch
        mappedScratch = []
        if scratch.count < indices.count { scratch = [UInt32](repeating: 0, count: max(indices.count, scratch.count &* 2, 64)) }
        let column = indices.base
        let range = indices.startIndex..<indices.endIndex
        let count = scratch.withUnsafeMutableBufferPointer { out in
            column.isWide ? map(column.wide[range], of: source, into: out) : map(column.narrow[range], of: source, into: out)
        }
        merged.append(contentsOf: scratch[0..<count])
        mappedScratch = scratch
    }

    /// Writes the merged index of each of `source`'s locations `indices` to `out`; returns how many.
    private mutating func map<Reference: FixedWidthInteger & UnsignedInteger>(
        _ indices: ArraySlice<Reference>, of source: Profile, into out: UnsafeMutableBufferPointer<UInt32>
    ) -> Int {
        var count = 0
        for location in indices {
            let index = Int(location)
            var mapped = locationMap[index]
            if mapped < 0 { mapped = mapLocation(index, of: source) }
            out[count] = UInt32(bitPattern: mapped)
            count &+= 1
        }
        return count
    }

    /// The merged index of `source`'s location `index` (`source` the profile last given to `begin`).
    ///
    /// pprof keys a location by its mapping, its address relative to the mapping, its folding, its frames'
    /// functions and lines, and its outermost frame's column. Locations with another mapping, address or
    /// `digest` (of the rest of the key, functions by their names) have another key, so the merged locations
    /// with the same three (usually one: the same program's, in an earlier profile) are the only ones to
    /// compare with, frame by frame.
    package mutating func mapLocation(_ index: Int, of source: Profile) -> Int32 {
        let known = locationMap[index]
        if known >= 0 { return known }
        let location = source.locations[index]
        let (mapping, shift) = mapMapping(Int(location.mappingIndex), of: source)
        let address = UInt64(bitPattern: Int64(bitPattern: location.address) &+ shift)
        let digest = self.digest(source.lines[location.lineRange], isFolded: location.isFolded)
        var last: Int32 = -1
        if let first = locationsByAddress.find(mapping: mapping, address: address, digest: digest) {
            if isSame(location, of: source, lineStart: first.lineStart, lineCount: first.lineCount, isFolded: first.isFolded) {
                locationMap[index] = first.location
                return first.location
            }
            last = first.location
            var next = nextAtAddress[Int(last)]
            while next >= 0 {
                let other = locations[Int(next)]
                if isSame(location, of: source, lineStart: other.lineStart, lineCount: other.lineCount, isFolded: other.isFolded) {
                    locationMap[index] = next
                    return next
                }
                last = next
                next = nextAtAddress[Int(last)]
            }
        }

        let number = Int32(truncatingIfNeeded: locations.count)
        let start = lines.count
        for position in location.lineRange {
            let frame = source.lines[position]
            let function = mapFunction(Int(frame.functionIndex), of: source)
            lines.append(Line(functionIndex: function, line: frame.line, column: frame.column))
        }
        let merged = Location(
            id: UInt64(number &+ 1), mappingIndex: mapping, address: address,
            lineStart: Int32(truncatingIfNeeded: start), lineCount: Int32(truncatingIfNeeded: lines.count &- start),
            isFolded: location.isFolded)
        locations.append(merged)
        nextAtAddress.append(-1)
        if last >= 0 {
            nextAtAddress[Int(last)] = number
        } else {
            locationsByAddress.insert(merged, digest: digest, index: Int(number))
        }
        locationMap[index] = number
        return number
    }

    /// A hash of a location's folding, frames (each one's line and its function's `digest`) and outermost
    /// column: equal keys have equal digests. Unrelated frames share an address in generated profiles, and
    /// every location can be at address 0 in a converted one: the digest keeps those apart without mapping
    /// their functions, so that no address gathers a long list to compare with.
    private func digest(_ frames: ArraySlice<Line>, isFolded: Bool) -> UInt32 {
        var mixed = UInt64(truncatingIfNeeded: frames.count) &<< 1 | (isFolded ? 1 : 0)
        for frame in frames {
            let function = Int(frame.functionIndex)
            let functionDigest = function >= 0 && function < functionDigests.count ? functionDigests[function] : 0
            mixed = (mixed ^ UInt64(bitPattern: frame.line) ^ functionDigest) &* 0x9E37_79B9_7F4A_7C15
            mixed ^= mixed &>> 32
        }
        if let last = frames.last { mixed = (mixed ^ UInt64(bitPattern: last.column)) &* 0xBF58_476D_1CE4_E5B9 }
        return UInt32(truncatingIfNeeded: mixed ^ (mixed &>> 32))
    }

    /// A hash of a function's name and start line (so equal keys have equal digests), a word at a time.
    private static func digest(_ function: Function) -> UInt64 {
        let seed = UInt64(bitPattern: function.startLine) &* 0xC2B2_AE3D_27D4_EB4F
        if let digest = function.name.utf8.withContiguousStorageIfAvailable({ digest(UnsafeRawBufferPointer($0), seed: seed) }) {
            return digest
        }
        return Array(function.name.utf8).withUnsafeBytes { digest($0, seed: seed) }
    }

    private static func digest(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var mixed = seed
        var offset = 0
        while offset &+ 8 <= bytes.count {
            mixed = (mixed ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            mixed ^= mixed &>> 29
            offset &+= 8
        }
        var tail = UInt64(truncatingIfNeeded: bytes.count)
        while offset < bytes.count {
            tail = tail &<< 8 | UInt64(bytes[offset])
            offset &+= 1
        }
        mixed = (mixed ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return mixed ^ (mixed &>> 32)
    }

    /// Whether `location` has the key of the merged location at its mapping and address whose frames are
    /// `lines[lineStart..<lineStart + lineCount]`: the same folding, frame count, functions and lines, and
    /// column of the outermost frame. A source function not mapped yet is compared by its own key with the
    /// merged frame's function, and is mapped to it when they are equal (functions are merged by that key).
    private mutating func isSame(_ location: Location, of source: Profile, lineStart: Int32, lineCount: Int32, isFolded: Bool) -> Bool {
        guard isFolded == location.isFolded, lineCount == location.lineCount else { return false }
        let frames = location.lineRange
        var mergedLine = Int(lineStart)
        for position in frames {
            let frame = source.lines[position]
            let mergedFrame = lines[mergedLine]
            mergedLine &+= 1
            guard frame.line == mergedFrame.line else { return false }
            guard isSame(function: Int(frame.functionIndex), of: source, as: mergedFrame.functionIndex) else { return false }
        }
        // pprof's location key writes each frame's column where the next frame's function id then goes,
        // so only the outermost frame's column counts.
        if let last = frames.last, source.lines[last].column != lines[mergedLine &- 1].column { return false }
        return true
    }

    private mutating func isSame(function index: Int, of source: Profile, as mergedIndex: Int32) -> Bool {
        guard index >= 0 && index < source.functions.count else { return mergedIndex < 0 }
        let known = functionMap[index]
        if known >= 0 { return known == mergedIndex }
        guard mergedIndex >= 0 else { return false }
        let function = source.functions[index]
        let merged = functions[Int(mergedIndex)]
        guard function.startLine == merged.startLine, function.name == merged.name,
              function.systemName == merged.systemName, function.filename == merged.filename else { return false }
        functionMap[index] = mergedIndex
        return true
    }

    private mutating func mapMapping(_ index: Int, of source: Profile) -> (Int32, Int64) {
        guard index >= 0 && index < source.mappings.count else { return (-1, 0) }
        if let known = findMapping(index, of: source) { return known }
        let mapping = source.mappings[index]
        let number = Int32(truncatingIfNeeded: mappings.count)
        var copy = mapping
        copy.id = UInt64(mappings.count &+ 1)
        mappings.append(copy)
        mappingNumbers[Self.key(of: mapping)] = number
        mappingMap[index] = number
        mappingShift[index] = 0
        return (number, 0)
    }

    /// The merged mapping of `source`'s mapping `index` and the shift of its addresses, if the merge has it.
    private mutating func findMapping(_ index: Int, of source: Profile) -> (Int32, Int64)? {
        if mappingMap[index] >= 0 { return (mappingMap[index], mappingShift[index]) }
        let mapping = source.mappings[index]
        guard let existing = mappingNumbers[Self.key(of: mapping)] else { return nil }
        let shift = Int64(bitPattern: mappings[Int(existing)].memoryStart) &- Int64(bitPattern: mapping.memoryStart)
        mappingMap[index] = existing
        mappingShift[index] = shift
        return (existing, shift)
    }

    private static func key(of mapping: Mapping) -> MappingKey {
        var size = mapping.memoryLimit &- mapping.memoryStart
        size = size &+ 0xfff
        size = size &- size % 0x1000
        return MappingKey(
            size: size, offset: mapping.fileOffset,
            buildIDOrFile: !mapping.buildID.isEmpty ? mapping.buildID : mapping.filename)
    }

    private mutating func mapFunction(_ index: Int, of source: Profile) -> Int32 {
        guard index >= 0 && index < source.functions.count else { return -1 }
        if functionMap[index] >= 0 { return functionMap[index] }
        let function = source.functions[index]
        let key = FunctionKey(
            startLine: function.startLine, name: function.name, systemName: function.systemName, filename: function.filename)
        if let existing = functionNumbers[key] {
            functionMap[index] = existing
            return existing
        }
        let number = Int32(truncatingIfNeeded: functions.count)
        var copy = function
        copy.id = UInt64(functions.count &+ 1)
        functions.append(copy)
        functionNumbers[key] = number
        functionMap[index] = number
        return number
    }

    /// Moves the merged symbols into `profile`, leaving this table empty.
    package mutating func move(into profile: inout Profile) {
        profile.mappings = mappings
        profile.locations = locations
        profile.lines = lines
        profile.functions = functions
        mappings = []
        locations = []
        lines = []
        functions = []
    }
}
