// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "galpak",
    products: [
        .executable(name: "galpak", targets: ["galpak"]),
        .library(name: "GalPaK", targets: ["GalPaK"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries, found through pkg-config (Debian: libcfitsio-dev, libfftw3-dev).
        .systemLibrary(
            name: "CCFITSIO",
            path: "Sources/CCFITSIO",
            pkgConfig: "cfitsio",
            providers: [.apt(["libcfitsio-dev"])]
        ),
        .systemLibrary(
            name: "CFFTW3",
            path: "Sources/CFFTW3",
            pkgConfig: "fftw3",
            providers: [.apt(["libfftw3-dev"])]
        ),
        // All the science: cube reading, disk model, instrument, sampler, outputs.
        .target(
            name: "GalPaK",
            dependencies: ["CCFITSIO", "CFFTW3"],
            path: "Sources/GalPaK"
        ),
        // The thin command-line front end: parses arguments, calls GalPaK, prints.
        .executableTarget(
            name: "galpak",
            dependencies: [
                "GalPaK",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/galpak"
        ),
        // Slow statistical benchmarks (`make calibrate`), never run by `swift test`.
        .executableTarget(
            name: "galpak-bench",
            dependencies: [
                "GalPaK",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/galpak-bench"
        ),
        .testTarget(
            name: "GalPaKTests",
            // The executable is a dependency so that the end-to-end tests can run it.
            dependencies: ["GalPaK", "galpak"],
            path: "Tests/GalPaKTests",
            resources: [.copy("Fixtures")]
        ),
    ]
)
