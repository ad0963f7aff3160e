#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `pprof-list` with no profile argument reports on: the seed article's benchmarks as Go 1.27 profiles
/// them, with their escape logs and sources, shipped in `testdata/seed`.
enum DefaultInputs {
    /// Where regen.sh built the seed module: the profiles' file names start with it.
    static let buildRoot = "/tmp/pprof-list-testdata/go1.27/seed/src"
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
                trimPath: buildRoot)
        }
        return nil
    }

    private static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    private static func executablePath() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: pointer.count) { readlink("/proc/self/exe", $0, pointer.count - 1) }
            } ?? -1
        }
        guard length > 0 else { return nil }
        return String(decoding: buffer[0..<length], as: UTF8.self)
    }
}
