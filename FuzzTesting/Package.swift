// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets for pprof-list. Each target is a static library holding `LLVMFuzzerTestOneInput`; SwiftPM
/// cannot link an executable whose `main` comes from libFuzzer, so `fuzz.sh` builds the libraries with
/// `-sanitize=fuzzer,address` and links each one by hand with `swiftc -sanitize=fuzzer,address`.
/// See README.md for the recipe.
let fuzzTargets = ["FuzzWireReader", "FuzzProfile", "FuzzProfileStreaming", "FuzzEscapeText", "FuzzEscapeJSON", "FuzzRegex", "FuzzSourceReader"]

let package = Package(
    name: "FuzzTesting",
    products: fuzzTargets.map { .library(name: $0, type: .static, targets: [$0]) },
    dependencies: [
        .package(name: "pprof-list", path: ".."),
    ],
    targets: [
        // zlib's deflate, to gzip fuzz inputs in-process (the main package only inflates).
        .systemLibrary(name: "CZlibFuzz", pkgConfig: "zlib"),
        .target(
            name: "FuzzChecks",
            dependencies: [.product(name: "Pprof", package: "pprof-list"), "CZlibFuzz"]
        ),
    ] + fuzzTargets.map { .target(name: $0, dependencies: ["FuzzChecks"]) }
)
