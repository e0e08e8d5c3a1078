import Foundation

/// Unit of a wavelength axis (`CUNIT3`).
public enum WavelengthUnit: String, Sendable, CaseIterable {
    case angstrom = "Angstrom"
    case nanometre = "nm"
    case micron = "um"
    case metre = "m"

    /// Factor that converts a value in this unit to Angstrom.
    public var angstroms: Double {
        switch self {
        case .angstrom: 1
        case .nanometre: 10
        case .micron: 1e4
        case .metre: 1e10
        }
    }

    /// Parses a FITS `CUNIT3` spelling (`Angstrom`, `angstrom`, `AA`, `A`, `nm`, `um`, `micron`, `m`).
    public init?(fits: String) {
        let s = fits.trimmingCharacters(in: .whitespaces).lowercased()
        switch s {
        case "angstrom", "angstroms", "aa", "a", "ang", "0.1 nm": self = .angstrom
        case "nm", "nanometer", "nanometre": self = .nanometre
        case "um", "micron", "microns", "µm", "mum": self = .micron
        case "m", "meter", "metre": self = .metre
        default: return nil
        }
    }
}

/// The spectral (third) axis of a cube: linear in wavelength, `λ(k) = CRVAL3 + (k + 1 − CRPIX3)·CDELT3`
/// for the 0-based channel k, with the reference's velocity step.
public struct SpectralAxis: Equatable, Sendable {
    /// Reference value `CRVAL3`, in ``unit``.
    public var crval: Double
    /// Reference pixel `CRPIX3` (1-based, FITS convention).
    public var crpix: Double
    /// Channel step `CDELT3` (or `CD3_3`), in ``unit``; may be negative.
    public var cdelt: Double
    /// Unit of `crval` and `cdelt`.
    public var unit: WavelengthUnit

    public init(crval: Double, crpix: Double, cdelt: Double, unit: WavelengthUnit) {
        self.crval = crval
        self.crpix = crpix
        self.cdelt = cdelt
        self.unit = unit
    }

    /// Wavelength of the 0-based channel `k` (fractional channels allowed), in ``unit``.
    public func wavelength(channel k: Double) -> Double {
        crval + (k + 1 - crpix) * cdelt
    }

    /// The reference's "central" wavelength for a cube of `nz` channels:
    /// `λ(floor(nz/2) − 1)` (note the −1: for nz = 36 it is channel 17), in ``unit``.
    public func centralWavelength(channels nz: Int) -> Double {
        wavelength(channel: Double(nz / 2 - 1))
    }

    /// Velocity step per channel in km/s, `dv = 3e5 · CDELT3 / λ_central` (c = 3e5 exactly,
    /// sign of CDELT3), exactly as the reference defines it so that `z` and the velocities mean
    /// the same in both tools.
    public func velocityStep(channels nz: Int) -> Double {
        3e5 * cdelt / centralWavelength(channels: nz)
    }
}
