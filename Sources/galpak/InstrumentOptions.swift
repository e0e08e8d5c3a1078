import ArgumentParser
import Foundation
import GalPaK

/// Options that choose the instrument and its spread functions (shared by `fit`, `simulate`
/// and `info`).
struct InstrumentOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Instrument preset (default \(FitDefaults.instrument.name)). Sets the default pixel scale, spectral calibration, PSF and LSF; harmoni and generic need --seeing and --lsf-fwhm.",
        valueName: "name"))
    var instrument: Instrument?

    @Option(help: ArgumentHelp(
        "Instrument from a file in the reference's INI layout (a fit's PREFIX_instrument.txt), instead of --instrument.",
        valueName: "file.txt"))
    var instrumentFile: String?

    @Option(help: ArgumentHelp(
        "PSF: a profile, \(SpreadFunctionChoice.PSFProfile.listed) (none: no spatial convolution), or a FITS image of the PSF at the cube's pixel scale (re-centred on its brightest pixel and normalised). Default: for fit and info, the cube's beam (BMAJ/BMIN/BPA, an elliptical Gaussian) when its header states one, else the instrument's.",
        valueName: (SpreadFunctionChoice.PSFProfile.names + ["file.fits"]).joined(separator: "|")))
    var psf: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Seeing: FWHM of the PSF, \(SpreadFunctionChoice.seeingRange) (default: for fit and info the cube's beam BMAJ, else the instrument's, \(DefaultInstrumentHelp.seeing)); replaces the beam, with a warning when they differ. fit also takes VALUE:SIGMA (arcsec, SIGMA > 0): the FWHM is then the fitted parameter psf_fwhm with a Gaussian prior of mean VALUE and standard deviation SIGMA, bounded to VALUE ± \(Int(PSFWidthPrior.boundSigmas)) SIGMA (at least VALUE/\(Int(1 / PSFWidthPrior.minimumFraction))), so the seeing's uncertainty enters every error (a Gaussian or Moffat PSF only; not with a header beam).",
        valueName: "arcsec[:sigma]"))
    var seeing: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("PSF axis ratio b/a, \(SpreadFunctionChoice.axisRatioRange) (default: the instrument's, \(DefaultInstrumentHelp.psfBA)).", valueName: "ratio"))
    var psfBa: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("PSF major-axis angle, anticlockwise from +y, \(SpreadFunctionChoice.angleRange) (default: the instrument's).", valueName: "deg"))
    var psfPa: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Moffat PSF wing exponent β, \(SpreadFunctionChoice.moffatBetaRange) (needed by --psf moffat).", valueName: "beta"))
    var moffatBeta: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Moffat PSF core width α, \(SpreadFunctionChoice.seeingRange), instead of the FWHM --seeing.", valueName: "arcsec"))
    var moffatAlpha: Double?

    @Option(help: ArgumentHelp(
        "LSF: muse (Bacon et al. 2017 formula at the cube's central wavelength), gaussian (with --lsf-fwhm) or none (no spectral convolution). Default: the instrument's.",
        valueName: "name"))
    var lsf: SpreadFunctionChoice.LSFProfile?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "FWHM of a Gaussian LSF in the cube's spectral unit (CUNIT3: Angstrom, um, Hz, km/s, ...), \(SpreadFunctionChoice.lsfFWHMRange), with σ at most \(ValidRange.format(LineSpreadFunction.maximumSigmaChannels)) channels; default: the instrument's.",
        valueName: "width"))
    var lsfFwhm: Double?

    /// The numbers' ranges, checked while parsing.
    func validate() throws {
        try Validation.run { try choice().checkNumbers() }
    }

    /// The prior of a seeing given as `--seeing VALUE:SIGMA` (a free PSF FWHM); nil for none or a plain FWHM.
    /// - Throws: ``GalpakError`` `.badInput` for a malformed value or σ ≤ 0.
    func psfWidth() throws -> PSFWidthPrior? {
        try seeing.flatMap { try PSFWidthPrior(argument: $0) }
    }

    /// The instrument these options describe (with `--seeing VALUE:SIGMA`, its PSF at VALUE).
    /// - Throws: ``GalpakError`` `.badInput` as ``SpreadFunctionChoice/applied(to:)``, and for a
    ///   `--seeing VALUE:SIGMA` with a PSF that has no FWHM (an image, none).
    func resolved() throws -> Instrument {
        let base: Instrument
        if let instrumentFile {
            guard instrument == nil else { throw ValidationError("give either --instrument or --instrument-file, not both") }
            base = try InstrumentFile.read(path: instrumentFile)
        } else {
            base = instrument ?? FitDefaults.instrument
        }
        if let prior = try psfWidth() {
            // Said before the choice's own, general refusal of a FWHM for these PSFs.
            if let psf {
                if SpreadFunctionChoice.PSFProfile(name: psf) != .gaussian, SpreadFunctionChoice.PSFProfile(name: psf) != .moffat {
                    throw prior.refusal(image: psf != SpreadFunctionChoice.PSFProfile.none.name)
                }
            } else if case .image? = base.psf {
                throw prior.refusal(image: true)
            } else if base.psf == PointSpreadFunction.none {
                throw prior.refusal(image: false)
            }
        }
        return try choice().applied(to: base)
    }

    /// Where the PSF comes from: any PSF option is a choice on the command line (a cube's beam
    /// does not replace it), else the instrument file or the preset.
    var psfOrigin: PSFOrigin {
        if psf != nil || seeing != nil || psfBa != nil || psfPa != nil || moffatBeta != nil || moffatAlpha != nil {
            return .options
        }
        return instrumentFile == nil ? .instrument : .instrumentFile
    }

    private func choice() throws -> SpreadFunctionChoice {
        SpreadFunctionChoice(psf: psf, seeing: try seeingFWHM(), psfBA: psfBa, psfPA: psfPa, moffatBeta: moffatBeta,
                             moffatAlpha: moffatAlpha, lsf: lsf?.name, lsfFWHM: lsfFwhm)
    }

    /// The FWHM `--seeing` gives, arcsec (VALUE of VALUE:SIGMA).
    func seeingFWHM() throws -> Double? {
        guard let seeing else { return nil }
        if let prior = try psfWidth() { return prior.fwhm }
        guard let fwhm = Double(seeing.trimmingCharacters(in: .whitespaces)) else {
            throw GalpakError(.badInput, "--seeing '\(seeing)' is not VALUE or VALUE:SIGMA (arcsec, e.g. 0.8 or 0.8:0.1)")
        }
        return fwhm
    }
}
