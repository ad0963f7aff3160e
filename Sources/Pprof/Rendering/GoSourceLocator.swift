#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PprofFormatting
import PprofLoading

/// Finds Go sources where pprof does not look (google/pprof#1009, golang/go#48601): `$GOROOT/src/…` and
/// `-trimpath` standard-library names in the local GOROOT, `module@version/…` in the module cache (with its
/// `!`-escaped capitals), module-relative names of the current module and its `vendor/` directory, and
/// absolute paths from another machine's GOROOT or module cache.
public struct GoSourceLocator: Sendable {
    public var goroot: String?
    public var moduleCache: String?
    /// Directories holding a `go.mod`, with their module paths: the working directory's module and its parents.
    public var modules: [(directory: String, path: String)]

    public init(goroot: String?, moduleCache: String?, modules: [(directory: String, path: String)]) {
        self.goroot = goroot
        self.moduleCache = moduleCache
        self.modules = modules
    }

    /// Reads GOROOT, GOMODCACHE and GOPATH from the environment (falling back to `$HOME/go`), and the
    /// modules enclosing `workingDirectory`.
    public static func fromEnvironment(workingDirectory: String) -> GoSourceLocator {
        let environment = { (name: String) -> String? in
            guard let value = getenv(name) else { return nil }
            let text = String(cString: value)
            return text.isEmpty ? nil : text
        }
        var cache = environment("GOMODCACHE")
        if cache == nil {
            let gopath = environment("GOPATH").map { GoPath.splitList($0).first ?? $0 }
                ?? environment("HOME").map { $0 + "/go" }
            cache = gopath.map { $0 + "/pkg/mod" }
        }
        return GoSourceLocator(
            goroot: environment("GOROOT"), moduleCache: cache, modules: enclosingModules(of: workingDirectory))
    }

    public func locate(_ file: String) -> String? {
        for candidate in candidates(for: file) where Self.isReadableFile(candidate) {
            return candidate
        }
        return nil
    }

    package func candidates(for file: String) -> [String] {
        var result: [String] = []
        if file.hasPrefix("$GOROOT/"), let goroot {
            result.append(goroot + "/" + file.dropFirst("$GOROOT/".count))
        }
        if let marker = file.firstRange(of: "/pkg/mod/"), let moduleCache {
            result.append(moduleCache + "/" + file[marker.upperBound...])
        }
        if !GoPath.isAbsolute(file) {
            if file.contains("@"), let moduleCache {
                result.append(moduleCache + "/" + Self.escapeModulePath(file))
            }
            for module in modules {
                if file.hasPrefix(module.path + "/") {
                    result.append(module.directory + "/" + file.dropFirst(module.path.count + 1))
                }
                result.append(module.directory + "/vendor/" + file)
            }
            if let goroot { result.append(goroot + "/src/" + file) }
        } else if let goroot, let marker = file.ranges(of: "/src/").last {
            result.append(goroot + "/src/" + file[marker.upperBound...])
        }
        return result
    }

    /// The module cache stores capitals as '!' and the lower-case letter (`golang.org/x/…`, `github.com/!burnt!sushi/…`).
    package static func escapeModulePath(_ path: String) -> String {
        var escaped = ""
        for character in path {
            if character.isUppercase && character.isASCII {
                escaped += "!" + character.lowercased()
            } else {
                escaped.append(character)
            }
        }
        return escaped
    }

    package static func isReadableFile(_ path: String) -> Bool {
        var status = stat()
        return SystemPath.stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG && SystemPath.access(path, R_OK) == 0
    }

    package static func enclosingModules(of directory: String) -> [(directory: String, path: String)] {
        var modules: [(directory: String, path: String)] = []
        var current = GoPath.clean(directory)
        while true {
            if let bytes = SourceReader.readFile(current + "/go.mod"), let path = modulePath(in: bytes) {
                modules.append((current, path))
            }
            let parent = GoPath.dir(current)
            if parent == current { break }
            current = parent
        }
        return modules
    }

    package static func modulePath(in goMod: [UInt8]) -> String? {
        for line in String(decoding: goMod, as: UTF8.self).split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if words.count >= 2 && words[0] == "module" {
                return words[1].trimmingCharacters(in: "\"")
            }
        }
        return nil
    }
}

extension Substring {
    package func trimmingCharacters(in set: Character) -> String {
        var text = self
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return String(text)
    }
}
