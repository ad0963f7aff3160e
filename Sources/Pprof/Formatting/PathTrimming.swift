/// pprof's `trimPath`: turns a profile's absolute source path into one relative to a search path, by the
/// basename heuristic (only without `-trim_path`) or by stripping configured prefixes and `/proc/self/cwd/`.
public enum PathTrimming {
    public static func trim(_ path: String, trimPath: String, searchPath: String) -> String {
        if trimPath.isEmpty {
            for directory in GoPath.splitList(searchPath) {
                let wanted = "/" + GoPath.base(directory) + "/"
                if let found = path.firstRange(of: wanted) {
                    return String(path[found.upperBound...])
                }
            }
        }
        for prefix in GoPath.splitList(trimPath) + ["/proc/self/cwd/./", "/proc/self/cwd/"] {
            let withSlash = prefix.hasSuffix("/") ? prefix : prefix + "/"
            if path.hasPrefix(withSlash) { return String(path.dropFirst(withSlash.count)) }
        }
        return path
    }
}
