import PprofFormatting
import PprofModel
/// `-raw`: the decoded profile in the text form of pprof's `Profile.String()`.
public enum RawReport {
    public static func write(_ profile: Profile, to output: inout some TextOutputStream) {
        var lines: [String] = []
        for comment in profile.comments { lines.append("Comment: " + comment) }
        if !profile.docURL.isEmpty { lines.append("Doc: " + profile.docURL) }
        lines.append("PeriodType: \(profile.periodType.type) \(profile.periodType.unit)")
        lines.append("Period: \(profile.period)")
        if profile.timeNanos != 0 { lines.append("Time: " + GoTime.timeString(profile.timeNanos)) }
        if profile.durationNanos != 0 {
            lines.append("Duration: " + GoTime.durationFourCharacters(profile.durationNanos))
        }
        lines.append("Samples:")
        var header = ""
        for type in profile.sampleTypes {
            header += "\(type.type)/\(type.unit)\(type.type == profile.defaultSampleType ? "[dflt]" : "") "
        }
        lines.append(header.trimmingSpaces)
        output.write(lines.joined(separator: "\n"))
        lines.removeAll()

        let samples = profile.samples
        for sample in 0..<samples.count {
            var row = "\n"
            for type in 0..<samples.valueCount {
                row += " " + GoFormat.padLeft(String(samples.value(of: sample, type: type)), 10)
            }
            row += ": "
            for position in samples.locationRange(of: sample) {
                row += String(profile.locations[Int(samples.locationIndices[position])].id) + " "
            }
            output.write(row)
            let labels = samples.labels[samples.labelRange(of: sample)]
            if let text = stringLabelText(labels) { output.write("\n                " + text) }
            if let text = numericLabelText(labels) { output.write("\n                " + text) }
        }

        output.write("\nLocations")
        for location in profile.locations {
            var prefix = GoFormat.padLeft(String(location.id), 6) + ": " + GoFormat.hex(location.address) + " "
            if location.mappingIndex >= 0 { prefix += "M=\(profile.mappings[Int(location.mappingIndex)].id) " }
            if location.isFolded { prefix += "[F] " }
            if location.lineCount == 0 { output.write("\n" + prefix) }
            for line in profile.lines[location.lineRange] {
                let function = profile.functions[Int(line.functionIndex)]
                var text = "\(function.name) \(function.filename):\(line.line):\(line.column) s=\(function.startLine)"
                if function.name != function.systemName { text += "(\(function.systemName))" }
                output.write("\n" + prefix + text)
                prefix = "             "
            }
        }

        output.write("\nMappings")
        for mapping in profile.mappings {
            var bits = ""
            if mapping.hasFunctions { bits += "[FN]" }
            if mapping.hasFilenames { bits += "[FL]" }
            if mapping.hasLineNumbers { bits += "[LN]" }
            if mapping.hasInlineFrames { bits += "[IN]" }
            output.write("\n\(mapping.id): \(GoFormat.hex(mapping.memoryStart))/\(GoFormat.hex(mapping.memoryLimit))/"
                + "\(GoFormat.hex(mapping.fileOffset)) \(mapping.filename) \(mapping.buildID) \(bits)")
        }
        output.write("\n")
    }

    /// `key:[v1 v2]` per string label key, sorted as whole strings.
    private static func stringLabelText(_ labels: ArraySlice<Label>) -> String? {
        var keys: [String] = []
        var values: [String: [String]] = [:]
        for label in labels {
            guard let string = label.string else { continue }
            if values[label.key] == nil { keys.append(label.key) }
            values[label.key, default: []].append(string)
        }
        guard !keys.isEmpty else { return nil }
        let entries = keys.map { "\($0):[\(values[$0, default: []].joined(separator: " "))]" }
        return entries.sorted(by: goLess).joined(separator: " ")
    }

    /// `key:[n1 n2]`, or `key:[n1 unit1 n2 unit2]` when every value of the key has a unit slot, as pprof pads
    /// units once any value of that key carries one.
    private static func numericLabelText(_ labels: ArraySlice<Label>) -> String? {
        var keys: [String] = []
        var numbers: [String: [Int64]] = [:]
        var units: [String: [String]] = [:]
        for label in labels where label.isNumeric {
            if numbers[label.key] == nil { keys.append(label.key) }
            let count = numbers[label.key, default: []].count
            if !label.numberUnit.isEmpty {
                // Mutated in place: a copy per label made a sample with many labels quadratic.
                units[label.key, default: []].padAndAppend(label.numberUnit, at: count)
            }
            numbers[label.key, default: []].append(label.number)
        }
        guard !keys.isEmpty else { return nil }
        let entries = keys.map { key -> String in
            let values = numbers[key, default: []]
            var keyUnits = units[key, default: []]
            if !keyUnits.isEmpty { while keyUnits.count < values.count { keyUnits.append("") } }
            if keyUnits.count == values.count && !keyUnits.isEmpty {
                let pairs = zip(values, keyUnits).map { "\($0) \($1)" }
                return "\(key):[\(pairs.joined(separator: " "))]"
            }
            return "\(key):[\(values.map(String.init).joined(separator: " "))]"
        }
        return entries.sorted(by: goLess).joined(separator: " ")
    }
}

extension Array<String> {
    /// Pads with empty strings up to `index`, then appends `element` there.
    fileprivate mutating func padAndAppend(_ element: String, at index: Int) {
        while count < index { append("") }
        append(element)
    }
}
