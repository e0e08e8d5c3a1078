import ArgumentParser
import Foundation
import GalPaK

/// `galpak-calibrate calibrate`: fits simulated cubes of known parameters, in classes of noise,
/// with the default fit and reports how often the credible intervals contain the truth.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit cubes simulated at random known parameters in five noise classes with the default `galpak fit` and report, per class and parameter, the fraction of 68 % and 95 % intervals containing the truth and the median |error|/stdev.",
        discussion: """
            Classes: white (white noise, peak S/N 5–25); beam (noise smoothed by a Gaussian beam \
            of FWHM 2–6 px, the variance file holding only the per-voxel rms², as interferometer \
            cubes'); beam+hanning (the same and a Hanning [¼, ½, ¼] channel smoothing); lowsnr \
            (white, S/N 3–6); misscaled (white, the variance given ×0.8 or ×1.25, half each). \
            The noise's per-voxel rms is (peak of the convolved model)/(S/N); seeing 0.5–1.0″ \
            (MUSE WFM). Cubes are 24 × 24 × 32, 40 × 40 × 32 for the beam classes (room for \
            the correlation to be measured). Each cube is fitted with the defaults of `galpak \
            fit` (tuned jumps, run until R-hat ≤ 1.01 and ESS ≥ 400, --noise-correlation auto) \
            given only its instrument and seeing, and misscaled with --variance-scale auto. The model fitted is the one simulated, so the coverage should be 68 % and \
            95 % within binomial noise ("nominal": within 2·√(p(1−p)/n)) and the median \
            |error|/stdev 0.67. The default (200 cubes) takes ~4–5 hours on 2 cores, most of it the beam classes.
            """)

    @Option(help: "Noise classes, comma-separated.")
    var classes = NoiseClass.names.joined(separator: ",")
    @Option(help: "Cubes simulated and fitted per class.") var cubesPerClass = 40
    @Option(help: "The number of each class's first cube fitted; the cubes before it are drawn (the same random streams) but not fitted, to split a class between processes.")
    var firstCube = 0
    @Option(help: "Seed of the parameters, noise and chains.") var seed: UInt64 = 1
    @Option(help: "Also write the table (Markdown) to this file, rewritten after every cube (a stopped run leaves the table so far).")
    var output: String?
    @Option(help: ArgumentHelp("Keep every simulated cube and its fit in this directory (CLASS-N.fits, CLASS-N_*), to refit or inspect them.",
                               valueName: "dir"))
    var keep: String?
    @Option(help: ArgumentHelp("Append one line per fitted cube to this CSV file (created with a header if missing), from which `galpak-calibrate table` rebuilds the table of several runs.",
                               valueName: "file.csv"))
    var records: String?
    @Flag(help: "Fit each cube with --optimize (the posterior's mode and its Laplace curvature) instead of the default chains: a screen, in minutes, of whether the likelihood and its noise model give honest errors, not a calibration of the default fit.")
    var optimize = false
    @Option(help: "The fits' bounds: default (the fit's own, as a user gets them) or simulation (for radius, inclination, turnover radius, Vmax and σ0 the ranges the truths are drawn from, so that the prior is the truths' distribution: simulation-based calibration, which separates the sampler's accuracy from the prior's pull where the data say little).")
    var bounds = CalibrationBounds.default
    @Option(help: "Where the truths of radius, inclination, turnover radius, Vmax and σ0 are drawn from: realistic (radius 2.5–5 px, inclination 25–75°, turnover radius 0.5–2 px, Vmax 100–280 km/s, σ0 20–80 km/s) or prior (uniformly within the fit's default bounds on the cube's grid: the default fit's own prior, so that the default command is calibrated by simulation-based calibration).")
    var population = CalibrationPopulation.realistic

    func validate() throws {
        guard cubesPerClass > 0 else { throw ValidationError("--cubes-per-class must be at least 1") }
        guard firstCube >= 0 else { throw ValidationError("--first-cube must be at least 0") }
        _ = try NoiseClass.list(classes)
    }

    func run() throws {
        let dir = keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("galpak-calibrate-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }
        let clock = ContinuousClock(), start = clock.now
        var tallies: [ClassCoverage] = []
        func report(_ tallies: [ClassCoverage]) -> String {
            let footer = "\(tallies.map(\.count).reduce(0, +)) cubes, \(optimize ? "--optimize" : "default fit"), \(bounds.name) bounds, "
                + "\(population.name) population, seed \(seed); \(Int((clock.now - start).inSeconds)) s\n"
            return coverageTable(tallies) + "\n" + footer
        }
        say("class         cube   S/N  seeing  beam  max R-hat  min ESS  measured FWHM px×ch  variance ratio  seconds  largest (estimate - truth)/stdev")
        for noiseClass in try NoiseClass.list(classes) {
            var tally = ClassCoverage(noiseClass)
            // One stream per class: a class's cubes do not depend on which other classes run.
            var rng = SeededGenerator(seed: seed &+ UInt64(NoiseClass.allCases.firstIndex(of: noiseClass)!) &* 1_000_003)
            for i in 0..<(firstCube + cubesPerClass) {
                let cube = CalibrationCube(noiseClass, index: i, population: population, using: &rng)
                guard i >= firstCube else { continue }
                let name = keep == nil ? "cube" : "\(noiseClass.name)-\(i)"
                let path = dir.appendingPathComponent("\(name).fits").path
                try cube.write(to: path)
                var options = FitOptions(cubePath: path, outputPrefix: dir.appendingPathComponent(keep == nil ? "fit" : name).path)
                options.instrument = cube.instrument
                options.seed = seed &+ UInt64(100 * i)
                options.overwrite = true
                options.plots = false
                if noiseClass.wantsVarianceScaleAuto { options.varianceScale = .auto }
                if optimize { options.estimator = .laplace }
                bounds.apply(to: &options, population: population, shape: noiseClass.shape)
                let result = try FitPipeline.run(options)
                let wide = result.summary.estimate
                let narrow = try Self.narrowEstimate(result)
                // The truth as the estimates are given, sanitised (|inclination|, PA in [0, 360)): the
                // prior population draws inclinations down to the default bound of −5°.
                let record = CalibrationRecord(noiseClass: noiseClass, cube: i, converged: result.converged != false,
                                               seconds: result.seconds, truth: cube.truth.sanitized(), narrow: narrow, wide: wide)
                tally.add(record)
                if let records { try CalibrationRecordFile.append(record, to: records) }
                say(Self.progressLine(cube, index: i, result: result, errors: tally.errors))
                if let output { try report(tallies + [tally]).write(toFile: output, atomically: true, encoding: .utf8) }
            }
            tallies.append(tally)
        }
        say()
        say(report(tallies))
    }

    /// The fit's estimate with its 68.27 % interval: from the chains, or value ∓ 1·stdev for a
    /// Laplace fit.
    static func narrowEstimate(_ result: FitResult) throws -> ParameterEstimate {
        let options = result.options
        guard let mode = result.mode else {
            return try ChainSummary(chains: result.chains, method: options.method, fraction: options.chainFraction,
                                    percentile: 68.27).estimate
        }
        return try ChainSummary(laplace: mode, chi2: 0, freeParameters: 0, degreesOfFreedom: 1, method: options.method,
                                fraction: options.chainFraction, percentile: 68.27).estimate
    }

    /// One fit's line of the log.
    static func progressLine(_ cube: CalibrationCube, index: Int, result: FitResult, errors: [[Double]]) -> String {
        let rHat = result.convergence.rHat.values.filter { !$0.isNaN }.max() ?? .nan
        let ess = result.convergence.effectiveSampleSize.values.filter { !$0.isNaN }.min() ?? .nan
        let worst = ParameterName.reference.max { abs(errors[$0.knownIndex!].last!) < abs(errors[$1.knownIndex!].last!) }!
        return String(format: "%@  %4d  %4.1f  %6.2f  %4.1f  %9.3f  %7.0f  %8.2f × %-8.2f  %14.3f  %7.1f  %@ %+.2f",
                      cube.noiseClass.name.padding(toLength: 12, withPad: " ", startingAt: 0), index, cube.snr, cube.seeing, cube.smoothing.beamFWHM, rHat, ess,
                      result.noise?.spatialFWHM ?? .nan, result.noise?.spectralFWHM ?? .nan,
                      result.noise?.varianceRatio ?? .nan, result.seconds, worst.key, errors[worst.knownIndex!].last!)
    }
}
