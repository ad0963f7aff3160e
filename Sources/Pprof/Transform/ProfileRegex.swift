import PprofModel
/// An unanchored regular expression, as pprof compiles a filter with `regexp.Compile` and tests it with
/// `MatchString`. Swift's `Regex` accepts the RE2 syntax pprof users type (alternation, anchors, classes,
/// escapes, `(?i)`); it is set to RE2's meanings where Swift's defaults differ: matching code points rather
/// than grapheme clusters, ASCII-only `\d`, `\w`, `\s` and POSIX classes, and `\b` between a word
/// character and a non-word one (Unicode word rules would see no boundary in `demo.Rec`).
public struct ProfileRegex: @unchecked Sendable {
    public let pattern: String
    private let regex: Regex<AnyRegexOutput>
    /// The pattern as plain characters and `.`, when it is no more than that.
    private let simple: SimplePattern?

    /// Compiles `pattern`; `option` names the flag in the error (`focus`, `tagignore`, …).
    public init(_ pattern: String, option: String = "") throws(TransformError) {
        self.pattern = pattern
        simple = SimplePattern(pattern)
        do {
            regex = try Regex(pattern)
                .matchingSemantics(.unicodeScalar)
                .asciiOnlyCharacterClasses()
                .wordBoundaryKind(.simple)
        } catch {
            throw .badRegexp(option: option, pattern: pattern, reason: "error parsing regexp: \(error)")
        }
    }

    public func matches(_ text: String) -> Bool {
        if let simple, let matched = simple.matches(text) { return matched }
        return (try? regex.firstMatch(in: text)) != nil
    }
}

/// Which functions and mappings of one profile a regular expression matches, each tested once: pprof tests
/// every frame of every location, which repeats the same few thousand names millions of times.
package struct FrameMatcher {
    package let regex: ProfileRegex
    private let functions: [Function]
    private let mappings: [Mapping]
    /// 0: not tested yet, 1: no match, 2: match.
    private var functionStates: [UInt8]
    private var mappingStates: [UInt8]

    package init(_ regex: ProfileRegex, profile: Profile) {
        self.regex = regex
        functions = profile.functions
        mappings = profile.mappings
        functionStates = [UInt8](repeating: 0, count: profile.functions.count)
        mappingStates = [UInt8](repeating: 0, count: profile.mappings.count)
    }

    /// The frame's function name or file name matches.
    package mutating func matches(function index: Int32) -> Bool {
        let position = Int(index)
        guard position >= 0 && position < functions.count else { return false }
        if functionStates[position] == 0 {
            let function = functions[position]
            functionStates[position] = regex.matches(function.name) || regex.matches(function.filename) ? 2 : 1
        }
        return functionStates[position] == 2
    }

    /// The location's mapping exists and its file name matches (an empty name is tested too, as pprof does).
    package mutating func matches(mapping index: Int32) -> Bool {
        let position = Int(index)
        guard position >= 0 && position < mappings.count else { return false }
        if mappingStates[position] == 0 {
            mappingStates[position] = regex.matches(mappings[position].filename) ? 2 : 1
        }
        return mappingStates[position] == 2
    }

    /// pprof's `Location.matchesName`: any frame, or the mapping.
    package mutating func matches(location: Location, lines: [Line]) -> Bool {
        for line in lines[location.lineRange] where matches(function: line.functionIndex) {
            return true
        }
        return matches(mapping: location.mappingIndex)
    }
}
