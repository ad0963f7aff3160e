// swift-tools-version:6.0
import PackageDescription

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
        .target(name: "Pprof", dependencies: ["Protobuf", "CZlib", "CRE2"]),
        .executableTarget(name: "pprof-list", dependencies: ["Pprof"]),
        .testTarget(name: "ProtobufTests", dependencies: ["Protobuf"]),
        .testTarget(
            name: "PprofTests",
            dependencies: ["Pprof", "Protobuf"],
            resources: []
        ),
    ]
)
