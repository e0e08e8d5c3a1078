import Foundation

/// The user's choice of PSF and LSF (the command line's `--seeing`, `--psf…`, `--moffat…`,
/// `--lsf…`), applied on top of an instrument's defaults.
///
/// Rules:
/// - PSF `nil` keeps the instrument's profile with any given FWHM (`seeing`), `ba`, `pa`, β or α
///   replaced; `gaussian`/`moffat` switch profile, keeping the instrument's FWHM, `ba` and `pa`
///   unless given; a Moffat profile needs β (`moffatBeta`) and its width from `moffatAlpha` or
///   the FWHM (not both); `none` is no spatial convolution; anything else is a FITS image path
///   (``PSFImage``). Shape options that cannot apply (a FWHM for `none` or an image, β for a
///   Gaussian) are errors rather than silently ignored.
/// - LSF `nil` keeps the instrument's, or a Gaussian of `lsfFWHM` (cube units) when given;
///   `muse`, `gaussian` (FWHM from `lsfFWHM` or the instrument's Gaussian) and `none` (no
///   spectral convolution) choose explicitly.
public struct SpreadFunctionChoice: Sendable, Equatable {
    /// The PSF profiles `psf` names; any other value of `psf` is the path of a PSF image.
    public enum PSFProfile: String, NamedChoice {
        case gaussian, moffat, none
    }

    /// The line spread functions `lsf` names.
    public enum LSFProfile: String, NamedChoice {
        case muse, gaussian, none
    }

    /// A ``PSFProfile`` name, a FITS image path, or nil for the instrument's.
    public var psf: String?
    /// PSF FWHM, arcsec.
    public var seeing: Double?
    /// PSF axis ratio b/a.
    public var psfBA: Double?
    /// PSF major-axis angle, degrees anticlockwise from +y.
    public var psfPA: Double?
    /// Moffat β.
    public var moffatBeta: Double?
    /// Moffat α, arcsec.
    public var moffatAlpha: Double?
    /// An ``LSFProfile`` name, or nil for the instrument's.
    public var lsf: String?
    /// Gaussian LSF FWHM in the cube's spectral unit.
    public var lsfFWHM: Double?

    /// The valid values of the numbers, stated in `--help` and checked by ``applied(to:)`` and
    /// by ``InstrumentFile``: a FWHM or Moffat α up to a degree (3600″, the largest pixel
    /// scale galpak reads), an axis ratio in (0, 1], an angle within a turn, β up to 100 (a
    /// Moffat profile is Gaussian to 1 % long before). An LSF FWHM only has to be positive here:
    /// its unit is the cube's, and one wider than ``LineSpreadFunction/maximumSigmaChannels`` is
    /// refused when the kernel is built.
    public static let seeingRange = ParameterName.seeings
    public static let axisRatioRange = ValidRange(.open(0), .closed(1))
    public static let angleRange = ValidRange(.closed(-360), .closed(360), unit: "degrees")
    public static let moffatBetaRange = ValidRange(.open(0), .closed(100))
    public static let lsfFWHMRange = ValidRange(.open(0), .none)

    public init(psf: String? = nil, seeing: Double? = nil, psfBA: Double? = nil, psfPA: Double? = nil,
                moffatBeta: Double? = nil, moffatAlpha: Double? = nil, lsf: String? = nil, lsfFWHM: Double? = nil) {
        self.psf = psf
        self.seeing = seeing
        self.psfBA = psfBA
        self.psfPA = psfPA
        self.moffatBeta = moffatBeta
        self.moffatAlpha = moffatAlpha
        self.lsf = lsf
        self.lsfFWHM = lsfFWHM
    }

    /// `base` with the chosen PSF and LSF; both are set in the result.
    /// - Throws: ``GalpakError`` (`.badInput`) for an invalid value or combination, an unreadable
    ///   PSF image, or a PSF/LSF the instrument lacks and the choice does not give.
    public func applied(to base: Instrument) throws -> Instrument {
        try checkNumbers()
        var result = base
        result.psf = try chosenPSF(base)
        result.lsf = try chosenLSF(base)
        return result
    }

    /// Checks every given number against its range (the first check of ``applied(to:)``).
    /// - Throws: ``GalpakError`` `.badInput` naming the option and the range.
    public func checkNumbers() throws {
        let checks: [(Double?, String, ValidRange)] = [
            (seeing, "--seeing", Self.seeingRange), (psfBA, "--psf-ba", Self.axisRatioRange),
            (psfPA, "--psf-pa", Self.angleRange), (moffatBeta, "--moffat-beta", Self.moffatBetaRange),
            (moffatAlpha, "--moffat-alpha", Self.seeingRange), (lsfFWHM, "--lsf-fwhm", Self.lsfFWHMRange),
        ]
        for case let (value?, option, range) in checks { try range.check(value, option) }
    }

    private func chosenPSF(_ instrument: Instrument) throws -> PointSpreadFunction {
        let base = instrument.psf
        let shapeGiven = seeing != nil || psfBA != nil || psfPA != nil
        let moffatGiven = moffatBeta != nil || moffatAlpha != nil
        let (ba, pa) = (psfBA ?? base?.ellipse.ba ?? 1, psfPA ?? base?.ellipse.pa ?? 0)
        guard let psf else {
            switch base {
            case .moffat?:
                return try moffat(base)
            case .gaussian(let fwhm, _, _)?:
                guard !moffatGiven else { throw GalpakError(.badInput, "--moffat-beta and --moffat-alpha need --psf moffat") }
                return .gaussian(fwhm: seeing ?? fwhm, ba: ba, pa: pa)
            case .image?, PointSpreadFunction.none?:
                guard !shapeGiven, !moffatGiven else {
                    throw GalpakError(.badInput, "--seeing, --psf-ba, --psf-pa and --moffat-* do not apply to this "
                        + "instrument's PSF (an image or none); give --psf gaussian or --psf moffat to use them")
                }
                return base!
            case nil:
                if moffatGiven { return try moffat(nil) }
                guard let seeing else { return try instrument.requiredPSF() }
                return .gaussian(fwhm: seeing, ba: ba, pa: pa)
            }
        }
        guard let profile = PSFProfile(name: psf) else {
            guard !shapeGiven, !moffatGiven else {
                throw GalpakError(.badInput, "--psf \(psf) is an image: --seeing, --psf-ba, --psf-pa and --moffat-* do not apply")
            }
            guard InputFile.isPresent(psf) else {
                throw GalpakError(.badInput, "--psf '\(psf)': no such file; give \(PSFProfile.names.joined(separator: ", ")) or a FITS image path")
            }
            return .image(try PSFImage.read(path: psf))
        }
        switch profile {
        case .gaussian:
            guard !moffatGiven else { throw GalpakError(.badInput, "--moffat-beta and --moffat-alpha need --psf moffat") }
            guard let fwhm = seeing ?? base?.fwhm else {
                throw GalpakError(.badInput, "--psf gaussian needs --seeing (FWHM in arcsec): the instrument has no FWHM to keep")
            }
            return .gaussian(fwhm: fwhm, ba: ba, pa: pa)
        case .moffat:
            return try moffat(base)
        case .none:
            guard !shapeGiven, !moffatGiven else {
                throw GalpakError(.badInput, "--psf none takes no --seeing, --psf-ba, --psf-pa or --moffat-* option")
            }
            return .none
        }
    }

    /// A Moffat PSF from β (given, or the base's) and α (given, or from the FWHM).
    private func moffat(_ base: PointSpreadFunction?) throws -> PointSpreadFunction {
        let (ba, pa) = (psfBA ?? base?.ellipse.ba ?? 1, psfPA ?? base?.ellipse.pa ?? 0)
        var baseBeta: Double?
        if case let .moffat(_, beta, _, _)? = base { baseBeta = beta }
        guard let beta = moffatBeta ?? baseBeta else {
            throw GalpakError(.badInput, "a Moffat PSF needs --moffat-beta (the wing exponent β, e.g. 2.5)")
        }
        if moffatAlpha != nil, seeing != nil {
            throw GalpakError(.badInput, "give the Moffat width as --seeing (FWHM) or --moffat-alpha (α), not both")
        }
        if let alpha = moffatAlpha { return .moffat(alpha: alpha, beta: beta, ba: ba, pa: pa) }
        guard let fwhm = seeing ?? base?.fwhm else {
            throw GalpakError(.badInput, "a Moffat PSF needs its width: --seeing (FWHM, arcsec) or --moffat-alpha (arcsec)")
        }
        return .moffat(fwhm: fwhm, beta: beta, ba: ba, pa: pa)
    }

    private func chosenLSF(_ instrument: Instrument) throws -> LineSpreadFunction {
        let base = instrument.lsf
        guard let lsf else {
            if let lsfFWHM { return .gaussian(fwhm: lsfFWHM) }
            return try instrument.requiredLSF()
        }
        guard let profile = LSFProfile(name: lsf) else {
            throw GalpakError(.badInput, "unknown --lsf '\(lsf)': use \(LSFProfile.listed)")
        }
        switch profile {
        case .muse:
            guard lsfFWHM == nil else { throw GalpakError(.badInput, "--lsf-fwhm applies to --lsf gaussian, not muse") }
            return .muse
        case .gaussian:
            if let lsfFWHM { return .gaussian(fwhm: lsfFWHM) }
            switch base {
            case .gaussian?, .gaussianChannels?: return base!
            default:
                throw GalpakError(.badInput, "--lsf gaussian needs --lsf-fwhm (FWHM in the cube's spectral unit)")
            }
        case .none:
            guard lsfFWHM == nil else { throw GalpakError(.badInput, "--lsf none takes no --lsf-fwhm") }
            return .none
        }
    }
}
