import Foundation

/// Where a fit's PSF comes from.
public enum PSFOrigin: String, Sendable, Equatable {
    /// The instrument preset's default.
    case instrument
    /// A command-line choice: `--seeing`, `--psf`, `--psf-ba`, `--psf-pa` or `--moffat-*`.
    case options
    /// `--instrument-file`.
    case instrumentFile
    /// The cube's header beam (BMAJ/BMIN/BPA).
    case headerBeam

    /// The origin in words, for `galpak info` and the fit's log.
    public func text(instrument: String) -> String {
        switch self {
        case .instrument: "the instrument's default (\(instrument))"
        case .options: "the command line"
        case .instrumentFile: "--instrument-file"
        case .headerBeam: "the cube's beam (BMAJ/BMIN/BPA)"
        }
    }
}

/// The PSF a cube's header beam (``HeaderBeam``) gives, and when it is the fit's PSF.
///
/// The beam is an elliptical Gaussian fixed on the sky. Its FWHM ellipse, as the "covariance"
/// `Σ = a² u uᵀ + b² v vᵀ` (a = BMAJ, b = BMIN in arcsec; u = (sin BPA, cos BPA) and v = (cos BPA,
/// −sin BPA) in (east, north)), is carried to the pixel grid through the local sky frame at the
/// field's centre (``LocalSkyFrame``, L = [E N] in pixels per arcsec): `M = L Σ Lᵀ` (pixels²).
/// With `λ1 ≥ λ2` the eigenvalues of M and θ = ½ atan2(2 M12, M11 − M22) the major axis's angle
/// from +x (for a round M, the angle of L·u), the PSF is `gaussian(fwhm: √λ1 · pixscale, ba:
/// √(λ2/λ1), pa: θ − 90°)` (pa folded into [0°, 180°), anticlockwise from +y as
/// ``PointSpreadFunction`` counts it). For a conformal
/// grid this is BMAJ, BMIN/BMAJ and BPA turned by the grid's rotation; a skewed grid changes the
/// pixel ellipse's shape too, and this accounts for it. Without a celestial WCS north is taken
/// as +y and east as −x. FWHM and b/a are rounded to 6 significant digits, pa to 0.001° (north
/// turns by Δα·sin δ across a field, 0.0002° over half a pixel of the CARMA cube: a beam is not
/// known that well).
public enum HeaderBeamPSF {
    /// The beam as a PSF on `cube`'s pixel grid.
    public static func psf(_ beam: HeaderBeam, cube: Cube) -> PointSpreadFunction {
        let scale = 1 / cube.pixscale
        let frame = cube.celestial.flatMap {
            LocalSkyFrame(wcs: $0, x: Double(cube.nx - 1) / 2, y: Double(cube.ny - 1) / 2)
        }
        let east = frame?.east ?? SIMD2(-scale, 0)
        let north = frame?.north ?? SIMD2(0, scale)
        let angle = beam.positionAngle * .pi / 180
        // Pixel images of the beam's axes: L·u·a and L·v·b.
        let major = beam.major * (sin(angle) * east + cos(angle) * north)
        let minor = beam.minor * (cos(angle) * east - sin(angle) * north)
        let m11 = major.x * major.x + minor.x * minor.x
        let m22 = major.y * major.y + minor.y * minor.y
        let m12 = major.x * major.y + minor.x * minor.y
        let mean = (m11 + m22) / 2
        let spread = (((m11 - m22) / 2) * ((m11 - m22) / 2) + m12 * m12).squareRoot()
        let (large, small) = (mean + spread, max(mean - spread, 0))
        // A round pixel ellipse has no major axis of its own: the image of BPA's direction then.
        let theta = spread > 1e-6 * mean ? 0.5 * atan2(2 * m12, m11 - m22) * 180 / .pi
                                         : atan2(major.y, major.x) * 180 / .pi
        var pa = (theta - 90).truncatingRemainder(dividingBy: 180)
        if pa < 0 { pa += 180 }
        return .gaussian(fwhm: HeaderBeam.rounded(large.squareRoot() * cube.pixscale),
                         ba: HeaderBeam.rounded((small / large).squareRoot()),
                         pa: ((pa * 1e3).rounded() / 1e3).truncatingRemainder(dividingBy: 180))
    }

    /// The instrument a fit uses on `cube`, and where its PSF comes from: with a header beam
    /// and a PSF from the instrument's default (`origin` ``PSFOrigin/instrument``), the beam's
    /// PSF replaces it; a PSF chosen otherwise is kept, with a `warn` when it differs from the
    /// beam's (FWHM by more than 1 %, b/a by more than 0.01, or, for an elliptical beam, the
    /// angle by more than 1°).
    public static func resolve(_ instrument: Instrument, origin: PSFOrigin, cube: Cube,
                               warn: (String) -> Void) -> (instrument: Instrument, origin: PSFOrigin) {
        guard let beam = cube.beam else { return (instrument, origin) }
        let beamPSF = psf(beam, cube: cube)
        guard origin != .instrument else {
            var replaced = instrument
            replaced.psf = beamPSF
            return (replaced, .headerBeam)
        }
        if let chosen = instrument.psf, differs(chosen, from: beamPSF) {
            warn("\(cube.path): the PSF from \(origin.text(instrument: instrument.name)) (\(describe(chosen))) differs from "
                 + "the cube's beam (BMAJ \(g(beam.major))″, BMIN \(g(beam.minor))″, BPA \(g(beam.positionAngle))° east of north: "
                 + "\(describe(beamPSF)) in the pixel frame); the PSF given is used")
        }
        return (instrument, origin)
    }

    private static func differs(_ chosen: PointSpreadFunction, from beam: PointSpreadFunction) -> Bool {
        guard let fwhm = chosen.fwhm, let beamFWHM = beam.fwhm else { return true }
        let (ba, pa) = chosen.ellipse
        let (beamBA, beamPA) = beam.ellipse
        let turned = abs(wrapHalfTurn(2 * (pa - beamPA))) / 2
        return abs(fwhm - beamFWHM) > 0.01 * beamFWHM || abs(ba - beamBA) > 0.01 || (beamBA < 0.99 && turned > 1)
    }

    private static func describe(_ psf: PointSpreadFunction) -> String {
        guard let fwhm = psf.fwhm else { return psf == .none ? "none" : "an image" }
        let (ba, pa) = psf.ellipse
        return "FWHM \(g(fwhm))″, b/a \(g(ba)), pa \(g(pa))°"
    }

    private static func g(_ v: Double) -> String { String(format: "%.4g", v) }
}
