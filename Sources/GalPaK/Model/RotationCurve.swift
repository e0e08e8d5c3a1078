import Foundation

/// The circular speed v(R) of the disk at in-plane radius R (pixels), with x = R / rt
/// (rt = `turnover_radius`), V = `maximum_velocity` (km/s) and Re = `radius` (pixels):
///
/// - `tanh` (default): V·tanh(x)
/// - `arctan`:         V·(2/π)·atan(x)
/// - `exponential`:    V·(1 − e^(−x))
/// - `isothermal`:     V·√(1 − atan(x)/x)
/// - `nfw`:            V·√(g(x)/g(2.16)),  g(x) = [ln(1+x) − x/(1+x)] / x
/// - `burkert`:        V·√(h(x)/h(3.24)),  h(x) = [ln(1+x) + ½ln(1+x²) − atan(x)] / x
/// - `freeman`:        V·√(y²·[I0K0 − I1K1](y) / 0.1934),  y = 1.68·R/(2·Re) (ignores rt): the
///   exponential (Freeman) disk, peaking at ≈ V (0.1934 is the reference's value of the
///   maximum of y²[I0K0 − I1K1], 0.19352 at y ≈ 1.075); see ``ModifiedBessel/freemanShape(_:)``
/// - `spano`:          V·√(asinh(x)/x − 1/(1+x²))
/// - `mass`:           A·√(m(<R/Re) / (R + 1e-9)) (ignores rt), m the cumulative light of the
///   flux profile (``FluxProfile/enclosedLight(_:)``; not for `sersicN2`), with A set so that the
///   curve's maximum **over the rendered grid** is V. Like the reference, the curve therefore
///   depends on the cube's size and on the other geometric parameters (see
///   ``DiskModel/rotationScales(for:)``).
///
/// v(0) = 0 for every curve. These are the reference's formulas, term for term.
public enum RotationCurve: String, NamedChoice {
    case tanh, arctan, exponential, isothermal
    case nfw = "NFW"
    case burkert = "Burkert"
    case freeman = "Freeman"
    case spano = "Spano"
    case mass

    /// The numbers a curve needs besides R, fixed for one render.
    public struct Scales: Sendable, Equatable {
        /// rt, pixels.
        public var turnoverRadius: Double
        /// V, km/s.
        public var maximumVelocity: Double
        /// Re, pixels (`freeman`, `mass`).
        public var radius: Double
        /// The flux profile whose light makes the `mass` curve.
        public var fluxProfile: FluxProfile
        /// The `mass` curve's amplitude A (km/s per √(1/pixel)); unused by the other curves.
        public var massAmplitude: Double

        public init(turnoverRadius: Double, maximumVelocity: Double, radius: Double,
                    fluxProfile: FluxProfile = .exponential, massAmplitude: Double = 1) {
            self.turnoverRadius = turnoverRadius
            self.maximumVelocity = maximumVelocity
            self.radius = radius
            self.fluxProfile = fluxProfile
            self.massAmplitude = massAmplitude
        }
    }

    /// g(2.16) of the NFW normalisation.
    @usableFromInline static let nfwNorm = nfwShape(2.16)
    /// h(3.24) of the Burkert normalisation.
    @usableFromInline static let burkertNorm = burkertShape(3.24)
    /// The reference's normalisation of the Freeman curve.
    @usableFromInline static let freemanNorm = 0.1934
    /// The softening of R in the `mass` curve, pixels (the reference's).
    @usableFromInline static let massSoftening = 1e-9

    @usableFromInline static func nfwShape(_ x: Double) -> Double {
        (Foundation.log(1 + x) - x / (1 + x)) / x
    }

    @usableFromInline static func burkertShape(_ x: Double) -> Double {
        (Foundation.log(1 + x) + 0.5 * Foundation.log(1 + x * x) - Foundation.atan(x)) / x
    }

    /// The `mass` curve before scaling, `√(m(<R/Re) / (R + 1e-9))`.
    @inlinable
    public static func massShape(_ r: Double, radius re: Double, profile: FluxProfile) -> Double {
        (profile.enclosedLight(r / re) / (r + massSoftening)).squareRoot()
    }

    /// v(R) in km/s for radius `r` (pixels).
    @inlinable
    public func speed(_ r: Double, _ s: Scales) -> Double {
        guard r > 0 else { return 0 }
        let vmax = s.maximumVelocity
        let x = r / s.turnoverRadius
        switch self {
        case .tanh: return vmax * Foundation.tanh(x)
        case .arctan: return vmax * (2 / Double.pi) * Foundation.atan(x)
        case .exponential: return vmax * (1 - Foundation.exp(-x))
        case .isothermal: return vmax * (1 - Foundation.atan(x) / x).squareRoot()
        case .nfw: return vmax * (Self.nfwShape(x) / Self.nfwNorm).squareRoot()
        case .burkert: return vmax * (Self.burkertShape(x) / Self.burkertNorm).squareRoot()
        case .freeman:
            let y = 1.68 * r / s.radius / 2
            return vmax * (ModifiedBessel.freemanShape(y) / Self.freemanNorm).squareRoot()
        case .spano: return vmax * (Foundation.asinh(x) / x - 1 / (1 + x * x)).squareRoot()
        case .mass: return s.massAmplitude * Self.massShape(r, radius: s.radius, profile: s.fluxProfile)
        }
    }

    /// The angular speed v(R)/R (km/s per pixel) of four radii at once (a renderer's inner
    /// loop), 0 where R = 0. The common `tanh` curve is computed as
    /// `V·(1 − e^(−2x)) / ((1 + e^(−2x))·R)` with a vector exponential (``VectorExp``; x ≥ 0,
    /// relative error ≲ 4ε); the other curves lane by lane with ``speed(_:_:)``.
    @inline(__always)
    func angularSpeeds(_ r: SIMD4<Double>, _ s: Scales) -> SIMD4<Double> {
        let omega: SIMD4<Double>
        switch self {
        case .tanh:
            let e = VectorExp.exp(r * (-2 / s.turnoverRadius))
            omega = s.maximumVelocity * (1 - e) / ((1 + e) * r)
        default:
            omega = SIMD4(speed(r[0], s), speed(r[1], s), speed(r[2], s), speed(r[3], s)) / r
        }
        return omega.replacing(with: 0, where: r .<= 0)
    }

    /// The command-line spelling: the raw value in lower case (`nfw`, `burkert`; parsed in
    /// any letter case).
    public var name: String { rawValue.lowercased() }
}
