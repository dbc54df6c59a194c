// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "veobatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "veobatch", targets: ["veobatch"]),
        .executable(name: "rh-sim", targets: ["rh-sim"]),
        .executable(name: "veobatch-media", targets: ["veobatch-media"]),
        .library(name: "VeoBatch", targets: ["VeoBatch"]),
        .library(name: "RunningHubSimulator", targets: ["RunningHubSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // Already in the graph through Hummingbird; named so the simulator can import NIOCore.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        // C libraries from Debian's -dev packages.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CMagic",
            pkgConfig: "libmagic",
            providers: [.apt(["libmagic-dev"])]
        ),
        // FFmpeg 5.1's libraries (Debian 12), for veobatch-media only: veobatch itself never links them.
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libswscale-dev", "libavutil-dev"])]
        ),

        // The vendor's Veo 3.1 endpoint table and price list, embedded verbatim (see scripts/embed-vendor-data.sh).
        .target(name: "VendorData"),

        // The core library: everything that is not argument parsing.
        .target(
            name: "VeoBatch",
            dependencies: [
                "CCurl", "CMagic", "VendorData", "MediaWorkerProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .executableTarget(
            name: "veobatch",
            dependencies: [
                "VeoBatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["BuildInfoPlugin"]
        ),
        // Clip probes, thumbnails and filmstrips: one long-lived child per core at most, linking
        // FFmpeg's libraries, spoken to in JSON lines (see README, Probing). It never imports VeoBatch,
        // so it starts with libav and Foundation only; the request/answer types are all it shares.
        .target(name: "MediaWorkerProtocol"),
        .executableTarget(
            name: "veobatch-media",
            dependencies: ["CFFmpeg", "MediaWorkerProtocol"]
        ),
        // `veobatch --version`'s commit, written at build time from the checkout (no network).
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),

        // The RunningHub simulator, written from the contract: it never imports VeoBatch.
        .target(
            name: "RunningHubSimulator",
            dependencies: [
                "VendorData",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "rh-sim",
            dependencies: [
                "RunningHubSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Feeds arbitrary bytes to the manifest reader and validator. `scripts/fuzz.sh` builds it with
        // -sanitize=fuzzer; a plain build gives a replay tool that runs the files it is given.
        .executableTarget(
            name: "ManifestFuzzer",
            dependencies: ["VeoBatch", .product(name: "Logging", package: "swift-log")]
        ),

        // What the test targets share: one temporary-folder type, one way to start the simulator
        // (in process or the built rh-sim) and where the built products are. Not a product, and it
        // never imports VeoBatch, so the simulator's own tests can use it.
        .target(
            name: "TestSupport",
            dependencies: ["RunningHubSimulator"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "VeoBatchTests",
            dependencies: [
                "VeoBatch", "RunningHubSimulator", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .testTarget(
            name: "RunningHubSimulatorTests",
            dependencies: [
                "RunningHubSimulator", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "RunningHubSimulator", "TestSupport",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
