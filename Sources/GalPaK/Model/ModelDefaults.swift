/// The default disk model, the reference's default `ModelSersic`: the one place each of its
/// choices is written (``ModelConfiguration``, the command line and the benchmarks refer here).
public enum ModelDefaults {
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
}
