import Foundation

/// A fit's results in the sky frame and physical units, from the cube's WCS (README "Results
/// in the sky frame"). All from the ``LocalSkyFrame`` at the fitted centre (x, y):
///
/// - centre: the WCS's (longitude, latitude) of pixel (x, y), degrees, in the cube's own
///   ``CelestialWCS/frame``; errors in arcsec from the x and y stdev through the local Jacobian
///   `J = [E N]⁻¹` (arcsec per pixel): `σ_RA = √((J11 σx)² + (J12 σy)²)` is the error of
///   RA·cos Dec (the east–west error on the sky), `σ_Dec = √((J21 σx)² + (J22 σy)²)`;
/// - PA east of north: of the receding side, pixel direction `(sin pa, −cos pa)` (pa being the
///   pixel-frame angle to the approaching side), carried to the sky by
///   ``LocalSkyFrame/positionAngle(ofPixelDirection:)``; the approaching side is 180° away. Its
///   error is the spread, over the chain entries the estimate used, of the mapped PA about the
///   mapped estimate (wrapped to ±180°); on a conformal grid that equals pa's stdev;
/// - systemic velocity and redshift at channel z (``SpectralVelocity``), the velocity's error
///   `|v(z + ½) − v(z − ½)| · σz`;
/// - radius and turnover radius in arcsec: the pixel values × the pixel scale used by the fit.
public struct SkyResults: Sendable, Equatable {
    /// The celestial frame (``CelestialWCS/frame``) and its equinox in years (nil: none).
    public var frame: String
    public var equinox: Double?
    /// Centre, degrees (longitude and latitude of the frame: RA and Dec for equatorial axes).
    public var ra: Double, dec: Double
    /// Errors in arcsec, of RA·cos Dec and of Dec.
    public var raErrorArcsec: Double, decErrorArcsec: Double
    /// PA east of north of the receding side, degrees in [0, 360).
    public var paEastOfNorth: Double
    /// PA east of north of the approaching side, degrees in [0, 360).
    public var paEastOfNorthApproaching: Double
    /// Error of both east-of-north angles, degrees.
    public var paEastOfNorthError: Double
    /// Whether the pixel grid is conformal at the centre (``LocalSkyFrame/isConformal``).
    public var conformal: Bool
    /// The angle of the pixel grid's +y direction east of north at the centre, degrees in
    /// (−180, 180] (0 for a north-up cube), and whether east is +x (a flipped grid).
    public var yAxisPositionAngle: Double, eastIsPositiveX: Bool
    /// Systemic velocity and its error, km/s; nil when unknown (no rest value).
    public var systemicVelocity: Double?, systemicVelocityError: Double?
    /// The definition of ``systemicVelocity``.
    public var velocityDefinition: VelocityDefinition?
    /// The redshift `D − 1` at channel z; nil when unknown.
    public var redshift: Double?
    /// A redshift below ``minimumRedshift`` that the axis and the rest value gave, and which was
    /// dropped (with the systemic velocity): no galaxy approaches faster than ~3000 km/s, so
    /// such a rest value is not this line's in this axis's unit (e.g. RESTWAV written in Å,
    /// not the standard's metres). Nil when none was dropped.
    public var rejectedRedshift: Double?
    /// The smallest redshift reported: −0.01, a blueshift of ~3000 km/s.
    public static let minimumRedshift = -0.01
    /// Half-light and turnover radii in arcsec (value, stdev, credible interval).
    public var radiusArcsec: DerivedQuantities.Value, turnoverRadiusArcsec: DerivedQuantities.Value

    /// The results of a fit of `cube`, nil when the cube has no celestial WCS or it has no sky at
    /// the fitted centre; `spread` gives the error of the PA east of north (the chain entries the
    /// estimate uses, or the Laplace approximation of an `--optimize` fit).
    public init?(cube: Cube, summary: ChainSummary, spread: ParameterSpread, velocities: SpectralVelocity) {
        let estimate = summary.estimate
        let (x, y) = (estimate.value[.x], estimate.value[.y])
        guard let wcs = cube.celestial, let local = LocalSkyFrame(wcs: wcs, x: x, y: y) else { return nil }
        frame = wcs.frame
        equinox = wcs.equinox
        (ra, dec) = (local.longitude, local.latitude)
        let (sx, sy) = (estimate.stdev[.x], estimate.stdev[.y])
        let alongX = local.skyOffset(ofPixelDisplacement: SIMD2(1, 0))
        let alongY = local.skyOffset(ofPixelDisplacement: SIMD2(0, 1))
        raErrorArcsec = ((alongX.x * sx) * (alongX.x * sx) + (alongY.x * sy) * (alongY.x * sy)).squareRoot()
        decErrorArcsec = ((alongX.y * sx) * (alongX.y * sx) + (alongY.y * sy) * (alongY.y * sy)).squareRoot()

        func receding(_ pa: Double) -> Double {
            let angle = pa * .pi / 180
            return local.positionAngle(ofPixelDirection: SIMD2(sin(angle), -cos(angle)))
        }
        let mapped = receding(estimate.value[.pa])
        paEastOfNorth = mapped
        paEastOfNorthApproaching = wrapDegrees(mapped + 180)
        paEastOfNorthError = spread.summary(of: { wrapHalfTurn(receding($0[.pa]) - mapped) },
                                            percentile: summary.percentile).stdev
        conformal = local.isConformal
        yAxisPositionAngle = wrapHalfTurn(local.positionAngle(ofPixelDirection: SIMD2(0, 1)))
        eastIsPositiveX = local.skyOffset(ofPixelDisplacement: SIMD2(1, 0)).x > 0

        let z = estimate.value[.z]
        velocityDefinition = velocities.definition
        systemicVelocity = velocities.velocity(channel: z)
        if let above = velocities.velocity(channel: z + 0.5), let below = velocities.velocity(channel: z - 0.5) {
            systemicVelocityError = abs(above - below) * estimate.stdev[.z]
        }
        redshift = velocities.redshift(channel: z)
        if let r = redshift, r < Self.minimumRedshift {
            rejectedRedshift = r
            (redshift, systemicVelocity, systemicVelocityError) = (nil, nil, nil)
        }
        if systemicVelocity == nil { velocityDefinition = nil }

        func arcsec(_ name: ParameterName) -> DerivedQuantities.Value {
            let s = cube.pixscale
            return DerivedQuantities.Value(value: estimate.value[name] * s, stdev: estimate.stdev[name] * s,
                                           lower: estimate.lower[name] * s, upper: estimate.upper[name] * s)
        }
        radiusArcsec = arcsec(.radius)
        turnoverRadiusArcsec = arcsec(.turnoverRadius)
    }

    /// Whether the pixel grid is the usual one at the centre: north along +y and east along −x
    /// (to 0.01°), where the pixel-frame pa is the approaching side's PA east of north.
    public var isNorthUpEastLeft: Bool {
        abs(yAxisPositionAngle) <= 0.01 && !eastIsPositiveX && conformal
    }
}
