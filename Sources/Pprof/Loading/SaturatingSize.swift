/// Sizes derived from a flag or from input, computed without trapping: `-max_inflated_size` takes any
/// positive Int64, so `limit + 1` and `capacity * 2` must stop at `Int.max` rather than overflow.
extension Int {
    /// `self + 1`, or `Int.max` at the top. A buffer one byte past a size limit proves the limit exceeded;
    /// at `Int.max` no buffer can get there, so the limit is simply never reached.
    package var saturatingSuccessor: Int { self == .max ? .max : self + 1 }

    /// `2 * self` for a non-negative size, or `Int.max` when that does not fit.
    package var saturatingDoubled: Int { self > .max / 2 ? .max : self * 2 }
}
