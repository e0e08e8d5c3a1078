import ArgumentParser
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
        "Seeing: FWHM of the PSF, \(SpreadFunctionChoice.seeingRange) (default: for fit and info the cube's beam BMAJ, else the instrument's, \(DefaultInstrumentHelp.seeing)); replaces the beam, with a warning when they differ.", valueName: "arcsec"))
    var seeing: Double?

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
        try Validation.run { try choice.checkNumbers() }
    }

    /// The instrument these options describe.
    func resolved() throws -> Instrument {
        let base: Instrument
        if let instrumentFile {
            guard instrument == nil else { throw ValidationError("give either --instrument or --instrument-file, not both") }
            base = try InstrumentFile.read(path: instrumentFile)
        } else {
            base = instrument ?? FitDefaults.instrument
        }
        return try choice.applied(to: base)
    }

    /// Where the PSF comes from: any PSF option is a choice on the command line (a cube's beam
    /// does not replace it), else the instrument file or the preset.
    var psfOrigin: PSFOrigin {
        if psf != nil || seeing != nil || psfBa != nil || psfPa != nil || moffatBeta != nil || moffatAlpha != nil {
            return .options
        }
        return instrumentFile == nil ? .instrument : .instrumentFile
    }

    private var choice: SpreadFunctionChoice {
        SpreadFunctionChoice(psf: psf, seeing: seeing, psfBA: psfBa, psfPA: psfPa, moffatBeta: moffatBeta,
                             moffatAlpha: moffatAlpha, lsf: lsf?.name, lsfFWHM: lsfFwhm)
    }
}
