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
        .target(name: "Protobuf"),
        .target(name: "Pprof", dependencies: ["Protobuf", "CZlib"]),
        .executableTarget(name: "pprof-list", dependencies: ["Pprof"]),
        .testTarget(name: "ProtobufTests", dependencies: ["Protobuf"]),
        .testTarget(
            name: "PprofTests",
            dependencies: ["Pprof", "Protobuf"],
            resources: []
        ),
    ]
)
