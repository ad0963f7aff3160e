import Pprof

/// Every flag pprof-list accepts, with pprof's names where pprof has the flag. Reading a flag names a case,
/// so a misspelt flag does not compile.
enum CommandFlag: String, CaseIterable, GoFlag {
    // Output formats (at most one).
    case top, text, list, raw, traces, peek, tags, json
    // Granularity.
    case functions, filefunctions, files, lines, addresses, noinlines
    // Sample selection.
    case sampleIndex = "sample_index", mean
    case allocSpace = "alloc_space", allocObjects = "alloc_objects", inuseSpace = "inuse_space"
    case inuseObjects = "inuse_objects", totalDelay = "total_delay", contentions, meanDelay = "mean_delay"
    // Trimming and display.
    case nodecount, nodefraction, edgefraction, cum, flat, unit
    case divideBy = "divide_by", dropNegative = "drop_negative", relativePercentages = "relative_percentages"
    // Sources.
    case sourcePath = "source_path", trimPath = "trim_path", sourceLookup = "source_lookup"
    // Filters.
    case focus, ignore, hide, show, showFrom = "show_from", tagfocus, tagignore, tagshow, taghide
    case pruneFrom = "prune_from", tagroot, tagleaf
    // Comparison.
    case diffBase = "diff_base", base, normalize
    // Escape analysis.
    case escape, baseEscape = "base_escape", fullFlow = "full_flow", hot, verbose = "v"
    case escapeFlags = "escape_flags", escapePackages = "escape_packages"
    // Limits and help.
    case maxInflatedSize = "max_inflated_size", help, h
    // The page: a file, or served.
    case html, http, noBrowser = "no_browser"

    var kind: GoFlagKind {
        switch self {
        case .list, .peek, .tagshow, .taghide, .sampleIndex, .nodecount, .nodefraction, .edgefraction, .unit, .divideBy, .sourcePath, .trimPath,
             .sourceLookup, .focus, .ignore, .hide, .show, .showFrom, .tagfocus, .tagignore, .diffBase, .base, .hot,
             .maxInflatedSize, .escapeFlags, .html, .http, .pruneFrom, .tagroot, .tagleaf:
            return .value
        case .escape, .baseEscape, .escapePackages:
            return .repeatable
        default:
            return .boolean
        }
    }

    /// pprof's legacy sample-type selectors, each the same as a `-sample_index` (and `-mean`).
    static let sampleTypeSelectors: [(flag: CommandFlag, sampleIndex: String, mean: Bool)] = [
        (.allocSpace, "alloc_space", false), (.allocObjects, "alloc_objects", false),
        (.inuseSpace, "inuse_space", false), (.inuseObjects, "inuse_objects", false),
        (.totalDelay, "delay", false), (.contentions, "contentions", false), (.meanDelay, "delay", true),
    ]

    /// pprof's groups of options of which at most one may be set.
    static let exclusiveGroups: [[CommandFlag]] = [
        [.functions, .filefunctions, .files, .lines, .addresses],
        [.cum, .flat],
    ]

    var placeholder: String {
        switch self {
        case .list, .peek, .focus, .ignore, .hide, .show, .showFrom, .tagfocus, .tagignore, .tagshow, .taghide, .pruneFrom:
            return "regexp"
        case .tagroot, .tagleaf: return "keys"
        case .sampleIndex: return "index"
        case .nodecount, .hot: return "n"
        case .nodefraction, .edgefraction, .divideBy: return "f"
        case .unit: return "unit"
        case .sourcePath, .trimPath, .escape, .baseEscape: return "path"
        case .sourceLookup: return "mode"
        case .escapeFlags: return "flags"
        case .escapePackages: return "pattern"
        case .diffBase, .base: return "profile"
        case .maxInflatedSize: return "bytes"
        case .html: return "file"
        case .http: return "[host]:port"
        default: return "value"
        }
    }

    var usage: String {
        switch self {
        case .top: return "Outputs top entries in text form"
        case .text: return "Outputs top entries in text form (same as -top)"
        case .list: return "Output annotated source for functions matching regexp"
        case .raw: return "Outputs a text representation of the raw profile"
        case .traces: return "Outputs all profile samples in text form"
        case .peek: return "Output callers/callees of functions matching regexp"
        case .tags: return "Outputs all tags in the profile"
        case .json: return "Outputs the hot lines (or -top -lines, or -list) as JSON, with escape reasons"
        case .functions: return "Aggregate at the function level (default)"
        case .filefunctions: return "Aggregate at the function level, keeping file names"
        case .files: return "Aggregate at the file level"
        case .lines: return "Aggregate at the source code line level"
        case .addresses: return "Aggregate at the address level"
        case .noinlines: return "Ignore inlines: attribute inlined code to its caller"
        case .sampleIndex: return "Sample value to report (0-based index or name)"
        case .mean: return "Average sample value over first value (count)"
        case .allocSpace, .allocObjects, .inuseSpace, .inuseObjects, .totalDelay, .contentions, .meanDelay:
            return "Same as -sample_index=\(rawValue)"
        case .nodecount: return "Max number of nodes to show"
        case .nodefraction: return "Hide nodes below <f>*total"
        case .edgefraction: return "Hide edges below <f>*total"
        case .cum: return "Sort entries based on cumulative weight"
        case .flat: return "Sort entries based on own weight"
        case .unit: return "Measurement units to display"
        case .divideBy: return "Ratio to divide all samples before visualization"
        case .dropNegative: return "Ignore negative differences"
        case .relativePercentages: return "Show percentages relative to focused subgraph"
        case .sourcePath: return "Search path for source files"
        case .trimPath: return "Path to trim from source paths before search"
        case .sourceLookup:
            return "Where to look for sources: 'go' (pprof's rules, then GOROOT, module cache, vendor) or 'pprof' (pprof's rules only)"
        case .focus: return "Restricts to samples going through a node matching regexp"
        case .ignore: return "Skips paths going through any nodes matching regexp"
        case .hide: return "Skips nodes matching regexp"
        case .show: return "Only show nodes matching regexp"
        case .showFrom: return "Drops functions above the highest matched frame"
        case .tagfocus: return "Restricts to samples with tags in range or matched by regexp"
        case .tagignore: return "Discard samples with tags in range or matched by regexp"
        case .tagshow: return "Only consider tags matching this regexp"
        case .taghide: return "Skip tags matching this regexp"
        case .pruneFrom: return "Drops any functions below the matched frame."
        case .tagroot: return "Adds pseudo stack frames for labels key/value pairs at the callstack root."
        case .tagleaf: return "Adds pseudo stack frames for labels key/value pairs at the callstack leaf."
        case .diffBase: return "Source profile to use as baseline (percentages relative to it)"
        case .base: return "Source profile to subtract"
        case .normalize: return "Scales profile based on the base profile."
        case .escape:
            return "Compiler escape-analysis log (-gcflags=-m -m output) or -json=0,DIR directory; repeatable. 'auto': run the "
                + "compiler's analysis of the hot packages (the default of the hot-lines report when Go is installed); 'none': no verdicts"
        case .escapeFlags: return "With -escape=auto: extra go build flags, as the profiled build had them (-tags=x -gcflags=-l)"
        case .escapePackages: return "With -escape=auto: also analyse these packages outside your modules (std, dependencies); repeatable"
        case .baseEscape: return "Escape log of the -base/-diff_base build, to show how the verdicts changed; repeatable"
        case .fullFlow: return "Show the whole escape flow under each line, not only its reasons"
        case .hot: return "How many hot lines the default report shows (default 10)"
        case .verbose: return "Verbose: say how many escape-log lines were not understood, and the commands -escape=auto runs"
        case .maxInflatedSize: return "Largest inflated profile accepted, in bytes (default 2 GiB)"
        case .html: return "Write the hot lines, their listings and a flame graph as one self-contained HTML page"
        case .http: return "Serve that page on host:port (localhost when the host is omitted) and open a browser"
        case .noBrowser: return "With -http: do not open a browser"
        case .help, .h: return "Show this help"
        }
    }

    static func writeUsage(to output: inout some TextOutputStream) {
        output.write("""
            usage: pprof-list [flags] [binary] [profile ...]

            Reads Go profiles (mem.out from go test -memprofile, CPU and heap profiles; gzip or raw profile.proto)
            and prints the reports of `go tool pprof` (-top, -list, -raw, -traces, -peek, -tags) byte for byte,
            plus a hot-lines report that explains each allocating line with the compiler's escape analysis
            (-escape=LOG). A binary named before the profiles (`pprof-list -list X pkg.test mem.out`) names
            the profile's main binary, as in `go tool pprof`.
            With no arguments it reports on the seed benchmarks shipped in testdata/seed.

            Flags:

            """)
        for flag in allCases {
            let name = flag.kind == .boolean ? "-\(flag.rawValue)" : "-\(flag.rawValue)=<\(flag.placeholder)>"
            output.write("  \(name)\n        \(flag.usage)\n")
        }
    }
}
