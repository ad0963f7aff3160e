import Testing
@testable import PprofDecoding
@testable import PprofModel

/// The decoder and the resolver keep a profile's stacks two bytes a frame when its ids and its location
/// count allow, and four otherwise, with the same locations and the same errors either way.
@Suite struct LocationColumnDecodingTests {
    static func profile(locationIDs: [UInt64], samples: [[UInt64]]) -> TestProfile {
        var profile = TestProfile()
        profile.locations = locationIDs.map { ($0, [(1, 10)]) }
        profile.functions = [(1, 3)]
        profile.samples = samples.map { ($0, [1]) }
        return profile
    }

    static func stackIDs(_ profile: Profile) -> [[UInt64]] {
        (0..<profile.samples.count).map { sample in
            profile.samples.locationRange(of: sample).map { profile.locations[Int(profile.samples.locationIndices[$0])].id }
        }
    }

    @Test func theRuntimesNumberingStaysNarrow() throws {
        let samples: [[UInt64]] = [[3, 2, 1], [1], [2, 3]]
        let loaded = try Profile(bytes: Self.profile(locationIDs: [1, 2, 3], samples: samples).encoded())
        #expect(!loaded.samples.locationIndices.isWide)
        #expect(Self.stackIDs(loaded) == samples)
    }

    @Test func idsInAnyOrderResolveNarrow() throws {
        let samples: [[UInt64]] = [[9, 5], [3], [5, 9, 3]]
        let loaded = try Profile(bytes: Self.profile(locationIDs: [5, 3, 9], samples: samples).encoded())
        #expect(!loaded.samples.locationIndices.isWide)
        #expect(Self.stackIDs(loaded) == samples)
    }

    @Test func largeIdsAndManyLocationsAreWide() throws {
        let large: [[UInt64]] = [[70_000, 2], [2]]
        let loadedLarge = try Profile(bytes: Self.profile(locationIDs: [2, 70_000], samples: large).encoded())
        #expect(Self.stackIDs(loadedLarge) == large)

        let count: UInt64 = 66_000
        let many: [[UInt64]] = [[count, 1], [65_536, 65_535], [2]]
        let loadedMany = try Profile(bytes: Self.profile(locationIDs: Array(1...count), samples: many).encoded())
        #expect(loadedMany.samples.locationIndices.isWide)
        #expect(Self.stackIDs(loadedMany) == many)
    }

    /// Id 0 less one is 0xFFFF in two bytes: with 65,536 locations that would be an index, so such a table is
    /// resolved in four bytes and id 0 is still no location.
    @Test func idZeroIsDanglingAtEveryCount() {
        for count: UInt64 in [3, 65_535, 65_536] {
            let profile = Self.profile(locationIDs: Array(1...count), samples: [[1], [2, 0]])
            #expect(throws: ProfileError.danglingLocation(sample: 1, locationID: 0), "\(count) locations") {
                try Profile(bytes: profile.encoded())
            }
        }
        let sparse = Self.profile(locationIDs: [4, 2], samples: [[2], [0, 4]])
        #expect(throws: ProfileError.danglingLocation(sample: 1, locationID: 0)) { try Profile(bytes: sparse.encoded()) }
        let wide = Self.profile(locationIDs: [1, 2], samples: [[1], [70_000]])
        #expect(throws: ProfileError.danglingLocation(sample: 1, locationID: 70_000)) { try Profile(bytes: wide.encoded()) }
    }
}
