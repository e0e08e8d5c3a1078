import Foundation

/// The sky around one pixel to first order: where east and north point on the pixel grid, so
/// that directions and small offsets can be carried between the pixel frame and the sky.
///
/// From the celestial WCS at the pixel's position (α0, δ0), with ε = ``step``:
///
///     N = (p(α0, δ0 + ε) − p(α0, δ0 − ε)) / 2ε              (pixels per arcsec towards the north)
///     E = (p(α0 + ε/cos δ0, δ0) − p(α0 − ε/cos δ0, δ0)) / 2ε (pixels per arcsec towards the east)
///
/// (p = world → pixel, central differences). A sky offset of ξ arcsec east and η north moves
/// the pixel by `ξ·E + η·N`; a pixel displacement d is the sky offset `(ξ, η) = [E N]⁻¹ d`, and
/// its position angle east of north is `atan2(ξ, η)`. This holds for any projection and any
/// rotated, skewed or flipped matrix, and whichever axis is the longitude: no assumption that
/// north is +y or that x is RA.
public struct LocalSkyFrame: Sendable, Equatable {
    /// The step ε of the central differences, degrees (36 mas): small against any field, large
    /// against the rounding of coordinates in degrees (~1e-14°).
    public static let step = 1e-5

    /// Longitude and latitude of the pixel, degrees.
    public let longitude: Double, latitude: Double
    /// Pixel displacement (x, y) per arcsec towards the east.
    public let east: SIMD2<Double>
    /// Pixel displacement (x, y) per arcsec towards the north.
    public let north: SIMD2<Double>

    /// The frame at 0-based pixel `(x, y)`; nil where the WCS has no sky there, within ε of
    /// a pole (where east and north are undefined) or where the local map is singular.
    public init?(wcs: CelestialWCS, x: Double, y: Double) {
        guard let centre = wcs.world(x: x, y: y), abs(centre.latitude) + Self.step < 90 else { return nil }
        let eps = Self.step
        let dLongitude = eps / cos(centre.latitude * .pi / 180)
        func displacement(_ a: (Double, Double), _ b: (Double, Double)) -> SIMD2<Double>? {
            guard let p = wcs.pixel(longitude: a.0, latitude: a.1),
                  let q = wcs.pixel(longitude: b.0, latitude: b.1) else { return nil }
            return SIMD2(p.x - q.x, p.y - q.y) / (2 * eps * 3600)
        }
        let (lon, lat) = centre
        guard let north = displacement((lon, lat + eps), (lon, lat - eps)),
              let east = displacement((lon + dLongitude, lat), (lon - dLongitude, lat)) else { return nil }
        let determinant = east.x * north.y - east.y * north.x
        guard determinant.isFinite, determinant != 0 else { return nil }
        (longitude, latitude, self.east, self.north) = (lon, lat, east, north)
    }

    /// The sky offset (east, north) in arcsec of pixel displacement `d`: `[E N]⁻¹ d`.
    public func skyOffset(ofPixelDisplacement d: SIMD2<Double>) -> SIMD2<Double> {
        let determinant = east.x * north.y - east.y * north.x
        return SIMD2((north.y * d.x - north.x * d.y) / determinant,
                     (east.x * d.y - east.y * d.x) / determinant)
    }

    /// The position angle east of north, degrees in [0, 360), of the sky direction that pixel
    /// direction `d` points to.
    public func positionAngle(ofPixelDirection d: SIMD2<Double>) -> Double {
        let offset = skyOffset(ofPixelDisplacement: d)
        return wrapDegrees(atan2(offset.x, offset.y) * 180 / .pi)
    }

    /// The pixel displacement of a sky offset of `arcsec` at position angle `degrees` east of
    /// north: `arcsec · (sin θ·E + cos θ·N)`.
    public func pixelDisplacement(positionAngle degrees: Double, arcsec: Double = 1) -> SIMD2<Double> {
        let theta = degrees * .pi / 180
        return arcsec * (sin(theta) * east + cos(theta) * north)
    }

    /// Whether the pixel grid is conformal here (E ⊥ N and |E| = |N| to 1e-6: a rotation,
    /// possibly flipped, and one scale), so that angles keep their differences and a PA's
    /// error is the same east of north as in the pixel frame.
    public var isConformal: Bool {
        let (e, n) = ((east * east).sum().squareRoot(), (north * north).sum().squareRoot())
        return abs((east * north).sum()) <= 1e-6 * e * n && abs(e - n) <= 1e-6 * max(e, n)
    }
}
