import PprofAnalysis
import PprofAutoEscape
import PprofEscape
import PprofJoin
import PprofModel
import PprofReports
import PprofTransform
/// pprof's driver and `report.Generate` in one pass, for one request: load each profile once, select the
/// sample value, filter once, aggregate, join the escape verdicts once, and return the `Report` that the
/// writers format. pprof's notices and warnings go to `notices` as they arise, in pprof's order.
public struct ReportPipeline {
    public let request: ReportRequest
    private let notices: (String) -> Void

    public init(_ request: ReportRequest, notices: @escaping (String) -> Void) {
        self.request = request
        self.notices = notices
    }

    public func run() throws(ReportError) -> Report {
        var loadOptions = request.load
        loadOptions.decodesLabels = request.decodesLabels
        loadOptions.mergesSamplesOfAStack = !loadOptions.decodesLabels
        let comparing = request.output == .hotLines && request.base != nil
        let loaded = try LoadedProfiles(request, options: loadOptions, keepsSidesApart: comparing)
        for notice in loaded.notices { notices(notice) }
        for notice in loaded.merged.symbolizationNotices(executable: request.executable) { notices(notice) }
        for warning in loaded.merged.numericLabelUnitWarnings() { notices(warning) }
        // pprof adds the label frames before filtering, so that the filters can match them.
        let merged = withLabelNodes(loaded.merged)
        let filter = try compileFilter()
        let sources = sourceReader()
        if request.output == .raw {
            return Report(content: .raw(filtered(merged, by: filter)), verdicts: VerdictTable(hasLogs: false), sources: sources)
        }
        var options = try reportOptions(for: merged)
        options.activeFilters = filter.activeFilters
        let profile: Profile
        if request.relativePercentages {
            // pprof filters before it takes the total: percentages of what the filters keep.
            profile = filtered(merged, by: filter)
            options.total = ReportContext(profile: profile, options: options).total
        } else {
            // pprof takes the total before filtering: percentages stay those of the whole profile.
            options.total = ReportContext(profile: merged, options: options).total
            profile = filtered(merged, by: filter)
        }
        var escape: VerdictJoin?
        var autoLogs: [EscapeLog]?
        if (!request.escapeLogs.isEmpty || request.autoEscape.mode == .explicit) && !Self.countsAllocations(options.selection.type) {
            notices("pprof-list: escape logs explain allocations, and \(options.selection.typeLabel) counts none: no verdicts shown")
        } else {
            if Self.countsAllocations(options.selection.type) {
                autoLogs = try autoEscapeLogs(profile, valueIndex: options.selection.index, sources: sources)
            }
            escape = try escapeJoin(request.escapeLogs, extra: autoLogs ?? [], profile: profile)
        }
        var verdicts = VerdictTable(hasLogs: escape != nil)

        switch request.output {
        case .raw:
            return Report(content: .raw(profile), verdicts: verdicts, sources: sources)
        case .top:
            let top = TopReport(profile: profile, options: options)
            if let escape {
                for row in top.rows where row.info.lineNumber != 0 && !row.info.file.isEmpty {
                    verdicts.add(LineSite(function: row.info.name, file: row.info.file, line: row.info.lineNumber), from: escape)
                }
            }
            return Report(content: .top(top), verdicts: verdicts, sources: sources)
        case .traces:
            let units = loaded.merged.numericLabelUnits().units
            return Report(content: .traces(TracesReport(profile: profile, options: options, numericLabelUnits: units)), verdicts: verdicts, sources: sources)
        case .tags:
            let units = loaded.merged.numericLabelUnits().units
            return Report(content: .tags(TagsReport(profile: profile, options: options, numericLabelUnits: units)), verdicts: verdicts, sources: sources)
        case .peek(let pattern):
            let regex = try compilePattern(pattern)
            do {
                let peek = try PeekReport(profile: profile, options: options, pattern: pattern, matches: regex.matches)
                return Report(content: .peek(peek), verdicts: verdicts, sources: sources)
            } catch {
                throw .request(error.description)
            }
        case .list(let pattern):
            let list = try listReport(profile, options: options, pattern: pattern, sources: sources)
            if let escape {
                for routine in list.routines {
                    for line in routine.sampledLines {
                        verdicts.add(LineSite(function: routine.function, file: routine.file, line: line.number), from: escape)
                    }
                }
            }
            return Report(content: .list(list), verdicts: verdicts, sources: sources)
        case .hotLines:
            if let after = loaded.after, let before = loaded.before {
                let comparison = try comparisonReport(
                    after: filtered(after, by: filter, warns: false), before: filtered(before, by: filter, warns: false),
                    merged: profile, escape: escape, options: options, sources: sources)
                var report = Report(content: .comparison(comparison), verdicts: verdicts, sources: sources)
                if request.format == .html { report.sampleTypes = loaded.merged.sampleTypes.map(\.type) }
                return report
            }
            var hotLines = HotLinesReport(profile: profile, options: options, join: escape, reader: sources, limit: request.hotLineCount)
            hotLines.suggestsEscapePackages = autoLogs != nil
            if request.format == .html {
                hotLines.flameGraph = FlameGraph(
                    profile: profile, valueIndex: options.selection.index, inlines: options.inlines, nodeFraction: options.nodeFraction)
            }
            var report = Report(content: .hotLines(hotLines), verdicts: hotLines.verdicts, sources: sources)
            if request.format == .html { report.sampleTypes = loaded.merged.sampleTypes.map(\.type) }
            return report
        }
    }

    /// The default report against a base: the hot lines of the new profiles and of the base, computed apart
    /// and compared line by line. Both sides' verdicts see the inline call sites of both profiles, so the same
    /// log explains a line the same way before and after.
    private func comparisonReport(
        after: Profile, before: Profile, merged: Profile, escape: VerdictJoin?, options: ReportOptions, sources: SourceReader
    ) throws(ReportError) -> HotLinesComparisonReport {
        // A profile that counts no allocation was said to get no verdicts, from either side's logs.
        let baseEscape = Self.countsAllocations(options.selection.type) ? try escapeJoin(request.baseEscapeLogs, profile: merged) : nil
        let comparison = HotLinesComparison(
            after: HotLines(profile: after, selection: options.selection, join: escape, limit: nil),
            before: HotLines(profile: before, selection: options.selection, join: escape ?? baseEscape, limit: nil),
            join: escape, baseJoin: baseEscape, limit: request.hotLineCount)
        var contextOptions = options
        contextOptions.total = nil
        var report = HotLinesComparisonReport(
            comparison: comparison, context: ReportContext(profile: after, options: contextOptions), reader: sources,
            hasBaseLogs: baseEscape != nil)
        if request.format == .html {
            report.flameGraph = FlameGraph(
                profile: after, valueIndex: options.selection.index, base: (before, options.selection.index),
                inlines: options.inlines, nodeFraction: options.nodeFraction)
        }
        return report
    }

    /// Heap profiles' sample types (and the legacy `space`/`objects`): what escape verdicts explain.
    static func countsAllocations(_ type: ValueType) -> Bool {
        type.type.hasPrefix("alloc_") || type.type.hasPrefix("inuse_") || type.type == "space" || type.type == "objects"
    }

    private func compilePattern(_ pattern: String) throws(ReportError) -> ProfileRegex {
        do {
            return try ProfileRegex(pattern)
        } catch {
            throw .request("parsing argument regexp \(pattern): \(error)")
        }
    }

    private func listReport(_ profile: Profile, options: ReportOptions, pattern: String, sources: SourceReader) throws(ReportError) -> ListReport {
        let regex = try compilePattern(pattern)
        var listOptions = options
        listOptions.nodeFraction = 0
        listOptions.edgeFraction = 0
        do {
            return try ListReport(profile: profile, options: listOptions, pattern: pattern, matches: regex.matches, reader: sources)
        } catch {
            throw .request(error.description)
        }
    }

    /// `profile` with pprof's `-tagroot`/`-tagleaf` pseudo frames, and its warnings when no sample had one
    /// of the keys.
    private func withLabelNodes(_ profile: Profile) -> Profile {
        guard !request.tagRoot.isEmpty || !request.tagLeaf.isEmpty else { return profile }
        func keys(_ list: String) -> [String] { list.split(separator: ",").map(String.init).filter { !$0.isEmpty } }
        var result = profile
        let matched = result.addLabelNodes(rootKeys: keys(request.tagRoot), leafKeys: keys(request.tagLeaf), outputUnit: request.outputUnit)
        if !request.tagRoot.isEmpty && !matched.root { notices("TagRoot expression matched no samples") }
        if !request.tagLeaf.isEmpty && !matched.leaf { notices("TagLeaf expression matched no samples") }
        return result
    }

    /// The `-focus`, `-ignore`, `-hide`, `-show`, `-show_from`, `-tagfocus` and `-tagignore` options, compiled
    /// once; pprof's notices on them (`Interpreted '64B:' as range`) are given here, once.
    private func compileFilter() throws(ReportError) -> SampleFilter {
        let filters = request.filters
        let filter: SampleFilter
        do {
            filter = try SampleFilter(
                focus: filters.focus, ignore: filters.ignore, hide: filters.hide, show: filters.show,
                showFrom: filters.showFrom, tagFocus: filters.tagFocus, tagIgnore: filters.tagIgnore,
                pruneFrom: filters.pruneFrom, tagShow: filters.tagShow, tagHide: filters.tagHide)
        } catch {
            throw .request(error.description)
        }
        for notice in filter.notices { notices(notice) }
        return filter
    }

    /// `profile` with the filters applied; pprof's warnings (`Focus expression matched no samples`) given for
    /// the profile pprof filters, the merged one.
    private func filtered(_ profile: Profile, by filter: SampleFilter, warns: Bool = true) -> Profile {
        guard !filter.isEmpty else { return profile }
        var result = profile
        let warnings = filter.apply(to: &result)
        if warns { for warning in warnings { notices(warning) } }
        return result
    }

    private func reportOptions(for profile: Profile) throws(ReportError) -> ReportOptions {
        let selection: SampleSelection
        do {
            selection = try SampleSelection(profile: profile, requested: request.sampleIndex, mean: request.mean)
        } catch {
            throw .request(error.description)
        }
        var options = ReportOptions(selection: selection)
        options.granularity = request.granularity
        options.inlines = request.inlines
        options.nodeCount = request.nodeCount
        if let fraction = request.nodeFraction { options.nodeFraction = fraction }
        if let fraction = request.edgeFraction { options.edgeFraction = fraction }
        options.cumulativeSort = request.cumulativeSort
        options.outputUnit = request.outputUnit
        options.ratio = 1 / request.divideBy
        options.dropNegative = request.dropNegative
        options.trimPath = request.sources.trimPath
        options.sourcePath = request.sources.searchPath
        return options
    }

    private func sourceReader() -> SourceReader {
        let sources = request.sources
        let reader = SourceReader(
            searchPath: sources.searchPath.isEmpty ? sources.workingDirectory : sources.searchPath,
            trimPath: sources.trimPath,
            locator: sources.goAware ? GoSourceLocator.fromEnvironment(workingDirectory: sources.workingDirectory) : nil)
        reader.triesUntrimmedPaths = sources.goAware && sources.searchPath.isEmpty
        return reader
    }

    /// `-escape=auto`'s logs, nil when it is off or could not run (its notice given); an error for an explicit
    /// `-escape=auto` that cannot run.
    private func autoEscapeLogs(_ profile: Profile, valueIndex: Int, sources: SourceReader) throws(ReportError) -> [EscapeLog]? {
        let mode = request.autoEscape.mode
        guard mode == .explicit || (mode == .implicit && request.output == .hotLines) else { return nil }
        let auto = AutoEscape(options: request.autoEscape, verbose: request.verbose, notices: notices)
        do {
            let result = try auto.run(profile: profile, valueIndex: valueIndex, resolve: sources.resolvedPath)
            if mode == .implicit {
                let shown = result.packages.prefix(3).joined(separator: ", ") + (result.packages.count > 3 ? " and \(result.packages.count - 3) more" : "")
                let cached = result.cachedCount == result.packages.count ? ", cached" : ""
                notices("pprof-list: no -escape log given: verdicts from the compiler's escape analysis of \(shown) (-gcflags=PKG=-m=2\(cached)); -escape=none turns this off")
            }
            return result.logs
        } catch {
            if mode == .explicit { throw .input(error.description) }
            notices("pprof-list: no escape verdicts: " + error.description.replacingPrefix("-escape=auto: ", with: ""))
            return nil
        }
    }

    /// The escape logs read and indexed (with `extra`, the logs `-escape=auto` made), joined to `profile`'s
    /// lines; nil without logs.
    private func escapeJoin(_ paths: [String], extra: [EscapeLog] = [], profile: Profile) throws(ReportError) -> VerdictJoin? {
        guard !paths.isEmpty || !extra.isEmpty else { return nil }
        var logs: [EscapeLog] = extra
        for path in paths {
            do {
                let log = try EscapeLog(contentsOf: path, maxSize: request.load.maxInflatedSize)
                if request.verbose {
                    notices("pprof-list: \(path): \(log.diagnostics.count) diagnostics, \(log.unrecognizedLineCount) lines not understood")
                }
                logs.append(log)
            } catch {
                throw error.exceedsSizeLimit ? .inputTooLarge("reading \(error)") : .input("reading \(error)")
            }
        }
        let index = EscapeIndex(logs: logs, trimPath: request.sources.trimPath, sourcePath: request.sources.searchPath)
        return VerdictJoin(join: EscapeJoin(index: index), profile: profile)
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
