import Testing
@testable import PprofModel
@testable import PprofTransform

/// `SummingMerger` against `Profile.combine`: the same symbols in the same order, the same sums per stack,
/// and a refusal wherever summing samples apart could change a number.
@Suite struct SummingMergeTransformTests {
    static func summed(_ profiles: [Profile]) throws -> Profile? {
        var merger = SummingMerger(expectedCount: profiles.count)
        for profile in profiles { try merger.add(profile) }
        return merger.result
    }

    /// Each stack with the sum of its samples' values, in order of first use.
    static func sums(_ profile: Profile) -> [String] {
        var order: [String] = []
        var sums: [String: [Int64]] = [:]
        for (stack, sample) in zip(profile.stacks, 0..<profile.samples.count) {
            let name = String(stack.prefix { $0 != "=" })
            let values = (0..<profile.samples.valueCount).map { profile.samples.value(of: sample, type: $0) }
            if let known = sums[name] {
                sums[name] = zip(known, values).map { $0 &+ $1 }
            } else {
                order.append(name)
                sums[name] = values
            }
        }
        return order.map { "\($0)=\(sums[$0, default: []].map(String.init).joined(separator: ","))" }
    }

    static func fleet() -> [Profile] {
        var first = TransformTestProfile(types: [("alloc_objects", "count"), ("alloc_space", "bytes")])
        first.sample(["leaf", "main"], 1, 10, labels: [.number("bytes", 10)])
        first.sample(["zero", "main"], 0, 0)
        first.sample(["other", "main"], 2, 5, labels: [.number("bytes", 64)])
        first.sample(["leaf", "main"], 1, 64, labels: [.number("bytes", 64)])
        var second = TransformTestProfile(types: [("alloc_objects", "count"), ("alloc_space", "bytes")])
        second.sample(["new", "other", "main"], 3, 7)
        second.sample(["leaf", "main"], 4, 1, labels: [.number("bytes", 10)])
        second.profile.timeNanos = 5
        second.profile.comments = ["second"]
        return [first.profile, second.profile]
    }

    @Test func symbolsAndStackSumsAreThoseOfTheExactMerge() throws {
        let profiles = Self.fleet()
        let exact = try Profile.combine(profiles)
        let summed = try #require(try Self.summed(profiles))
        #expect(summed.locations == exact.locations)
        #expect(summed.lines == exact.lines)
        #expect(summed.functions == exact.functions)
        #expect(summed.mappings == exact.mappings)
        #expect(summed.timeNanos == exact.timeNanos)
        #expect(summed.comments == exact.comments)
        #expect(Self.sums(summed) == Self.sums(exact))
        // Samples are appended, not keyed: leaf;main keeps its three samples, the zero one is left out.
        #expect(summed.samples.count == 5)
        #expect(exact.samples.count == 4)
        #expect(summed.samples.labels.isEmpty && summed.samples.labelOffsets.count == summed.samples.count + 1)
    }

    @Test func aLocationIsFoundAmongSeveralAtOneAddress() throws {
        var first = TransformTestProfile()
        let function = first.function("f")
        for line: Int64 in [5, 6] {
            let start = Int32(first.profile.lines.count)
            first.profile.lines.append(Line(functionIndex: function, line: line, column: 0))
            first.profile.locations.append(Location(
                id: UInt64(first.profile.locations.count + 1), mappingIndex: 0, address: 0x401000,
                lineStart: start, lineCount: 1, isFolded: false))
            first.sample(locations: [UInt32(first.profile.locations.count - 1)], line)
        }
        // The second profile has only the second location, under another id and index.
        var second = TransformTestProfile()
        second.profile.functions = first.profile.functions
        second.profile.lines = [Line(functionIndex: 0, line: 6, column: 0)]
        second.profile.locations = [Location(id: 9, mappingIndex: 0, address: 0x401000, lineStart: 0, lineCount: 1, isFolded: false)]
        second.sample(locations: [0], 1)
        let profiles = [first.profile, second.profile]
        let exact = try Profile.combine(profiles)
        let summed = try #require(try Self.summed(profiles))
        #expect(summed.locations.count == 2)
        #expect(summed.locations == exact.locations)
        #expect(summed.samples.locationIndices == [0, 1, 1])
        #expect(exact.samples.locationIndices == [0, 1])
        #expect(exact.samples.values == [5, 7])
    }

    /// A converted profile can put every location at address 0: they are told apart by their functions.
    @Test func locationsAtOneAddressAreToldApartByTheirFunctions() throws {
        func profile(_ names: [String]) -> Profile {
            var profile = TransformTestProfile()
            for name in names {
                let function = profile.function(name)
                let start = Int32(profile.profile.lines.count)
                profile.profile.lines.append(Line(functionIndex: function, line: 1, column: 0))
                profile.profile.locations.append(Location(
                    id: UInt64(profile.profile.locations.count + 1), mappingIndex: 0, address: 0,
                    lineStart: start, lineCount: 1, isFolded: false))
                profile.sample(locations: [UInt32(profile.profile.locations.count - 1)], 1)
            }
            return profile.profile
        }
        let names = (0..<50).map { "f\($0)" }
        let profiles = [profile(names), profile(names.reversed()), profile(names.map { $0 + "x" })]
        let exact = try Profile.combine(profiles)
        let summed = try #require(try Self.summed(profiles))
        #expect(summed.locations.count == 100)
        #expect(summed.locations == exact.locations)
        #expect(summed.functions == exact.functions)
        #expect(Self.sums(summed) == Self.sums(exact))
    }

    @Test func aSingleProfileIsReturnedAsRead() throws {
        var profile = TransformTestProfile()
        profile.sample(["f"], 0)
        profile.sample(["f"], 1)
        let summed = try #require(try Self.summed([profile.profile]))
        #expect(summed.stacks == ["f=0", "f=1"])
    }

    @Test func aNegativeValueIsRefused() {
        var first = TransformTestProfile()
        first.sample(["f"], 3)
        var second = TransformTestProfile()
        second.sample(["f"], -3)
        #expect(throws: SummingMerger.Refusal.values) { try Self.summed([first.profile, second.profile]) }
    }

    @Test func anOverflowingSumIsRefused() {
        var first = TransformTestProfile()
        first.sample(["f"], Int64.max)
        var second = TransformTestProfile()
        second.sample(["g"], 1)
        #expect(throws: SummingMerger.Refusal.values) { try Self.summed([first.profile, second.profile]) }
    }

    @Test func profilesOfOtherUnitsAreRefused() {
        var first = TransformTestProfile()
        first.sample(["f"], 3)
        var second = TransformTestProfile(types: [("alloc_space", "kilobytes")])
        second.sample(["f"], 3)
        #expect(throws: SummingMerger.Refusal.types) { try Self.summed([first.profile, second.profile]) }
    }
}
