/// How ``ChainRunner``'s tuned chains get their proposals (`tuned` sampling), from the
/// posterior's mode and its curvature when the fit measured them (``ModeCurvature``):
///
/// - the random walk's shape is the mode's Laplace covariance, shared by all chains, so each
///   chain takes its scale from it too (``ScaleTuner``'s known shape); without a
///   curvature, or when some free parameter's mode lies on a bound, each chain measures its own
///   shape as before;
/// - a chain's first tuning starts with a round of independence draws around the mode, which
///   brings a chain started away from it (``ChainRunner/dispersion``) into the posterior's
///   bulk at once;
/// - the main run mixes the tuned random walk with independence draws from a Student t around
///   the mode (``TunedProposal``, weight ``SamplerDefaults/independentWeight``), fixed for the whole run.
struct ChainTuning<P: Proposal>: Sendable {
    /// The coordinates of the random walk's shapes L (``ScaleTuner``'s, and a retune's pooled covariance).
    let space: SamplingSpace
    /// The random walk alone, with shape L about an anchor state (the tuning rounds).
    let randomWalk: @Sendable ([Double], GalaxyParameters) -> P
    /// The main run's proposal: the random walk with shape L about an anchor, mixed with the
    /// independence draws when there are any.
    let main: @Sendable ([Double], GalaxyParameters) -> P
    /// The independence draws alone (a first tuning's burn-in), nil without them.
    let burnIn: P?
    /// The random walk's shape from the mode's curvature, nil when each chain measures its own.
    let shape: [Double]?
    /// The mode (the shape's anchor), nil without a curvature.
    let mode: GalaxyParameters?
}

extension ChainTuning where P == TunedProposal {
    /// The proposals of a fit whose jumps are in `space`, for the free parameters `free`, with
    /// the mode's `curvature` when it was measured.
    init(space: SamplingSpace, free: [Bool], curvature: ModeCurvature?) {
        self.space = space
        let independent = curvature?.independentProposal(space: space)
        randomWalk = { TunedProposal(randomWalk: SpaceMixtureProposal(matrix: $0, space: space, anchor: $1)) }
        main = {
            TunedProposal(randomWalk: SpaceMixtureProposal(matrix: $0, space: space, anchor: $1),
                          independent: independent, independentWeight: SamplerDefaults.independentWeight)
        }
        let n = free.count
        burnIn = independent.map {
            TunedProposal(randomWalk: SpaceMixtureProposal(matrix: [Double](repeating: 0, count: n * n), space: space,
                                                           anchor: curvature!.mode),
                          independent: $0, independentWeight: 1)
        }
        shape = curvature?.randomWalkShape(space: space, free: free)
        mode = curvature?.mode
    }
}
