import Foundation
import Testing
@testable import GalPaK

/// Jumps in log coordinates (``SamplingSpace``, ``LogScaledProposal``) must leave the
/// posterior unchanged: the Hastings ratio carries the map's Jacobian.
struct LogScaledProposalTests {
    /// A skewed target: σ0 ~ N(4, 5²) truncated to [0, 180] (most of its mass piled near the
    /// bound at 0, where the log coordinate is most distorting), everything else fixed.
    /// The exact truncated-normal mean and standard deviation are compared with the chain's.
    @Test func logJumpsSampleTheSamePosterior() throws {
        let (mu, sigma) = (4.0, 5.0)
        var known = ToyPosterior.mu
        known[.velocityDispersion] = .nan
        let bounds = try ParameterBounds(
            min: GalaxyParameters([0, 0, 0, 0, 0.8, -5, -40, 0.01, 10, 0]),
            max: GalaxyParameters([30, 30, 30, 1000, 12, 90.5, 400, 6, 350, 180])).fixing(known)
        var free = [Bool](repeating: false, count: 10)
        free[ParameterName.velocityDispersion.knownIndex!] = true
        let space = SamplingSpace(bounds: bounds, free: free)
        #expect(space.offsets[ParameterName.velocityDispersion.knownIndex!] == 0.18)
        #expect(space.offsets.compactMap { $0 }.count == 1)

        var matrix = [Double](repeating: 0, count: 100)
        matrix[ParameterName.velocityDispersion.knownIndex! * 11] = 0.8
        var start = ToyPosterior.mu
        start[.velocityDispersion] = 4
        try expectTruncatedNormal(LogScaledProposal(CorrelatedCauchyProposal(matrix: matrix), space: space),
                                  bounds: bounds, start: start, mu: mu, sigma: sigma)
        // The mixture of jumps in p and in log p (the fit's proposal) samples it too.
        try expectTruncatedNormal(SpaceMixtureProposal(matrix: matrix, space: space, anchor: start),
                                  bounds: bounds, start: start, mu: mu, sigma: sigma)
    }

    /// Samples σ0 ~ N(mu, sigma²) truncated to the bounds with `proposal` and compares the
    /// chain's mean and standard deviation with the exact ones of a normal truncated below at 0.
    private func expectTruncatedNormal<P: Proposal>(_ proposal: P, bounds: ParameterBounds, start: GalaxyParameters,
                                                    mu: Double, sigma: Double) throws {
        let sampler = MetropolisSampler(bounds: bounds, proposal: proposal, degreesOfFreedom: 100,
                                        settings: SamplerSettings(iterations: 60_000, minAcceptance: 0))
        var rng = SeededGenerator(seed: 7)
        let result = try sampler.run(from: start, using: &rng) { p in
            let d = (p[.velocityDispersion] - mu) / sigma
            return d * d
        }
        let chain = result.chain
        var sum = 0.0, squares = 0.0, total = 0.0
        for row in 0..<chain.count {
            let v = chain.value(.velocityDispersion, at: row), w = Double(chain.weight(at: row))
            sum += w * v; squares += w * v * v; total += w
        }
        let mean = sum / total, sd = (squares / total - mean * mean).squareRoot()
        // Normal truncated below at 0: α = (0 − μ)/σ, λ = φ(α)/(1 − Φ(α)).
        let alpha = -mu / sigma
        let phi = exp(-alpha * alpha / 2) / (2 * Double.pi).squareRoot()
        let tail = 0.5 * erfc(alpha / 2.squareRoot())
        let lambda = phi / tail
        let exactMean = mu + sigma * lambda
        let exactSD = sigma * (1 + alpha * lambda - lambda * lambda).squareRoot()
        // ~60 000 accepted draws with an autocorrelation time of a few: σ/√(ESS) ≈ 0.04.
        #expect(abs(mean - exactMean) < 0.15, "\(P.self): mean \(mean) vs exact \(exactMean)")
        #expect(abs(sd - exactSD) < 0.15, "\(P.self): sd \(sd) vs exact \(exactSD)")
    }

    /// The mixture's linear kernel is the log kernel's shape carried to p about the anchor.
    @Test func mixtureCarriesTheShapeToPAboutTheAnchor() {
        var offsets = [Double?](repeating: nil, count: 10)
        offsets[ParameterName.turnoverRadius.knownIndex!] = 0
        let space = SamplingSpace(offsets: offsets)
        let l = ScaleTuner.diagonal([Double](repeating: 0.1, count: 10))
        var anchor = ToyPosterior.mu
        anchor[.turnoverRadius] = 2.5
        let mixture = SpaceMixtureProposal(matrix: l, space: space, anchor: anchor)
        #expect(abs(mixture.scales[ParameterName.turnoverRadius.knownIndex!] - 0.25) < 1e-12)
        #expect(abs(mixture.scales[ParameterName.x.knownIndex!] - 0.1) < 1e-12)
    }

    /// The returned ratio is the Jacobian's, Σ (u′ − u) over the log coordinates, and the
    /// linear coordinates move exactly as the base proposal moves them. (Inclination and PA
    /// stay fixed, so that every state is its own only image and the base adds nothing:
    /// ``StateImages``.)
    @Test func returnsTheJacobianRatio() throws {
        var offsets = [Double?](repeating: nil, count: 10)
        offsets[ParameterName.radius.knownIndex!] = 0
        offsets[ParameterName.flux.knownIndex!] = 2
        let space = SamplingSpace(offsets: offsets)
        let folded = [ParameterName.inclination.knownIndex!, ParameterName.pa.knownIndex!]
        let widths = (0..<10).map { folded.contains($0) ? 0 : 0.1 }
        var proposal = LogScaledProposal(CorrelatedCauchyProposal(matrix: ScaleTuner.diagonal(widths)), space: space)
        let current = [15.0, 14, 15, 100, 3, 45, 30, 1, 100, 20]
        var proposed = current
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<50 {
            let ratio = proposal.propose(from: current, into: &proposed, within: IndependentTProposalTests.wide, using: &rng)
            let expected = log(proposed[3] + 2) - log(current[3] + 2) + log(proposed[4]) - log(current[4])
            #expect(abs(ratio - expected) < 1e-12)
            #expect(proposed[3] > -2 && proposed[4] > 0)
        }
    }

    /// The fitter's space: log for the positive scale-like free parameters, linear for the
    /// others, for a fixed one and for one whose minimum a user made negative.
    @Test func chosenFromBoundsAndFreedom() throws {
        let bounds = ParameterBounds.defaults(nx: 30, ny: 30, nz: 36, fluxEstimate: 100)
        var free = [Bool](repeating: true, count: 10)
        free[ParameterName.radius.knownIndex!] = false
        let space = SamplingSpace(bounds: bounds, free: free)
        let logged = ParameterName.reference.filter { space.offsets[$0.knownIndex!] != nil }
        #expect(logged == [.flux, .turnoverRadius, .maximumVelocity, .velocityDispersion])
        #expect(space.offsets[ParameterName.maximumVelocity.knownIndex!] == 0)
        var lowered = bounds.min
        lowered[.maximumVelocity] = -350
        let negative = SamplingSpace(bounds: try ParameterBounds(min: lowered, max: bounds.max), free: free)
        #expect(negative.offsets[ParameterName.maximumVelocity.knownIndex!] == nil)
    }
}
