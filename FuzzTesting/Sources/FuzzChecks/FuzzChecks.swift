import Pprof
import Protobuf

/// What every fuzz target checks. Errors are expected and fine; what must never happen is a trap, an
/// out-of-bounds access (AddressSanitizer), a hang (libFuzzer's -timeout) or a broken invariant, which
/// `require` turns into a crash so that libFuzzer keeps the input.
public enum FuzzChecks {
    /// The inflated-size cap while fuzzing: far above any input libFuzzer writes (-max_len), far below
    /// its memory limit.
    public static let maxInflatedSize = 16 << 20

    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("invariant broken: \(message())") }
    }

    /// An error is reported on one line, as the command prints it.
    static func requireOneLine(_ description: String) {
        require(!description.isEmpty, "empty error description")
        require(!description.contains("\n"), "error description spans lines: \(description)")
    }
}

/// A text stream that only counts, so rendering costs no memory.
struct DiscardingStream: TextOutputStream {
    var count = 0
    mutating func write(_ string: String) { count &+= string.utf8.count }
}
