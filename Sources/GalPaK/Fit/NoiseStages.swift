/// The two stages in which a fit measures its noise model (``NoiseMeasurement``): at the
/// first guess, then at the estimate, sampling again when the two disagree.
enum NoiseStages {
    /// Relative change of the variance ratio or of the voxels per correlation volume beyond
    /// which the second stage's measurement replaces the first's.
    static let tolerance = 0.2

    /// The measurement around `model`, with the correlation `mode` gives in place of the
    /// measured one for `<voxels>`, logged; nil (with a warning) when too few voxels are faint
    /// or the residuals show no noise (a ratio below ``NoiseMeasurement/noiselessRatio``: a
    /// noiseless cube, whose correlation cannot be measured and whose variance must not be
    /// rescaled to nothing).
    static func measure(cube: Cube, chiSquare: ChiSquare, model: [Double], mode: NoiseCorrelationMode, stage: String,
                        events: (FitEvent) -> Void) -> NoiseMeasurement? {
        guard var m = NoiseMeasurement(cube: cube, chiSquare: chiSquare, model: model) else {
            events(.warning("noise at the \(stage): fewer than \(NoiseMeasurement.minimumVoxels) voxels where the model is faint; noise treated as independent"))
            return nil
        }
        guard m.varianceRatio >= NoiseMeasurement.noiselessRatio else {
            events(.warning(String(format: "noise at the \(stage): the residuals scatter %.1e times the variance given, "
                + "as if the cube had no noise; the noise is treated as independent with the variance given, unmeasured", m.varianceRatio)))
            return nil
        }
        if case .voxels(let n) = mode { m = m.replacingCorrelation(with: .circular(voxels: n)) }
        events(.stage("noise at the \(stage): \(m.summary)"))
        return m
    }

    /// Whether two measurements differ by more than ``tolerance``, `b` having been made after the
    /// variance was multiplied by `scale` (`--variance-scale`), so that its ratio is `1/scale`
    /// of what it would have been against the variance `a` saw.
    static func differ(_ a: NoiseMeasurement, _ b: NoiseMeasurement, varianceScaledBy scale: Double = 1) -> Bool {
        abs(b.voxelsPerCorrelation / a.voxelsPerCorrelation - 1) > tolerance
            || abs(b.varianceRatio * scale / a.varianceRatio - 1) > tolerance
    }
}
