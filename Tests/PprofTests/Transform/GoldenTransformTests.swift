import Foundation
import Testing

/// Merged, compared (`-base`, `-diff_base`) and filtered reports of the built `pprof-list`, byte for byte
/// against `go tool pprof` (Go 1.27.3) as recorded by `testdata/golden-transform/regen.sh`.
@Suite struct GoldenTransformTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var status: Int32
        var testDescription: String { name }
    }

    static let folder = CommandRunner.testdata.appendingPathComponent("golden-transform")

    static let cases: [Case] = {
        let table = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        return table.split(separator: "\n").compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 3 else { return nil }
            let arguments = columns[1].split(separator: " ").map {
                $0.replacingOccurrences(of: "@TD@", with: CommandRunner.testdata.path)
            }
            return Case(name: columns[0], arguments: arguments, status: Int32(columns[2]) ?? 0)
        }
    }()

    @Test func casesWereFound() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func reportMatchesGoToolPprof(_ golden: Case) throws {
        let result = try CommandRunner.run(golden.arguments)
        if golden.status != 0 {
            #expect(result.status != 0)
            #expect(result.standardOutput.isEmpty)
            return
        }
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let expected = try String(contentsOf: Self.folder.appendingPathComponent(golden.name), encoding: .utf8)
        #expect(result.standardOutput == expected)
    }
}
