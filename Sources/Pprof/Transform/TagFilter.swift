import PprofFormatting
/// A compiled `-tagfocus` / `-tagignore` value, parsed as pprof's `compileTagFilter` parses it.
///
/// `[key=]value`: the value is a numeric range when it reads as one (`64B`, `64B:`, `:1kB`, `1:100`, units
/// optional), else a comma-separated list of regular expressions. Without a key, a range tests every numeric
/// label and the expressions must each match some `key:value` of the sample's string labels; with a key, only
/// that key's values are tested, and any expression matching one suffices.
public struct TagFilter: Sendable {
    public enum Test: Sendable {
        case range(NumericRange)
        case regexps([ProfileRegex])
    }

    /// An inclusive range of label values in one unit; an equality filter has both bounds equal.
    public struct NumericRange: Sendable, Equatable {
        public var lower: Double?
        public var upper: Double?
        /// The canonical unit the bounds are in ("B", "ms", or the filter's own word when pprof knows no such unit).
        public var unit: String

        /// Whether `value` in `valueUnit` lies in the range once converted to the range's unit; values in
        /// another kind of unit never do.
        public func contains(_ value: Int64, unit valueUnit: String) -> Bool {
            let (scaled, scaledUnit) = Measurement.scale(value, from: valueUnit, to: unit)
            guard scaledUnit == unit else { return false }
            if let lower, !(scaled >= lower) { return false }
            if let upper, !(scaled <= upper) { return false }
            return true
        }
    }

    /// The flag name: `tagfocus` or `tagignore`.
    public let option: String
    /// The option's whole value, `key=` included.
    public let text: String
    /// The text after `key=`, as given.
    public let value: String
    /// The label key before `=`, or nil to test every key.
    public let key: String?
    public let test: Test

    public init(_ text: String, option: String) throws(TransformError) {
        self.option = option
        self.text = text
        if let equals = text.firstIndex(of: "=") {
            let name = String(text[..<equals])
            key = name.isEmpty ? nil : name
            value = String(text[text.index(after: equals)...])
        } else {
            key = nil
            value = text
        }
        if let range = try Self.parseRange(value, option: option) {
            test = .range(range)
            return
        }
        var regexps: [ProfileRegex] = []
        for piece in value.split(separator: ",", omittingEmptySubsequences: false) {
            regexps.append(try ProfileRegex(String(piece), option: option))
        }
        test = .regexps(regexps)
    }

    /// What pprof prints on stderr when it reads the value as a range.
    public var notice: String? {
        guard case .range = test else { return nil }
        return "\(option):Interpreted '\(value)' as range, not regexp"
    }

    /// pprof's `parseTagFilterRange`: "32kb" (equal), ":64kb" (at most), "4mb:" (at least), "12kb:64mb"
    /// (both included, units of one kind). Anything else, including text around the numbers, is not a range.
    package static func parseRange(_ filter: String, option: String) throws(TransformError) -> NumericRange? {
        let bytes = Array(filter.utf8)
        let matches = numberMatches(bytes, limit: 2)
        guard let first = matches.first else { return nil }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        func number(_ match: NumberMatch) throws(TransformError) -> Int64 {
            var digits = Substring(text(match.number))
            if digits.first == "+" { digits.removeFirst() }
            guard let value = Int64(digits) else { throw .badTagRange(option: option, value: filter) }
            return value
        }
        let firstUnit = text(first.unit)
        let (firstValue, unit) = Measurement.scale(try number(first), from: firstUnit, to: firstUnit)
        let whole = text(first.whole)
        if matches.count == 1 {
            switch filter {
            case whole: return NumericRange(lower: firstValue, upper: firstValue, unit: unit)
            case whole + ":": return NumericRange(lower: firstValue, upper: nil, unit: unit)
            case ":" + whole: return NumericRange(lower: nil, upper: firstValue, unit: unit)
            default: return nil
            }
        }
        let second = matches[1]
        guard filter == whole + ":" + text(second.whole) else { return nil }
        let (secondValue, secondUnit) = Measurement.scale(try number(second), from: text(second.unit), to: unit)
        guard secondUnit == unit else { return nil }
        return NumericRange(lower: firstValue, upper: secondValue, unit: unit)
    }

    package struct NumberMatch {
        package var whole: Range<Int>
        package var number: Range<Int>
        package var unit: Range<Int>
    }

    /// The leftmost non-overlapping matches of `([+-]?[[:digit:]]+)([[:alpha:]]+)?`.
    package static func numberMatches(_ bytes: [UInt8], limit: Int) -> [NumberMatch] {
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isAlpha(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        }
        var matches: [NumberMatch] = []
        var position = 0
        while position < bytes.count && matches.count < limit {
            let start = position
            var cursor = position
            if bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
            guard cursor < bytes.count, isDigit(bytes[cursor]) else {
                position += 1
                continue
            }
            while cursor < bytes.count && isDigit(bytes[cursor]) { cursor += 1 }
            let numberEnd = cursor
            while cursor < bytes.count && isAlpha(bytes[cursor]) { cursor += 1 }
            matches.append(NumberMatch(whole: start..<cursor, number: start..<numberEnd, unit: numberEnd..<cursor))
            position = cursor
        }
        return matches
    }
}
