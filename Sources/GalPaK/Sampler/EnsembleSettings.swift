/// The settings of ``EnsembleSampler``, each default written here once.
public struct EnsembleSettings: Sendable, Equatable {
    /// Walkers per parameter when ``walkers`` is not given: 4 (emcee asks for at least 2).
    public static let defaultWalkersPerParameter = 4
    /// Steps of every walker.
    public static let defaultSteps = 5000
    /// The walkers start at the first guess plus Gaussian offsets of this fraction of each
    /// parameter's box width (emcee's "small ball around the guess").
    public static let defaultInitialSpread = 1e-3

    /// Walkers (even, ≥ 2 × parameters + 2); nil = ``defaultWalkersPerParameter`` × parameters, at least 8.
    public var walkers: Int?
    public var steps = defaultSteps
    public var initialSpread = defaultInitialSpread
    /// Seed of the random stream (the same seed and settings give the same chains).
    public var seed: UInt64

    public init(seed: UInt64 = SamplerDefaults.seed) { self.seed = seed }

    /// The number of walkers for `dimension` parameters.
    public func walkerCount(dimension: Int) -> Int {
        walkers ?? Swift.max(8, Self.defaultWalkersPerParameter * dimension)
    }

    /// - Throws: ``GalpakError`` `.badInput` naming the first setting out of its range.
    public func validate(dimension: Int) throws {
        let w = walkerCount(dimension: dimension)
        if w % 2 != 0 || w < 2 * dimension + 2 {
            throw GalpakError(.badInput,
                "ensemble sampling: the walkers must be even and at least 2 × parameters + 2 = \(2 * dimension + 2) (got \(w))")
        }
        if steps < 1 { throw GalpakError(.badInput, "ensemble sampling: the steps must be at least 1 (got \(steps))") }
        if !(initialSpread > 0 && initialSpread.isFinite) {
            throw GalpakError(.badInput, "ensemble sampling: the initial spread must be a positive number (got \(initialSpread))")
        }
    }
}
