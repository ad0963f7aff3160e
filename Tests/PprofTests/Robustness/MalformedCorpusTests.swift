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

/// One row of the tables in `testdata/malformed/README.md`: a file, the flags it is loaded with, and what must
/// happen.
struct MalformedInput: Sendable, CustomTestStringConvertible {
    var file: String
    var flags: [String]
    var expected: String

    var testDescription: String { ([file] + flags).joined(separator: " ") }
    var path: String { MalformedCorpus.directory + "/" + file }
    var kind: String { String(file.prefix { $0 != "/" }) }

    var loadOptions: LoadOptions {
        var options = LoadOptions()
        for flag in flags where flag.hasPrefix("-max_inflated_size=") {
            options.maxInflatedSize = Int(flag.dropFirst("-max_inflated_size=".count)) ?? 0
        }
        return options
    }
}

enum MalformedCorpus {
    static let directory = ReportSmoke.testdata + "/malformed"

    /// The rows of the README's tables: `| `file` | flags | `expected` | what it is |`.
    static let rows: [MalformedInput] = {
        guard let readme = try? String(contentsOfFile: directory + "/README.md", encoding: .utf8) else { return [] }
        return readme.split(separator: "\n").compactMap { line -> MalformedInput? in
            guard line.hasPrefix("| `") else { return nil }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5 else { return nil }
            func unquoted(_ cell: String) -> String {
                cell.hasPrefix("`") && cell.hasSuffix("`") && cell.count >= 2 ? String(cell.dropFirst().dropLast()) : cell
            }
            let flags = cells[2] == "-" ? [] : unquoted(cells[2]).split(separator: " ").map(String.init)
            return MalformedInput(file: unquoted(cells[1]), flags: flags, expected: unquoted(cells[3]))
        }
    }()

    static func rows(_ kinds: String...) -> [MalformedInput] { rows.filter { kinds.contains($0.kind) } }

    /// Every file below the folder, relative to it, except the README and the generator.
    static func files() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory),
                  !isDirectory.boolValue, path.contains("/") else { continue }
            files.append(path)
        }
        return files.sorted()
    }
}

extension Robustness {

    @Suite("Malformed inputs in testdata/malformed")
    struct MalformedCorpusTests {
        @Test func everyFileHasARowAndEveryRowAFile() {
            let files = Set(MalformedCorpus.files())
            let named = Set(MalformedCorpus.rows.map(\.file))
            #expect(!files.isEmpty)
            #expect(files.subtracting(named).sorted() == [], "files in testdata/malformed without a row in its README")
            #expect(named.subtracting(files).sorted() == [], "README rows naming files that do not exist")
            #expect(MalformedCorpus.rows.allSatisfy { ["profile", "cli", "escape"].contains($0.kind) })
        }

        @Test(arguments: MalformedCorpus.rows("profile", "cli"))
        func profileLoadsOrFailsAsRecorded(_ input: MalformedInput) throws {
            let bytes = try ReportSmoke.bytes("malformed/" + input.file)
            do {
                let profile = try Profile(bytes: bytes, options: input.loadOptions)
                #expect(input.expected == "loads", "loaded, but the README expects: \(input.expected)")
                ReportSmoke.render(profile)
            } catch {
                #expect(error.description == input.expected)
                #expect(!error.description.contains("\n"))
            }
        }

        @Test(arguments: MalformedCorpus.rows("escape"))
        func escapeLogParsesAndJoins(_ input: MalformedInput) throws {
            let bytes = try ReportSmoke.bytes("malformed/" + input.file)
            let log = input.file.hasSuffix(".json")
                ? EscapeLog(json: bytes, source: input.path) : EscapeLog(text: bytes, source: input.path)
            let isLog = !log.diagnostics.isEmpty || log.unrecognizedLineCount == 0
            #expect((isLog ? "log" : "not a log") == input.expected)
            ReportSmoke.join([log])

            do {
                let read = try EscapeLog(contentsOf: input.path)
                #expect(isLog, "EscapeLog(contentsOf:) accepted what is not a log")
                #expect(read.diagnostics == log.diagnostics)
            } catch {
                #expect(!isLog, "EscapeLog(contentsOf:) rejected a log: \(error)")
                #expect(error.description.hasPrefix("escape log \(input.path): not a compiler escape-analysis log"))
            }
        }
    }
}
