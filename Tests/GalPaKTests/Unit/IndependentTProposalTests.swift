import Foundation
import Testing
@testable import GalPaK

/// The independence part of the tuned proposal (``IndependentTProposal``, ``TunedProposal``):
/// its Hastings ratio is that of a multivariate Student t in the log coordinates, and mixed
/// with the random walk it samples a known posterior, with many more effective draws per step.
@Suite struct IndependentTProposalTests {
    static let wide = try! ParameterBounds(
        min: GalaxyParameters([0, 0, 0, 0, 0.8, -5, -40, 0.01, 10, 0]),
        max: GalaxyParameters([30, 30, 30, 1000, 12, 90.5, 400, 6, 350, 180]))

    /// The normalised density of a k-variate t with ν degrees of freedom, scale S = L Lᵀ:
    /// `Γ((ν+k)/2) / (Γ(ν/2) (νπ)^(k/2) |L|) · (1 + δᵀ S⁻¹ δ / ν)^(−(ν+k)/2)`, written out
    /// for three coordinates (S⁻¹ by cofactors).
    static func logT3(_ d: [Double], scale s: [[Double]], nu: Double) -> Double {
        let det = s[0][0] * (s[1][1] * s[2][2] - s[1][2] * s[2][1]) - s[0][1] * (s[1][0] * s[2][2] - s[1][2] * s[2][0])
            + s[0][2] * (s[1][0] * s[2][1] - s[1][1] * s[2][0])
        var inverse = [[Double]](repeating: [0, 0, 0], count: 3)
        for i in 0..<3 {
            for j in 0..<3 {
                let r = [0, 1, 2].filter { $0 != j }, c = [0, 1, 2].filter { $0 != i }
                let minor = s[r[0]][c[0]] * s[r[1]][c[1]] - s[r[0]][c[1]] * s[r[1]][c[0]]
                inverse[i][j] = ((i + j) % 2 == 0 ? 1 : -1) * minor / det
            }
        }
        var q = 0.0
        for i in 0..<3 { for j in 0..<3 { q += d[i] * inverse[i][j] * d[j] } }
        return lgamma((nu + 3) / 2) - lgamma(nu / 2) - 1.5 * log(nu * Double.pi) - 0.5 * log(det)
            - (nu + 3) / 2 * log(1 + q / nu)
    }

    /// x (linear), flux (log, c = 2) and σ0 (log, c = 0.5) move; the ratio returned is
    /// `log q(current) − log q(proposed)` with q the t density in u times the Jacobian
    /// `Π 1/(p + c)`, and the other parameters are copied.
    @Test func theRatioIsTheStudentTDensityRatioWithTheJacobian() {
        var offsets = [Double?](repeating: nil, count: 10)
        offsets[ParameterName.flux.knownIndex!] = 2
        offsets[ParameterName.velocityDispersion.knownIndex!] = 0.5
        let space = SamplingSpace(offsets: offsets)
        let moved = [ParameterName.x.knownIndex!, ParameterName.flux.knownIndex!, ParameterName.velocityDispersion.knownIndex!]
        let l3 = [[0.3, 0, 0], [0.02, 0.05, 0], [-0.01, 0.03, 0.2]]
        var factor = [Double](repeating: 0, count: 100)
        for a in 0..<3 { for b in 0..<3 { factor[moved[a] * 10 + moved[b]] = l3[a][b] } }
        let s3 = (0..<3).map { a in (0..<3).map { b in (0..<3).reduce(0) { $0 + l3[a][$1] * l3[b][$1] } } }
        let centre = space.forward(ToyPosterior.mu)
        var proposal = IndependentTProposal(centre: centre, factor: factor, degreesOfFreedom: 5, space: space)
        func logQ(_ p: [Double]) -> Double {
            let d = moved.map { space.forward(p[$0], $0) - centre[$0] }
            return Self.logT3(d, scale: s3, nu: 5) - log(p[3] + 2) - log(p[9] + 0.5)
        }
        var current = ToyPosterior.mu.values
        current[0] = 15.4
        current[3] = 90
        current[9] = 31
        var proposed = current
        var rng = SeededGenerator(seed: 11)
        var spread = 0.0
        for _ in 0..<200 {
            let ratio = proposal.propose(from: current, into: &proposed, within: Self.wide, using: &rng)
            #expect(abs(ratio - (logQ(current) - logQ(proposed))) < 1e-9)
            for i in 0..<10 where !moved.contains(i) { #expect(proposed[i] == current[i]) }
            spread += abs(proposed[0] - current[0])
        }
        #expect(spread > 0)
    }

    /// A moved inclination and PA: a stored state is reached from every raw draw the sampler
    /// stores as it (inclination ±, PA + 360 m) that the bounds admit, and q sums over them.
    @Test func theDensitySumsOverTheRawDrawsStoredAsOneState() {
        let space = SamplingSpace.linear
        let i = ParameterName.inclination.knownIndex!, pa = ParameterName.pa.knownIndex!
        var factor = [Double](repeating: 0, count: 100)
        factor[i * 10 + i] = 10
        factor[pa * 10 + i] = 30
        factor[pa * 10 + pa] = 150
        var centre = ToyPosterior.mu.values
        centre[i] = 2
        centre[pa] = 350
        var proposal = IndependentTProposal(centre: centre, factor: factor, degreesOfFreedom: 4, space: space)
        var state = ToyPosterior.mu.values
        state[i] = 3
        state[pa] = 10
        // Bounds inclination [−5, 90.5], PA [−40, 400] taken circularly (x is admitted when x,
        // x − 360 or x + 360 lies in it). State (3, 10): inclination ±3; PA −350, 10, 370, 730
        // (−710 and 1090 are out). Reference (40, 200): inclination 40 (−40 is out); PA −160,
        // 200, 560 (−520 and 920 are out).
        // S = L Lᵀ = [[100, 300], [300, 900 + 22 500]].
        let (a, b, c): (Double, Double, Double) = (100, 300, 23_400)
        let det: Double = a * c - b * b
        func sum(_ inclinations: [Double], _ pas: [Double]) -> Double {
            var total = 0.0
            for x in inclinations {
                for y in pas {
                    let (d0, d1): (Double, Double) = (x - 2, y - 350)
                    let q: Double = (d0 * d0 * c - 2 * d0 * d1 * b + d1 * d1 * a) / det
                    total += pow(1 + q / 4, -3)  // −(ν + k)/2 = −3
                }
            }
            return total
        }
        var reference = state
        reference[i] = 40
        reference[pa] = 200
        let expected = log(sum([3, -3], [-350, 10, 370, 730])) - log(sum([40], [-160, 200, 560]))
        #expect(abs(proposal.logDensity(state, within: Self.wide) - proposal.logDensity(reference, within: Self.wide) - expected) < 1e-12)
        // A raw draw is judged by the state it is stored as.
        var raw = state
        raw[i] = -3
        raw[pa] = 370
        #expect(abs(proposal.logDensity(raw, within: Self.wide) - proposal.logDensity(state, within: Self.wide)) < 1e-12)
    }

    /// A correlated Gaussian posterior in x, y, flux and maximum velocity (flux and Vmax in log
    /// coordinates): the mixture of the tuned random walk and independence draws from a t around
    /// the mode with the exact covariance recovers its means and variances, and gives at least
    /// three times as many effective draws per step as the random walk alone.
    @Test func theMixtureSamplesAGaussianWithManyMoreEffectiveDrawsPerStep() throws {
        let names: [ParameterName] = [.x, .y, .flux, .maximumVelocity]
        let sd = [0.5, 0.3, 10, 15]
        let correlation = [[1, 0.6, 0.3, 0], [0.6, 1, 0, -0.5], [0.3, 0, 1, 0.2], [0, -0.5, 0.2, 1]]
        var covariance = [Double](repeating: 0, count: 100)
        for a in 0..<4 {
            for b in 0..<4 { covariance[names[a].knownIndex! * 10 + names[b].knownIndex!] = correlation[a][b] * sd[a] * sd[b] }
        }
        let block = (0..<4).flatMap { a in (0..<4).map { b in correlation[a][b] * sd[a] * sd[b] } }
        let precision = try #require(Cholesky.inverse(block, size: 4))
        let mu = ToyPosterior.mu
        let chi2: (GalaxyParameters) -> Double = { p in
            var q = 0.0
            for a in 0..<4 {
                for b in 0..<4 { q += (p[names[a]] - mu[names[a]]) * precision[a * 4 + b] * (p[names[b]] - mu[names[b]]) }
            }
            return q
        }
        var known = mu
        for name in names { known[name] = .nan }
        let bounds = try Self.wide.fixing(known)
        let free = ParameterName.reference.map { names.contains($0) }
        let space = SamplingSpace(bounds: bounds, free: free)
        let curvature = ModeCurvature(mode: mu, covariance: covariance)
        let shape = try #require(curvature.randomWalkShape(space: space, free: free))
        let scales = (0..<10).map { free[$0] ? covariance[$0 * 11].squareRoot() : 0 }
        var rng = SeededGenerator(seed: 5)
        let tuned = try ScaleTuner().tune(
            bounds: bounds, degreesOfFreedom: 100, scales: scales,
            proposal: { TunedProposal(randomWalk: SpaceMixtureProposal(matrix: $0, space: space, anchor: $1)) },
            from: mu, shape: (shape, .modeCurvature, mu), space: space, using: &rng, objective: chi2)
        let walk = SpaceMixtureProposal(matrix: tuned.matrix, space: space, anchor: mu)
        let independent = try #require(curvature.independentProposal(space: space))

        func run(_ proposal: TunedProposal) throws -> (means: [Double], variances: [Double], essPerStep: [Double]) {
            let sampler = MetropolisSampler(bounds: bounds, proposal: proposal, degreesOfFreedom: 100,
                                            settings: SamplerSettings(iterations: 8000, minAcceptance: 0))
            var generator = SeededGenerator(seed: 9)
            let chain = try sampler.run(from: mu, using: &generator, objective: chi2).chain
            return names.reduce(into: ([], [], [])) { out, name in
                let draws = (0..<chain.count).flatMap { [Double](repeating: chain.value(name, at: $0), count: chain.weight(at: $0)) }
                let mean = draws.reduce(0, +) / Double(draws.count)
                out.means.append(mean)
                out.variances.append(draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count))
                out.essPerStep.append(ConvergenceDiagnostics.effectiveSampleSize([draws]) / Double(draws.count))
            }
        }
        let alone = try run(TunedProposal(randomWalk: walk))
        let mixed = try run(TunedProposal(randomWalk: walk, independent: independent, independentWeight: 0.5))
        for (a, name) in names.enumerated() {
            let steps = 8000 / 0.4
            let error = sd[a] / (mixed.essPerStep[a] * steps).squareRoot()
            #expect(abs(mixed.means[a] - mu[name]) < 4 * error, "\(name): mean \(mixed.means[a])")
            #expect(abs(mixed.variances[a] / (sd[a] * sd[a]) - 1) < 0.1, "\(name): variance \(mixed.variances[a])")
            #expect(mixed.essPerStep[a] > 3 * alone.essPerStep[a],
                    "\(name): ESS per step \(mixed.essPerStep[a]) mixed, \(alone.essPerStep[a]) random walk alone")
        }
    }

    /// Given the mode's shape and a burn-in of independence draws, the tuning is that burn-in
    /// alone: the random walk keeps the mode's shape times 1.1/√k, untuned. Without the
    /// burn-in (no independence draws in the main run) the scale rounds still tune it.
    @Test func theModeShapeBesideIndependenceDrawsIsNotRescaled() throws {
        let names: [ParameterName] = [.x, .y]
        let mu = ToyPosterior.mu
        let chi2: (GalaxyParameters) -> Double = { p in
            let dx = (p.x - mu.x) / 0.5, dy = (p.y - mu.y) / 0.3
            return dx * dx + dy * dy
        }
        var known = mu
        for name in names { known[name] = .nan }
        let bounds = try Self.wide.fixing(known)
        let free = ParameterName.reference.map { names.contains($0) }
        let space = SamplingSpace(bounds: bounds, free: free)
        var covariance = [Double](repeating: 0, count: 100)
        covariance[ParameterName.x.knownIndex! * 11] = 0.25
        covariance[ParameterName.y.knownIndex! * 11] = 0.09
        let curvature = ModeCurvature(mode: mu, covariance: covariance)
        let shape = try #require(curvature.randomWalkShape(space: space, free: free))
        let independent = try #require(curvature.independentProposal(space: space))
        let scales = (0..<10).map { free[$0] ? covariance[$0 * 11].squareRoot() : 0 }
        func tune(burnIn: TunedProposal?) throws -> ScaleTuner.Outcome {
            var rng = SeededGenerator(seed: 3)
            return try ScaleTuner().tune(
                bounds: bounds, degreesOfFreedom: 100, scales: scales,
                proposal: { TunedProposal(randomWalk: SpaceMixtureProposal(matrix: $0, space: space, anchor: $1)) },
                from: mu, shape: (shape, .modeCurvature, mu),
                burnIn: burnIn, space: space, using: &rng, objective: chi2)
        }
        let walk = SpaceMixtureProposal(matrix: [Double](repeating: 0, count: 100), space: space, anchor: mu)
        let burnedIn = try tune(burnIn: TunedProposal(randomWalk: walk, independent: independent, independentWeight: 1))
        #expect(!burnedIn.multiplierTuned && burnedIn.converged && burnedIn.rounds == 1)
        #expect(burnedIn.proposals == ScaleTuner().burnInProposals)
        #expect(burnedIn.acceptance > 0.5, "independence draws from a t close to the posterior: \(burnedIn.acceptance)")
        let factor = ScaleTuner.modeCurvatureFactor(freeParameters: 2)
        #expect(zip(burnedIn.matrix, shape).allSatisfy { abs($0 - factor * $1) <= 1e-12 * abs($1) })
        let rounds = try tune(burnIn: nil)
        #expect(rounds.multiplierTuned && rounds.proposals >= ScaleTuner().roundProposals)
        #expect(abs(rounds.acceptance - ScaleTuner().target) <= ScaleTuner().tolerance || !rounds.converged)
    }
}
