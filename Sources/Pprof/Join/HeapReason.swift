import PprofEscape
/// Why a hot line's bytes are on the heap when no verdict says that they escape: read from the verdict that
/// says they do not (a `make` of a size known only at run time, a growing `append`, a long concatenation),
/// or, where the log says nothing, from the line's source (a map that grew).
public enum HeapReason {
    /// Nil when a heap verdict explains the line, or when the bytes were allocated in a callee (named then).
    public static func explain(_ entry: HotLines.Entry, source: String?) -> String? {
        guard entry.isCovered else { return nil }
        if let first = entry.explanations.first {
            guard entry.explanations.allSatisfy(\.staysOnStackInTheory) else { return nil }
            return "on the heap all the same: " + runtimePath(of: first.message)
        }
        guard entry.allocatedIn.allSatisfy({ $0.isInlined && $0.isRuntime }) else { return nil }
        let text = source ?? ""
        if assignsToAMap(text) {
            return "the log has no verdict on this line: the map grew (runtime.mapassign allocates its larger "
                + "tables), which escape analysis does not report"
        }
        if text.contains("append(") {
            return "the log has no verdict on this line: append grew the slice past its capacity (runtime.growslice)"
        }
        return "the log has no verdict on this line: the runtime allocated these bytes (map or slice growth, "
            + "for instance), which escape analysis does not report"
    }

    private static func runtimePath(of message: String) -> String {
        let expression = message.firstRange(of: " does not escape").map { message[..<$0.lowerBound] } ?? message[...]
        if expression.hasPrefix("make(map") {
            return "the map outgrew the room the compiler gave it on the stack (runtime.mapassign)"
        }
        if expression.hasPrefix("make(") {
            return "a make that does not escape stays on the stack only when its size is a small constant; "
                + "runtime.makeslice allocated this one"
        }
        if expression.hasPrefix("append") {
            return "append grew the slice past its capacity (runtime.growslice)"
        }
        if expression.contains(" + ") {
            return "the result outgrew the 32-byte stack buffer of a concatenation that does not escape (runtime.concatstrings)"
        }
        if expression.hasPrefix("string(") {
            return "the string outgrew the 32-byte stack buffer of a conversion that does not escape (runtime.slicebytetostring)"
        }
        if expression.hasPrefix("[]byte(") || expression.hasPrefix("[]rune(") {
            return "the slice outgrew the 32-byte stack buffer of a conversion that does not escape (runtime.stringtoslicebyte)"
        }
        return "too large for the stack, or of a size known only at run time"
    }

    /// `m[k] = v`, `m[k] += n`, `m[k]++`: an index expression assigned to (a slice's would not allocate).
    private static func assignsToAMap(_ line: String) -> Bool {
        for operation in ["] = ", "]++", "] += ", "]--", "] -= ", "] |= "] where line.contains(operation) {
            return true
        }
        return false
    }
}
