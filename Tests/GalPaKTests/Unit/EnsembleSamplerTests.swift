import Foundation
import Testing
@testable import GalPaK

/// ``EnsembleSampler`` with the ``StretchMove``, on targets with known moments.
@Suite struct EnsembleSamplerTests {
    @Test func correlatedGaussianIn10D() throws {
        let target = AnalyticTargets.Gaussian(dimension: 10)
        let prior = try BoxPrior(lower: [Double](repeating: -10, count: 10), upper: [Double](repeating: 10, count: 10))
        var settings = EnsembleSettings(seed: 2)
        settings.steps = 4000
        let sampler = try EnsembleSampler(prior: prior, move: StretchMove(), settings: settings)
        let guess = [Double](repeating: 2, count: 10)
        let result = try sampler.run(from: guess) { target.logDensity($0) }
        #expect(result.walkers == 40)
        // 40 walkers × 3000 kept steps; the stretch move's autocorrelation time on a 10-D
        // Gaussian is ≲ 100 steps, so ≳ 1200 independent draws: a mean's standard error is
        // ≲ σ/35, a variance's relative one ≲ √(2/1200) = 0.04, a correlation's ≲ (1 − ρ²)/35
        // = 0.01. Tolerances: 0.2 σ, 25 %, 0.07 (5–7 standard errors).
        let draws = result.draws(discarding: 1000)
        let m = draws.mean, c = draws.covariance, sigma = target.sigma
        for i in 0..<10 {
            #expect(abs(m[i] - target.mean[i]) < 0.2 * sigma[i], "mean \(i): \(m[i]) vs \(target.mean[i])")
            #expect(abs(c[i * 10 + i] / (sigma[i] * sigma[i]) - 1) < 0.25, "variance \(i): \(c[i * 10 + i])")
        }
        for i in 0..<9 {
            let r = c[i * 10 + i + 1] / (c[i * 10 + i] * c[(i + 1) * 10 + i + 1]).squareRoot()
            #expect(abs(r - 0.8) < 0.07, "correlation \(i),\(i + 1): \(r)")
        }
        // Goodman & Weare's stretch move accepts 20–50 % on a Gaussian in 10-D.
        let acceptance = result.acceptanceFractions.reduce(0, +) / 40
        #expect(acceptance > 0.1 && acceptance < 0.6, "acceptance \(acceptance)")
    }

    @Test func bananaMoments() throws {
        let prior = try BoxPrior(lower: [-6, -4], upper: [6, 16])
        var settings = EnsembleSettings(seed: 4)
        settings.walkers = 32
        settings.steps = 6000
        let result = try EnsembleSampler(prior: prior, move: StretchMove(), settings: settings)
            .run(from: [0.5, 0]) { AnalyticTargets.banana($0) }
        // The banana mixes slowly (τ of a few hundred steps: y's tail is reached along the arms):
        // 32 × 5000 / ~300 ≈ 500 independent draws; tolerances 0.2 in the means (≈ 4 standard
        // errors of x, 3 of y), 30 % in the variances (y's fourth moment is large).
        let draws = result.draws(discarding: 1000)
        let m = draws.mean, c = draws.covariance
        #expect(abs(m[0]) < 0.2 && abs(m[1]) < 0.2, "means \(m)")
        #expect(abs(c[0] - 1) < 0.3 && abs(c[3] / 0.75 - 1) < 0.3, "variances \(c[0]), \(c[3])")
    }

    @Test func stretchMoveProposesOnTheLineWithItsJacobian() {
        // One partner (walker 1) so the proposal is X₁ + z (X₀ − X₁): z is recoverable.
        let positions = [1.0, 2, 3, 0, 0, 0]
        var proposal = [Double](repeating: 0, count: 3)
        var generator = SeededGenerator(seed: 9)
        let move = StretchMove()
        for _ in 0..<1000 {
            let ratio = move.propose(walker: 0, complement: 1..<2, positions: positions, dimension: 3,
                                     into: &proposal, using: &generator)
            let z = proposal[0]
            #expect(z >= 0.5 && z <= 2)
            #expect(abs(proposal[1] - 2 * z) < 1e-12 && abs(proposal[2] - 3 * z) < 1e-12)
            #expect(abs(ratio - 2 * log(z)) < 1e-12)
        }
    }

    @Test func sameSeedSameChains() throws {
        let target = AnalyticTargets.Gaussian(dimension: 3)
        let prior = try BoxPrior(lower: [-10, -10, -10], upper: [10, 10, 10])
        var settings = EnsembleSettings(seed: 6)
        settings.steps = 50
        let sampler = try EnsembleSampler(prior: prior, move: StretchMove(), settings: settings)
        let a = try sampler.run(from: [0, 0, 0]) { target.logDensity($0) }
        let b = try sampler.run(from: [0, 0, 0]) { target.logDensity($0) }
        #expect(a.positions == b.positions)
    }

    @Test func badInputsAreClearErrors() throws {
        let prior = try BoxPrior(lower: [0, 0], upper: [1, 1])
        var odd = EnsembleSettings()
        odd.walkers = 7
        #expect(throws: GalpakError.self) { try EnsembleSampler(prior: prior, move: StretchMove(), settings: odd) }
        let sampler = try EnsembleSampler(prior: prior, move: StretchMove())
        #expect(throws: GalpakError.self) { try sampler.run(from: [2, 0.5]) { _ in 0 } }
        #expect(throws: GalpakError.self) { try sampler.run(from: [0.5, 0.5]) { _ in .nan } }
    }
}
