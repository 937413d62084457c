import Foundation
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "warta",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "warta", targets: ["warta"]),
        .library(name: "Warta", targets: ["Warta"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3")
    ],
    targets: [
        // ICU's C API is renamed by versioned macros that Swift cannot import, so a tiny C target
        // forwards plain functions (see ../shared/SWIFT-LINUX.md).
        .target(
            name: "CWartaICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        // libxml2's headers clash with Foundation's private ICU, so they stay behind this header.
        .target(
            name: "CWartaXML",
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2")]
        ),
        // O_DIRECT, which Swift's Glibc module does not define (see OutputFile).
        .target(name: "CWartaIO"),
        .target(
            name: "Warta",
            dependencies: [
                "CWartaICU", "CWartaXML", "CWartaIO",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        .executableTarget(
            name: "warta",
            dependencies: [
                "Warta",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        .testTarget(name: "WartaTests", dependencies: ["Warta", "CWartaIO"])
    ],
    swiftLanguageModes: [.v5]
)

// The libFuzzer target (Sources/WartaFuzz) exists only when WARTA_FUZZ is set: it calls libFuzzer's driver, so it links
// only with `-sanitize=fuzzer`. `make fuzz` sets it and builds
// into .build-fuzz; plain `swift build` and `swift test` never see it.
if ProcessInfo.processInfo.environment["WARTA_FUZZ"] != nil {
    package.products.append(.executable(name: "WartaFuzz", targets: ["WartaFuzz"]))
    package.targets.append(.target(name: "CWartaFuzz"))
    package.targets.append(.executableTarget(name: "WartaFuzz", dependencies: ["Warta", "CWartaFuzz"]))
}
