/// The choices that define a disk model (the reference's `ModelSersic` options).
/// The defaults are ``ModelDefaults``, the reference's default model.
public struct ModelConfiguration: Sendable, Equatable {
    /// Surface-brightness law.
    public var fluxProfile: FluxProfile
    /// Rotation-curve shape.
    public var rotationCurve: RotationCurve
    /// Vertical profile.
    public var thickness: ThicknessProfile
    /// Local dispersion term.
    public var dispersion: DispersionProfile
    /// Disk aspect ratio q = hz / Re.
    public var aspect: Double
    /// The valid aspect ratios: a disk is thinner than it is wide (q ≤ 1).
    public static let aspectRange = ValidRange(.open(0), .closed(1))
    /// The reference's doublet (`--doublet`), or nil.
    public var line: LineDoublet?
    /// A set of lines (`--line`, `--lines`), or nil. Without it or a doublet: one line.
    public var lines: LineSet?
    /// Radial and bisymmetric flows besides the rotation (`--radial-flow`, `--bisymmetric`).
    public var motions: NonCircularMotions

    public init(fluxProfile: FluxProfile = ModelDefaults.fluxProfile, rotationCurve: RotationCurve = ModelDefaults.rotationCurve,
                thickness: ThicknessProfile = ModelDefaults.thickness, dispersion: DispersionProfile = ModelDefaults.dispersion,
                aspect: Double = ModelDefaults.aspect, line: LineDoublet? = nil, lines: LineSet? = nil,
                motions: NonCircularMotions = .none) {
        self.fluxProfile = fluxProfile
        self.rotationCurve = rotationCurve
        self.thickness = thickness
        self.dispersion = dispersion
        self.aspect = aspect
        self.line = line
        self.lines = lines
        self.motions = motions
    }

    /// The parameters a fit of this model has: the reference's ten, then the optional
    /// parameters its parts add: the flux profile's, the flows', then the line set's free ratios.
    public var parameters: [ParameterName] {
        ParameterName.reference + fluxProfile.parameters + motions.parameters + (lines?.parameters ?? [])
    }

    /// Why this combination of options cannot be rendered, or nil when it can: the `mass`
    /// rotation curve needs a flux profile with a cumulative-light law (not `sersicN2`); a
    /// doublet and a set of lines exclude each other.
    public var problem: String? {
        if line != nil, lines != nil {
            return "give either --doublet or a set of lines (--line, --lines), not both"
        }
        if rotationCurve == .mass, !fluxProfile.hasEnclosedLight {
            return "the mass rotation curve needs the exponential, gaussian or de_vaucouleurs flux profile "
                + "(it has no cumulative-light law for \(fluxProfile.rawValue))"
        }
        return nil
    }
}
