// swift-tools-version:6.0
import PackageDescription

// The library's layers, each a target under Sources/Pprof/, so that an arrow pointing the wrong way does not
// compile (ARCHITECTURE.md draws them): model ← decoding ← transforms, analysis ← escape join ← reports ←
// pipeline (`Pprof`, what the command and library users import) ← the command.
func layer(_ name: String, _ folder: String, _ dependencies: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: dependencies, path: "Sources/Pprof/\(folder)")
}

let package = Package(
    name: "pprof-list",
    products: [
        .executable(name: "pprof-list", targets: ["pprof-list"]),
        .library(name: "Pprof", targets: ["Pprof"]),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // RE2 (libre2-dev) behind a C face: Swift imports C, and RE2 is C++.
        .target(
            name: "CRE2",
            linkerSettings: [.linkedLibrary("re2")]
        ),
        .target(name: "Protobuf"),
        layer("PprofModel", "Model", []),
        layer("PprofFormatting", "Formatting", ["PprofModel"]),
        layer("PprofLoading", "Loading", []),
        layer("PprofCompression", "Compression", ["PprofLoading", "CZlib"]),
        layer("PprofDecoding", "Decoding", ["PprofModel", "PprofLoading", "PprofCompression", "Protobuf"]),
        layer("PprofTransform", "Transform", ["PprofModel", "PprofFormatting", "CRE2"]),
        layer("PprofAnalysis", "Analysis", ["PprofModel", "PprofFormatting"]),
        layer("PprofEscape", "Escape", ["PprofFormatting", "PprofLoading", "PprofCompression"]),
        layer("PprofJoin", "Join", ["PprofModel", "PprofFormatting", "PprofAnalysis", "PprofEscape"]),
        layer("PprofReports", "Rendering", [
            "PprofModel", "PprofFormatting", "PprofLoading", "PprofTransform", "PprofAnalysis", "PprofEscape", "PprofJoin",
        ]),
        layer("PprofServing", "Serving", []),
        layer("PprofAutoEscape", "AutoEscape", ["PprofModel", "PprofFormatting", "PprofLoading", "PprofEscape"]),
        layer("Pprof", "Pipeline", [
            "PprofModel", "PprofFormatting", "PprofLoading", "PprofCompression", "PprofDecoding", "PprofTransform",
            "PprofAnalysis", "PprofEscape", "PprofJoin", "PprofReports", "PprofAutoEscape",
            "PprofServing",
        ]),
        .executableTarget(name: "pprof-list", dependencies: ["Pprof"]),
        .testTarget(name: "ProtobufTests", dependencies: ["Protobuf"]),
        .testTarget(
            name: "PprofTests",
            dependencies: [
                "Pprof", "Protobuf", "PprofModel", "PprofFormatting", "PprofLoading", "PprofCompression", "PprofDecoding",
                "PprofTransform", "PprofAnalysis", "PprofEscape", "PprofJoin", "PprofReports", "PprofAutoEscape",
            ]
        ),
    ]
)
