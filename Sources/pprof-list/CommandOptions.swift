import Pprof

/// The command line, checked and typed.
struct CommandOptions {
    enum Output: Equatable {
        case raw
        case top
        case list(String)
        case traces
        case peek(String)
        case tags
        /// The hot-lines report with escape reasons (no output flag).
        case hotLines
    }

    var output: Output
    var json: Bool
    var profiles: [String]
    var diffBase: String?
    var base: String?
    var sampleIndex: String?
    var mean: Bool
    var granularity: Granularity
    var inlines: Bool
    var nodeCount: Int?
    var nodeFraction: Double?
    var edgeFraction: Double?
    var cumulative: Bool
    var unit: String
    var divideBy: Double
    var dropNegative: Bool
    var sourcePath: String
    var trimPath: String
    var pprofSourceLookup: Bool
    var filters: FilterOptions
    var escapeLogs: [String]
    var baseEscapeLogs: [String]
    var fullFlow: Bool
    var hotLineCount: Int
    var verbose: Bool
    var loadOptions: LoadOptions
    var usesDefaultInputs: Bool

    struct FilterOptions {
        var focus: String?
        var ignore: String?
        var hide: String?
        var show: String?
        var showFrom: String?
        var tagFocus: String?
        var tagIgnore: String?
        var tagShow: String?
        var tagHide: String?
    }

    init(_ parsed: GoFlags.Parsed) throws(CommandFailure) {
        var formats = ["top", "text", "raw", "traces", "tags"].filter { parsed.bool($0) }
        if parsed.string("list") != nil { formats.append("list") }
        if parsed.string("peek") != nil { formats.append("peek") }
        if formats.count > 1 { throw .usage("must set at most one output format") }
        if parsed.bool("raw") {
            output = .raw
        } else if let pattern = parsed.string("list") {
            output = .list(pattern)
        } else if let pattern = parsed.string("peek") {
            output = .peek(pattern)
        } else if parsed.bool("traces") {
            output = .traces
        } else if parsed.bool("tags") {
            output = .tags
        } else if parsed.bool("top") || parsed.bool("text") {
            output = .top
        } else {
            output = .hotLines
        }
        json = parsed.bool("json")
        if json {
            switch output {
            case .raw: throw .usage("-json cannot be combined with -raw")
            case .traces: throw .usage("-json cannot be combined with -traces")
            case .peek: throw .usage("-json cannot be combined with -peek")
            case .tags: throw .usage("-json cannot be combined with -tags")
            case .top, .list, .hotLines: break
            }
        }

        profiles = parsed.arguments
        usesDefaultInputs = profiles.isEmpty
        // pprof drops empty values: `-base=` is no base.
        diffBase = parsed.string("diff_base").flatMap { $0.isEmpty ? nil : $0 }
        base = parsed.string("base").flatMap { $0.isEmpty ? nil : $0 }
        if diffBase != nil && base != nil { throw .usage("-base and -diff_base flags cannot both be specified") }

        var selectors: [String] = []
        for legacy in ["alloc_space", "alloc_objects", "inuse_space", "inuse_objects", "total_delay", "contentions", "mean_delay"]
        where parsed.bool(legacy) {
            selectors.append(legacy)
        }
        sampleIndex = parsed.string("sample_index")
        mean = parsed.bool("mean")
        if let first = selectors.first {
            switch first {
            case "total_delay": sampleIndex = "delay"
            case "contentions": sampleIndex = "contentions"
            case "mean_delay": sampleIndex = "delay"; mean = true
            default: sampleIndex = first
            }
        }

        granularity = .functions
        for (flag, value) in [("functions", Granularity.functions), ("filefunctions", .fileFunctions), ("files", .files), ("lines", .lines), ("addresses", .addresses)]
        where parsed.bool(flag) {
            granularity = value
        }
        inlines = !parsed.bool("noinlines")

        nodeCount = try Self.integer(parsed, "nodecount")
        nodeFraction = try Self.number(parsed, "nodefraction")
        edgeFraction = try Self.number(parsed, "edgefraction")
        cumulative = parsed.order.last(where: { $0 == "cum" || $0 == "flat" }).map { $0 == "cum" && parsed.bool("cum") } ?? false
        unit = parsed.string("unit") ?? "minimum"
        divideBy = try Self.number(parsed, "divide_by") ?? 1
        if divideBy == 0 { throw .usage("zero divisor specified") }
        dropNegative = parsed.bool("drop_negative")
        sourcePath = parsed.string("source_path") ?? ""
        trimPath = parsed.string("trim_path") ?? ""
        switch parsed.string("source_lookup") ?? "go" {
        case "go": pprofSourceLookup = false
        case "pprof": pprofSourceLookup = true
        case let other: throw .usage("-source_lookup must be 'go' or 'pprof', not \"\(other)\"")
        }
        filters = FilterOptions(
            focus: parsed.string("focus"), ignore: parsed.string("ignore"), hide: parsed.string("hide"),
            show: parsed.string("show"), showFrom: parsed.string("show_from"),
            tagFocus: parsed.string("tagfocus"), tagIgnore: parsed.string("tagignore"),
            tagShow: parsed.string("tagshow"), tagHide: parsed.string("taghide"))
        escapeLogs = parsed.strings("escape")
        baseEscapeLogs = parsed.strings("base_escape")
        fullFlow = parsed.bool("full_flow")
        hotLineCount = try Self.integer(parsed, "hot") ?? 10
        verbose = parsed.bool("v")
        loadOptions = LoadOptions()
        // Labels cost memory on every sample; only these uses read them (merging keys samples by them).
        // -traces and -tags print labels, and -traces prints every sample apart.
        loadOptions.decodesLabels = output == .raw || output == .traces || output == .tags
            || filters.tagFocus != nil || filters.tagIgnore != nil || filters.tagShow != nil || filters.tagHide != nil
            || base != nil || diffBase != nil || profiles.count != 1
        loadOptions.mergesSamplesOfAStack = !loadOptions.decodesLabels
        if let limit = try Self.integer(parsed, "max_inflated_size") {
            guard limit > 0 else { throw .usage("-max_inflated_size must be positive") }
            loadOptions.maxInflatedSize = limit
        }
    }

    private static func integer(_ parsed: GoFlags.Parsed, _ name: String) throws(CommandFailure) -> Int? {
        guard let text = parsed.string(name) else { return nil }
        guard let value = Int(text) else { throw .usage("invalid value \"\(text)\" for flag -\(name): parse error") }
        return value
    }

    private static func number(_ parsed: GoFlags.Parsed, _ name: String) throws(CommandFailure) -> Double? {
        guard let text = parsed.string(name) else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw .usage("invalid value \"\(text)\" for flag -\(name): parse error")
        }
        return value
    }
}
