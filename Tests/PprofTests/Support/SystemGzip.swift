import Foundation

/// Gzip bytes made by the system's gzip, so the tests do not depend on our own writer.
func systemGzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-list-gzip-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("data")
    try Data(bytes).write(to: input)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-n", "-1", input.path]
    try process.run()
    process.waitUntilExit()
    return try Array(Data(contentsOf: directory.appendingPathComponent("data.gz")))
}
