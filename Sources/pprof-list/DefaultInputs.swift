#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `pprof-list` with no profile argument reports on: the seed article's benchmarks as Go 1.27 profiles
/// them, with their escape logs and sources, shipped in `testdata/seed`. The profiles name their sources
/// under the directory regen.sh built them in, which it writes to `go1.27/build-root`: the `-trim_path`.
enum DefaultInputs {
    static let examples = ["example1", "example3", "example5"]

    struct Inputs {
        var profiles: [String]
        var escapeLogs: [String]
        var sourcePath: String
        var trimPath: String
    }

    /// Finds `testdata/seed` from the working directory or the executable's location (`.build/<config>/`).
    static func locate(workingDirectory: String) -> Inputs? {
        var candidates = [workingDirectory]
        if let executable = executablePath() {
            var directory = executable
            for _ in 0..<5 {
                directory = parent(directory)
                candidates.append(directory)
            }
        }
        for root in candidates {
            let seed = root + "/testdata/seed"
            let first = "\(seed)/go1.27/\(examples[0])/mem.out"
            guard access(first, R_OK) == 0 else { continue }
            return Inputs(
                profiles: examples.map { "\(seed)/go1.27/\($0)/mem.out" },
                escapeLogs: examples.map { "\(seed)/go1.27/\($0)/escape.log" },
                sourcePath: seed + "/src",
                trimPath: firstLine(of: "\(seed)/go1.27/build-root") ?? "")
        }
        return nil
    }

    private static func firstLine(of path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let line = String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return line.isEmpty ? nil : line
    }

    private static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// The running binary: Linux names it in /proc; elsewhere the path it was started by, when it has one.
    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let started = CommandLine.arguments.first ?? ""
        return started.contains("/") ? started : nil
    }
}
