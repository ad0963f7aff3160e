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
        let selection = context.options.selection
        var value = selection.index < samples.valueCount ? samples.value(of: sample, type: selection.index) : 0
        if selection.mean && samples.valueCount > 0 {
            let count = samples.value(of: sample, type: 0)
            if count != 0 { value = GoMath.divide(value, count) }
        }
        let labels = samples.labels[samples.labelRange(of: sample)]
        return Trace(labelLines: Self.labelLines(labels, units: units), value: value, frames: frames)
    }

    public func write(to output: inout some TextOutputStream) {
        output.write(headerLines.joined(separator: "\n") + "\n")
        for sample in 0..<profile.samples.count {
            guard let trace = trace(ofSample: sample) else { continue }
            var text = Self.separator + "\n"
            for line in trace.labelLines { text += line + "\n" }
            for (index, frame) in trace.frames.enumerated() {
                let value = index == 0 ? context.format(trace.value) : ""
                text += GoFormat.padLeft(value, 10) + "   " + frame.name + (frame.inline ? " (inline)" : "") + "\n"
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
