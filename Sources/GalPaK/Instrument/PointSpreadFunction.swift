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
        var values = [Double](repeating: 0, count: nx * ny)
        values.withUnsafeMutableBufferPointer { image in
            AnalyticPSF(self, pixscale: pixscale).normalisedImage(nx: nx, ny: ny, into: image, window: (0, 0, nx, ny))
        }
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

    /// FWHM / α of a Moffat profile: `2 √(2^(1/β) − 1)`.
    static func moffatWidthFactor(beta: Double) -> Double {
        2 * (pow(2, 1 / beta) - 1).squareRoot()
    }
}

/// A Gaussian or Moffat ``PointSpreadFunction`` as numbers, evaluated without allocating (the
/// kernel rebuilt at every evaluation of a fit with a free `psf_fwhm` uses it, and so does
/// ``PointSpreadFunction/image(nx:ny:pixscale:)``: the same arithmetic, so the same values).
struct AnalyticPSF {
    private let gaussian: Bool
    /// −½/σ² (Gaussian) or 1/α² (Moffat), pixels⁻².
    private let scale: Double
    private let beta: Double
    private let ba: Double
    private let cosine: Double, sine: Double

    /// - Precondition: `psf` is ``PointSpreadFunction/gaussian(fwhm:ba:pa:)`` or
    ///   ``PointSpreadFunction/moffat(alpha:beta:ba:pa:)``.
    init(_ psf: PointSpreadFunction, pixscale: Double) {
        let (ba, pa) = psf.ellipse
        let angle = pa * .pi / 180
        (cosine, sine) = (cos(angle), sin(angle))
        self.ba = ba
        switch psf {
        case let .gaussian(fwhm, _, _):
            let sigma = fwhm / pixscale / fwhmPerSigma
            (gaussian, scale, beta) = (true, -0.5 / (sigma * sigma), 0)
        case let .moffat(alpha, beta, _, _):
            let alphaPixels = alpha / pixscale
            (gaussian, scale, self.beta) = (false, 1 / (alphaPixels * alphaPixels), beta)
        case .image, .none:
            preconditionFailure("only the Gaussian and Moffat profiles are analytic")
        }
    }

    /// The unnormalised profile (1 at the centre) at the offset `(dx, dy)` pixels from it,
    /// with the elliptical radius of ``PointSpreadFunction``.
    @inline(__always)
    func value(dx: Double, dy: Double) -> Double {
        let major = dx * cosine + dy * sine
        let minor = -dx * sine + dy * cosine
        let r2 = major * major / (ba * ba) + minor * minor
        return gaussian ? exp(scale * r2) : pow(1 + r2 * scale, -beta)
    }

    /// The `window` (first column and row, width and height) of the image on the `ny × nx` grid
    /// (centre `(ny/2, nx/2)`), normalised to unit sum over the whole grid, into `image` (x fastest,
    /// `width·height` values). One evaluation per pixel of the grid; allocation-free.
    func normalisedImage(nx: Int, ny: Int, into image: UnsafeMutableBufferPointer<Double>,
                         window: (x: Int, y: Int, width: Int, height: Int)) {
        precondition(image.count == window.width * window.height, "the image does not match its window")
        let xo = Double(nx / 2), yo = Double(ny / 2)
        var total = 0.0
        for j in 0..<ny {
            let dy = yo - Double(j)
            let row = j - window.y
            let inside = row >= 0 && row < window.height
            for i in 0..<nx {
                let v = value(dx: xo - Double(i), dy: dy)
                total += v
                let column = i - window.x
                if inside, column >= 0, column < window.width { image[row * window.width + column] = v }
            }
        }
        for n in image.indices { image[n] /= total }
    }
}
