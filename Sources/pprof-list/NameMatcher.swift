import Pprof

/// An unanchored regular expression over function names, as pprof's `regexp.MatchString`, compiled by RE2
/// as `ProfileRegex` compiles every pattern.
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
