import ArgumentParser
import Foundation
import GalPaK

/// `galpak-calibrate first-guess`: how many iterations the moment-based first guess saves before a
/// chain reaches its χ² plateau, compared with the reference's fixed start.
struct FirstGuessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "first-guess",
        abstract: "Iterations to reach the χ² plateau from the moments' first guess and from the reference's start.",
        discussion: """
            For each cube and seed, one chain (default Cauchy sampler) runs from each start. The \
            plateau is the median reduced χ² of the last half of both runs; a run reaches it at the \
            first iteration (proposals, rejected ones included) whose χ² is within 3 standard \
            deviations of the χ² over that last half above the plateau.
            """)

    /// The cube fitted when none is given, and its seeing FWHM (arcsec).
    static let (demoCube, demoSeeing) = ("data/demo_cube.fits", 0.8)

    @Argument(help: "Cubes to fit (default: \(Self.demoCube) with MUSE seeing \(Self.demoSeeing) only).")
    var cubes: [String] = []
    @Option(help: "Seeing FWHM, arcsec, for every cube.") var seeing = Self.demoSeeing
    @Option(help: "Rotation curve of the model.") var rotationCurve = ModelDefaults.rotationCurve
    @Option(help: "Accepted steps per run.") var iterations = 8000
    @Option(help: "Seeds (one run per start and seed).") var seeds = 3
    @Option(help: "Also fit this many simulated cubes (random parameters, as `calibrate`).") var simulated = 0

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("galpak-firstguess-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var jobs: [(path: String, instrument: Instrument)] = (cubes.isEmpty ? [Self.demoCube] : cubes)
            .map { ($0, Instrument.museWFM.withSeeing(seeing)) }
        var rng = SeededGenerator(seed: 77)
        for i in 0..<simulated {
            let cube = CalibrationCube(using: &rng)
            let path = dir.appendingPathComponent("sim\(i).fits").path
            try cube.write(to: path)
            jobs.append((path, cube.instrument))
        }
        say("cube                              seed   moments  reference   saved")
        var saved: [Double] = []
        for job in jobs {
            for seed in 1...UInt64(seeds) {
                var runs: [SamplerResult] = []
                for guess in [FitOptions.FirstGuess.moments, .reference] {
                    var options = FitOptions(cubePath: job.path, outputPrefix: dir.appendingPathComponent("fit").path)
                    options.instrument = job.instrument
                    options.model.rotationCurve = rotationCurve
                    options.iterations = iterations
                    options.chains = 1
                    options.seed = seed
                    options.firstGuess = guess
                    options.overwrite = true
                    runs.append(try FitPipeline.run(options).runs[0].result)
                }
                let tail = runs.flatMap { Self.iterations(of: $0).suffix(from: Self.iterations(of: $0).count / 2) }
                let plateau = SampleStatistics.upperMedian(tail.map(\.chi2))
                let spread = SampleStatistics.standardDeviation(tail.map(\.chi2))
                // Not reached: counted as the whole run (so the saving is a lower bound).
                let reached = runs.map { run in
                    Self.iterations(of: run).first { $0.chi2 <= plateau + 3 * spread }?.iteration
                        ?? run.progress.proposals
                }
                saved.append(Double(reached[1] - reached[0]))
                let name = URL(fileURLWithPath: job.path).lastPathComponent
                say(name.padding(toLength: 32, withPad: " ", startingAt: 0)
                      + String(format: "  %4d  %8d  %9d  %6d", seed, reached[0], reached[1], reached[1] - reached[0]))
            }
        }
        say(String(format: "median iterations saved: %.0f (mean %.0f, over %d runs)",
                     SampleStatistics.upperMedian(saved), saved.reduce(0, +) / Double(saved.count), saved.count))
    }

    /// (iteration, reduced χ²) at every accepted state, iterations counted from the start
    /// (rejections before the first acceptance included).
    static func iterations(of run: SamplerResult) -> [(iteration: Int, chi2: Double)] {
        var t = run.unstoredProposals
        return (0..<run.chain.count).map { row in
            t += row == 0 ? 1 : run.chain.weight(at: row - 1)
            return (t, run.chain.reducedChi2(at: row))
        }
    }
}
