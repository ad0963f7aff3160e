import Testing
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

@Suite struct ProfileDecodingTests {
    @Test func validProfileResolvesIdsAndStrings() throws {
        let profile = try Profile(bytes: TestProfile().encoded())
        #expect(profile.sampleTypes == [ValueType(type: "alloc_space", unit: "bytes")])
        #expect(profile.samples.count == 2)
        #expect(profile.functions.map(\.name) == ["main.f", "main.g"])
        let leaf = profile.locations[Int(profile.samples.locationIndices[0])]
        #expect(leaf.id == 1)
        #expect(profile.frames(ofLocation: 0).map(\.line) == [10])
        #expect(profile.samples.value(of: 1, type: 0) == 40)
    }

    @Test func stringTableMayComeFirstOrLast() throws {
        var writer = ProtoWriter()
        for text in ["", "samples", "count"] { writer.string(6, text) }
        writer.message(1) { $0.int(1, 1); $0.int(2, 2) }
        let profile = try Profile(bytes: writer.bytes)
        #expect(profile.sampleTypes.first?.type == "samples")
    }

    @Test func unpackedAndPackedLocationIdsMix() throws {
        var writer = ProtoWriter()
        writer.message(2) { message in
            message.uint(1, 1)
            message.packed(1, [2, 1])
            message.uint(2, 5)
        }
        writer.message(1) { $0.int(1, 1); $0.int(2, 2) }
        writer.message(4) { $0.uint(1, 1) }
        writer.message(4) { $0.uint(1, 2) }
        for text in ["", "samples", "count"] { writer.string(6, text) }
        let profile = try Profile(bytes: writer.bytes)
        let ids = profile.samples.locationRange(of: 0).map { profile.locations[Int(profile.samples.locationIndices[$0])].id }
        #expect(ids == [1, 2, 1])
    }

    @Test func emptyInputIsAnError() {
        #expect(throws: ProfileError.emptyInput) { try Profile(bytes: []) }
    }

    @Test func firstStringMustBeEmpty() {
        var profile = TestProfile()
        profile.strings[0] = "x"
        let bytes = profile.encoded()
        let offset = bytes.count - profile.strings.reduce(0) { $0 + $1.utf8.count + 2 }
        #expect(throws: ProfileError.firstStringNotEmpty(offset: offset)) { try Profile(bytes: bytes) }
    }

    @Test func secondTimeStampMeansConcatenatedProfiles() throws {
        var profile = TestProfile()
        profile.timeNanos = [5, 6]
        #expect(throws: ProfileError.self) { try Profile(bytes: profile.encoded()) }
        do {
            _ = try Profile(bytes: profile.encoded())
        } catch {
            guard case .concatenatedProfiles = error else {
                Issue.record("expected concatenated profiles, got \(error)")
                return
            }
        }
    }

    @Test func stringIndexOutOfRangeNamesItsOwner() {
        var profile = TestProfile()
        profile.functions[1].name = 99
        #expect(throws: ProfileError.stringIndexOutOfRange(owner: "function 2 name", index: 99, tableCount: 6)) {
            try Profile(bytes: profile.encoded())
        }
    }

    @Test func samplesWithoutSampleTypesAreRejected() {
        var profile = TestProfile()
        profile.sampleTypes = []
        #expect(throws: ProfileError.missingSampleTypes) { try Profile(bytes: profile.encoded()) }
    }

    @Test func valueCountMismatchPointsAtTheSample() throws {
        var profile = TestProfile()
        profile.samples[1].values = [1, 2]
        let error = try #require(throws: ProfileError.self) { try Profile(bytes: profile.encoded()) }
        guard case .valueCountMismatch(let sample, let values, let types, let offset) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(sample == 1 && values == 2 && types == 1)
        #expect(offset > 0)
    }

    @Test func danglingLocationIsReportedWithItsId() {
        var profile = TestProfile()
        profile.samples[0].locations = [1, 77]
        #expect(throws: ProfileError.danglingLocation(sample: 0, locationID: 77)) { try Profile(bytes: profile.encoded()) }
    }

    @Test func danglingLocationNamesTheFirstSampleOfASharedStack() {
        var profile = TestProfile()
        profile.samples = [([1, 2], [1]), ([2], [2]), ([1, 2], [3]), ([2, 77], [4]), ([2], [5]), ([2, 77], [6])]
        #expect(throws: ProfileError.danglingLocation(sample: 3, locationID: 77)) { try Profile(bytes: profile.encoded()) }
    }

    @Test func samplesWithTheSameLocationsShareAStack() throws {
        var profile = TestProfile()
        // Same length, same locations in another order, a prefix, a repeat: only exact repeats are shared.
        profile.samples = [([1, 2], [1]), ([2, 1], [2]), ([1, 2], [3]), ([1], [4]), ([2, 1], [5]), ([1, 2], [6]), ([], [7])]
        let decoded = try Profile(bytes: profile.encoded())
        let samples = decoded.samples
        #expect(samples.count == 7)
        #expect(samples.stackCount == 4)
        #expect(samples.stackOfSample == [0, 1, 0, 2, 1, 0, 3])
        let ids = (0..<samples.count).map { sample in
            samples.locationRange(of: sample).map { decoded.locations[Int(samples.locationIndices[$0])].id }
        }
        #expect(ids == profile.samples.map(\.locations))
        #expect((0..<samples.count).map { samples.value(of: $0, type: 0) } == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test func everyFormOfLocationIdsKeepsItsSamplesList() throws {
        // Packed runs are shared by their bytes; unpacked ids, several runs, or a known run followed by more
        // ids are assembled and shared by their ids.
        let forms: [[(packed: Bool, ids: [UInt64])]] = [
            [(true, [1, 2])], [(true, [1, 2]), (false, [1])], [(false, [1]), (false, [2])], [(true, [1, 2])],
            [(true, [2]), (true, [1])], [(false, [1]), (false, [2])], [], [(true, [])],
        ]
        var writer = ProtoWriter()
        writer.message(1) { $0.int(1, 1); $0.int(2, 2) }
        for (index, sample) in forms.enumerated() {
            writer.message(2) { message in
                message.packed(2, [UInt64(index + 1)])
                for run in sample {
                    if run.packed { message.packed(1, run.ids) } else { for id in run.ids { message.uint(1, id) } }
                }
            }
        }
        writer.message(4) { $0.uint(1, 1) }
        writer.message(4) { $0.uint(1, 2) }
        for text in ["", "samples", "count"] { writer.string(6, text) }
        let profile = try Profile(bytes: writer.bytes)
        let samples = profile.samples
        let ids = (0..<samples.count).map { sample in
            samples.locationRange(of: sample).map { profile.locations[Int(samples.locationIndices[$0])].id }
        }
        #expect(ids == [[1, 2], [1, 2, 1], [1, 2], [1, 2], [2, 1], [1, 2], [], []])
        #expect(samples.stackOfSample[0] == samples.stackOfSample[3])
        #expect(samples.stackOfSample[2] == samples.stackOfSample[5])
        #expect((0..<samples.count).map { samples.value(of: $0, type: 0) } == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func manyDistinctStacksStayDistinct() throws {
        // Enough stacks to grow the interning table several times; each sample's ids come back unchanged.
        var profile = TestProfile()
        profile.locations = (1...40).map { id in (id: UInt64(id), lines: [(function: UInt64(1), line: Int64(id))]) }
        profile.samples = (0..<20_000).map { index in
            let stack = [UInt64(index % 40 + 1), UInt64(index / 40 % 40 + 1), UInt64(index / 1600 % 40 + 1)]
            return (stack, [Int64(index)])
        }
        let decoded = try Profile(bytes: profile.encoded())
        let samples = decoded.samples
        #expect(samples.stackCount == 20_000)
        for (sample, expected) in profile.samples.enumerated() {
            let ids = samples.locationRange(of: sample).map { decoded.locations[Int(samples.locationIndices[$0])].id }
            #expect(ids == expected.locations)
        }
    }

    /// Functions and mappings numbered 1, 2, 3… in order are resolved from their ids without a table; in any
    /// other order or numbering, through it. Either way each line names its own function and each location
    /// its own mapping.
    @Test(arguments: [
        ([(1, 3), (2, 5)], [1]),  // the runtime's numbering
        ([(2, 5), (1, 3)], [2, 1]),
        ([(7, 3), (9, 5)], [5, 1, 3]),
        ([(1, 3), (3, 5)], [1, 2]),
    ] as [([(UInt64, Int64)], [UInt64])])
    func idsInAnyOrderResolveToTheirOwnEntries(functions: [(UInt64, Int64)], mappings: [UInt64]) throws {
        var profile = TestProfile()
        profile.functions = functions.map { (id: $0.0, name: $0.1) }
        profile.mappings = mappings
        let named = { (name: Int64) in functions.first { $0.1 == name }?.0 ?? 0 }
        profile.locations = [(1, [(named(3), 10)]), (2, [(named(5), 20)])]
        let decoded = try Profile(bytes: profile.encoded())
        let names = decoded.locations.map { location in
            decoded.functions[Int(decoded.lines[Int(location.lineStart)].functionIndex)].name
        }
        #expect(names == ["main.f", "main.g"])
        #expect(decoded.locations.map { decoded.mappings[Int($0.mappingIndex)].id } == [1, 1])
    }

    @Test func reservedLocationIdIsRejected() {
        var profile = TestProfile()
        profile.locations.append((0, []))
        #expect(throws: ProfileError.reservedID(entity: "location")) { try Profile(bytes: profile.encoded()) }
    }

    @Test func reservedFunctionIdIsRejected() {
        var profile = TestProfile()
        profile.functions.append((0, 3))
        #expect(throws: ProfileError.reservedID(entity: "function")) { try Profile(bytes: profile.encoded()) }
    }

    @Test func reservedMappingIdIsRejected() {
        var profile = TestProfile()
        profile.mappings.append(0)
        #expect(throws: ProfileError.reservedID(entity: "mapping")) { try Profile(bytes: profile.encoded()) }
    }

    @Test func duplicateIdsAreRejected() {
        var locations = TestProfile()
        locations.locations.append((2, [(1, 3)]))
        #expect(throws: ProfileError.duplicateID(entity: "location", id: 2)) { try Profile(bytes: locations.encoded()) }
        var functions = TestProfile()
        functions.functions.append((1, 3))
        #expect(throws: ProfileError.duplicateID(entity: "function", id: 1)) { try Profile(bytes: functions.encoded()) }
        var mappings = TestProfile()
        mappings.mappings.append(1)
        #expect(throws: ProfileError.duplicateID(entity: "mapping", id: 1)) { try Profile(bytes: mappings.encoded()) }
    }

    @Test func lineWithUnknownFunctionIsRejected() {
        var profile = TestProfile()
        profile.locations[0].lines = [(9, 1)]
        #expect(throws: ProfileError.lineWithoutFunction(locationID: 1)) { try Profile(bytes: profile.encoded()) }
    }

    @Test func lineWithFunctionIdZeroIsRejected() {
        var profile = TestProfile()
        profile.locations[1].lines = [(0, 1)]
        #expect(throws: ProfileError.lineWithoutFunction(locationID: 2)) { try Profile(bytes: profile.encoded()) }
    }

    @Test func wireErrorsCarryTheAbsoluteOffset() {
        let bytes = TestProfile().encoded()
        let cut = Array(bytes.prefix(5))
        #expect(throws: ProfileError.self) { try Profile(bytes: cut) }
        do {
            _ = try Profile(bytes: cut)
        } catch {
            guard case .wire(let wire) = error else {
                Issue.record("expected a wire error, got \(error)")
                return
            }
            #expect(wire.offset <= 5)
            #expect(error.description.contains("byte offset"))
        }
    }

    @Test func unknownMappingLeavesTheLocationUnmapped() throws {
        var profile = TestProfile()
        profile.mappings = []
        let decoded = try Profile(bytes: profile.encoded())
        #expect(decoded.locations.allSatisfy { $0.mappingIndex == -1 })
    }

    @Test func labelsFollowPprofsDropRule() throws {
        var writer = ProtoWriter()
        writer.message(1) { $0.int(1, 1); $0.int(2, 2) }
        writer.message(2) { message in
            message.uint(2, 1)
            message.message(3) { $0.int(1, 3); $0.int(2, 4) }  // string label
            message.message(3) { $0.int(1, 5); $0.int(3, 64) }  // numeric label
            message.message(3) { $0.int(1, 5) }  // neither: dropped
        }
        for text in ["", "samples", "count", "worker", "a", "bytes"] { writer.string(6, text) }
        let profile = try Profile(bytes: writer.bytes)
        #expect(profile.samples.labels == [
            Label(key: "worker", string: "a", number: 0, numberUnit: ""),
            Label(key: "bytes", string: nil, number: 64, numberUnit: ""),
        ])
    }
}

@Suite struct SampleMergingTests {
    private static func load(_ profile: TestProfile, merging: Bool) throws -> Profile {
        try Profile(bytes: profile.encoded(), options: LoadOptions(decodesLabels: !merging, mergesSamplesOfAStack: merging))
    }

    @Test func samplesOfAStackAddUpIntoItsFirstSample() throws {
        var profile = TestProfile()
        profile.sampleTypes = [(1, 2), (1, 2)]
        profile.samples = [([1, 2], [1, 10]), ([2], [2, 20]), ([1, 2], [3, 30]), ([1, 2], [0, 0]), ([2], [5, 50])]
        let merged = try Self.load(profile, merging: true).samples
        #expect(merged.count == 2)
        #expect(merged.values == [4, 40, 7, 70])
        #expect(merged.stackOfSample == [0, 1])
        let separate = try Self.load(profile, merging: false).samples
        #expect(separate.count == 5)
    }

    @Test func negativeValuesAndOverflowingSumsStaySeparate() throws {
        var profile = TestProfile()
        profile.samples = [([1], [5]), ([1], [-2]), ([1], [3]), ([2], [Int64.max]), ([2], [1]), ([2], [0])]
        let merged = try Self.load(profile, merging: true).samples
        // -2 cannot join 5, and 3 cannot join -2 (a stack's later samples go to its newest row); max and 1
        // would overflow; 0 joins 1.
        #expect(merged.values == [5, -2, 3, Int64.max, 1])
        #expect(merged.stackOfSample == [0, 0, 0, 1, 1])
    }

    @Test func reportsReadTheSameMergedOrNot() throws {
        var profile = TestProfile()
        profile.samples = [([1, 2], [100]), ([2], [40]), ([1, 2], [7]), ([2], [0]), ([1], [3]), ([1, 2], [1])]
        func top(_ loaded: Profile) throws -> [TopReport.Row] {
            TopReport(profile: loaded, options: ReportOptions(selection: try SampleSelection(profile: loaded, requested: nil))).rows
        }
        #expect(try top(Self.load(profile, merging: true)) == top(Self.load(profile, merging: false)))
    }

    @Test func aDanglingLocationNamesTheSampleInFileOrder() {
        var profile = TestProfile()
        profile.samples = [([1], [1]), ([1], [2]), ([1], [3]), ([2, 9], [4])]
        #expect(throws: ProfileError.danglingLocation(sample: 3, locationID: 9)) { try Self.load(profile, merging: true) }
    }
}
