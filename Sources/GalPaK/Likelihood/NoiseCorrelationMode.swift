/// Whether a fit measures the noise's correlation and uses it in the likelihood
/// (`--noise-correlation`).
public enum NoiseCorrelationMode: String, NamedChoice {
    /// Measure the noise (``NoiseMeasurement``) and fit with ``CorrelatedChiSquare``.
    case auto
    /// Treat the noise as independent between voxels: the plain ``ChiSquare``.
    case none
}
