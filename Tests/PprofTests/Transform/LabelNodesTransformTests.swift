import PprofModel
import PprofTransform
import Testing

/// `-tagroot`/`-tagleaf` and `-normalize` on a profile built in place.
@Suite struct LabelNodesTransformTests {
    static func profile() -> Profile {
        var profile = Profile()
        profile.sampleTypes = [ValueType(type: "samples", unit: "count")]
        profile.functions = [Function(id: 7, name: "main", systemName: "main", filename: "m.go", startLine: 1)]
        profile.lines = [Line(functionIndex: 0, line: 3, column: 0)]
        profile.locations = [Location(id: 9, mappingIndex: -1, address: 0x10, lineStart: 0, lineCount: 1, isFolded: false)]
        profile.samples.valueCount = 1
        profile.samples.append(locations: [0], values: [5], labels: [
            Label(key: "who", string: "a", number: 0, numberUnit: ""),
            Label(key: "size", string: nil, number: 2048, numberUnit: "bytes"),
        ])
        profile.samples.append(locations: [0], values: [3], labels: [])
        return profile
    }

    static func names(_ profile: Profile, sample: Int) -> [String] {
        profile.samples.locationIndices[profile.samples.locationRange(of: sample)].map { location in
            let function = profile.functions[Int(profile.frames(ofLocation: Int(location)).first?.functionIndex ?? 0)]
            return function.name + "@" + function.filename
        }
    }

    @Test func rootKeysGoAboveTheStackFirstKeyOutermost() {
        var profile = Self.profile()
        let matched = profile.addLabelNodes(rootKeys: ["who", "size"], leafKeys: [], outputUnit: "minimum")
        #expect(matched == (true, false))
        #expect(Self.names(profile, sample: 0) == ["main@m.go", "2kB@size", "a@who"])
        // A sample without the label gets a frame with an empty name, as in pprof.
        #expect(Self.names(profile, sample: 1) == ["main@m.go", "@size", "@who"])
        // New ids follow the highest ones; pseudo locations have no mapping and no address.
        #expect(profile.locations.map(\.id) == [9, 10, 11, 12, 13])
        #expect(profile.functions.map(\.id) == [7, 8, 9, 10, 11])
        #expect(profile.locations.dropFirst().allSatisfy { $0.mappingIndex == -1 && $0.address == 0 })
    }

    @Test func leafKeysGoBelowTheStackLastKeyInnermost() {
        var profile = Self.profile()
        profile.addLabelNodes(rootKeys: [], leafKeys: ["who", "size"], outputUnit: "kB")
        #expect(Self.names(profile, sample: 0) == ["2kB@size", "a@who", "main@m.go"])
    }

    @Test func normalizeScalesToTheBaseTotal() {
        var profile = Self.profile()
        var base = Self.profile()
        base.scale(by: 2)
        profile.normalize(by: base)
        #expect(profile.samples.values == [10, 6])
    }
}
