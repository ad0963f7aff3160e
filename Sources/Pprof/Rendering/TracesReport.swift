import PprofAnalysis
import PprofFormatting
import PprofModel
import PprofTransform

/// `-traces`: pprof's `printTraces`, every sample in profile order with its labels, its value and its stack.
///
/// Frames are named at the report's granularity as pprof's `aggregate` leaves the profile (function names
/// only by default; `-lines` adds `file:line`), without `-trim_path` (pprof's traces skip the path heuristics
/// of its graphs). A location's inlined frames come first, each marked `(inline)`, then its physical frame.
/// Samples without frames are left out; samples whose value is zero are not. The profile must be loaded with
/// its labels and without merging samples of one stack (`LoadOptions.decodesLabels`).
public struct TracesReport: Sendable {
    public struct Trace: Sendable, Equatable {
        /// `key:  v1 v2` lines, string labels then numeric ones, each group sorted as text.
        public var labelLines: [String]
        /// The selected value, divided by the count with `-mean` (when that is not zero).
        public var value: Int64
        /// Frames leaf first.
        public var frames: [Frame]
    }

    public struct Frame: Sendable, Equatable {
        public var name: String
        /// pprof's `(inline)` mark: not the physical frame of its location.
        public var inline: Bool
    }

    package static let separator = "-----------+-------------------------------------------------------"

    public let context: ReportContext
    public let headerLines: [String]
    private let profile: Profile
    private let units: [String: String]
    /// Each location's frames, innermost first.
    private let locationFrames: [[Frame]]

    /// `numericLabelUnits`: see `TagsReport.init`.
    public init(profile: Profile, options: ReportOptions, numericLabelUnits: [String: String]? = nil) {
        context = ReportContext(profile: profile, options: options)
        headerLines = ReportHeader.profileLabels(profile, context: context)
        self.profile = profile
        units = numericLabelUnits ?? profile.numericLabelUnits().units
        locationFrames = Self.frameNames(profile, granularity: options.granularity, inlines: options.inlines).map { names in
            names.enumerated().map { Frame(name: $0.element, inline: $0.offset != names.count - 1) }
        }
    }

    /// Every trace the report prints, in order. Built on each call: `write` makes one trace at a time, as a
    /// profile's traces can take far more memory than the profile.
    public var traces: [Trace] {
        (0..<profile.samples.count).compactMap(trace(ofSample:))
    }

    /// The trace of one sample, nil for a sample without frames (pprof prints nothing for it).
    package func trace(ofSample sample: Int) -> Trace? {
        let samples = profile.samples
        var frames: [Frame] = []
        for position in samples.locationRange(of: sample) {
            frames += locationFrames[Int(samples.locationIndices[position])]
        }
        guard !frames.isEmpty else { return nil }
        return Trace(labelLines: labelLines(ofSample: sample), value: value(ofSample: sample), frames: frames)
    }

    private func value(ofSample sample: Int) -> Int64 {
        let samples = profile.samples
        let selection = context.options.selection
        var value = selection.index < samples.valueCount ? samples.value(of: sample, type: selection.index) : 0
        if selection.mean && samples.valueCount > 0 {
            let count = samples.value(of: sample, type: 0)
            if count != 0 { value = GoMath.divide(value, count) }
        }
        return value
    }

    private func labelLines(ofSample sample: Int) -> [String] {
        Self.labelLines(profile.samples.labels[profile.samples.labelRange(of: sample)], units: units)
    }

    /// Written a location at a time, not a trace at a time: a 100 KB profile can repeat a location of 80,000
    /// inlined lines 80,000 times in one stack, and pprof's report of it is billions of lines.
    public func write(to output: inout some TextOutputStream) {
        output.write(headerLines.joined(separator: "\n") + "\n")
        let samples = profile.samples
        for sample in 0..<samples.count {
            let range = samples.locationRange(of: sample)
            guard range.contains(where: { !locationFrames[Int(samples.locationIndices[$0])].isEmpty }) else { continue }
            var text = Self.separator + "\n"
            for line in labelLines(ofSample: sample) { text += line + "\n" }
            var value: String? = context.format(value(ofSample: sample))
            for position in range {
                for frame in locationFrames[Int(samples.locationIndices[position])] {
                    text += GoFormat.padLeft(value ?? "", 10) + "   " + frame.name + (frame.inline ? " (inline)" : "") + "\n"
                    value = nil
                }
                if text.utf8.count >= 1 << 16 {
                    output.write(text)
                    text = ""
                }
            }
            output.write(text)
        }
        output.write(Self.separator + "\n")
    }

    /// Each location's frame names, innermost first, as pprof's `CreateNodes` names them after `aggregate`:
    /// a location without frames is one nameless frame (its address and binary).
    package static func frameNames(_ profile: Profile, granularity: Granularity, inlines: Bool) -> [[String]] {
        let kept = granularity.keptFields(inlines: inlines)
        var cleanFiles: [String: String] = [:]
        func file(_ name: String) -> String {
            guard kept.filename, !name.isEmpty else { return "" }
            if let known = cleanFiles[name] { return known }
            let cleaned = GoPath.clean(name)
            cleanFiles[name] = cleaned
            return cleaned
        }
        return profile.locations.map { location in
            let objectFile = location.mappingIndex >= 0 ? profile.mappings[Int(location.mappingIndex)].filename : ""
            let address = kept.address ? location.address : 0
            var frames = profile.lines[location.lineRange]
            if !inlines && frames.count > 1 { frames = frames.suffix(1) }
            if frames.isEmpty { return [NodeInfo(address: address, objectFile: objectFile).printableName] }
            return frames.map { frame in
                let function = profile.functions[Int(frame.functionIndex)]
                var info = NodeInfo(
                    name: kept.function ? function.name : "", address: address, file: file(function.filename),
                    lineNumber: kept.lineNumber ? frame.line : 0, column: kept.column ? frame.column : 0)
                if info.name.isEmpty {
                    info.objectFile = objectFile
                    info.startLine = function.startLine
                }
                return info.printableName
            }
        }
    }

    /// pprof's `%10s:  %s` lines: string labels (values of a key joined by spaces), sorted, then numeric ones
    /// auto-scaled in their key's unit, sorted.
    package static func labelLines(_ labels: ArraySlice<Label>, units: [String: String]) -> [String] {
        var stringKeys: [String] = [], numericKeys: [String] = []
        var stringValues: [String: [String]] = [:], numericValues: [String: [String]] = [:]
        for label in labels {
            if let string = label.string {
                if stringValues[label.key] == nil { stringKeys.append(label.key) }
                stringValues[label.key, default: []].append(string)
            } else {
                if numericValues[label.key] == nil { numericKeys.append(label.key) }
                numericValues[label.key, default: []].append(Measurement.label(label.number, unit: units[label.key] ?? label.key))
            }
        }
        func lines(_ keys: [String], _ values: [String: [String]]) -> [String] {
            keys.map { GoFormat.padLeft($0, 10) + ":  " + (values[$0] ?? []).joined(separator: " ") }.sorted(by: goLess)
        }
        return lines(stringKeys, stringValues) + lines(numericKeys, numericValues)
    }
}
