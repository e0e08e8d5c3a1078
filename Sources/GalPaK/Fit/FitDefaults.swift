import Foundation

/// The defaults of a fit's own choices, the one place each is written: the instrument, the
/// statistic, the first guess and the number of chains (the model's are in ``ModelDefaults``,
/// the sampler's in ``SamplerDefaults``). ``FitOptions``, the command line's options and the
/// benchmarks refer here.
public enum FitDefaults {
    /// The instrument when none is named: MUSE in wide-field mode.
    public static let instrument = Instrument.museWFM
    /// The statistic minimised.
    public static let chiStatistic = ChiStatistic.gaussian
    /// Whether the noise's correlation is measured and used in the likelihood (galpak's choice:
    /// without it, errors on beam-correlated noise are several times too small).
    public static let noiseCorrelation = NoiseCorrelationMode.auto
    /// The variance as given: a measured mismatch is only warned about.
    public static let varianceScale = VarianceScale.factor(1)
    /// Where the chains start (galpak's choice; the reference always starts from its fixed values).
    public static let firstGuess = FitOptions.FirstGuess.moments
    /// Which voxels the model is evaluated on: the detected emission plus a margin (galpak's
    /// choice; the reference evaluates the whole cube; the statistics are the same either way).
    public static let crop = CropChoice.auto
    /// Number of independent chains (galpak's choice): the number of processor cores, at least 2.
    public static var chains: Int { Swift.max(2, ProcessInfo.processInfo.activeProcessorCount) }
}
