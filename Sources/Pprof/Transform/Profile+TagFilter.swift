import PprofFormatting
import PprofModel
extension Profile {
    /// The units of numeric labels, pprof's `NumLabelUnits`: per key the first unit its values carry, else
    /// "bytes" for `alignment` and `request`, else the key itself; and per key the other units seen, sorted.
    public func numericLabelUnits() -> (units: [String: String], ignored: [String: [String]]) {
        var units: [String: String] = [:]
        var ignored: [String: Set<String>] = [:]
        var keys = Set<String>()
        // Heap profiles repeat one key (and unit) on every sample: skip hashing a repeat of the last label.
        var previous: (key: String, unit: String)?
        for label in samples.labels where label.isNumeric {
            if let previous, previous.key == label.key && previous.unit == label.numberUnit { continue }
            previous = (label.key, label.numberUnit)
            keys.insert(label.key)
            guard !label.numberUnit.isEmpty else { continue }
            if let wanted = units[label.key] {
                if wanted != label.numberUnit { ignored[label.key, default: []].insert(label.numberUnit) }
            } else {
                units[label.key] = label.numberUnit
            }
        }
        for key in keys where (units[key] ?? "").isEmpty {
            units[key] = key == "alignment" || key == "request" ? "bytes" : key
        }
        return (units, ignored.mapValues { $0.sorted(by: goLess) })
    }

    /// pprof's warnings for keys whose values carry several units, one line per key, sorted by key.
    public func numericLabelUnitWarnings() -> [String] {
        let (units, ignored) = numericLabelUnits()
        return ignored.keys.sorted(by: goLess).map { key in
            "For tag \(key) used unit \(units[key] ?? ""), also encountered unit(s) \((ignored[key] ?? []).joined(separator: ", "))"
        }
    }

    /// pprof's `FilterSamplesByTag`: keeps the samples `focus` accepts (all, without a focus) and `ignore`
    /// does not. Returns whether any sample was focused and whether any was ignored. `units` comes from
    /// `numericLabelUnits()` of the profile as loaded.
    @discardableResult
    public mutating func filterSamplesByTag(
        focus: TagFilter?, ignore: TagFilter?, units: [String: String]
    ) -> (focus: Bool, ignore: Bool) {
        var focusMatcher = focus.map { TagMatcher($0, units: units) }
        var ignoreMatcher = ignore.map { TagMatcher($0, units: units) }
        var anyFocused = false, anyIgnored = false
        let source = samples
        samples = source.filtered { sample in
            let labels = source.labels[source.labelRange(of: sample)]
            let focused = focusMatcher?.matches(labels) ?? true
            let ignored = ignoreMatcher?.matches(labels) ?? false
            anyFocused = anyFocused || focused
            anyIgnored = anyIgnored || ignored
            return focused && !ignored
        }
        return (anyFocused, anyIgnored)
    }
}

/// A `TagFilter` applied to samples, each distinct label tested once.
struct TagMatcher {
    private struct NumericLabel: Hashable {
        var key: String
        var number: Int64
    }

    private struct StringLabel: Hashable {
        var key: String
        var value: String
    }

    let filter: TagFilter
    let units: [String: String]
    private var rangeResults: [NumericLabel: Bool] = [:]
    /// Per distinct string label, which expressions match it (`regexpCount` flags each).
    private var labelNumbers: [StringLabel: Int] = [:]
    private var regexpResults: [Bool] = []

    init(_ filter: TagFilter, units: [String: String]) {
        self.filter = filter
        self.units = units
    }

    mutating func matches(_ labels: ArraySlice<Label>) -> Bool {
        switch filter.test {
        case .range(let range):
            for label in labels where label.isNumeric {
                if let key = filter.key, label.key != key { continue }
                let probe = NumericLabel(key: label.key, number: label.number)
                let result: Bool
                if let known = rangeResults[probe] {
                    result = known
                } else {
                    result = range.contains(label.number, unit: units[label.key] ?? "")
                    rangeResults[probe] = result
                }
                if result { return true }
            }
            return false
        case .regexps(let regexps):
            if let key = filter.key {
                for label in labels where label.key == key {
                    guard label.string != nil else { continue }
                    let number = labelNumber(label, regexps)
                    for index in regexps.indices where regexpResults[number &* regexps.count &+ index] {
                        return true
                    }
                }
                return false
            }
            for index in regexps.indices {
                var found = false
                for label in labels where label.string != nil {
                    if regexpResults[labelNumber(label, regexps) &* regexps.count &+ index] {
                        found = true
                        break
                    }
                }
                if !found { return false }
            }
            return true
        }
    }

    /// The label's row in `regexpResults`, testing it on first sight: against `key:value` without a key
    /// filter (pprof's "TODO: match against val" behaviour), against the value with one.
    private mutating func labelNumber(_ label: Label, _ regexps: [ProfileRegex]) -> Int {
        let probe = StringLabel(key: label.key, value: label.string ?? "")
        if let number = labelNumbers[probe] { return number }
        let number = labelNumbers.count
        labelNumbers[probe] = number
        let subject = filter.key == nil ? probe.key + ":" + probe.value : probe.value
        for regexp in regexps { regexpResults.append(regexp.matches(subject)) }
        return number
    }
}
