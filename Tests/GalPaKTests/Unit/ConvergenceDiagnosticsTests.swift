import Foundation
import Testing
@testable import GalPaK

/// R-hat, ESS and the Geweke score on known cases.
@Suite struct ConvergenceDiagnosticsTests {
    /// `sin(0.37 i + c) + 0.05 · ((7i + 3c) mod 11) + offset · c`, i < n: deterministic chains
    /// whose diagnostics were computed with numpy by ArviZ's algorithm (split R-hat, ess "mean").
    private func series(chains: Int, draws: Int, offset: Double = 0) -> [[Double]] {
        (0..<chains).map { c -> [Double] in
            (0..<draws).map { i -> Double in
                let wave: Double = sin(0.37 * Double(i) + Double(c))
                let steps: Double = 0.05 * Double((i * 7 + c * 3) % 11)
                return wave + steps + offset * Double(c)
            }
        }
    }

    @Test func matchesArvizOnDeterministicChains() {
        let two = series(chains: 2, draws: 50)
        #expect(abs(ConvergenceDiagnostics.splitRHat(two) - 1.0233499395855556) < 1e-12)
        #expect(abs(ConvergenceDiagnostics.effectiveSampleSize(two) - 20.540392841297795) < 1e-9)
        let three = series(chains: 3, draws: 41, offset: 0.3)
        #expect(abs(ConvergenceDiagnostics.splitRHat(three) - 1.0258550629083645) < 1e-12)
        #expect(abs(ConvergenceDiagnostics.effectiveSampleSize(three) - 25.048879738440153) < 1e-9)
    }

    /// Halves of only 4 draws, or a series whose lag-1 autocorrelation is already −1: the
    /// positive sequence has no term. ArviZ then gives τ = 1/log₁₀(draws), ESS = draws ·
    /// log₁₀(draws); this was a range trap (a crash with `fit --fraction 10 --iterations 20`).
    @Test func theShortestSequencesGiveArvizsFloor() {
        let alternating = [(0..<20).map { $0 % 2 == 0 ? 1.0 : -1.0 }]
        #expect(abs(ConvergenceDiagnostics.effectiveSampleSize(alternating) - 20 * log10(20.0)) < 1e-9)
        let short = series(chains: 1, draws: 8)
        #expect(ConvergenceDiagnostics.effectiveSampleSize(short).isFinite)
        #expect(ConvergenceDiagnostics.effectiveSampleSize(series(chains: 3, draws: 9)).isFinite)
    }

    @Test func independentNormalDrawsGiveRHatOneAndESSAboutN() {
        var rng = SeededGenerator(seed: 11)
        let chains = (0..<4).map { _ in (0..<2000).map { _ in rng.nextGaussian() } }
        let rHat = ConvergenceDiagnostics.splitRHat(chains)
        let ess = ConvergenceDiagnostics.effectiveSampleSize(chains)
        #expect(abs(rHat - 1) < 0.005, "R-hat \(rHat)")
        #expect(abs(ess / 8000 - 1) < 0.1, "ESS \(ess) of 8000 draws")
    }

    @Test func autocorrelatedChainsGiveTheAR1EffectiveSize() {
        // AR(1) with ρ = 0.8: integrated autocorrelation time (1 + ρ)/(1 − ρ) = 9.
        var rng = SeededGenerator(seed: 12)
        let chains = (0..<4).map { _ -> [Double] in
            var x = 0.0
            return (0..<10000).map { _ in
                x = 0.8 * x + 0.6 * rng.nextGaussian()
                return x
            }
        }
        let ess = ConvergenceDiagnostics.effectiveSampleSize(chains)
        #expect(abs(ess / (40000.0 / 9) - 1) < 0.15, "ESS \(ess), expected ≈ \(40000 / 9)")
    }

    @Test func chainsInDifferentPlacesGiveALargeRHat() {
        var rng = SeededGenerator(seed: 13)
        let chains = (0..<2).map { c in (0..<500).map { _ in rng.nextGaussian() + 3 * Double(c) } }
        #expect(ConvergenceDiagnostics.splitRHat(chains) > 1.5)
        // A drifting chain fails even alone: its two halves disagree.
        let drift = [(0..<500).map { Double($0) / 50 + rng.nextGaussian() }]
        #expect(ConvergenceDiagnostics.splitRHat(drift) > 1.5)
    }

    @Test func constantOrTooShortChainsGiveNaN() {
        #expect(ConvergenceDiagnostics.splitRHat([[1, 1, 1, 1, 1], [1, 1, 1, 1, 1]]).isNaN)
        #expect(ConvergenceDiagnostics.effectiveSampleSize([[1, 2, 3]]).isNaN)
    }

    @Test func gewekeScoreMatchesTheReference() {
        // numpy, by the reference's _geweke_score and plot_geweke's ±2σ count (25 intervals).
        func decay(amplitude: Double, length: Double) -> [Double] {
            (0..<300).map { i -> Double in
                let t = Double(i)
                let settling: Double = amplitude * exp(-t / length)
                return settling + 0.3 * sin(1.7 * t)
            }
        }
        #expect(ConvergenceDiagnostics.gewekeScore(decay(amplitude: 1, length: 40)) == 0.96)
        #expect(ConvergenceDiagnostics.gewekeScore(decay(amplitude: 3, length: 60)) == 0.44)
        // The z-scores behind it (PREFIX_geweke): numpy's linspace(0, 150, 25).astype(int) start
        // points, z from the first 10 % and the last 50 % of the chain from each.
        let scores = ConvergenceDiagnostics.gewekeZScores(decay(amplitude: 3, length: 60))
        #expect(scores.map(\.start) == [0, 6, 12, 18, 25, 31, 37, 43, 50, 56, 62, 68, 75, 81, 87, 93, 100, 106, 112,
                                         118, 125, 131, 137, 143, 150])
        for (n, z) in [(0, 4.847660362950162), (12, 2.1109939828765727), (24, 0.6152040318243678)] {
            #expect(abs(scores[n].z - z) < 1e-12, "z at start point \(n): \(scores[n].z)")
        }
        #expect(scores.filter { abs($0.z) <= ConvergenceDiagnostics.gewekeSigmas }.count == 11)
        #expect(ConvergenceDiagnostics.gewekeZScores(Array(repeating: 1.5, count: 19)).isEmpty)
    }

    @Test func reportUsesTheExpandedChainsAndSkipsFixedParameters() {
        var rng = SeededGenerator(seed: 14)
        let chains = (0..<2).map { _ -> Chain in
            var chain = Chain()
            for _ in 0..<600 {
                var p = GalaxyParameters.missing
                p.values = [rng.nextGaussian(), rng.nextGaussian(), 0, 1, 1, 30,
                            wrapDegrees(5 * rng.nextGaussian()), 1, 100, 10]
                chain.append(p, reducedChi2: 1, weight: 1 + Int(rng.next() % 3))
            }
            return chain
        }
        let report = ConvergenceReport(chains: chains, fraction: 50, burn: 10, centre: .uniform(0.5, ParameterName.reference))
        #expect(report.chainCount == 2)
        // Each chain has ~1200 iterations; half of them after the burn-in are compared.
        #expect(report.drawsPerChain > 500 && report.drawsPerChain < 700)
        for name in [ParameterName.x, .y, .pa] {
            #expect(abs(report.rHat[name] - 1) < 0.05, "\(name.key) R-hat \(report.rHat[name])")
            // Rows repeated 1–3 times: fewer effective samples than iterations.
            #expect(report.effectiveSampleSize[name] < Double(2 * report.drawsPerChain))
            #expect(report.effectiveSampleSize[name] > 100)
        }
        // PA straddles 0/360 but is unwrapped: no false alarm.
        #expect(report.rHat[.pa] < 1.05)
        #expect(report.rHat[.flux].isNaN && report.effectiveSampleSize[.flux].isNaN)
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(report.gewekeTable.hasPrefix("|"))
    }
}
