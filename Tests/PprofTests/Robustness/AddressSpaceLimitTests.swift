import Foundation
import Testing

extension Robustness {
    /// The command under an address-space limit (`prlimit --as`), where an allocation the decoder asks for
    /// beyond the limit would end in Swift's `Fatal error: … failed to allocate` and a crash report: on the
    /// amplifying profiles of testdata/malformed (15 KB of gzip, 15 MiB inflated, hundreds of MiB decoded)
    /// it must print one line and exit 1, with default flags.
    @Suite("Command line under an address-space limit")
    struct AddressSpaceLimitTests {
        /// Room for the command on a real profile (it runs in under 64 MiB), not for any amplifier decoded.
        static let limit = "--as=\(256 << 20)"
        static let prlimit = "/usr/bin/prlimit"

        static let amplifiers = [
            "amplify-labels.pb.gz", "amplify-lines.pb.gz", "amplify-location-ids.pb.gz",
            "amplify-sample-types.pb.gz", "amplify-strings.pb.gz", "amplify-values.pb.gz",
        ]

        static func run(_ arguments: [String]) throws -> CommandRunner.Result {
            try CommandRunner.run(arguments, launcher: [prlimit, limit])
        }

        @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: prlimit)), arguments: amplifiers)
        func amplifyingProfileFailsWithOneLineUnderTheLimit(_ file: String) throws {
            let path = MalformedCorpus.directory + "/profile/" + file
            // -tagfocus makes the command keep labels, which -top alone only checks.
            let result = try Self.run(["-tagfocus=.", "-top", path])
            #expect(!result.standardError.contains("Fatal error"), "\(result.standardError.prefix(500))")
            CommandLineErrorTests.expectInputError(result, file: path)
            #expect(result.standardError.hasPrefix(
                "pprof-list: parsing profile \(path): profile too large: decoded, it would take over "))
        }

        @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: prlimit)))
        func realProfileStillLoadsUnderTheLimit() throws {
            let result = try Self.run(["-top", CommandLineErrorTests.profile])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("flat%"))
        }

        /// Many small strings stay under the budget's bytes per byte read: only the limit refuses them, and
        /// the error says which bound it was.
        @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: prlimit)))
        func manyStringsAreRefusedForTheMemoryLimit() throws {
            let path = MalformedCorpus.directory + "/profile/amplify-strings.pb.gz"
            let result = try Self.run(["-top", path])
            #expect(result.status == 1)
            #expect(result.standardError.contains("(more than the process's memory limit leaves) at byte offset "),
                    "\(result.standardError.prefix(500))")
        }
    }
}
