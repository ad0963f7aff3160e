import Pprof

/// An unanchored regular expression over function names, as pprof's `regexp.MatchString`, with the RE2
/// meanings `ProfileRegex` gives Swift's `Regex`.
struct NameMatcher {
    let regex: ProfileRegex

    init(pattern: String) throws(CommandFailure) {
        do {
            regex = try ProfileRegex(pattern)
        } catch {
            throw .usage("parsing argument regexp \(pattern): \(error)")
        }
    }

    func matches(_ name: String) -> Bool { regex.matches(name) }
}
