import Foundation
import Testing
@testable import Pprof
@testable import PprofAnalysis
@testable import PprofCompression
@testable import PprofDecoding
@testable import PprofEscape
@testable import PprofFormatting
@testable import PprofJoin
@testable import PprofLoading
@testable import PprofModel
@testable import PprofReports
@testable import PprofTransform

/// Damaged, hostile and wrong inputs: `swift test --filter Robustness` runs every suite below.
@Suite("Robustness") enum Robustness {}

/// What the robustness tests do with every profile that loads: check what the reports index without checking,
/// then render the reports the command prints without reading source files. A trap here kills the test
/// process, which is the point.
enum ReportSmoke {
    static let testdata = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("testdata").path

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: testdata + "/" + relativePath)))
    }

    /// A text stream that only counts.
    struct Sink: TextOutputStream {
        var count = 0
        mutating func write(_ string: String) { count &+= string.utf8.count }
    }

    /// `-raw`, then `-top` and the hot lines for the default sample index and, when `thorough`, `-top` for
    /// each granularity, `-mean`, `-noinlines`, `-cum`, a node count and every sample index. Returns the
    /// characters written.
    @discardableResult
    static func render(_ loaded: Profile, thorough: Bool = true) -> Int {
        checkConsistency(loaded)
        var profile = loaded
        profile.clearURLMappingFiles()
        var sink = Sink()
        RawReport.write(profile, to: &sink)
        guard !profile.sampleTypes.isEmpty else { return sink.count }

        var variants: [(requested: String?, mean: Bool, granularity: Granularity, inlines: Bool)] = [(nil, false, .functions, true)]
        if thorough {
            variants += [(nil, false, .lines, true), (nil, true, .addresses, true), (nil, false, .files, false),
                         (nil, false, .fileFunctions, true)]
            variants += profile.sampleTypes.indices.map { (String($0), $0 == 1, .functions, $0 != 0) }
        }
        for (number, variant) in variants.enumerated() {
            guard let selection = try? SampleSelection(profile: profile, requested: variant.requested, mean: variant.mean) else {
                Issue.record("sample index \(variant.requested ?? "default") of \(profile.sampleTypes.count) types not selectable")
                continue
            }
            var options = ReportOptions(selection: selection)
            options.granularity = variant.granularity
            options.inlines = variant.inlines
            if number % 2 == 1 {
                options.nodeCount = 3
                options.cumulativeSort = true
                options.dropNegative = true
                options.ratio = 1 / 3.0
                options.outputUnit = "auto"
            }
            TopReport(profile: profile, options: options).write(to: &sink)
            if number < 2 {
                // The default report's analysis; its rendering reads source files.
                let join = number == 0 ? nil : VerdictJoin(join: EscapeJoin(index: EscapeIndex(logs: [])), profile: profile)
                _ = HotLines(profile: profile, selection: selection, join: join, limit: number == 0 ? 10 : nil)
            }
        }
        return sink.count
    }

    /// The resolver's promises, which the reports rely on without checking.
    static func checkConsistency(_ profile: Profile) {
        let samples = profile.samples
        #expect(samples.count == 0 || samples.valueCount == profile.sampleTypes.count)
        #expect(samples.values.count == samples.count * samples.valueCount)
        #expect(samples.stackOffsets.first == 0 && samples.stackOffsets.last == samples.locationIndices.count)
        #expect(zip(samples.stackOffsets, samples.stackOffsets.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(samples.stackOfSample.allSatisfy { Int($0) < samples.stackCount })
        #expect(samples.labelOffsets.count == samples.count + 1 && samples.labelOffsets.last == samples.labels.count)
        #expect(samples.locationIndices.allSatisfy { Int($0) < profile.locations.count })
        #expect(profile.locations.allSatisfy {
            $0.lineStart >= 0 && $0.lineCount >= 0 && $0.lineRange.upperBound <= profile.lines.count
                && $0.mappingIndex < Int32(profile.mappings.count)
        })
        #expect(profile.lines.allSatisfy { $0.functionIndex >= 0 && Int($0.functionIndex) < profile.functions.count })
    }

    /// Joins every diagnostic of the logs back onto itself, by its own path, an absolute path ending in it, and
    /// through trim and source paths: nothing may trap.
    static func join(_ logs: [EscapeLog]) {
        let plain = EscapeIndex(logs: logs)
        let trimmed = EscapeIndex(logs: logs, trimPath: "/tmp/build:/x", sourcePath: "/src:rel/dir")
        for diagnostic in logs.flatMap(\.diagnostics).prefix(200) {
            for index in [plain, trimmed] {
                _ = index.diagnostics(file: diagnostic.file, line: diagnostic.line)
                _ = index.diagnostics(file: "/tmp/build/" + diagnostic.file, line: diagnostic.line,
                                      package: diagnostic.packagePath ?? "main")
                _ = index.files(matching: diagnostic.file, package: diagnostic.packagePath)
            }
        }
    }
}

/// A small deterministic generator (SplitMix64), so mutation tests pick the same positions on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
