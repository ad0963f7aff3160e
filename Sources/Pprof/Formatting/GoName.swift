/// Comparisons of Go function names as the compiler's diagnostics and the profile spell them: the log names
/// an inlined callee by package name (`strings.(*Builder).WriteString`, `(*Rect).Area` in its own package),
/// the profile by import path; the log keeps the parentheses of a generic shape (`go.shape.func(int) int`),
/// pprof's symbolizer removes them (`go.shape.func int`).
package enum GoName {
    /// Whether the callee of an `inlining call to NAME` line is the profile function `profile`.
    package static func sameFunction(inlined: String, profile: String) -> Bool {
        let callee = withoutTypeArguments(withoutParenthesizedGroups(inlined))
        let qualified = withoutTypeArguments(withoutParenthesizedGroups(afterLastSlash(profile)))
        if callee == qualified { return true }
        guard let dot = qualified.firstIndex(of: ".") else { return false }
        return callee == qualified[qualified.index(after: dot)...]
    }

    /// False only when a verdict names a generic instantiation (` in Wrap[go.shape.int]`) other than the
    /// profile function's.
    package static func sameInstantiation(verdictFunction: String?, profile: String) -> Bool {
        guard let verdictFunction, verdictFunction.contains("["), profile.contains("[") else { return true }
        return withoutParenthesizedGroups(profile).hasSuffix(withoutParenthesizedGroups(verdictFunction))
    }

    private static func afterLastSlash(_ name: String) -> Substring {
        // A slash inside type arguments (`go.shape.*example.com/x.T`) is not the package path's.
        let head = name.firstIndex(of: "[").map { name[..<$0] } ?? name[...]
        guard let slash = head.lastIndex(of: "/") else { return name[...] }
        return name[name.index(after: slash)...]
    }

    /// Removes balanced `(...)` groups, as pprof's symbolizer does for names with type arguments.
    package static func withoutParenthesizedGroups<S: StringProtocol>(_ name: S) -> String {
        guard name.contains("[") else { return String(name) }
        var result = ""
        var depth = 0
        for character in name {
            if character == "(" && result.last != "." && !(result.last == "[" || result.last == nil) {
                depth += 1
            } else if character == ")" && depth > 0 {
                depth -= 1
            } else if depth == 0 {
                result.append(character)
            }
        }
        return result
    }

    private static func withoutTypeArguments(_ name: String) -> String {
        var result = ""
        var depth = 0
        for character in name {
            if character == "[" {
                depth += 1
            } else if character == "]" && depth > 0 {
                depth -= 1
            } else if depth == 0 {
                result.append(character)
            }
        }
        return result
    }
}
