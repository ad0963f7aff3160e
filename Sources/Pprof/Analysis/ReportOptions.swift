import PprofFormatting
import PprofModel
/// The choices that shape a pprof report, with pprof's defaults.
public struct ReportOptions: Sendable {
    public var selection: SampleSelection
    public var granularity: Granularity = .functions
    public var inlines = true
    /// `-nodecount`; nil means pprof's default for the report (no limit for `-top`).
    public var nodeCount: Int?
    public var nodeFraction = 0.005
    public var edgeFraction = 0.001
    public var cumulativeSort = false
    /// `-unit`: "minimum" (pprof's default), "auto", or a unit name such as "MB".
    public var outputUnit = "minimum"
    /// `1 / -divide_by`.
    public var ratio = 1.0
    public var dropNegative = false
    public var trimPath = ""
    public var sourcePath = ""
    /// `focus=…` and friends, shown under "Active filters:".
    public var activeFilters: [String] = []
    /// The total percentages are of, when it is not the reported profile's own: pprof computes it before
    /// `-focus` and the other filters drop samples, so callers that filter pass the unfiltered profile's
    /// `ReportContext(profile:options:).total` here. Nil computes it from the reported profile.
    public var total: Int64?

    public init(selection: SampleSelection) {
        self.selection = selection
    }

    package var valueSelector: CallGraph.ValueSelector {
        CallGraph.ValueSelector(index: selection.index, meanDivisorIndex: selection.mean ? 0 : nil)
    }
}

/// What every report shares: the total that percentages are of, and pprof's value formatting.
public struct ReportContext: Sendable {
    public var options: ReportOptions {
        didSet { scaler = Self.scaler(options, outputUnit) }
    }
    public let total: Int64
    /// The unit values are printed in; `-top` narrows "minimum" to one unit.
    public var outputUnit: String {
        didSet { scaler = Self.scaler(options, outputUnit) }
    }
    /// The sample type's unit to `outputUnit`, looked up once for every value printed.
    private var scaler: Measurement.Scaler

    private static func scaler(_ options: ReportOptions, _ outputUnit: String) -> Measurement.Scaler {
        Measurement.Scaler(from: options.selection.type.unit, to: outputUnit)
    }

    public init(profile: Profile, options: ReportOptions) {
        self.options = options
        self.total = options.total ?? Self.computeTotal(profile, options.valueSelector)
        self.outputUnit = options.outputUnit
        scaler = Self.scaler(options, options.outputUnit)
    }

    /// pprof's `computeTotal`: Σ|value| (of the `-diff_base` samples only, when there are any), divided by
    /// Σ divisor with `-mean`. Sums wrap on overflow as Go's do.
    package static func computeTotal(_ profile: Profile, _ selector: CallGraph.ValueSelector) -> Int64 {
        let samples = profile.samples
        guard samples.valueCount > selector.index else { return 0 }
        var total: Int64 = 0, divisor: Int64 = 0, baseTotal: Int64 = 0, baseDivisor: Int64 = 0
        let marks = samples.isDiffBase
        for sample in 0..<samples.count {
            var value = samples.value(of: sample, type: selector.index)
            if value < 0 { value = 0 &- value }
            let sampleDivisor = selector.meanDivisorIndex.map { samples.value(of: sample, type: $0) } ?? 0
            total &+= value
            divisor &+= sampleDivisor
            if !marks.isEmpty && marks[sample] {
                baseTotal &+= value
                baseDivisor &+= sampleDivisor
            }
        }
        if baseTotal > 0 {
            total = baseTotal
            divisor = baseDivisor
        }
        return divisor != 0 ? GoMath.divide(total, divisor) : total
    }

    /// pprof's `formatValue`: the ratio applied (truncating to an integer), then scaled to the output unit.
    public func format(_ value: Int64) -> String {
        var scaled = value
        let ratio = options.ratio
        if ratio > 0 && ratio != 1 { scaled = GoMath.truncate(Double(value) * ratio) }
        return scaler.label(scaled)
    }

    /// `valueOrDot`: "." for exactly zero.
    public func formatOrDot(_ value: Int64) -> String {
        value == 0 ? "." : format(value)
    }
}
