import PprofAnalysis
import PprofFormatting
import PprofModel
import PprofTransform

/// `-tags`: pprof's `printTags`, every label key with the weight of the samples carrying each of its values.
///
/// A sample adds its selected value (never divided by `-mean`: pprof's tag weights have no divisor) to each
/// value of each label key it carries; numeric values are grouped by their text in the output unit, so
/// `1024` bytes and `1kB` would be one row. Keys are sorted by name, values by weight (absolute, largest
/// first) then by text. Percentages are of the report total (that of the unfiltered profile) and are
/// left out when that total is not positive. The profile must be loaded with its labels
/// (`LoadOptions.decodesLabels`); the `-diff_base` mark is the label `pprof::base`, as in pprof.
public struct TagsReport: Sendable {
    public struct Value: Sendable, Equatable {
        public var text: String
        public var weight: Int64
    }

    public struct Key: Sendable, Equatable {
        public var name: String
        public var total: Int64
        public var values: [Value]
    }

    public let context: ReportContext
    public private(set) var keys: [Key] = []

    /// `numericLabelUnits` are the units of numeric keys (`Profile.numericLabelUnits()` of the profile as
    /// loaded, before filters, as pprof computes them); nil computes them from `profile`.
    public init(profile: Profile, options: ReportOptions, numericLabelUnits: [String: String]? = nil) {
        context = ReportContext(profile: profile, options: options)
        let units = numericLabelUnits ?? profile.numericLabelUnits().units
        let samples = profile.samples
        let valueIndex = options.selection.index
        var weights: [String: [String: Int64]] = [:]
        var totals: [String: Int64] = [:]
        func add(_ key: String, _ text: String, _ weight: Int64) {
            weights[key, default: [:]][text, default: 0] &+= weight
            totals[key, default: 0] &+= weight
        }
        let outputUnit = options.outputUnit
        for sample in 0..<samples.count {
            let weight = valueIndex < samples.valueCount ? samples.value(of: sample, type: valueIndex) : 0
            for label in samples.labels[samples.labelRange(of: sample)] {
                if let string = label.string {
                    add(label.key, string, weight)
                } else {
                    let unit = units[label.key] ?? label.key
                    add(label.key, Measurement.scaledLabel(label.number, from: unit, to: outputUnit), weight)
                }
            }
        }
        for name in weights.keys.sorted(by: goLess) {
            let values = (weights[name] ?? [:]).map { Value(text: $0.key, weight: $0.value) }
                .sorted { left, right in
                    let leftMagnitude = GoMath.absolute(left.weight), rightMagnitude = GoMath.absolute(right.weight)
                    if leftMagnitude != rightMagnitude { return leftMagnitude > rightMagnitude }
                    return goLess(left.text, right.text)
                }
            keys.append(Key(name: name, total: totals[name] ?? 0, values: values))
        }
    }

    public func write(to output: inout some TextOutputStream) {
        let total = context.total
        var table = GoTabWriter()
        for key in keys {
            if total > 0 {
                table.write("\(key.name):\t Total \(context.format(key.total)) of \(context.format(total)) "
                    + "(\(Measurement.percentage(key.total, of: total)))\n")
            } else {
                table.write("\(key.name):\t Total \(context.format(key.total)) of \(context.format(total))\n")
            }
            for value in key.values {
                if total > 0 {
                    table.write(" \t\(context.format(value.weight)) (\(Measurement.percentage(value.weight, of: total))):\t \(value.text)\n")
                } else {
                    table.write(" \t\(context.format(value.weight)):\t \(value.text)\n")
                }
            }
            table.write("\n")
        }
        output.write(table.aligned())
    }
}
