/// The settings of ``NestedSampler``, each default written here once.
public struct NestedSettings: Sendable, Equatable {
    /// Live points N (the issue asks for ≥ 400 by default): the evidence error falls as
    /// `√(H/N)`, the cost grows as N.
    public static let defaultLivePoints = 400
    /// Sampling stops when the remaining evidence, estimated as `L_max · X` (the largest live
    /// likelihood times the remaining prior volume), would change ln Z by less than this:
    /// `ln(Z + L_max X) − ln Z < tolerance`.
    public static let defaultEvidenceTolerance = 0.1
    /// Volume factor by which every bounding ellipsoid is enlarged after it encloses its points
    /// (MultiNest's 1/efr with efr = 0.8; nestle's and dynesty's 1.25): the live points only
    /// sample the likelihood contour, and an ellipsoid fitted to them falls short of it.
    public static let defaultEnlargement = 1.25
    /// Points replaced at once, each on its own core (see ``NestedSampler``).
    public static let defaultBatchSize = 8
    /// Accepted steps (at least) of a random walk inside the contour, once rejection sampling
    /// is too inefficient (dynesty's `walks`).
    public static let defaultWalks = 25
    /// The sampler draws from the whole unit cube (no bound) while the expected prior volume
    /// inside the contour, `X = exp(−i/N)`, is above this: the efficiency of drawing from the
    /// cube is X, so this is dynesty's rule of bounding once the efficiency falls below 10 %.
    public static let defaultUnboundedVolume = 0.1
    /// Likelihood evaluations after which sampling stops whatever the evidence (a guarantee
    /// of termination, e.g. for a likelihood with a tiny peak above a plateau).
    public static let defaultMaxLikelihoodCalls = 50_000_000

    public var livePoints = defaultLivePoints
    public var evidenceTolerance = defaultEvidenceTolerance
    public var enlargement = defaultEnlargement
    public var batchSize = defaultBatchSize
    public var walks = defaultWalks
    public var unboundedVolume = defaultUnboundedVolume
    public var maxLikelihoodCalls = defaultMaxLikelihoodCalls
    /// Rejection sampling from the bound gives way to random walks (for the rest of the run)
    /// when, between two rebuilds of the bound, fewer than this fraction of its draws were
    /// accepted. The default, 1/``walks``, switches when a point by rejection costs more
    /// likelihood evaluations than a walk does. 0 never walks; 1 walks from the second rebuild of
    /// the bound on.
    public var minimumRejectionEfficiency: Double
    /// Seed of the random streams (the same seed and settings give the same result).
    public var seed: UInt64

    public init(seed: UInt64 = SamplerDefaults.seed) {
        self.seed = seed
        minimumRejectionEfficiency = 1 / Double(Self.defaultWalks)
    }

    /// - Throws: ``GalpakError`` `.badInput` naming the first setting out of its range.
    public func validate(dimension: Int) throws {
        func check(_ ok: Bool, _ problem: String) throws {
            if !ok { throw GalpakError(.badInput, "nested sampling: \(problem)") }
        }
        try check(livePoints >= 2 * dimension + 2,
                  "--live-points must be at least 2 × parameters + 2 = \(2 * dimension + 2) (got \(livePoints))")
        try check(evidenceTolerance > 0 && evidenceTolerance.isFinite,
                  "the evidence tolerance must be a positive number (got \(evidenceTolerance))")
        try check(enlargement >= 1 && enlargement.isFinite, "the enlargement must be ≥ 1 (got \(enlargement))")
        try check(batchSize >= 1 && batchSize <= livePoints / 2,
                  "the batch size must be between 1 and half the live points (got \(batchSize))")
        try check(walks >= 1, "the walk length must be at least 1 (got \(walks))")
        try check(unboundedVolume > 0 && unboundedVolume <= 1,
                  "the unbounded volume must be in (0, 1] (got \(unboundedVolume))")
        try check(minimumRejectionEfficiency >= 0 && minimumRejectionEfficiency <= 1,
                  "the minimum rejection efficiency must be in [0, 1] (got \(minimumRejectionEfficiency))")
        try check(maxLikelihoodCalls > livePoints, "the likelihood-call limit must exceed the live points")
    }
}
