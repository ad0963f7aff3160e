import PprofAnalysis
import PprofAutoEscape
import PprofDecoding
/// Everything one report needs, typed: which profiles, which base, how to load, select, filter and
/// aggregate them, where the sources and escape logs are, and what to report. The command line builds one;
/// `ReportPipeline` turns it into a `Report`.
public struct ReportRequest: Sendable {
    public enum Output: Sendable, Equatable {
        /// pprof's `-raw`.
        case raw
        /// pprof's `-top` (`-text`).
        case top
        /// pprof's `-list REGEX`.
        case list(pattern: String)
        /// pprof's `-traces`, `-peek REGEX` and `-tags`.
        case traces
        case peek(pattern: String)
        case tags
        /// The hot lines with their escape verdicts (with a base: how they changed).
        case hotLines
    }

    public enum Format: Sendable, Equatable {
        case text
        case json
        /// One self-contained page (`-html`, `-http`): the hot lines, listings and a flame graph.
        case html
    }

    /// pprof's two kinds of base: `-base` subtracts, `-diff_base` also makes percentages relative to it.
    public enum BaseKind: Sendable, Equatable {
        case subtracted
        case diffBase
    }

    public struct Base: Sendable, Equatable {
        public var path: String
        public var kind: BaseKind

        public init(path: String, kind: BaseKind) {
            self.path = path
            self.kind = kind
        }
    }

    /// pprof's sample filters, as given (nil or empty: no filter).
    public struct Filters: Sendable, Equatable {
        public var focus: String?
        public var ignore: String?
        public var hide: String?
        public var show: String?
        public var showFrom: String?
        public var tagFocus: String?
        public var tagIgnore: String?
        public var tagShow: String?
        public var tagHide: String?
        /// pprof's `-prune_from`: drops the matched frame and every frame below it.
        public var pruneFrom: String?

        public init() {}

        var usesLabels: Bool {
            [tagFocus, tagIgnore, tagShow, tagHide].contains { !($0 ?? "").isEmpty }
        }
    }

    /// Where source files are looked for, for listings and source lines.
    public struct Sources: Sendable, Equatable {
        /// pprof's `-source_path`; empty searches the working directory.
        public var searchPath = ""
        /// pprof's `-trim_path`.
        public var trimPath = ""
        /// Beyond pprof's rules, where a Go developer would look (GOROOT, module cache, vendor, the module).
        public var goAware = true
        public var workingDirectory = "."

        public init() {}
    }

    public var output: Output = .hotLines
    public var format: Format = .text
    public var profiles: [String] = []
    public var base: Base?
    /// pprof's `-normalize`: scales the profiles to the base's total before subtracting it.
    public var normalize = false
    /// The binary named before the profiles (`pprof-list BINARY profile…`): the main mapping's file.
    public var executable: String?
    public var load = LoadOptions()

    /// pprof's `-sample_index` (a number or a type name; nil: the profile's default) and `-mean`.
    public var sampleIndex: String?
    public var mean = false
    public var granularity: Granularity = .functions
    public var inlines = true
    public var nodeCount: Int?
    public var nodeFraction: Double?
    public var edgeFraction: Double?
    public var cumulativeSort = false
    public var outputUnit = "minimum"
    /// pprof's `-divide_by`, never zero.
    public var divideBy = 1.0
    public var dropNegative = false
    /// pprof's `-tagroot` and `-tagleaf`: comma-separated label keys that become pseudo frames.
    public var tagRoot = ""
    public var tagLeaf = ""
    /// pprof's `-relative_percentages`: percentages of what the filters keep, not of the whole profile.
    public var relativePercentages = false
    public var filters = Filters()
    public var sources = Sources()

    /// Compiler escape-analysis logs (`-m=2` text or `-json` directories) of the profiled build, and of the
    /// base's build.
    public var escapeLogs: [String] = []
    public var baseEscapeLogs: [String] = []
    /// `-escape=auto`: the compiler's analysis of the hot packages, run for this report (with the logs given).
    public var autoEscape = AutoEscapeOptions()
    /// How many hot lines the default report ranks.
    public var hotLineCount = 10
    /// Say how much of each escape log was understood.
    public var verbose = false

    public init() {}

    /// False to merge several profiles exactly for every report, as tests compare.
    var mergesBySumming = true

    /// Several profiles whose report only sums sample values: pprof's merge of samples with equal stacks and
    /// labels changes none of its numbers (`SummingMerger` says when), so the profiles are merged without
    /// keying samples, as they are read. Reports that print samples (`-raw`, `-traces`), count labels
    /// (`-tags`), filter or group by them, or subtract a base merge exactly.
    var onlySumsSamples: Bool {
        guard mergesBySumming, profiles.count >= 2, base == nil, !filters.usesLabels, tagRoot.isEmpty, tagLeaf.isEmpty else { return false }
        switch output {
        case .top, .list, .peek, .hotLines: return true
        case .raw, .traces, .tags: return false
        }
    }

    /// Labels cost memory on every sample: only these uses read them (merging keys samples by them; -traces
    /// prints every sample apart).
    var decodesLabels: Bool {
        [.raw, .traces, .tags].contains(output) || filters.usesLabels || base != nil || profiles.count != 1
            || !tagRoot.isEmpty || !tagLeaf.isEmpty
    }
}
