import ArgumentParser
import GalPaK

/// Options that choose the instrument and its spread functions (shared by `fit` and `simulate`).
struct InstrumentOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Instrument preset: \(Instrument.presets.map(\.name).joined(separator: ", ")). Sets the default pixel scale, spectral calibration, PSF and LSF.",
        valueName: "name"))
    var instrument: String = Instrument.default.name

    @Option(help: ArgumentHelp(
        "Seeing: FWHM of the PSF in arcsec (default: the instrument's, 1.0 for MUSE).", valueName: "arcsec"))
    var seeing: Double?

    @Option(help: ArgumentHelp(
        "FWHM of a Gaussian LSF in the cube's spectral unit (CUNIT3); default: the instrument's (MUSE: the Bacon et al. 2017 formula at the cube's central wavelength).",
        valueName: "width"))
    var lsfFwhm: Double?

    /// The instrument these options describe.
    func resolved() throws -> Instrument {
        guard var chosen = Instrument.preset(named: instrument) else {
            let names = Instrument.presets.map(\.name).joined(separator: ", ")
            throw ValidationError("unknown --instrument '\(instrument)': use one of \(names)")
        }
        if let seeing {
            guard seeing > 0, seeing.isFinite else { throw ValidationError("--seeing must be a positive FWHM in arcsec (got \(seeing))") }
            chosen = chosen.withSeeing(seeing)
        }
        if let lsfFwhm {
            guard lsfFwhm > 0, lsfFwhm.isFinite else { throw ValidationError("--lsf-fwhm must be positive (got \(lsfFwhm))") }
            chosen = chosen.withLSF(fwhm: lsfFwhm)
        }
        return chosen
    }
}
