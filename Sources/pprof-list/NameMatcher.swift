import Pprof

/// An unanchored regular expression over function names, as pprof's `regexp.MatchString`. Swift's `Regex`
/// accepts the RE2 syntax pprof users type (alternation, anchors, escaped dots and parentheses, classes).
struct NameMatcher {
    let regex: Regex<AnyRegexOutput>

    init(pattern: String) throws(CommandFailure) {
        do {
            regex = try Regex(pattern)
        } catch {
            throw .usage("parsing argument regexp \(pattern): \(error)")
        }
    }

    func matches(_ name: String) -> Bool {
        (try? regex.firstMatch(in: name)) != nil
    }
}
