// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Preflight",
    platforms: [.macOS(.v15)],   // Synchronization.Mutex
    products: [
        .library(name: "PreflightKit", targets: ["PreflightKit"]),
        .library(name: "PreflightHistory", targets: ["PreflightHistory"]),
        .library(name: "PreflightReport", targets: ["PreflightReport"]),
        .executable(name: "preflight", targets: ["preflight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .target(name: "StrictTOML"),
        .target(
            name: "PreflightKit",
            dependencies: ["StrictTOML", "Yams", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("../../Rubrics")]
        ),
        .target(name: "PreflightAttestation", dependencies: ["PreflightKit", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "PreflightHistory", dependencies: ["PreflightKit", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "PreflightReport",
            dependencies: ["PreflightKit", .product(name: "Mustache", package: "swift-mustache"), "XMLCoder"],
            resources: [.copy("../../Templates")]
        ),
        .executableTarget(
            name: "preflight",
            dependencies: ["PreflightKit", "PreflightHistory", "PreflightReport", "PreflightAttestation",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "preflight-benchmarks", dependencies: ["PreflightKit", "PreflightHistory"], path: "Benchmarks/PreflightBenchmarks"),
        .executableTarget(name: "preflight-fuzz", dependencies: ["PreflightKit", "PreflightAttestation"], path: "Fuzz/PreflightFuzz"),
        .target(name: "PreflightTestSupport", dependencies: ["PreflightKit"], path: "Tests/PreflightTestSupport"),
        .testTarget(
            name: "PreflightKitTests",
            dependencies: ["PreflightKit", "PreflightReport", "PreflightTestSupport", "preflight"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PreflightHistoryTests",
            dependencies: ["PreflightHistory", "PreflightKit", "PreflightReport", "PreflightTestSupport", "preflight"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PreflightReportTests",
            dependencies: ["PreflightReport", "PreflightKit", "PreflightTestSupport", "preflight"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "StrictTOMLTests", dependencies: ["StrictTOML", "PreflightKit"]),
        .testTarget(
            name: "PreflightAttestationTests",
            dependencies: ["PreflightAttestation", "PreflightKit", "PreflightTestSupport", "preflight",
                           .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
