import PprofModel
/// An unanchored regular expression, as pprof compiles a filter with `regexp.Compile` and tests it with
/// `MatchString`: compiled by RE2, which reads Go's syntax with Go's meanings (code points, ASCII-only `\d`,
/// `\w`, `\s` and `\b`, leftmost-first) and matches in time linear in the text whatever the pattern, as
/// Go's engine does. A pattern comes from a flag or from the profile itself (`drop_frames`), so a
/// backtracking engine would let either stall a report.
public struct ProfileRegex: @unchecked Sendable {
    // Sendable: the program is immutable after init (RE2Program says why matching is safe).
    public let pattern: String
    /// No fast path for literal patterns beside it: RE2 finds `render\.walkTree` in a name as fast as a
    /// byte scan did (0.2 µs a name, measured over 200,000 names), and the scan was quadratic at worst.
    private let program: RE2Program

    /// Compiles `pattern`; `option` names the flag in the error (`focus`, `tagignore`, …), which reads as
    /// pprof's: `error parsing regexp: invalid or unsupported Perl syntax: `(?=``.
    public init(_ pattern: String, option: String = "") throws(TransformError) {
        self.pattern = pattern
        do {
            program = try Self.compile(pattern)
        } catch {
            throw .badRegexp(option: option, pattern: pattern, reason: error.description)
        }
    }

    /// RE2's program for `pattern`, or the error Go's parser reports first.
    private static func compile(_ pattern: String) throws(RegexSyntaxError) -> RE2Program {
        let syntax = GoRegexSyntax(pattern)
        if let fault = syntax.goOnlyFault {
            // Go stops at the first fault from the left: one RE2 finds before this point comes first. RE2
            // sees the prefix only, so its open groups are unclosed there but not in Go's pattern.
            do {
                _ = try RE2Program(syntax.rewritten)
            } catch {
                if error.code != .missingParen { throw wordedForGo(error, pattern: pattern) }
            }
            throw fault.error
        }
        do {
            return try RE2Program(syntax.rewritten)
        } catch {
            throw wordedForGo(error, pattern: pattern)
        }
    }

    /// RE2 names the (rewritten) pattern where Go names the one it was given.
    private static func wordedForGo(_ error: RegexSyntaxError, pattern: String) -> RegexSyntaxError {
        error.namesWholePattern ? RegexSyntaxError(code: error.code, argument: pattern) : error
    }

    public func matches(_ text: String) -> Bool { program.matches(text) }
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
