import Foundation
import PprofLoading
import Testing

/// `pprof [binary] profile…`: which first arguments pprof (Go's `cmd/internal/objfile`) opens as executables.
@Suite struct ExecutableFormatTests {
    /// A header padded with zeros to `size` bytes, and the reader over it.
    static func format(_ header: [UInt8], size: Int) -> ExecutableFormat? {
        var bytes = header
        if bytes.count < size { bytes += [UInt8](repeating: 0, count: size - bytes.count) }
        return ExecutableFormat.of(header: Array(bytes.prefix(128)), fileSize: bytes.count) { offset, count in
            offset >= 0 && offset + count <= bytes.count ? Array(bytes[offset..<offset + count]) : nil
        }
    }

    @Test(arguments: [
        ([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 64, ExecutableFormat.elf),
        ([0x7f, 0x45, 0x4c, 0x46, 1, 2, 1], 52, .elf),
        ([0xcf, 0xfa, 0xed, 0xfe], 32, .machO),
        ([0xfe, 0xed, 0xfa, 0xce], 28, .machO),
    ] as [([UInt8], Int, ExecutableFormat)])
    func wholeHeadersAreExecutables(_ header: [UInt8], _ size: Int, _ expected: ExecutableFormat) {
        #expect(Self.format(header, size: size) == expected)
    }

    @Test func peFileIsFoundThroughItsDOSHeader() {
        var bytes = [UInt8](repeating: 0, count: 200)
        bytes[0] = 0x4d
        bytes[1] = 0x5a
        bytes[0x3c] = 0x80
        bytes.replaceSubrange(0x80..<0x84, with: [0x50, 0x45, 0, 0])
        #expect(Self.format(bytes, size: 200) == .pe)
        bytes[0x81] = 0x46
        #expect(Self.format(bytes, size: 200) == nil)
    }

    @Test(arguments: [
        [0x7f, 0x45, 0x4c, 0x46],  // the magic alone: Go's debug/elf cannot read the header
        [0x7f, 0x45, 0x4c, 0x46, 3, 1, 1],  // no such ELF class
        [0x1f, 0x8b, 8, 0],  // a gzip'd profile
        [0x0a, 0x04, 0x08, 0x01],  // a raw profile.proto
        [0xca, 0xfe, 0xba, 0xbe],  // a fat Mach-O, which objfile does not open either
    ] as [[UInt8]])
    func profilesAndTruncatedHeadersAreNot(_ header: [UInt8]) {
        #expect(Self.format(header, size: header == [0x7f, 0x45, 0x4c, 0x46] ? 4 : 64) == nil)
    }

    @Test func committedTinyELFIsAnExecutableAndTheBareMagicIsNot() {
        let folder = CommandRunner.testdata.appendingPathComponent("nomapping")
        #expect(ExecutableFormat.of(path: folder.appendingPathComponent("tiny.elf").path) == .elf)
        #expect(ExecutableFormat.of(path: folder.appendingPathComponent("notelf.bin").path) == nil)
        #expect(ExecutableFormat.of(path: folder.appendingPathComponent("cpu.out").path) == nil)
        #expect(ExecutableFormat.of(path: folder.path) == nil)
    }

    @Test func aLoneBinaryIsAUsageErrorThatSaysWhatIsMissing() throws {
        let binary = CommandRunner.testdata.appendingPathComponent("nomapping/tiny.elf").path
        let result = try CommandRunner.run(["-top", binary])
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == "pprof-list: \(binary) is an ELF executable, not a profile: name the profile after it (pprof-list [flags] BINARY profile...)\n")
    }

    @Test func helpListsTheFlagsOfIssue13() throws {
        let result = try CommandRunner.run(["-help"])
        for flag in ["-tagroot=<keys>", "-tagleaf=<keys>", "-prune_from=<regexp>", "-relative_percentages", "-normalize"] {
            #expect(result.standardOutput.contains("  \(flag)\n"), "\(flag)")
        }
        #expect(result.standardOutput.contains("[binary] [profile ...]"))
    }
}
