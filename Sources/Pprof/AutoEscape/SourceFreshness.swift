#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PprofLoading
import PprofModel

/// Whether the sources compiled are those that were profiled: `-escape=auto` analyses the code as it is now,
/// and the profile's line numbers are of the code as it was. Each check warns once.
package enum SourceFreshness {
    package static func warn(profile: Profile, hot: HotPackages, notices: (String) -> Void) {
        // A file written after the profile was: its verdicts may be of other lines.
        if profile.timeNanos > 0 {
            let recorded = profile.timeNanos / 1_000_000_000
            let newer = hot.files.filter { file in
                var status = stat()
                return stat(file, &status) == 0 && Int64(status.st_mtim.tv_sec) > recorded
            }
            if let first = newer.first {
                let more = newer.count > 1 ? " (and \(newer.count - 1) more)" : ""
                notices("pprof-list: warning: \(first)\(more) changed after the profile was recorded: the verdicts are of the code as it is now")
            }
        }
        // A function that no longer starts where the profile says: the lines moved.
        var lines: [String: [Substring]] = [:]
        for function in hot.functions where function.startLine > 0 {
            if lines[function.file] == nil {
                let text = (try? FileReader.read(path: function.file, limit: 64 << 20)).map { $0.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } } ?? ""
                lines[function.file] = text.split(separator: "\n", omittingEmptySubsequences: false)
            }
            let fileLines = lines[function.file] ?? []
            let index = Int(function.startLine) - 1
            if index >= fileLines.count || !fileLines[index].contains("func") {
                notices("pprof-list: warning: the profile has \(function.name) start at line \(function.startLine) of \(function.file), "
                    + "where the source has no func: the sources are not the profiled ones, so verdicts may not match their lines")
                return
            }
        }
    }
}
