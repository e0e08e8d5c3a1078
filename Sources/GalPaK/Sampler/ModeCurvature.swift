/// The posterior's mode and the Laplace covariance there (``PosteriorMode``), as the tuned
/// chains use them: measured once before the chains and shared by all of them, it shapes every
/// chain's random walk (instead of each chain's burn-in rounds and curvature, ``ScaleTuner``)
/// and centres the independence part of their proposal (``TunedProposal``).
///
/// Kept with the chains' state, so that a resumed fit rebuilds the same proposals.
public struct ModeCurvature: Sendable, Equatable, Codable {
    /// ν of the independence t: tails heavier than the posterior's, so that `π / q` stays bounded.
    /// Chosen with ``widening`` and ``SamplerDefaults/independentWeight`` (see there): with 0.8 of
    /// the steps independence draws, ν = 10 and widening 1.1 gave the fewest model evaluations
    /// to convergence on the tutorial and CO cubes. (With ½ of the steps and no stopping rule,
    /// 2 chains of 4000 accepted steps on the tutorial cube: 0.055–0.056 effective draws per
    /// evaluation with ν = 5, 0.018–0.061 with ν = 10.)
    public static let degreesOfFreedom = 10
    /// The t's scale matrix is `widening² · C` (C the Laplace covariance, in u). As above with
    /// ½ of the steps: 0.055–0.056 with 1.2, 0.034–0.039 with 1.5, and 0.011–0.063 with 1 (a
    /// chain held in the posterior's tail, where the t is too thin, for hundreds of steps).
    public static let widening = 1.1

    /// The mode (fixed parameters as given).
    public var mode: GalaxyParameters
    /// `2 H⁻¹` in p (10 × 10, row-major), zero outside ``measured``.
    public var covariance: [Double]
    /// The parameters the covariance covers: free, and not at a bound.
    public var measured: [Bool]
    /// Per parameter whose mode lies on a bound: the signed distance from it, into the bounds,
    /// at which f = χ² − 2 log prior has risen by 1 (s for a posterior `∝ exp(−(d/s)²/2)` piled
    /// against the bound); 0 for the others.
    public var boundWidths: [Double]

    /// A mode, the covariance there (n × n for the mode's n parameters, row-major; a zero
    /// diagonal entry: not measured) and the widths of the parameters at a bound (nil: all 0).
    public init(mode: GalaxyParameters, covariance: [Double], boundWidths: [Double]? = nil) {
        let n = mode.values.count
        let boundWidths = boundWidths ?? Array(repeating: 0, count: n)
        precondition(covariance.count == n * n && boundWidths.count == n,
                     "ModeCurvature needs an n × n covariance and n widths for n parameters")
        self.mode = mode
        self.covariance = covariance
        self.boundWidths = boundWidths
        measured = (0..<n).map { covariance[$0 * n + $0] > 0 }
    }

    /// The mode and covariance of `laplace` (nil when it has none), with the width of every
    /// parameter at a bound found by doubling a step of 1/10 of its first search step
    /// (``PosteriorMode/firstSteps(at:bounds:free:)``) until f has risen by 1 or the step
    /// reaches the other bound (at most ``maxProbes`` evaluations each; `evaluations` counts them).
    /// - Parameter f: χ² − 2 log prior, the function `laplace` was found with.
    public init?(_ laplace: PosteriorMode, bounds: ParameterBounds, free: [Bool], evaluations: inout Int,
                 f: (GalaxyParameters) throws -> Double) rethrows {
        guard let covariance = laplace.covariance else { return nil }
        var widths = [Double](repeating: 0, count: laplace.mode.values.count)
        let first = PosteriorMode.firstSteps(at: laplace.mode, bounds: bounds, free: free)
        for (name, side) in laplace.atBound {
            let i = laplace.mode.index(of: name)!, direction = side == .min ? 1.0 : -1.0
            let room = bounds.max.values[i] - bounds.min.values[i]
            var step = first[i] / 10
            for _ in 0..<Self.maxProbes where step < room {
                var p = laplace.mode
                p.values[i] += direction * step
                evaluations += 1
                if try f(p) - laplace.value >= 1 { break }
                step = Swift.min(2 * step, room)
            }
            widths[i] = direction * Swift.min(step, room)
        }
        self.init(mode: laplace.mode, covariance: covariance, boundWidths: widths)
    }

    /// The most evaluations spent on one bound width.
    public static let maxProbes = 20

    /// The random walk's shape L (n × n, row-major) in `space`: the Cholesky factor of C
    /// carried to u at the mode, and for a parameter at a bound its width carried to u,
    /// `|u(mode + width) − u(mode)|`, on the diagonal (uncorrelated); nil when some free
    /// parameter has neither, or C is not positive definite in u.
    public func randomWalkShape(space: SamplingSpace, free: [Bool]) -> [Double]? {
        let n = mode.values.count
        guard var l = SampleCovariance.cholesky(space.covarianceInU(covariance, at: mode), free: measured) else { return nil }
        for i in 0..<n where free[i] && !measured[i] {
            let width = abs(space.forward(mode.values[i] + boundWidths[i], i) - space.forward(mode.values[i], i))
            guard width > 0, width.isFinite else { return nil }
            l[i * n + i] = width
        }
        return l
    }

    /// The independence t in `space`: centre the mode in u, scale matrix `widening² · C` in u,
    /// ν = ``degreesOfFreedom``; a parameter at a bound is drawn independently of the others,
    /// its centre in u halfway between the bound and its width, `(u(mode) + u(mode + width))/2`,
    /// its scale `widening · |u(mode + width) − u(mode)| / 2` (draws beyond the bound are
    /// rejected without evaluating the model). Nil when C is not positive definite in u.
    public func independentProposal(space: SamplingSpace) -> IndependentTProposal? {
        let n = mode.values.count
        let scaled = space.covarianceInU(covariance, at: mode).map { $0 * Self.widening * Self.widening }
        guard var factor = SampleCovariance.cholesky(scaled, free: measured) else { return nil }
        var centre = space.forward(mode)
        for i in 0..<n where boundWidths[i] != 0 {
            let edge = space.forward(mode.values[i] + boundWidths[i], i)
            centre[i] = (centre[i] + edge) / 2
            factor[i * n + i] = Self.widening * abs(edge - centre[i])
        }
        return IndependentTProposal(centre: centre, factor: factor, degreesOfFreedom: Self.degreesOfFreedom, space: space)
    }
}
