#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pprof

/// Wires the library together for one run: load → select → filter → join → report.
struct ReportRunner {
    var options: CommandOptions

    init(options: CommandOptions) throws(CommandFailure) {
        var options = options
        if options.usesDefaultInputs {
            guard let defaults = DefaultInputs.locate(workingDirectory: Self.workingDirectory()) else {
                throw .usage("no profile given, and the default testdata/seed profiles were not found; usage: pprof-list [flags] profile...")
            }
            options.profiles = defaults.profiles
            if options.escapeLogs.isEmpty { options.escapeLogs = defaults.escapeLogs }
            if options.sourcePath.isEmpty { options.sourcePath = defaults.sourcePath }
            if options.trimPath.isEmpty { options.trimPath = defaults.trimPath }
        }
        self.options = options
    }

    func run(to output: inout some TextOutputStream) throws(CommandFailure) {
        let loaded = try loadProfiles()
        for warning in loaded.numericLabelUnitWarnings() { StandardError.line(warning) }
        let filter = try sampleFilter()
        if options.output == .raw {
            RawReport.write(filtered(loaded, by: filter), to: &output)
            return
        }
        var reportOptions = try makeReportOptions(for: loaded)
        // pprof takes the total before filtering: percentages stay those of the whole profile.
        reportOptions.total = ReportContext(profile: loaded, options: reportOptions).total
        reportOptions.activeFilters = filter.activeFilters
        let profile = filtered(loaded, by: filter)
        let join = try loadEscapeJoin()
        let reader = SourceReader(
            searchPath: options.sourcePath.isEmpty ? Self.workingDirectory() : options.sourcePath,
            trimPath: options.trimPath,
            locator: options.pprofSourceLookup ? nil : GoSourceLocator.fromEnvironment(workingDirectory: Self.workingDirectory()))
        switch options.output {
        case .raw:
            break
        case .top:
            let report = TopReport(profile: profile, options: reportOptions)
            if options.json {
                JSONOutput.top(report, reader: reader, join: join).write(to: &output)
            } else {
                report.write(to: &output)
            }
        case .list(let pattern):
            let matcher = try NameMatcher(pattern: pattern)
            let report: ListReport
            do {
                report = try ListReport(profile: profile, options: reportOptions, pattern: pattern, matches: matcher.matches, reader: reader)
            } catch {
                throw .usage(error.description)
            }
            if options.json {
                JSONOutput.list(report, join: join).write(to: &output)
            } else if let join {
                report.write(to: &output, annotate: EscapeAnnotation.annotator(join: join, fullFlow: options.fullFlow))
            } else {
                report.write(to: &output)
            }
        case .hotLines:
            if let basePath = options.diffBase ?? options.base {
                try writeComparison(basePath: basePath, filter: filter, options: reportOptions, join: join, reader: reader, to: &output)
                return
            }
            let report = HotLinesReport(
                profile: profile, options: reportOptions, join: join, reader: reader,
                limit: options.hotLineCount, fullFlow: options.fullFlow)
            if options.json {
                JSONReport(hotLines: report).write(to: &output)
            } else {
                report.write(to: &output)
            }
        }
    }

    /// The default report against a base: the hot lines of the new profiles and of the base, computed apart
    /// and compared line by line.
    func writeComparison(
        basePath: String, filter: SampleFilter, options reportOptions: ReportOptions, join: EscapeJoin?,
        reader: SourceReader, to output: inout some TextOutputStream
    ) throws(CommandFailure) {
        var newOnly = options
        newOnly.base = nil
        newOnly.diffBase = nil
        var baseOnly = newOnly
        baseOnly.profiles = [basePath]
        let after = filtered(try ProfileLoader(options: newOnly).load(), by: filter)
        let before = filtered(try ProfileLoader(options: baseOnly).load(), by: filter)
        let baseJoin = try loadEscapeJoin(paths: options.baseEscapeLogs)
        let comparison = HotLinesComparison(
            after: HotLines(profile: after, selection: reportOptions.selection, join: join, limit: nil),
            before: HotLines(profile: before, selection: reportOptions.selection, join: join ?? baseJoin, limit: nil),
            baseJoin: baseJoin, limit: options.hotLineCount)
        var contextOptions = reportOptions
        contextOptions.total = nil
        let report = HotLinesComparisonReport(
            comparison: comparison, context: ReportContext(profile: after, options: contextOptions), reader: reader,
            fullFlow: options.fullFlow, hasBaseLogs: baseJoin != nil)
        if options.json {
            JSONReport(comparison: report).write(to: &output)
        } else {
            report.write(to: &output)
        }
    }

    func loadProfiles() throws(CommandFailure) -> Profile {
        try ProfileLoader(options: options).load()
    }

    /// The `-focus`, `-ignore`, `-hide`, `-show`, `-show_from`, `-tagfocus` and `-tagignore` options, compiled.
    func sampleFilter() throws(CommandFailure) -> SampleFilter {
        let filters = options.filters
        do {
            return try SampleFilter(
                focus: filters.focus, ignore: filters.ignore, hide: filters.hide, show: filters.show,
                showFrom: filters.showFrom, tagFocus: filters.tagFocus, tagIgnore: filters.tagIgnore)
        } catch {
            throw .usage(error.description)
        }
    }

    /// The profile with the filters applied, pprof's notes and warnings printed as pprof prints them.
    func filtered(_ profile: Profile, by filter: SampleFilter) -> Profile {
        guard !filter.isEmpty else { return profile }
        for notice in filter.notices { StandardError.line(notice) }
        var result = profile
        for warning in filter.apply(to: &result) { StandardError.line(warning) }
        return result
    }

    func loadEscapeJoin(paths: [String]? = nil) throws(CommandFailure) -> EscapeJoin? {
        let paths = paths ?? options.escapeLogs
        guard !paths.isEmpty else { return nil }
        var logs: [EscapeLog] = []
        for path in paths {
            do {
                let log = try EscapeLog(contentsOf: path, maxSize: options.loadOptions.maxInflatedSize)
                if options.verbose {
                    StandardError.line("pprof-list: \(path): \(log.diagnostics.count) diagnostics, \(log.unrecognizedLineCount) lines not understood")
                }
                logs.append(log)
            } catch {
                throw .input("reading \(error)")  // the error starts with "escape log PATH"
            }
        }
        return EscapeJoin(index: EscapeIndex(logs: logs, trimPath: options.trimPath, sourcePath: options.sourcePath))
    }

    func makeReportOptions(for profile: Profile) throws(CommandFailure) -> ReportOptions {
        let selection: SampleSelection
        do {
            selection = try SampleSelection(profile: profile, requested: options.sampleIndex, mean: options.mean)
        } catch {
            throw .usage(error.description)
        }
        var report = ReportOptions(selection: selection)
        report.granularity = options.granularity
        report.inlines = options.inlines
        report.nodeCount = options.nodeCount
        if let fraction = options.nodeFraction { report.nodeFraction = fraction }
        if let fraction = options.edgeFraction { report.edgeFraction = fraction }
        report.cumulativeSort = options.cumulative
        report.outputUnit = options.unit
        report.ratio = 1 / options.divideBy
        report.dropNegative = options.dropNegative
        report.trimPath = options.trimPath
        report.sourcePath = options.sourcePath
        if case .list = options.output {
            report.nodeFraction = 0
            report.edgeFraction = 0
        }
        return report
    }

    static func workingDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
