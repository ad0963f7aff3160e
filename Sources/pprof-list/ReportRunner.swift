#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pprof

/// Wires the library together for one run: load → select → filter → report.
struct ReportRunner {
    var options: CommandOptions

    func run(to output: inout some TextOutputStream) throws(CommandFailure) {
        let profile = try loadProfiles()
        if options.output == .raw {
            RawReport.write(profile, to: &output)
            return
        }
        let reportOptions = try makeReportOptions(for: profile)
        switch options.output {
        case .raw:
            break
        case .top:
            TopReport(profile: profile, options: reportOptions).write(to: &output)
        case .list(let pattern):
            let matcher = try NameMatcher(pattern: pattern)
            let reader = SourceReader(
                searchPath: options.sourcePath.isEmpty ? Self.workingDirectory() : options.sourcePath,
                trimPath: options.trimPath,
                locator: options.pprofSourceLookup ? nil : GoSourceLocator.fromEnvironment(workingDirectory: Self.workingDirectory()))
            do {
                let report = try ListReport(profile: profile, options: reportOptions, pattern: pattern, matches: matcher.matches, reader: reader)
                report.write(to: &output)
            } catch {
                throw .usage(error.description)
            }
        case .hotLines:
            TopReport(profile: profile, options: reportOptions).write(to: &output)
        }
    }

    func loadProfiles() throws(CommandFailure) -> Profile {
        guard let path = options.profiles.first else {
            throw .usage("no profile given")
        }
        do {
            var profile = try Profile(contentsOf: path, options: options.loadOptions)
            profile.clearURLMappingFiles()
            return profile
        } catch {
            throw .input("parsing profile \(path): \(error)")
        }
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
