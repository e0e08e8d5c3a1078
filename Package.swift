// swift-tools-version: 6.0
import PackageDescription

/// `make wheel` sets GALPAK_STATIC_STDLIB=1: libGalPaKC.so then carries the Swift runtime and
/// Foundation (SwiftPM's --static-swift-stdlib links executables only).
let staticStdlib = Context.environment["GALPAK_STATIC_STDLIB"] == "1"

let package = Package(
    name: "galpak",
    products: [
        .executable(name: "galpak", targets: ["galpak"]),
        .library(name: "GalPaK", targets: ["GalPaK"]),
        // The C ABI (libGalPaKC.so) that Python's pygalpak loads with ctypes.
        .library(name: "GalPaKC", type: .dynamic, targets: ["GalPaKC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries, found through pkg-config (Debian: libcfitsio-dev, libfftw3-dev,
        // libcairo2-dev, wcslib-dev).
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
        .systemLibrary(
            name: "CCairo",
            path: "Sources/CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CWCSLIB",
            path: "Sources/CWCSLIB",
            pkgConfig: "wcslib",
            providers: [.apt(["wcslib-dev"])]
        ),
        // prctl(PR_SET_PDEATHSIG) for a batch's child processes (a header only; Linux).
        .systemLibrary(
            name: "CProcessControl",
            path: "Sources/CProcessControl"
        ),
        // The convolution passes' and the χ² sum's inner loops, compiled for the x86-64 baseline
        // and for AVX2 + FMA, chosen at run time (CPUPath).
        .target(
            name: "CConvolutionKernels",
            path: "Sources/CConvolutionKernels"
        ),
        // All the science: cube reading, disk model, instrument, sampler, outputs, figures.
        .target(
            name: "GalPaK",
            dependencies: ["CCFITSIO", "CFFTW3", "CCairo", "CWCSLIB", "CProcessControl", "CConvolutionKernels"],
            path: "Sources/GalPaK"
        ),
        // A C ABI over the forward model: `@_cdecl` functions with plain C types (galpak.h).
        .target(
            name: "GalPaKC",
            dependencies: ["GalPaK"],
            path: "Sources/GalPaKC",
            exclude: ["galpak.h"],
            linkerSettings: staticStdlib ? [.unsafeFlags(["-static-stdlib"])] : []
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
        // `make bench`: speed and memory of model evaluations and whole fits (not a test).
        .executableTarget(
            name: "galpak-bench",
            dependencies: ["GalPaK", "CFFTW3"],
            path: "Sources/galpak-bench"
        ),
        // Slow statistical benchmarks (`make calibrate`, `make first-guess`), never run by `swift test`.
        .executableTarget(
            name: "galpak-calibrate",
            dependencies: [
                "GalPaK",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/galpak-calibrate"
        ),
        .testTarget(
            name: "GalPaKTests",
            // The executable is a dependency so that the end-to-end tests can run it; CCairo
            // reads the figures back.
            dependencies: ["GalPaK", "galpak", "CCairo"],
            path: "Tests/GalPaKTests",
            resources: [.copy("Fixtures")],
            // `make test` builds in release (the fits under test run several times faster) but the
            // tests themselves unoptimised: optimising their macro-expanded code takes longer than
            // it saves (36 min against 4 on this machine).
            swiftSettings: [.unsafeFlags(["-Onone"], .when(configuration: .release))]
        ),
    ]
)
