import PprofModel
import Testing

/// A location column is two bytes a value until a value needs more, and then four, keeping every value.
@Suite struct LocationColumnTests {
    /// Each way of appending, given the same values.
    static let appends: [(String, @Sendable (inout LocationColumn, [UInt32]) -> Void)] = [
        ("one at a time", { column, values in for value in values { column.append(value) } }),
        ("a buffer", { column, values in values.withUnsafeBufferPointer { column.append(contentsOf: $0) } }),
        ("a sequence", { column, values in column.append(contentsOf: values.lazy.map { $0 }) }),
    ]

    @Test func staysNarrowWhileEveryValueFits() {
        let values: [UInt32] = [0, 1, 300, 65_535, 7]
        for (name, append) in Self.appends {
            var column = LocationColumn()
            append(&column, Array(values[..<2]))
            append(&column, Array(values[2...]))
            #expect(!column.isWide, "\(name)")
            #expect(Array(column) == values, "\(name)")
            #expect(column.narrow.count == values.count && column.wide.isEmpty, "\(name)")
        }
    }

    @Test func theFirstValuePastSixteenBitsWidensItKeepingTheRest() {
        let before: [UInt32] = [3, 65_535, 9]
        let after: [UInt32] = [12, 65_536, 4, UInt32.max]
        for (name, append) in Self.appends {
            var column = LocationColumn()
            append(&column, before)
            append(&column, after)
            #expect(column.isWide, "\(name)")
            #expect(Array(column) == before + after, "\(name)")
            #expect(column.narrow.isEmpty && column.wide.count == before.count + after.count, "\(name)")
        }
    }

    @Test func aRunIsCopiedAtTheWidthItFits() {
        let wideSource = LocationColumn([5, 70_000, 6, 7])
        let narrowSource = LocationColumn([1, 2, 3])
        #expect(wideSource.isWide && !narrowSource.isWide)

        var narrow = LocationColumn([9])
        narrow.append(contentsOf: wideSource[2..<4])  // small values of a wide column
        #expect(!narrow.isWide && Array(narrow) == [9, 6, 7])
        narrow.append(contentsOf: wideSource[0..<2])
        #expect(narrow.isWide && Array(narrow) == [9, 6, 7, 5, 70_000])

        var wide = LocationColumn([80_000])
        wide.append(contentsOf: narrowSource[1..<3])
        #expect(wide.isWide && Array(wide) == [80_000, 2, 3])

        var same = LocationColumn([4])
        same.append(contentsOf: narrowSource[0..<2])
        #expect(!same.isWide && Array(same) == [4, 1, 2])
    }

    @Test func removingAndComparingIgnoreTheWidth() {
        var wide = LocationColumn([1, 2, 100_000])
        wide.removeLast(1)
        #expect(wide.isWide)
        #expect(wide == LocationColumn([1, 2]))
        #expect(wide != LocationColumn([1, 3]))
        var narrow: LocationColumn = [1, 2, 3]
        narrow.removeLast(2)
        #expect(narrow == [1] && narrow.count == 1)
    }
}
