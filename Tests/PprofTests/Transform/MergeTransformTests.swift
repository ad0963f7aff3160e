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

@Suite struct MergeTransformTests {
    @Test func samplesWithTheSameStackAndLabelsAreSummed() throws {
        var first = TransformTestProfile()
        first.sample(["leaf", "main"], 10)
        first.sample(["other", "main"], 5)
        var second = TransformTestProfile()
        second.sample(["other", "main"], 7)
        second.sample(["leaf", "main"], 1)
        let merged = try Profile.merge([first.profile, second.profile])
        #expect(merged.stacks == ["leaf;main=11", "other;main=12"])
        #expect(merged.locations.map(\.id) == [1, 2, 3])
        #expect(merged.functions.map(\.name) == ["leaf", "main", "other"])
        #expect(merged.mappings.count == 1)
    }

    @Test func labelsCompareByKeyButKeepTheirOrderWithinAKey() throws {
        var profile = TransformTestProfile()
        profile.sample(["f"], 1, labels: [.string("a", "1"), .string("b", "2")])
        profile.sample(["f"], 2, labels: [.string("b", "2"), .string("a", "1")])
        profile.sample(["f"], 4, labels: [.string("a", "1"), .string("a", "2")])
        profile.sample(["f"], 8, labels: [.string("a", "2"), .string("a", "1")])
        profile.sample(["f"], 16, labels: [.number("bytes", 64)])
        profile.sample(["f"], 32, labels: [.number("bytes", 64, unit: "bytes")])
        let merged = try Profile.merge([profile.profile])
        #expect(merged.stacks == ["f=3", "f=4", "f=8", "f=16", "f=32"])
        #expect(merged.labels(ofSample: 0) == [.string("a", "1"), .string("b", "2")])
    }

    @Test func zeroSamplesAreLeftOutAndZeroSumsRenumberEverything() throws {
        var profile = TransformTestProfile()
        profile.sample(["gone"], 0)
        profile.sample(["cancelled", "main"], 5)
        profile.sample(["kept", "main"], 3)
        var base = TransformTestProfile()
        base.sample(["cancelled", "main"], -5)
        let merged = try Profile.merge([profile.profile, base.profile])
        #expect(merged.stacks == ["kept;main=3"])
        // The second merge numbers locations and functions from what is left.
        #expect(merged.locations.map(\.id) == [1, 2])
        #expect(merged.functions.map(\.name) == ["kept", "main"])
    }

    @Test func headersCombineAsPprofCombinesThem() throws {
        var first = TransformTestProfile()
        first.profile.period = 10
        first.profile.timeNanos = 200
        first.profile.durationNanos = 5
        first.profile.comments = ["x", "y"]
        first.sample(["f"], 1)
        var second = TransformTestProfile()
        second.profile.period = 30
        second.profile.timeNanos = 100
        second.profile.durationNanos = 7
        second.profile.comments = ["y", "z"]
        second.profile.defaultSampleType = "alloc_space"
        second.profile.docURL = "https://example.com"
        second.sample(["f"], 1)
        let merged = try Profile.merge([first.profile, second.profile])
        #expect(merged.period == 30)
        #expect(merged.timeNanos == 100)
        #expect(merged.durationNanos == 12)
        #expect(merged.comments == ["x", "y", "z"])
        #expect(merged.defaultSampleType == "alloc_space")
        #expect(merged.docURL == "https://example.com")
    }

    @Test func aLaterZeroTimeWinsAsInPprof() throws {
        var first = TransformTestProfile()
        first.profile.timeNanos = 100
        first.sample(["f"], 1)
        var second = TransformTestProfile()
        second.sample(["f"], 1)
        #expect(try Profile.merge([first.profile, second.profile]).timeNanos == 0)
    }

    @Test func onlyTheOutermostFramesColumnIdentifiesALocation() throws {
        var profile = TransformTestProfile()
        let inner = profile.function("inner"), outer = profile.function("outer")
        for innerColumn: Int64 in [1, 2] {
            let start = Int32(profile.profile.lines.count)
            profile.profile.lines.append(Line(functionIndex: inner, line: 5, column: innerColumn))
            profile.profile.lines.append(Line(functionIndex: outer, line: 9, column: 3))
            let index = profile.profile.locations.count
            profile.profile.locations.append(Location(
                id: UInt64(index + 1), mappingIndex: 0, address: 0x401000, lineStart: start, lineCount: 2, isFolded: false))
            profile.sample(locations: [UInt32(index)], 1)
        }
        let merged = try Profile.merge([profile.profile])
        #expect(merged.locations.count == 1)
        #expect(merged.stacks == ["inner+outer=2"])
    }

    @Test func mappingsOfTheSameBinaryMergeAndShiftAddresses() throws {
        var first = TransformTestProfile()
        first.sample(["f"], 1)
        var second = TransformTestProfile()
        second.sample(["f"], 2)
        second.profile.mappings[0].memoryStart = 0x500000
        second.profile.mappings[0].memoryLimit = 0x900000
        second.profile.locations[0].address = first.profile.locations[0].address + 0x100000
        let merged = try Profile.merge([first.profile, second.profile])
        #expect(merged.mappings.count == 1)
        #expect(merged.locations.map(\.address) == [first.profile.locations[0].address])
        #expect(merged.stacks == ["f=3"])
    }

    @Test func incompatiblePeriodTypesAreAnError() {
        var first = TransformTestProfile()
        first.sample(["f"], 1)
        var second = TransformTestProfile(period: ValueType(type: "cpu", unit: "nanoseconds"))
        second.sample(["f"], 1)
        #expect(throws: TransformError.incompatiblePeriodTypes(first.profile.periodType, second.profile.periodType)) {
            try Profile.merge([first.profile, second.profile])
        }
    }

    @Test func aSingleProfileIsNotMerged() throws {
        var profile = TransformTestProfile()
        profile.sample(["f"], 0)
        profile.sample(["f"], 1)
        #expect(try Profile.combine([profile.profile]).stacks == ["f=0", "f=1"])
    }

    @Test func onlyCommonSampleTypesAreKeptInTheFirstProfilesOrder() throws {
        var first = TransformTestProfile(types: [("alloc_objects", "count"), ("alloc_space", "bytes"), ("inuse_space", "bytes")])
        first.profile.defaultSampleType = "inuse_space"
        first.sample(["f"], 1, 100, 50)
        var second = TransformTestProfile(types: [("alloc_space", "bytes"), ("alloc_objects", "count")])
        second.sample(["f"], 300, 3)
        let combined = try Profile.combine([first.profile, second.profile])
        #expect(combined.sampleTypes.map(\.type) == ["alloc_objects", "alloc_space"])
        #expect(combined.defaultSampleType == "alloc_objects")
        #expect(combined.stacks == ["f=4,400"])
    }

    @Test func noCommonSampleTypeIsAnError() {
        let first = TransformTestProfile(types: [("cpu", "nanoseconds")])
        let second = TransformTestProfile(types: [("alloc_space", "bytes")])
        #expect(throws: TransformError.noCommonSampleTypes) { try Profile.combine([first.profile, second.profile]) }
        #expect(TransformError.noCommonSampleTypes.description == "profiles have empty common sample type list")
    }

    @Test func unitsAreConvertedToTheFinest() throws {
        var first = TransformTestProfile(types: [("alloc_space", "megabytes")])
        first.sample(["f"], 2)
        var second = TransformTestProfile(types: [("alloc_space", "kilobytes")])
        second.sample(["f"], 3)
        let combined = try Profile.combine([first.profile, second.profile])
        #expect(combined.sampleTypes == [ValueType(type: "alloc_space", unit: "kilobytes")])
        #expect(combined.stacks == ["f=2051"])
    }

    @Test func unitsOfDifferentKindsAreAnError() {
        let first = TransformTestProfile(types: [("delay", "nanoseconds")])
        let second = TransformTestProfile(types: [("delay", "bytes")])
        let error = TransformError.incompatibleTypes(
            what: "sample types", ValueType(type: "delay", unit: "nanoseconds"), ValueType(type: "delay", unit: "bytes"))
        #expect(throws: error) { try Profile.combine([first.profile, second.profile]) }
        #expect(error.description == "sample types: incompatible types: {delay nanoseconds 0 0} {delay bytes 0 0}")
    }

    @Test func scalingRoundsAndDropsSamplesThatBecomeZero() {
        var profile = TransformTestProfile(types: [("a", "count"), ("b", "count")])
        profile.sample(["f"], 3, 0)
        profile.sample(["g"], 0, 1)
        profile.profile.scale(by: [0.5, 1])
        // 3 × 0.5 rounds half away from zero; the second sample's scaled value is zero, its other one is not
        // scaled, so pprof drops it.
        #expect(profile.profile.stacks == ["f=2,0"])
    }
}
