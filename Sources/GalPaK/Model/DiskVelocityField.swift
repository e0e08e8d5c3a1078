/// The velocity field in the disk plane of one render with non-circular motions: the
/// amplitudes of ``NonCircularMotions`` for a parameter set, and the line-of-sight velocity of
/// four points at once (a renderer's inner loop; nothing allocated).
///
/// With the rotation curve's shape per radius `ω₁ = (v(R)/V)/R` (1/pixel, 0 at R = 0) and
/// `cos θ = X/R`, `sin θ = −Y/R`, the line-of-sight velocity over sin i is
///
///     v_los / sin i = ω₁ · [ (V − V_2t cos 2θ_b)·X − (V_r − V_2r sin 2θ_b)·Y ]
///
/// with `cos 2θ_b = cos 2θ cos 2φ_b + sin 2θ sin 2φ_b`, `sin 2θ_b = sin 2θ cos 2φ_b − cos 2θ sin 2φ_b`,
/// `cos 2θ = (X² − Y²)/R²`, `sin 2θ = −2XY/R²` (the bar's terms 0 at R = 0). A flow the model
/// lacks has amplitude 0.
struct DiskVelocityField {
    typealias Lanes = SIMD4<Double>

    /// V, V_r, V_2t, V_2r, km/s.
    let rotation: Double, radial: Double, barTangential: Double, barRadial: Double
    /// cos 2φ_b and sin 2φ_b.
    let cos2Phi: Double, sin2Phi: Double
    /// Whether the bisymmetric terms are not all zero.
    let hasBar: Bool

    init(_ p: GalaxyParameters, motions: NonCircularMotions) {
        rotation = p.maximumVelocity
        radial = motions.radial ? p[.radialVelocity] : 0
        barTangential = motions.bisymmetric ? p[.barTangential] : 0
        barRadial = motions.bisymmetric ? p[.barRadial] : 0
        let twice = sinCosDegrees(motions.bisymmetric ? 2 * p[.barAngle] : 0)
        (cos2Phi, sin2Phi) = (twice.cos, twice.sin)
        hasBar = barTangential != 0 || barRadial != 0
    }

    /// `v_los / sin i` of four points of one line of sight: in-plane `x` (the same for all),
    /// `y`, radius `r` and curve shape `shape` = ω₁.
    @inline(__always)
    func lineOfSight(x: Double, y: Lanes, radius r: Lanes, shape: Lanes) -> Lanes {
        guard hasBar else { return shape * (rotation * x - radial * y) }
        let inverseR2 = (1 / (r * r)).replacing(with: 0, where: r .<= 0)
        let cos2Theta = (x * x - y * y) * inverseR2
        let sin2Theta = -2 * x * y * inverseR2
        let cosBar = cos2Theta * cos2Phi + sin2Theta * sin2Phi
        let sinBar = sin2Theta * cos2Phi - cos2Theta * sin2Phi
        return shape * ((rotation - barTangential * cosBar) * x - (radial - barRadial * sinBar) * y)
    }
}
