/// The choices that define a disk model (the reference's `ModelSersic` options).
/// The defaults are the reference's default model.
public struct ModelConfiguration: Sendable, Equatable {
    /// Surface-brightness law (default exponential).
    public var fluxProfile: FluxProfile = .exponential
    /// Rotation-curve shape (default tanh).
    public var rotationCurve: RotationCurve = .tanh
    /// Vertical profile (default gaussian).
    public var thickness: ThicknessProfile = .gaussian
    /// Local dispersion term (default thick).
    public var dispersion: DispersionProfile = .thick
    /// Disk aspect ratio q = hz / Re (default 0.15).
    public var aspect: Double = 0.15
    /// A doublet, or nil for a single line.
    public var line: LineDoublet? = nil

    public init(fluxProfile: FluxProfile = .exponential, rotationCurve: RotationCurve = .tanh,
                thickness: ThicknessProfile = .gaussian, dispersion: DispersionProfile = .thick,
                aspect: Double = 0.15, line: LineDoublet? = nil) {
        self.fluxProfile = fluxProfile
        self.rotationCurve = rotationCurve
        self.thickness = thickness
        self.dispersion = dispersion
        self.aspect = aspect
        self.line = line
    }

    /// Why this combination of options cannot be rendered, or nil when it can: the `mass`
    /// rotation curve needs a flux profile with a cumulative-light law (not `sersicN2`).
    public var problem: String? {
        if rotationCurve == .mass, !fluxProfile.hasEnclosedLight {
            return "the mass rotation curve needs the exponential, gaussian or de_vaucouleurs flux profile "
                + "(it has no cumulative-light law for \(fluxProfile.rawValue))"
        }
        return nil
    }
}
