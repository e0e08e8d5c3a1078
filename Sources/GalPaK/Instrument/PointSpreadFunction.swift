import Foundation

/// The spatial point spread function: the image of a point source on the sky.
///
/// Every profile is evaluated, as the reference does, at the centres of the cube's pixels
/// (no sub-pixel integration) on a `ny × nx` grid whose centre is pixel `(ny/2, nx/2)`
/// (integer division, for odd and even sizes alike), and normalised to unit sum.
///
/// Elliptical profiles share one radius. With `(xo, yo) = (nx/2, ny/2)` and `pa` in degrees:
///
///     dx  = xo − i,                 dy  = yo − j
///     dx′ =  dx·cos pa + dy·sin pa, dy′ = −dx·sin pa + dy·cos pa
///     r   = √(dx′²/ba² + dy′²)
///
/// so the major axis lies at `pa` anticlockwise from +y and `ba` is the minor-to-major
/// axis ratio (`ba = 1` is round).
public enum PointSpreadFunction: Sendable, Equatable {
    /// A Gaussian, `exp(−½ (r/σ)²)` with `σ = fwhm / pixscale / 2.35482` pixels.
    ///
    /// - Parameters:
    ///   - fwhm: full width at half maximum along the major axis, in arcsec.
    ///   - ba: axis ratio b/a in (0, 1].
    ///   - pa: position angle of the major axis in degrees, anticlockwise from +y.
    case gaussian(fwhm: Double, ba: Double = 1, pa: Double = 0)

    /// A Moffat profile, `(1 + (r/α)²)^(−β)` with α converted to pixels.
    ///
    /// Its FWHM is `α · 2 √(2^(1/β) − 1)`; use ``moffat(fwhm:beta:ba:pa:)`` to give the FWHM.
    ///
    /// - Parameters:
    ///   - alpha: core width α in arcsec.
    ///   - beta: wing exponent β (> 1 for a finite flux; the image is normalised on the grid anyway).
    ///   - ba: axis ratio b/a in (0, 1].
    ///   - pa: position angle of the major axis in degrees, anticlockwise from +y.
    case moffat(alpha: Double, beta: Double, ba: Double = 1, pa: Double = 0)

    /// An image read from a FITS file (``PSFImage``), moved onto the grid's centre, cropped or
    /// padded to the grid and normalised.
    case image(PSFImage)

    /// No spatial convolution: a unit impulse at the centre pixel, so the kernel leaves every
    /// channel map as it is. (The reference's `NoPointSpreadFunction` is a flat image that
    /// smears each map over the whole field; that is not copied.)
    case none

    /// A Moffat profile given by its FWHM (arcsec): `α = fwhm / (2 √(2^(1/β) − 1))`.
    public static func moffat(fwhm: Double, beta: Double, ba: Double = 1, pa: Double = 0) -> Self {
        .moffat(alpha: fwhm / moffatWidthFactor(beta: beta), beta: beta, ba: ba, pa: pa)
    }

    /// The full width at half maximum along the major axis, in arcsec; nil for an image or ``none``.
    public var fwhm: Double? {
        switch self {
        case let .gaussian(fwhm, _, _): fwhm
        case let .moffat(alpha, beta, _, _): alpha * Self.moffatWidthFactor(beta: beta)
        case .image, .none: nil
        }
    }

    /// The same profile, shape and orientation with another FWHM (arcsec): the seeing override.
    /// An image or ``none`` is returned unchanged.
    ///
    /// For a Moffat profile α is recomputed from the new FWHM at the same β. (The reference
    /// keeps α there, so its seeing override has no effect on a Moffat PSF.)
    public func withFWHM(_ fwhm: Double) -> Self {
        switch self {
        case let .gaussian(_, ba, pa): .gaussian(fwhm: fwhm, ba: ba, pa: pa)
        case let .moffat(_, beta, ba, pa): .moffat(fwhm: fwhm, beta: beta, ba: ba, pa: pa)
        case .image, .none: self
        }
    }

    /// The PSF image on a `ny × nx` grid of `pixscale`-arcsec pixels, x fastest
    /// (`index = j·nx + i`), peak at `(ny/2, nx/2)`, summing to 1 (to rounding, ~1e-16).
    /// - Throws: ``GalpakError`` (`.badInput`) for an image PSF that cannot be used on this
    ///   grid (see ``PSFImage/placed(nx:ny:pixscale:)``).
    public func image(nx: Int, ny: Int, pixscale: Double) throws -> [Double] {
        precondition(nx > 0 && ny > 0 && pixscale > 0, "PSF grid must be non-empty with a positive pixel scale")
        switch self {
        case let .image(psf):
            return try psf.placed(nx: nx, ny: ny, pixscale: pixscale)
        case .none:
            var impulse = [Double](repeating: 0, count: nx * ny)
            impulse[(ny / 2) * nx + nx / 2] = 1
            return impulse
        case .gaussian, .moffat:
            return analyticImage(nx: nx, ny: ny, pixscale: pixscale)
        }
    }

    /// The Gaussian or Moffat profile evaluated at the pixel centres and normalised.
    private func analyticImage(nx: Int, ny: Int, pixscale: Double) -> [Double] {
        let (ba, pa) = ellipse
        let angle = pa * .pi / 180
        let (c, s) = (cos(angle), sin(angle))
        let xo = Double(nx / 2), yo = Double(ny / 2)
        let profile = radialProfile(pixscale: pixscale)
        var values = [Double](repeating: 0, count: nx * ny)
        var total = 0.0
        for j in 0..<ny {
            let dy = yo - Double(j)
            for i in 0..<nx {
                let dx = xo - Double(i)
                let major = dx * c + dy * s
                let minor = -dx * s + dy * c
                let r2 = major * major / (ba * ba) + minor * minor
                let v = profile(r2)
                values[j * nx + i] = v
                total += v
            }
        }
        for n in values.indices { values[n] /= total }
        return values
    }

    /// `(ba, pa)` of an analytic profile; round for an image or none.
    var ellipse: (ba: Double, pa: Double) {
        switch self {
        case let .gaussian(_, ba, pa): (ba, pa)
        case let .moffat(_, _, ba, pa): (ba, pa)
        case .image, .none: (1, 0)
        }
    }

    /// The unnormalised profile as a function of the squared elliptical radius in pixels².
    private func radialProfile(pixscale: Double) -> (Double) -> Double {
        switch self {
        case let .gaussian(fwhm, _, _):
            let sigma = fwhm / pixscale / fwhmPerSigma
            let scale = -0.5 / (sigma * sigma)
            return { r2 in exp(scale * r2) }
        case let .moffat(alpha, beta, _, _):
            let alphaPixels = alpha / pixscale
            let scale = 1 / (alphaPixels * alphaPixels)
            return { r2 in pow(1 + r2 * scale, -beta) }
        case .image, .none:
            preconditionFailure("only the Gaussian and Moffat profiles are analytic")
        }
    }

    /// FWHM / α of a Moffat profile: `2 √(2^(1/β) − 1)`.
    static func moffatWidthFactor(beta: Double) -> Double {
        2 * (pow(2, 1 / beta) - 1).squareRoot()
    }
}
