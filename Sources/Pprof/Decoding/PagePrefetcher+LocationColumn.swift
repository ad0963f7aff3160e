import PprofLoading
import PprofModel

extension PagePrefetcher {
    /// `ensure` for the array that holds a location column's values at its present width. After the column
    /// widens, its new array is ahead of what was made resident: the conversion itself touched those pages.
    @inline(__always)
    mutating func ensure(_ column: inout LocationColumn) {
        if column.updateNarrow({ ensure(&$0) }) == nil { column.updateWide { ensure(&$0) } }
    }
}
