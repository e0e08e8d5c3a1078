import Foundation

/// The default of every fit choice, the one place each is written: ``FitOptions``,
/// ``ModelConfiguration``, ``SamplerSettings``, ``ChainSummary``, the command line's options and
/// the benchmarks all refer here. They are the reference's `galpak.run` defaults unless noted.
public enum FitDefaults {
    // MARK: Model (the reference's default `ModelSersic`)

    /// Surface-brightness law.
    public static let fluxProfile = FluxProfile.exponential
    /// Rotation-curve shape.
    public static let rotationCurve = RotationCurve.tanh
    /// Vertical profile of the disk.
    public static let thickness = ThicknessProfile.gaussian
    /// Local dispersion term.
    public static let dispersion = DispersionProfile.thick
    /// Disk aspect ratio q = hz / Re.
    public static let aspect = 0.15

    // MARK: Instrument

    /// The instrument when none is named: MUSE in wide-field mode.
    public static let instrument = Instrument.museWFM

    // MARK: Sampler

    /// Accepted steps of each chain (the reference's `max_iterations`).
    public static let iterations = 15000
    /// The sampler stops when the acceptance rate falls below this, in percent.
    public static let minAcceptancePercent = 5.0
    /// Random seed: the same seed and inputs give the same chains.
    public static let seed: UInt64 = 1234
    /// Proposal type.
    public static let sampling = SamplingMethod.cauchy
    /// The statistic minimised.
    public static let chiStatistic = ChiStatistic.gaussian
    /// Where the chains start (galpak's choice; the reference always starts from its fixed values).
    public static let firstGuess = FitOptions.FirstGuess.moments
    /// Number of independent chains (galpak's choice): the number of processor cores, at least 2.
    public static var chains: Int { Swift.max(2, ProcessInfo.processInfo.activeProcessorCount) }

    // MARK: Parameters from the chain

    /// Which part of the chains gives the parameters.
    public static let method = ChainSummary.Method.last
    /// Percentage of each chain the method uses.
    public static let fraction = 60.0
    /// Width of the credible interval, percent.
    public static let percentile = 95.0
    /// Iterations dropped at the start of every chain.
    public static let burn = 0
}
