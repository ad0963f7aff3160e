/// Integer operations with Go's results where Swift would trap.
package enum GoMath {
    /// `int64(f)` as Go computes it on amd64: out-of-range and NaN give the minimum value.
    package static func truncate(_ value: Double) -> Int64 {
        guard value.isFinite, value >= -9.223372036854775808e18, value < 9.223372036854775808e18 else {
            return Int64.min
        }
        return Int64(value)
    }

    /// pprof's `abs64`: the magnitude, except that the minimum value stays negative (Go's negation wraps).
    package static func absolute(_ value: Int64) -> Int64 {
        value < 0 ? 0 &- value : value
    }

    /// Division that never traps: Go panics on zero, callers guard that; `min / -1` wraps as in Go.
    package static func divide(_ dividend: Int64, _ divisor: Int64) -> Int64 {
        if divisor == 0 { return 0 }
        if divisor == -1 { return 0 &- dividend }
        return dividend / divisor
    }
}
