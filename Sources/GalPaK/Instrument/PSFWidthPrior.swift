/// A seeing known only to within an error, `--seeing VALUE:SIGMA` (arcsec): the PSF's FWHM
/// becomes the fitted nuisance parameter `psf_fwhm` (``ParameterName/psfFWHM``) with the
/// Gaussian prior
///
///     log prior(w) = −½ ((w − fwhm) / sigma)²,
///
/// truncated to ``bounds``, so that the seeing's uncertainty reaches every other parameter's
/// errors. The instrument's PSF keeps its profile, axis ratio, angle and Moffat β at every w
/// (``PointSpreadFunction/withFWHM(_:)``); the instrument itself is at w = `fwhm`. The kernel is
/// rebuilt for each evaluation (``PSFWidthKernel``, ``PSFWidthConvolution``).
///
/// Only a profile with a FWHM can vary: not a PSF image, not `--psf none` (``check(_:)``), and
/// not a cube's header beam, which an interferometer knows exactly (``check(beamOf:)``).
public struct PSFWidthPrior: Sendable, Equatable, CustomStringConvertible {
    /// The prior's mean, the PSF's nominal FWHM, arcsec.
    public var fwhm: Double
    /// The prior's standard deviation, arcsec.
    public var sigma: Double

    /// The half-width of ``bounds`` in prior standard deviations.
    public static let boundSigmas = 5.0
    /// The smallest lower bound, as a fraction of `fwhm`: the PSF stays a resolved profile.
    public static let minimumFraction = 0.1
    /// The valid prior widths σ: positive, at most the valid seeing range.
    public static let sigmaRange = ValidRange(.open(0), .closed(3600), unit: "arcsec")
    /// The parameters it adds to a fit.
    public static let parameters: [ParameterName] = [.psfFWHM]

    /// - Throws: ``GalpakError`` `.badInput` when `fwhm` is outside ``ParameterName/seeings``
    ///   or `sigma` outside ``sigmaRange``.
    public init(fwhm: Double, sigma: Double) throws {
        try ParameterName.seeings.check(fwhm, "--seeing VALUE")
        try Self.sigmaRange.check(sigma, "--seeing's SIGMA")
        self.fwhm = fwhm
        self.sigma = sigma
    }

    /// Parses `VALUE:SIGMA` (arcsec); nil for text without a colon (a plain FWHM).
    /// - Throws: ``GalpakError`` `.badInput` for a colon not between two numbers, or numbers
    ///   outside their ranges (σ ≤ 0 among them).
    public init?(argument text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return nil }
        guard parts.count == 2, let value = Double(parts[0]), let sigma = Double(parts[1]) else {
            throw GalpakError(.badInput, "--seeing '\(text)' is not VALUE or VALUE:SIGMA (arcsec, e.g. 0.8:0.1)")
        }
        try self.init(fwhm: value, sigma: sigma)
    }

    /// The default bounds of `psf_fwhm`: `fwhm ± 5 sigma`, the lower at least `fwhm/10`.
    public var bounds: (min: Double, max: Double) {
        (Swift.max(fwhm - Self.boundSigmas * sigma, Self.minimumFraction * fwhm), fwhm + Self.boundSigmas * sigma)
    }

    /// `0.8:0.1`, as `--seeing` takes it.
    public var description: String { "\(PythonFloat.repr(fwhm)):\(PythonFloat.repr(sigma))" }

    /// Checks that `psf` has a FWHM to vary: a Gaussian or Moffat profile.
    /// - Throws: ``refusal(image:)`` for a PSF image or none.
    public func check(_ psf: PointSpreadFunction?) throws {
        switch psf {
        case .gaussian?, .moffat?: return
        case .image?: throw refusal(image: true)
        case PointSpreadFunction.none?, nil: throw refusal(image: false)
        }
    }

    /// The error for a PSF image (`image`) or no PSF, which have no FWHM to fit.
    public func refusal(image: Bool) -> GalpakError {
        GalpakError(.badInput, image
            ? "--seeing \(self) fits the PSF's FWHM, which a PSF image has not: keep the image with a plain "
                + "(fixed) --seeing or none, or give --psf gaussian or moffat"
            : "--seeing \(self) fits the PSF's FWHM: it needs a Gaussian or Moffat PSF, not --psf none")
    }

    /// Checks that `cube` states no beam (BMAJ/BMIN/BPA): a radio cube's beam is known, not a
    /// seeing with an error.
    /// - Throws: ``GalpakError`` `.badInput` naming the cube and what to do instead.
    public func check(beamOf cube: Cube) throws {
        guard cube.beam != nil else { return }
        throw GalpakError.badInput(cube.path, "states its beam (BMAJ/BMIN/BPA), which the interferometer knows exactly: "
            + "--seeing \(self) (a FWHM fitted within a prior) does not apply; drop --seeing to fit with the beam, "
            + "or give a fixed --seeing FWHM to replace it")
    }
}
