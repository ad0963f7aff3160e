/// Every flag pprof-list accepts, with pprof's names where pprof has the flag.
enum CommandFlags {
    static let definitions: GoFlags = {
        var flags = GoFlags()
        // Output formats (at most one).
        flags.define("top", .boolean, "Outputs top entries in text form")
        flags.define("text", .boolean, "Outputs top entries in text form (same as -top)")
        flags.define("list", .value, "Output annotated source for functions matching regexp", placeholder: "regexp")
        flags.define("raw", .boolean, "Outputs a text representation of the raw profile")
        flags.define("traces", .boolean, "Outputs all profile samples in text form")
        flags.define("peek", .value, "Output callers/callees of functions matching regexp", placeholder: "regexp")
        flags.define("tags", .boolean, "Outputs all tags in the profile")
        flags.define("json", .boolean, "Outputs the hot lines (or -top -lines, or -list) as JSON, with escape reasons")
        // Granularity.
        flags.define("functions", .boolean, "Aggregate at the function level (default)")
        flags.define("filefunctions", .boolean, "Aggregate at the function level, keeping file names")
        flags.define("files", .boolean, "Aggregate at the file level")
        flags.define("lines", .boolean, "Aggregate at the source code line level")
        flags.define("addresses", .boolean, "Aggregate at the address level")
        flags.define("noinlines", .boolean, "Ignore inlines: attribute inlined code to its caller")
        // Sample selection.
        flags.define("sample_index", .value, "Sample value to report (0-based index or name)", placeholder: "index")
        flags.define("mean", .boolean, "Average sample value over first value (count)")
        for legacy in ["alloc_space", "alloc_objects", "inuse_space", "inuse_objects", "total_delay", "contentions", "mean_delay"] {
            flags.define(legacy, .boolean, "Same as -sample_index=\(legacy)")
        }
        // Trimming and display.
        flags.define("nodecount", .value, "Max number of nodes to show", placeholder: "n")
        flags.define("nodefraction", .value, "Hide nodes below <f>*total", placeholder: "f")
        flags.define("edgefraction", .value, "Hide edges below <f>*total", placeholder: "f")
        flags.define("cum", .boolean, "Sort entries based on cumulative weight")
        flags.define("flat", .boolean, "Sort entries based on own weight")
        flags.define("unit", .value, "Measurement units to display", placeholder: "unit")
        flags.define("divide_by", .value, "Ratio to divide all samples before visualization", placeholder: "f")
        flags.define("drop_negative", .boolean, "Ignore negative differences")
        // Sources.
        flags.define("source_path", .value, "Search path for source files", placeholder: "path")
        flags.define("trim_path", .value, "Path to trim from source paths before search", placeholder: "path")
        flags.define("source_lookup", .value, "Where to look for sources: 'go' (pprof's rules, then GOROOT, module cache, vendor) or 'pprof' (pprof's rules only)", placeholder: "mode")
        // Filters.
        flags.define("focus", .value, "Restricts to samples going through a node matching regexp", placeholder: "regexp")
        flags.define("ignore", .value, "Skips paths going through any nodes matching regexp", placeholder: "regexp")
        flags.define("hide", .value, "Skips nodes matching regexp", placeholder: "regexp")
        flags.define("show", .value, "Only show nodes matching regexp", placeholder: "regexp")
        flags.define("show_from", .value, "Drops functions above the highest matched frame", placeholder: "regexp")
        flags.define("tagfocus", .value, "Restricts to samples with tags in range or matched by regexp", placeholder: "regexp")
        flags.define("tagignore", .value, "Discard samples with tags in range or matched by regexp", placeholder: "regexp")
        flags.define("tagshow", .value, "Only consider tags matching this regexp", placeholder: "regexp")
        flags.define("taghide", .value, "Skip tags matching this regexp", placeholder: "regexp")
        // Comparison.
        flags.define("diff_base", .value, "Source profile to use as baseline (percentages relative to it)", placeholder: "profile")
        flags.define("base", .value, "Source profile to subtract", placeholder: "profile")
        // Escape analysis.
        flags.define("escape", .repeatable, "Compiler escape-analysis log (-gcflags=-m -m output) or -json=0,DIR directory; repeatable", placeholder: "path")
        flags.define("base_escape", .repeatable, "Escape log of the -base/-diff_base build, to show how the verdicts changed; repeatable", placeholder: "path")
        flags.define("full_flow", .boolean, "Show the whole escape flow under each line, not only its reasons")
        flags.define("hot", .value, "How many hot lines the default report shows (default 10)", placeholder: "n")
        flags.define("v", .boolean, "Verbose: say how many escape-log lines were not understood")
        // Limits and help.
        flags.define("max_inflated_size", .value, "Largest inflated profile accepted, in bytes (default 2 GiB)", placeholder: "bytes")
        flags.define("help", .boolean, "Show this help")
        flags.define("h", .boolean, "Show this help")
        return flags
    }()

    static func writeUsage(to output: inout some TextOutputStream) {
        output.write("""
            usage: pprof-list [flags] [profile ...]

            Reads Go profiles (mem.out from go test -memprofile, CPU and heap profiles; gzip or raw profile.proto)
            and prints the reports of `go tool pprof` (-top, -list, -raw, -traces, -peek, -tags) byte for byte,
            plus a hot-lines report that explains each allocating line with the compiler's escape analysis
            (-escape=LOG).
            With no arguments it reports on the seed benchmarks shipped in testdata/seed.

            Flags:

            """)
        for definition in definitions.definitions {
            let name = definition.kind == .boolean ? "-\(definition.name)" : "-\(definition.name)=<\(definition.placeholder)>"
            output.write("  \(name)\n        \(definition.usage)\n")
        }
    }
}
