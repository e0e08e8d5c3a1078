import ArgumentParser
import Foundation
import GalPaK

/// `galpak-bench calibrate`: fits simulated cubes of known parameters and reports how often the
/// credible intervals contain the truth.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit cubes simulated at random known parameters (S/N 5–25, seeing 0.5–1.0″) and report, per parameter, the fraction of 68 % and 95 % intervals containing the truth, the median |error|/stdev and the mean signed error/stdev.",
        discussion: """
            The model fitted is the one simulated (well specified), so the coverage should be \
            68 % and 95 % within binomial noise, the median |error|/stdev 0.674 and the mean \
            error/stdev 0 ± 1/√N (Gaussian posteriors).
            """)

    @Option(help: "Number of cubes.") var cubes = 40
    @Option(help: "Accepted steps per chain.") var iterations = 6000
    @Option(help: "Chains per fit.") var chains = 2
    @Flag(inversion: .prefixedNo, help: "Tune the proposal before each main run (--auto-scale).") var autoScale = true
    @Option(help: "Seed of the parameters, noise and chains.") var seed: UInt64 = 1
    @Option(help: "Also write the table (Markdown) to this file.") var output: String?

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("galpak-calibrate-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SeededGenerator(seed: seed)
        var inside68 = [Int](repeating: 0, count: 10), inside95 = [Int](repeating: 0, count: 10)
        var ratios = [[Double]](repeating: [], count: 10)
        var signed = [[Double]](repeating: [], count: 10)
        var unconverged = 0
        let clock = ContinuousClock(), start = clock.now
        say("cube   S/N  seeing  max R-hat  min ESS   seconds  largest (estimate - truth)/stdev")
        for i in 0..<cubes {
            let cube = CalibrationCube(using: &rng)
            let path = dir.appendingPathComponent("cube\(i).fits").path
            try cube.write(to: path)
            var options = FitOptions(cubePath: path, outputPrefix: dir.appendingPathComponent("fit\(i)").path)
            options.instrument = cube.instrument
            options.iterations = iterations
            options.chains = chains
            options.sampling = autoScale ? .tuned : .cauchy
            options.seed = seed &+ UInt64(100 * i)
            options.overwrite = true
            let result = try FitPipeline.run(options)
            let wide = result.summary.estimate
            let narrow = try ChainSummary(chains: result.chains, method: options.method, fraction: options.fraction,
                                          percentile: 68.27).estimate
            for name in ParameterName.allCases {
                let truth = Self.aligned(cube.truth[name], to: wide.value[name], name)
                if narrow.lower[name] <= truth && truth <= narrow.upper[name] { inside68[name.rawValue] += 1 }
                if wide.lower[name] <= truth && truth <= wide.upper[name] { inside95[name.rawValue] += 1 }
                ratios[name.rawValue].append(abs(wide.value[name] - truth) / wide.stdev[name])
                signed[name.rawValue].append((wide.value[name] - truth) / wide.stdev[name])
            }
            let rHat = result.convergence.rHat.values.filter { !$0.isNaN }.max() ?? .nan
            let ess = result.convergence.effectiveSampleSize.values.filter { !$0.isNaN }.min() ?? .nan
            if rHat > ConvergenceReport.rHatLimit || ess < ConvergenceReport.essLimit { unconverged += 1 }
            let worst = ParameterName.allCases.max { abs(signed[$0.rawValue].last!) < abs(signed[$1.rawValue].last!) }!
            say(String(format: "%4d  %4.1f  %6.2f  %9.3f  %7.0f  %8.1f  %@ %+.2f", i, cube.snr, cube.seeing, rHat, ess,
                       result.seconds, worst.key, signed[worst.rawValue].last!))
        }
        let n = Double(cubes)
        var table = """
            | parameter | 68 % interval coverage | 95 % interval coverage | median abs(error)/stdev | mean (estimate − truth)/stdev |
            |---|---|---|---|---|

            """
        for name in ParameterName.allCases {
            let median = SampleStatistics.median(ratios[name.rawValue])
            let bias = signed[name.rawValue].reduce(0, +) / n
            table += String(format: "| %@ | %.2f | %.2f | %.2f | %+.2f |\n", name.key,
                            Double(inside68[name.rawValue]) / n, Double(inside95[name.rawValue]) / n, median, bias)
        }
        table += String(format: "| *expected* | 0.68 ± %.2f | 0.95 ± %.2f | 0.67 | 0 ± %.2f |\n",
                        (0.68 * 0.32 / n).squareRoot(), (0.95 * 0.05 / n).squareRoot(), 1 / n.squareRoot())
        let seconds = (clock.now - start).inSeconds
        let footer = "\(cubes) cubes, \(chains) chains × \(iterations) accepted steps, auto-scale \(autoScale ? "on" : "off"), seed \(seed); \(unconverged) fits with R-hat > \(ConvergenceReport.rHatLimit) or ESS < \(Int(ConvergenceReport.essLimit)); \(Int(seconds)) s\n"
        say()
        say(table + "\n" + footer)
        if let output { try (table + "\n" + footer).write(toFile: output, atomically: true, encoding: .utf8) }
    }

    /// The truth of PA moved by whole turns next to the estimate, so intervals compare across 0/360.
    static func aligned(_ truth: Double, to estimate: Double, _ name: ParameterName) -> Double {
        guard name == .pa else { return truth }
        return estimate + wrapHalfTurn(truth - estimate)
    }
}
