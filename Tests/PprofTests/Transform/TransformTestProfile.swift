@testable import Pprof
@testable import PprofAnalysis
@testable import PprofCompression
@testable import PprofDecoding
@testable import PprofEscape
@testable import PprofFormatting
@testable import PprofJoin
@testable import PprofLoading
@testable import PprofModel
@testable import PprofReports
@testable import PprofTransform

/// Small profiles for transform tests, built field by field: one function per name, one location per
/// distinct frame list, samples given root last (leaf first), as pprof stores them.
struct TransformTestProfile {
    var profile = Profile()

    init(types: [(String, String)] = [("alloc_space", "bytes")], period: ValueType = ValueType(type: "space", unit: "bytes")) {
        profile.sampleTypes = types.map { ValueType(type: $0.0, unit: $0.1) }
        profile.samples.valueCount = types.count
        profile.periodType = period
        profile.period = 1
        profile.mappings = [Mapping(
            id: 1, memoryStart: 0x400000, memoryLimit: 0x800000, fileOffset: 0, filename: "/bin/app", buildID: "abc",
            hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: true)]
    }

    mutating func function(_ name: String, file: String = "/src/app.go") -> Int32 {
        if let index = profile.functions.firstIndex(where: { $0.name == name && $0.filename == file }) {
            return Int32(index)
        }
        profile.functions.append(Function(
            id: UInt64(profile.functions.count + 1), name: name, systemName: name, filename: file, startLine: 1))
        return Int32(profile.functions.count - 1)
    }

    /// A location whose frames are `names`, innermost inlined frame first; reused when it exists.
    mutating func location(_ names: [String], line: Int64 = 10, column: Int64 = 0) -> UInt32 {
        let functions = names.map { function($0) }
        for (index, location) in profile.locations.enumerated() {
            let frames = profile.lines[location.lineRange]
            if frames.map(\.functionIndex) == functions && frames.allSatisfy({ $0.line == line && $0.column == column }) {
                return UInt32(index)
            }
        }
        let start = Int32(profile.lines.count)
        for function in functions { profile.lines.append(Line(functionIndex: function, line: line, column: column)) }
        let index = profile.locations.count
        // The address follows from the frames, so that the same frames in two profiles are one location.
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in names.joined(separator: "+").utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        profile.locations.append(Location(
            id: UInt64(index + 1), mappingIndex: 0, address: 0x401000 + (hash % 0x10000) * 0x10,
            lineStart: start, lineCount: Int32(functions.count), isFolded: false))
        return UInt32(index)
    }

    /// A sample through `stack` (leaf first, one non-inlined frame per name).
    mutating func sample(_ stack: [String], _ values: Int64..., labels: [Label] = []) {
        let locations = stack.map { location([$0]) }
        profile.samples.append(locations: locations, values: values, labels: labels)
    }

    /// A sample through explicit locations (leaf first).
    mutating func sample(locations: [UInt32], _ values: Int64..., labels: [Label] = []) {
        profile.samples.append(locations: locations, values: values, labels: labels)
    }
}

extension Profile {
    /// Each sample as "leaf;…;root=v1,v2" with function names of the physical and inlined frames, for
    /// comparing whole profiles in one line.
    var stacks: [String] {
        (0..<samples.count).map { sample in
            let names = samples.locationRange(of: sample).map { position -> String in
                let location = locations[Int(samples.locationIndices[position])]
                return lines[location.lineRange].map { functions[Int($0.functionIndex)].name }.joined(separator: "+")
            }
            let values = (0..<samples.valueCount).map { String(samples.value(of: sample, type: $0)) }
            return names.joined(separator: ";") + "=" + values.joined(separator: ",")
        }
    }

    func labels(ofSample sample: Int) -> [Label] { Array(samples.labels[samples.labelRange(of: sample)]) }
}

extension Label {
    static func string(_ key: String, _ value: String) -> Label { Label(key: key, string: value, number: 0, numberUnit: "") }
    static func number(_ key: String, _ value: Int64, unit: String = "") -> Label {
        Label(key: key, string: nil, number: value, numberUnit: unit)
    }
}
