import Foundation
import Testing

/// One recorded `go tool pprof` invocation from a `testdata/**/golden/<profile>/commands.tsv`, made by
/// `testdata/regen.sh` with the real Go 1.27.3 toolchain.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    var folder: URL
    var name: String
    var arguments: [String]
    var expectedStatus: Int32
    /// pprof orders some rows by map iteration (`-top -files` on Go 1.20+ profiles): compare those as sets.
    var isUnstable: Bool

    var testDescription: String {
        let relative = folder.path.replacingOccurrences(of: CommandRunner.testdata.path + "/", with: "")
        return "\(relative)/\(name)"
    }

    var expectedOutput: String {
        String(decoding: expectedBytes, as: UTF8.self)
    }

    /// The golden's bytes: pprof prints profile strings that are not UTF-8 as they are.
    var expectedBytes: Data {
        (try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()
    }

    static let all: [GoldenCase] = {
        let testdata = CommandRunner.testdata
        guard let walker = FileManager.default.enumerator(at: testdata, includingPropertiesForKeys: nil) else { return [] }
        var cases: [GoldenCase] = []
        for case let url as URL in walker where url.lastPathComponent == "commands.tsv" {
            cases += parse(commands: url, testdata: testdata)
        }
        return cases.sorted { $0.testDescription < $1.testDescription }
    }()

    static func parse(commands: URL, testdata: URL) -> [GoldenCase] {
        let folder = commands.deletingLastPathComponent()
        let stem = folder.lastPathComponent
        let profile = folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(stem + ".out")
        let sources = folder.path.contains("/seed/") ? testdata.appendingPathComponent("seed/src") : testdata.appendingPathComponent("demo/src")
        let unstable = Set(((try? String(contentsOf: folder.appendingPathComponent("unstable.txt"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init))
        guard let text = try? String(contentsOf: commands, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 3 else { return nil }
            let arguments = columns[1].split(separator: " ").map { argument in
                argument.replacingOccurrences(of: "@SRC@", with: sources.path)
                    .replacingOccurrences(of: "@TD@", with: testdata.path)
            } + [profile.path]
            return GoldenCase(
                folder: folder, name: columns[0], arguments: arguments,
                expectedStatus: Int32(columns[2]) ?? 0, isUnstable: unstable.contains(columns[0]))
        }
    }
}
