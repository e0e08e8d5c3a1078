/// Motions in the disk plane besides the rotation: a radial flow (`--radial-flow`) and a
/// bisymmetric (m = 2, bar-like) flow (`--bisymmetric`, Spekkens & Sellwood 2007, ApJ 664, 204).
///
/// **Angles.** θ is the azimuth in the disk plane from the receding half of the major axis,
/// increasing in the sense of the rotation: at a point (X, Y) of the plane (``DiskOrientation``,
/// R = √(X² + Y²)), `cos θ = X/R`, `sin θ = −Y/R`. The renderer's line-of-sight velocity is the
/// velocity's component along increasing l (``LineOfSightGeometry``), positive receding, so the
/// line of sight runs away from the observer along +l: the mid-plane's points with Y > 0 lie at
/// l below the middle, **nearer**. The near side is therefore θ ∈ (−180°, 0°), on the sky the half
/// of the disk towards (cos PA, sin PA) in pixels (x, y): 90° clockwise from the approaching half
/// of the major axis, 90° anticlockwise from the receding half (x right, y up). The far side is
/// θ ∈ (0°, 180°).
///
/// **Velocities.** With v_θ along θ (the rotation's sense) and v_R outward, the line-of-sight
/// velocity is `v_los = sin i · (v_θ cos θ + v_R sin θ)` (+ the systemic velocity), and
///
///     v_θ = v(R) − V_2t(R) · cos 2(θ − φ_b)
///     v_R = V_r(R) − V_2r(R) · sin 2(θ − φ_b)
///
/// i.e. Spekkens & Sellwood's
///
///     v_los = sin i [ v(R) cos θ − V_2t(R) cos 2(θ−φ_b) cos θ − V_2r(R) sin 2(θ−φ_b) sin θ + V_r(R) sin θ ]
///
/// with v(R) the rotation curve (``RotationCurve``) and φ_b = `bar_angle`, the bar's major axis
/// in the disk plane, measured from the receding major axis in the sense of θ (period 180°).
/// Every flow has the rotation curve's shape, finite (0) at the centre and ~1 beyond the
/// turnover radius: `V_r(R) = radial_velocity · v(R)/V`, `V_2t(R) = bar_tangential · v(R)/V`,
/// `V_2r(R) = bar_radial · v(R)/V`, V = `maximum_velocity` (for `tanh`, `tanh(R/rt)`; the shape
/// is the curve's with V = 1, so a zero V leaves the flows whole).
///
/// **Signs on the sky.** `radial_velocity` > 0 is outflow. An inflow (< 0) is seen redshifted on
/// the near side (sin θ < 0) and blueshifted on the far side: along the minor axis, the side
/// towards (cos PA, sin PA) recedes. Kinematics alone cannot tell the near side: the same disk
/// seen from its other side, rotating the other way, has the same rotation field and the
/// opposite radial one, so if the near side is known to be the other (dust lanes), the flow's
/// sign is the other.
///
/// **Degeneracies.** (V_2t, V_2r, φ_b) and (−V_2t, −V_2r, φ_b + 90°) are the same flow (the
/// default bounds keep V_2t ≥ 0); with φ_b = 0° or 90° the bisymmetric terms take the form of the
/// axisymmetric ones (a bar along a principal axis is not told from a change of v or V_r).
///
/// **Thick disk.** The velocity is evaluated at every point of the line of sight, as the
/// rotation is, so the flows enter the flux-weighted velocity and its mixing dispersion
/// `Σ v_los²·f/F − V²` (``LineOfSightMoments``); the local dispersion term (``DispersionProfile``)
/// stays the rotation's.
public struct NonCircularMotions: Sendable, Equatable, CustomStringConvertible {
    /// A radial flow: the parameter `radial_velocity`.
    public var radial: Bool
    /// A bisymmetric flow: `bar_tangential`, `bar_radial`, `bar_angle`.
    public var bisymmetric: Bool

    /// Circular rotation only (the reference's model).
    public static let none = NonCircularMotions()

    public init(radial: Bool = false, bisymmetric: Bool = false) {
        self.radial = radial
        self.bisymmetric = bisymmetric
    }

    /// Whether the disk only rotates.
    public var isEmpty: Bool { !radial && !bisymmetric }

    /// The parameters these motions add to the reference's ten, in vector order.
    public var parameters: [ParameterName] {
        (radial ? [.radialVelocity] : []) + (bisymmetric ? [.barTangential, .barRadial, .barAngle] : [])
    }

    /// `none`, `radial`, `bisymmetric` or `radial, bisymmetric`.
    public var description: String {
        isEmpty ? "none" : [radial ? "radial" : nil, bisymmetric ? "bisymmetric" : nil].compactMap { $0 }.joined(separator: ", ")
    }
}
