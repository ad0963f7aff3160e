import Foundation
import Testing

/// Every report recorded from the real `go tool pprof` (Go 1.27.3) must come out of pprof-list byte for byte.
@Suite struct GoldenTests {
    @Test func goldensWereFound() {
        #expect(GoldenCase.all.count > 500)
    }

    @Test(arguments: GoldenCase.all)
    func reportMatchesGoToolPprof(_ golden: GoldenCase) throws {
        let result = try CommandRunner.run(golden.arguments)
        #expect(result.status == golden.expectedStatus, "stderr: \(result.standardError)")
        if golden.expectedStatus != 0 {
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.split(separator: "\n").count == 1)
            return
        }
        let expected = golden.expectedOutput
        if golden.isUnstable {
            #expect(Self.orderFree(result.standardOutput) == Self.orderFree(expected))
        } else {
            #expect(result.standardOutput == expected)
            #expect(result.standardOutputBytes == golden.expectedBytes)
        }
    }

    /// The rows of a `-top` table as a sorted list without the running `sum%` column, which is the only
    /// thing that changes when pprof orders rows of equal weight and equal name differently.
    static func orderFree(_ report: String) -> [String] {
        report.split(separator: "\n").map { line in
            var fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 6, fields[1].hasSuffix("%"), fields[2].hasSuffix("%") { fields.remove(at: 2) }
            return fields.joined(separator: " ")
        }.sorted()
    }
}
