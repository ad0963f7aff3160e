#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pprof

/// The command line, checked and turned into the library's `ReportRequest`, with what only the command
/// decides: defaults when no profile is named, and how the report is written.
struct CommandOptions {
    var request = ReportRequest()
    var writer = ReportWriter.Options()
    var usesDefaultInputs: Bool
    /// `-html=FILE` and `-http=[host]:port`: where the page goes (the request's format is then `.html`).
    var htmlPath: String?
    var httpAddress: String?
    var opensBrowser = true

    init(_ parsed: GoFlags<CommandFlag>.Parsed, workingDirectory: String) throws(CommandFailure) {
        let formats: [CommandFlag] = [.top, .text, .raw, .traces, .tags, .list, .peek]
            .filter { $0.kind == .value ? parsed.value($0) != nil : parsed[$0] }
        if formats.count > 1 { throw .usage("must set at most one output format") }
        for group in CommandFlag.exclusiveGroups {
            let set = parsed.order.filter { group.contains($0) && parsed[$0] }.uniqued()
            if set.count > 1 { throw .usage("conflicting options set: [\(set.map(\.rawValue).joined(separator: " "))]") }
        }
        if parsed[.raw] {
            request.output = .raw
        } else if let pattern = parsed.value(.list) {
            request.output = .list(pattern: pattern)
        } else if let pattern = parsed.value(.peek) {
            request.output = .peek(pattern: pattern)
        } else if parsed[.traces] {
            request.output = .traces
        } else if parsed[.tags] {
            request.output = .tags
        } else if parsed[.top] || parsed[.text] {
            request.output = .top
        }
        if parsed[.json] {
            if let format = formats.first, [.raw, .traces, .peek, .tags].contains(format) {
                throw .usage("-json cannot be combined with -\(format.rawValue)")
            }
            request.format = .json
        }

        htmlPath = parsed.value(.html)
        httpAddress = parsed.value(.http)
        opensBrowser = !parsed[.noBrowser]
        if let pageFlag: CommandFlag = htmlPath != nil ? .html : httpAddress != nil ? .http : nil {
            if let format = formats.first ?? (parsed[.json] ? .json : nil) {
                throw .usage("-\(pageFlag.rawValue) shows the hot-lines report; it cannot be combined with -\(format.rawValue)")
            }
            if htmlPath?.isEmpty == true { throw .usage("-html needs a file name") }
            request.format = .html
        }

        request.setInputs(parsed.arguments)
        // pprof would read a lone binary as a profile and fail: say what is missing instead.
        if parsed.arguments.count == 1, let format = ReportRequest.executableFormat(of: parsed.arguments[0]) {
            throw .usage("\(parsed.arguments[0]) is an \(format) executable, not a profile: name the profile after it (pprof-list [flags] BINARY profile...)")
        }
        usesDefaultInputs = request.profiles.isEmpty
        // pprof drops empty values: `-base=` is no base.
        let diffBase = parsed.value(.diffBase).flatMap { $0.isEmpty ? nil : $0 }
        let base = parsed.value(.base).flatMap { $0.isEmpty ? nil : $0 }
        if diffBase != nil && base != nil { throw .usage("-base and -diff_base flags cannot both be specified") }
        if let diffBase { request.base = .init(path: diffBase, kind: .diffBase) }
        if let base { request.base = .init(path: base, kind: .subtracted) }
        request.normalize = parsed[.normalize]
        if request.normalize && request.base == nil { throw .usage("must have base profile to normalize by") }

        request.sampleIndex = parsed.value(.sampleIndex)
        request.mean = parsed[.mean]
        if let selector = CommandFlag.sampleTypeSelectors.first(where: { parsed[$0.flag] }) {
            request.sampleIndex = selector.sampleIndex
            request.mean = request.mean || selector.mean
        }
        let granularities: [(CommandFlag, Granularity)] = [
            (.functions, .functions), (.filefunctions, .fileFunctions), (.files, .files), (.lines, .lines), (.addresses, .addresses),
        ]
        for (flag, granularity) in granularities where parsed[flag] { request.granularity = granularity }
        request.inlines = !parsed[.noinlines]

        request.nodeCount = try Self.integer(parsed, .nodecount)
        request.nodeFraction = try Self.number(parsed, .nodefraction)
        request.edgeFraction = try Self.number(parsed, .edgefraction)
        request.cumulativeSort = parsed[.cum]
        request.outputUnit = parsed.value(.unit) ?? "minimum"
        request.divideBy = try Self.number(parsed, .divideBy) ?? 1
        if request.divideBy == 0 { throw .usage("zero divisor specified") }
        request.dropNegative = parsed[.dropNegative]
        request.relativePercentages = parsed[.relativePercentages]
        request.tagRoot = parsed.value(.tagroot) ?? ""
        request.tagLeaf = parsed.value(.tagleaf) ?? ""

        request.sources.searchPath = parsed.value(.sourcePath) ?? ""
        request.sources.trimPath = parsed.value(.trimPath) ?? ""
        request.sources.workingDirectory = workingDirectory
        switch parsed.value(.sourceLookup) ?? "go" {
        case "go": request.sources.goAware = true
        case "pprof": request.sources.goAware = false
        case let other: throw .usage("-source_lookup must be 'go' or 'pprof', not \"\(other)\"")
        }

        request.filters.focus = parsed.value(.focus)
        request.filters.ignore = parsed.value(.ignore)
        request.filters.hide = parsed.value(.hide)
        request.filters.show = parsed.value(.show)
        request.filters.showFrom = parsed.value(.showFrom)
        request.filters.tagFocus = parsed.value(.tagfocus)
        request.filters.tagIgnore = parsed.value(.tagignore)
        request.filters.tagShow = parsed.value(.tagshow)
        request.filters.tagHide = parsed.value(.taghide)
        request.filters.pruneFrom = parsed.value(.pruneFrom)

        // `auto` and `none` are words, not files (a file so named is `./auto`).
        let escapeValues = parsed.values(.escape)
        request.escapeLogs = escapeValues.filter { $0 != "auto" && $0 != "none" }
        request.autoEscape.buildFlags = parsed.value(.escapeFlags).map(AutoEscapeOptions.words) ?? []
        request.autoEscape.packagePatterns = parsed.values(.escapePackages)
        request.baseEscapeLogs = parsed.values(.baseEscape)
        writer.fullFlow = parsed[.fullFlow]
        request.hotLineCount = try Self.integer(parsed, .hot) ?? 10
        guard request.hotLineCount > 0 else { throw .usage("-hot must be at least 1, not \(request.hotLineCount)") }
        request.verbose = parsed[.verbose]
        if let limit = try Self.integer(parsed, .maxInflatedSize) {
            guard limit > 0 else { throw .usage("-max_inflated_size must be positive") }
            request.load.maxInflatedSize = limit
        }

        if usesDefaultInputs {
            guard let defaults = DefaultInputs.locate(workingDirectory: workingDirectory) else {
                throw .usage("no profile given, and the default testdata/seed profiles were not found; usage: pprof-list [flags] profile...")
            }
            request.profiles = defaults.profiles
            if request.escapeLogs.isEmpty { request.escapeLogs = defaults.escapeLogs }
            if request.sources.searchPath.isEmpty { request.sources.searchPath = defaults.sourcePath }
            if request.sources.trimPath.isEmpty { request.sources.trimPath = defaults.trimPath }
        }
        request.autoEscape.mode = Self.autoEscapeMode(escapeValues, output: request.output, usesDefaultInputs: usesDefaultInputs)
    }

    /// `-escape=auto` forces it, `-escape=none` turns it off; with no `-escape` it is the default of the
    /// hot-lines report (not of pprof's own reports, nor of the seed defaults, which bring their logs), unless
    /// PPROF_LIST_ESCAPE=none says otherwise.
    private static func autoEscapeMode(_ values: [String], output: ReportRequest.Output, usesDefaultInputs: Bool) -> AutoEscapeOptions.Mode {
        if values.contains("auto") { return .explicit }
        guard values.isEmpty, output == .hotLines, !usesDefaultInputs else { return .off }
        let setting = getenv("PPROF_LIST_ESCAPE").map { String(cString: $0) } ?? ""
        if setting == "auto" { return .explicit }
        return setting == "none" ? .off : .implicit
    }

    private static func integer(_ parsed: GoFlags<CommandFlag>.Parsed, _ flag: CommandFlag) throws(CommandFailure) -> Int? {
        guard let text = parsed.value(flag) else { return nil }
        do {
            return try GoNumber.parseInt(text)
        } catch {
            throw .usage("invalid value \"\(text)\" for flag -\(flag.rawValue): \(error.text)")
        }
    }

    private static func number(_ parsed: GoFlags<CommandFlag>.Parsed, _ flag: CommandFlag) throws(CommandFailure) -> Double? {
        guard let text = parsed.value(flag) else { return nil }
        do {
            return try GoNumber.parseFloat(text)
        } catch {
            throw .usage("invalid value \"\(text)\" for flag -\(flag.rawValue): \(error.text)")
        }
    }
}

extension Array where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
