import Foundation

/// What a fit's chains depend on, item by item, so that `galpak fit --resume` can refuse to
/// continue a chain sampled from another cube or with other options, naming what differs.
///
/// Items: the input files by content (a 64-bit FNV-1a digest of their bytes: the cube, the
/// variance cube, the instrument file, a PSF image, the mask), and every option that changes the
/// posterior or the chains (instrument, header overrides, model, bounds, fixed and initial
/// values, priors, random scales, statistic, noise model, variance scale, first guess, sampling
/// method, number of chains, seed, lengths and stop conditions, the part of the chains the
/// convergence check uses, and the crop). Options that only change what is made of the chains
/// (`--method`, `--percentile`, `--redshift`, `--rest`, `--velocity-definition`) or the outputs (`--pv-width`, `--voronoi-snr`, `--no-plots`, `--figure-format`, `--quiet`,
/// `--overwrite`) are not items: they may differ on resuming.
struct FitFingerprint: Codable, Equatable {
    /// One thing the chains depend on.
    struct Item: Codable, Equatable {
        /// What it is, as the user knows it (an option, or "the cube").
        var name: String
        /// Its value, spelled exactly.
        var value: String
    }

    var items: [Item]

    /// The fingerprint of the fit `options` describe.
    /// - Throws: ``GalpakError`` `.badInput` naming an input file that cannot be read.
    init(_ options: FitOptions) throws {
        func item(_ name: String, _ value: Any?) -> Item {
            Item(name: name, value: value.map { String(describing: $0) } ?? "none")
        }
        func file(_ name: String, _ path: String?) throws -> Item {
            Item(name: name, value: try path.map { try Self.digest(ofFile: $0) } ?? "none")
        }
        var instrument = options.instrument
        var psfImage: String?
        if case .image(let image)? = instrument.psf {
            psfImage = image.path
            instrument.psf = nil
        }
        items = [
            try file("the cube", options.cubePath),
            try file("--variance", options.variancePath),
            try file("--instrument-file", options.instrumentFile),
            try file("the PSF image", psfImage),
            try file("--mask", options.selection.maskPath),
            item("--channels", options.selection.channels),
            item("the instrument (--instrument, --seeing, --psf-*, --moffat-*, --lsf-*)", instrument),
            item("--seeing's SIGMA", options.psfWidth?.sigma),
            item("the header overrides (--crval, --crpix, --cdelt, --cunit, --pixscale)", options.overrides),
            item("the model (--flux-profile, --rotation-curve, --thickness, --dispersion, --aspect, --line, ...)",
                 options.model),
            item("--iterations", options.iterations), item("--max-iterations", options.maxIterations),
            item("the convergence target", options.convergence), item("--min-acceptance", options.minAcceptance),
            item("--seed", options.seed), item("--fix", options.fixed.values), item("--min", options.minimum.values),
            item("--max", options.maximum.values), item("--init", options.initial.values),
            item("--prior", options.priors),
            item("--random-scale", options.randomScale.restricted(to: options.parameters).values),
            item("--sampling", options.sampling), item("--chi-stat", options.chiStatistic),
            item("--noise-correlation", options.noiseCorrelation), item("--variance-scale", options.varianceScale),
            item("--first-guess", options.firstGuess), item("--chains", options.chains),
            item("--burn", options.burn), item("--fraction", options.chainFraction), item("--crop", options.crop),
        ]
    }

    /// What differs between this fingerprint and `saved`, in one phrase (nil: nothing).
    func difference(from saved: FitFingerprint) -> String? {
        let before = Dictionary(saved.items.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        for item in items where before[item.name] != item.value {
            switch item.name {
            case "the cube", "--variance", "--instrument-file", "the PSF image", "--mask":
                return "\(item.name) is not the file (or no longer the content) it was sampled from"
            default:
                return "\(item.name) differs: it was sampled with \(before[item.name] ?? "no value"), now \(item.value)"
            }
        }
        return nil
    }

    /// A 64-bit FNV-1a digest of the file's bytes, with its size, e.g. `8640 bytes, fnv1a 3f…`.
    static func digest(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GalpakError.badInput(path, "cannot be read")
        }
        defer { try? handle.close() }
        var hash = FNV1a()
        var size = 0
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            size += chunk.count
            chunk.withUnsafeBytes { hash.add(bytes: $0) }
        }
        return "\(size) bytes, fnv1a \(String(hash.value, radix: 16))"
    }
}
