#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PprofFormatting
import PprofLoading
import PprofModel

/// The packages of the user's modules that hold the profile's hot lines: for each sample, the first frame
/// from the leaf whose source file is found here (by the same lookup as `-list`) inside a Go module of the
/// user's (a `go.mod` above it, not under GOROOT, the module cache or a `vendor/` directory). Those are the
/// lines the default report ranks once the logs cover them, so exactly their packages are compiled.
package struct HotPackages {
    package struct Package: Hashable {
        package var importPath: String
        package var directory: String
        package var moduleRoot: String
        /// A `_test.go` file of it holds a hot frame: it is compiled by `go test -c`, as the profiled build was.
        package var needsTestBuild: Bool
    }

    /// Largest first.
    package private(set) var packages: [Package] = []
    /// The local source files of the hot frames, resolved, each once (for the freshness check).
    package private(set) var files: [String] = []
    /// Each hot function's start line in the profile and its resolved file, for the mismatch check.
    package private(set) var functions: [(name: String, file: String, startLine: Int64)] = []

    /// At most this many packages are compiled: the hottest.
    package static let maximumCount = 64

    package init(profile: Profile, valueIndex: Int, resolve: (String) -> String?, goroot: String, moduleCache: String) {
        var userPackageOfFunction = [Package?](repeating: nil, count: profile.functions.count)
        var resolvedFunction = [Bool](repeating: false, count: profile.functions.count)
        var resolvedFile: [String: String?] = [:]
        var moduleOfDirectory: [String: (root: String, path: String)?] = [:]
        let excluded = [goroot, moduleCache].filter { !$0.isEmpty }.map { GoPath.clean($0) + "/" }

        func package(of functionIndex: Int) -> Package? {
            if resolvedFunction[functionIndex] { return userPackageOfFunction[functionIndex] }
            resolvedFunction[functionIndex] = true
            let function = profile.functions[functionIndex]
            guard !function.filename.isEmpty else { return nil }
            let found: String?
            if let known = resolvedFile[function.filename] {
                found = known
            } else {
                found = resolve(function.filename).map { Self.absolute(GoPath.clean($0)) }
                resolvedFile[function.filename] = found
            }
            // Not the user's: this Go's GOROOT and module cache, vendored copies, and any other module cache
            // (`…/pkg/mod/path@version/`) on the machine.
            guard let file = found, !excluded.contains(where: { file.hasPrefix($0) }), !file.contains("/vendor/"),
                  !(file.contains("/pkg/mod/") && file.contains("@")) else { return nil }
            let directory = GoPath.dir(file)
            let module: (root: String, path: String)?
            if let known = moduleOfDirectory[directory] {
                module = known
            } else {
                module = Self.enclosingModule(of: directory)
                moduleOfDirectory[directory] = module
            }
            // Another Go installation's standard library or commands (its `src/go.mod` says `module std`).
            guard let module, module.path != "std", module.path != "cmd" else { return nil }
            let relative = directory == module.root ? "" : String(directory.dropFirst(module.root.count + 1))
            let importPath = relative.isEmpty ? module.path : module.path + "/" + relative
            let result = Package(importPath: importPath, directory: directory, moduleRoot: module.root, needsTestBuild: file.hasSuffix("_test.go"))
            userPackageOfFunction[functionIndex] = result
            return result
        }

        // Per stack (samples share them), the function of its first frame in the user's code: -1 none, -2 not
        // yet known.
        let samples = profile.samples
        var firstUserFunction = [Int32](repeating: -2, count: samples.stackCount)
        // The same per location, so that a stack repeating a location of many inlined lines costs one lookup
        // per position, not a pass over the lines each time.
        var firstUserFunctionOfLocation = [Int32](repeating: -2, count: profile.locations.count)
        func userFunction(ofLocation location: Int) -> Int32 {
            if firstUserFunctionOfLocation[location] != -2 { return firstUserFunctionOfLocation[location] }
            var found: Int32 = -1
            for frame in profile.frames(ofLocation: location) where package(of: Int(frame.functionIndex)) != nil {
                found = frame.functionIndex
                break
            }
            firstUserFunctionOfLocation[location] = found
            return found
        }
        func userFunction(ofStack stack: Int) -> Int32 {
            if firstUserFunction[stack] != -2 { return firstUserFunction[stack] }
            var found: Int32 = -1
            for position in samples.stackRange(of: stack) {
                found = userFunction(ofLocation: Int(samples.locationIndices[position]))
                if found >= 0 { break }
            }
            firstUserFunction[stack] = found
            return found
        }

        var weights: [String: (package: Package, weight: UInt64)] = [:]
        var seenFunctions = Set<Int>()
        for sample in 0..<samples.count {
            let weight = samples.value(of: sample, type: valueIndex).magnitude
            guard weight != 0 else { continue }
            let functionIndex = Int(userFunction(ofStack: Int(samples.stackOfSample[sample])))
            guard functionIndex >= 0, let found = userPackageOfFunction[functionIndex] else { continue }
            var entry = weights[found.importPath] ?? (found, 0)
            entry.weight &+= weight
            entry.package.needsTestBuild = entry.package.needsTestBuild || found.needsTestBuild
            weights[found.importPath] = entry
            if seenFunctions.insert(functionIndex).inserted, let file = resolvedFile[profile.functions[functionIndex].filename] ?? nil {
                functions.append((profile.functions[functionIndex].name, file, profile.functions[functionIndex].startLine))
                if !files.contains(file) { files.append(file) }
            }
        }
        packages = weights.values.sorted { ($0.weight, $1.package.importPath) > ($1.weight, $0.package.importPath) }
            .prefix(Self.maximumCount).map(\.package)
    }

    /// The nearest directory at or above `directory` with a `go.mod`, and the module path it declares.
    package static func enclosingModule(of directory: String) -> (root: String, path: String)? {
        var current = directory
        while true {
            if let bytes = try? FileReader.read(path: current + "/go.mod", limit: 1 << 20) {
                let text = bytes.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
                return modulePath(in: text).map { (current, $0) }
            }
            let parent = GoPath.dir(current)
            if parent == current { return nil }
            current = parent
        }
    }

    package static func modulePath(in goMod: String) -> String? {
        for line in goMod.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if words.count >= 2 && words[0] == "module" {
                return String(words[1].filter { $0 != "\"" })
            }
        }
        return nil
    }

    /// `path` made absolute against the working directory: the build runs in the module's root.
    package static func absolute(_ path: String) -> String {
        guard !GoPath.isAbsolute(path) else { return path }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return GoPath.clean(cwd + "/" + path)
    }
}
