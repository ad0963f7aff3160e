#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's string ordering: bytewise over UTF-8, where Swift's `<` compares by Unicode canonical equivalence.
/// Native strings are contiguous UTF-8, so the bytes are compared with `memcmp`; sorting a few thousand long
/// package-qualified names element by element through `UTF8View` was 3% of `-top`.
package func goLess(_ left: String, _ right: String) -> Bool {
    let ordered = left.utf8.withContiguousStorageIfAvailable { leftBytes in
        right.utf8.withContiguousStorageIfAvailable { rightBytes -> Bool in
            let common = min(leftBytes.count, rightBytes.count)
            if common > 0, let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress {
                let order = memcmp(leftBase, rightBase, common)
                if order != 0 { return order < 0 }
            }
            return leftBytes.count < rightBytes.count
        }
    }
    if let ordered, let ordered { return ordered }
    return left.utf8.lexicographicallyPrecedes(right.utf8)
}
