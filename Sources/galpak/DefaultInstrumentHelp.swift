import Foundation
import GalPaK

/// The default instrument's values as the options' help states them (`1.25 Angstrom for
/// musewfm`), read from ``FitDefaults/instrument`` so that the help cannot disagree with it.
enum DefaultInstrumentHelp {
    private static let instrument = FitDefaults.instrument

    /// PSF FWHM, arcsec.
    static let seeing = "\(number(instrument.psf?.fwhm)) for \(instrument.name)"

    /// PSF axis ratio b/a.
    static var psfBA: String {
        guard case let .gaussian(_, ba, _)? = instrument.psf else { return "none for \(instrument.name)" }
        return "\(number(ba)) for \(instrument.name)"
    }

    /// Spectral value of the reference channel, in the instrument's unit.
    static let crval3 = "\(number(instrument.defaults.crval3)) for \(instrument.name)"

    /// Spectral step per channel, with its unit.
    static let cdelt3 = "\(number(instrument.defaults.cdelt3)) \(instrument.defaults.cunit3?.name ?? "") for \(instrument.name)"

    /// `%g`: 1, 1.25, 6564; "none" when the instrument has no such value.
    private static func number(_ value: Double?) -> String {
        value.map { String(format: "%g", $0) } ?? "none"
    }
}
