import Foundation
import Testing
@testable import Pprof
@testable import PprofDecoding
@testable import PprofModel
@testable import PprofReports

/// Several profiles merged for a report that only sums (`-top`, `-list`, `-peek`) print what the exact merge
/// prints; reports that show samples keep the exact merge.
@Suite struct SummingMergePipelineTests {
    static let testdata = CommandRunner.testdata.path
    static let inputs: [[String]] = [
        ["demo/go1.27/mem.out", "demo/go1.27/mem-b.out"],
        ["seed/go1.27/example1/mem.out", "seed/go1.27/example2/mem.out", "seed/go1.27/example1/mem-fixed.out"],
        ["demo/go1.27/cpu.out", "demo/go1.27/cpu.out"],
        ["demo/go1.19/mem.out", "demo/go1.27/mem.out"],
    ]
    static let outputs: [ReportRequest.Output] = [.top, .list(pattern: "."), .peek(pattern: ".")]

    static func text(_ profiles: [String], _ output: ReportRequest.Output, summing: Bool, lines: Bool = false) throws -> String {
        var request = ReportRequest()
        request.profiles = profiles.map { "\(testdata)/\($0)" }
        request.output = output
        request.granularity = lines ? .lines : .functions
        request.sources.goAware = false
        request.mergesBySumming = summing
        #expect(request.onlySumsSamples == summing)
        let report = try ReportPipeline(request) { _ in }.run()
        var text = ""
        ReportWriter.writeText(report, to: &text)
        return text
    }

    @Test(arguments: inputs, outputs)
    func theSummingMergePrintsWhatTheExactMergePrints(_ profiles: [String], _ output: ReportRequest.Output) throws {
        // The summing merge takes these profiles (it refuses none of them), so it is what is compared.
        let paths = profiles.map { "\(Self.testdata)/\($0)" }
        #expect(try StreamedMerge.merge(paths, options: LoadOptions(decodesLabels: false), executable: nil) != nil)
        let summed = try Self.text(profiles, output, summing: true)
        #expect(!summed.isEmpty)
        #expect(summed == (try Self.text(profiles, output, summing: false)))
        #expect(try Self.text(profiles, output, summing: true, lines: true) == (try Self.text(profiles, output, summing: false, lines: true)))
    }

    @Test(arguments: [ReportRequest.Output.raw, .traces, .tags])
    func reportsThatShowSamplesMergeExactly(_ output: ReportRequest.Output) {
        var request = ReportRequest()
        request.profiles = ["a.out", "b.out"]
        request.output = output
        #expect(!request.onlySumsSamples)
    }

    @Test func labelsFiltersAndBasesMergeExactly() {
        var request = ReportRequest()
        request.profiles = ["a.out", "b.out"]
        request.output = .top
        #expect(request.onlySumsSamples)
        var tagged = request
        tagged.filters.tagFocus = "bytes=64"
        var based = request
        based.base = ReportRequest.Base(path: "c.out", kind: .subtracted)
        var rooted = request
        rooted.tagRoot = "bytes"
        var single = request
        single.profiles = ["a.out"]
        #expect(![tagged, based, rooted, single].contains { $0.onlySumsSamples })
    }

    /// Profiles the summing merge refuses (other units) are read again for the exact merge: not through
    /// FIFOs, which can be read once only, so those are merged exactly from the start.
    @Test func profilesThroughFIFOsAreReadOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-fifos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = ["demo/go1.27/mem.out", "golden-transform/inputs/mem-b-kilobytes.out"].map { "\(Self.testdata)/\($0)" }
        var fifos: [String] = []
        for (index, input) in inputs.enumerated() {
            let fifo = directory.appendingPathComponent("\(index).out").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: input))
            Thread {
                guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
                handle.write(bytes)
                try? handle.close()
            }.start()
            fifos.append(fifo)
        }
        let expected = try CommandRunner.run(["-top"] + inputs)
        let result = try CommandRunner.run(["-top"] + fifos)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == expected.standardOutput)
    }

    /// Two copies of one profile: the exact merge sums each sample with its copy, so `-raw` shows as many
    /// samples as the profile merged alone.
    @Test func rawShowsTheExactlyMergedSamples() throws {
        let path = "\(Self.testdata)/demo/go1.27/mem.out"
        var request = ReportRequest()
        request.profiles = [path, path]
        request.output = .raw
        guard case .raw(let merged) = try ReportPipeline(request) { _ in }.run().content else {
            Issue.record("not a raw report")
            return
        }
        let single = try Profile.merge([try Profile(contentsOf: path)])
        #expect(merged.samples.count == single.samples.count)
        #expect(merged.samples.values == single.samples.values.map { $0 &* 2 })
    }
}
