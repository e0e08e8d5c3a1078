import Foundation
import Testing
@testable import GalPaK

/// The mode's curvature as the tuned chains use it (``ModeCurvature``): a parameter whose mode
/// lies on a bound gets a width from the rise of f away from it, and both the random walk and
/// the independence draws move it.
@Suite struct ModeCurvatureTests {
    /// x ~ N(15, 0.5²), σ0 piled against its minimum 0 with f = (σ0/2)², everything else fixed.
    @Test func aParameterAtABoundGetsAWidthAndMoves() throws {
        var known = ToyPosterior.mu
        known[.x] = .nan
        known[.velocityDispersion] = .nan
        let bounds = try IndependentTProposalTests.wide.fixing(known)
        let free = ParameterName.reference.map { $0 == .x || $0 == .velocityDispersion }
        let f: (GalaxyParameters) -> Double = { p in
            let d = (p[.x] - 15) / 0.5, s = p[.velocityDispersion] / 2
            return d * d + s * s
        }
        var start = ToyPosterior.mu
        start[.velocityDispersion] = 10
        let laplace = try PosteriorMode(objective: f, from: start, bounds: bounds, free: free)
        #expect(laplace.atBound == [.velocityDispersion: .min])
        var evaluations = 0
        let curvature = try #require(ModeCurvature(laplace, bounds: bounds, free: free, evaluations: &evaluations, f: f))
        // f rises by 1 at σ0 = 2: the doubling from 0.18 (1/10 of the first step, 1.8) stops at 2.88.
        let width = curvature.boundWidths[ParameterName.velocityDispersion.knownIndex!]
        #expect(width >= 2 && width <= 4, "\(width)")
        #expect(evaluations == 5)
        #expect(curvature.measured == ParameterName.reference.map { $0 == .x })

        let space = SamplingSpace(bounds: bounds, free: free)
        let c = try #require(space.offsets[ParameterName.velocityDispersion.knownIndex!])
        let shape = try #require(curvature.randomWalkShape(space: space, free: free))
        let s = ParameterName.velocityDispersion.knownIndex!, x = ParameterName.x.knownIndex!
        #expect(abs(shape[s * 11] - log((width + c) / c)) < 1e-9)
        #expect(abs(shape[x * 11] - 0.5) < 1e-6)
        let t = try #require(curvature.independentProposal(space: space))
        #expect(abs(t.centre[s] - (log(c) + log(width + c)) / 2) < 1e-9)
        #expect(abs(t.factor[s * 11] - ModeCurvature.widening * log((width + c) / c) / 2) < 1e-9)
        #expect(abs(t.factor[x * 11] - ModeCurvature.widening * 0.5) < 1e-6)

        // Without a width for a free parameter the curvature gives no random-walk shape.
        let bare = ModeCurvature(mode: curvature.mode, covariance: curvature.covariance)
        #expect(bare.randomWalkShape(space: space, free: free) == nil)
    }
}
