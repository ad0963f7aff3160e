/// Go's string ordering: bytewise over UTF-8, where Swift's `<` compares by Unicode canonical equivalence.
package func goLess(_ left: String, _ right: String) -> Bool {
    left.utf8.lexicographicallyPrecedes(right.utf8)
}
