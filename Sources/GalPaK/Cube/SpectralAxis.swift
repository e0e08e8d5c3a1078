import Foundation

/// What a spectral axis measures.
public enum SpectralQuantity: String, Sendable {
    case wavelength, frequency, velocity

    /// The `CTYPE3` galpak writes for an axis of this quantity.
    public var fitsType: String {
        switch self {
        case .wavelength: "AWAV"
        case .frequency: "FREQ"
        case .velocity: "VRAD"
        }
    }
}

/// Unit of a spectral axis (`CUNIT3`): a wavelength, a frequency or a velocity.
public enum SpectralUnit: String, NamedChoice {
    case angstrom = "Angstrom"
    case nanometre = "nm"
    case micron = "um"
    case metre = "m"
    case hertz = "Hz"
    case kilohertz = "kHz"
    case megahertz = "MHz"
    case gigahertz = "GHz"
    case metrePerSecond = "m/s"
    case kilometrePerSecond = "km/s"

    /// The quantity the unit measures.
    public var quantity: SpectralQuantity {
        switch self {
        case .angstrom, .nanometre, .micron, .metre: .wavelength
        case .hertz, .kilohertz, .megahertz, .gigahertz: .frequency
        case .metrePerSecond, .kilometrePerSecond: .velocity
        }
    }

    /// One of this unit in the quantity's base unit: Å for wavelengths, Hz for frequencies,
    /// km/s for velocities.
    public var scale: Double {
        switch self {
        case .angstrom: 1
        case .nanometre: 10
        case .micron: 1e4
        case .metre: 1e10
        case .hertz: 1
        case .kilohertz: 1e3
        case .megahertz: 1e6
        case .gigahertz: 1e9
        case .metrePerSecond: 1e-3
        case .kilometrePerSecond: 1
        }
    }

    /// `value` (in this unit) in `unit`, nil when the two units measure different quantities.
    public func convert(_ value: Double, to unit: SpectralUnit) -> Double? {
        guard unit.quantity == quantity else { return nil }
        return unit == self ? value : value * scale / unit.scale
    }

    /// Parses a FITS `CUNIT3` spelling, case-insensitively: `Angstrom`/`AA`/`A`, `nm`,
    /// `um`/`micron`, `m`, `Hz`, `kHz`, `MHz`, `GHz`, `m/s` (`m s-1`), `km/s` (`km s-1`).
    public init?(fits: String) {
        let s = fits.trimmingCharacters(in: .whitespaces).lowercased()
        switch s {
        case "angstrom", "angstroms", "aa", "a", "ang", "0.1 nm": self = .angstrom
        case "nm", "nanometer", "nanometre": self = .nanometre
        case "um", "micron", "microns", "µm", "mum": self = .micron
        case "m", "meter", "metre": self = .metre
        case "hz": self = .hertz
        case "khz": self = .kilohertz
        case "mhz": self = .megahertz
        case "ghz": self = .gigahertz
        case "m/s", "m s-1", "m.s-1", "m.s**-1", "m s^-1": self = .metrePerSecond
        case "km/s", "km s-1", "km.s-1", "km.s**-1", "km s^-1", "kms-1": self = .kilometrePerSecond
        default: return nil
        }
    }

    /// Parses a command-line spelling: any ``init(fits:)`` accepts.
    public init?(name: String) { self.init(fits: name) }
}

/// The spectral (third) axis of a cube, linear in its unit: the 0-based channel k is at
/// `CRVAL3 + (k + 1 − CRPIX3)·CDELT3`, and the velocity step per channel is constant.
///
/// The velocity step, with the physical sign (positive = receding = redder):
///
/// - wavelength: `dv = 3e5 · CDELT3 / λc` (the reference's rule),
/// - frequency:  `dv = −3e5 · CDELT3 / νc` (lower frequency is redder; the reference leaves out
///   the minus sign, which flips its velocities on frequency cubes),
/// - velocity:   `dv = CDELT3` in km/s,
///
/// where `λc`/`νc` is the reference's "central" value ``centralValue(channels:)`` and c = 3e5
/// km/s exactly. Wavelength and frequency steps are rest-frame velocities at the cube's centre;
/// a velocity axis is taken at face value, as velocity-axis tools (BBarolo, TiRiFiC) do, which
/// for the same data is (1 + v/c) smaller (1.1 % at 3400 km/s).
public struct SpectralAxis: Equatable, Sendable {
    /// Reference value `CRVAL3`, in ``unit``.
    public var crval: Double
    /// Reference pixel `CRPIX3` (1-based, FITS convention).
    public var crpix: Double
    /// Channel step `CDELT3` (or `CD3_3`), in ``unit``; may be negative.
    public var cdelt: Double
    /// Unit of `crval` and `cdelt`; it says whether the axis is a wavelength, a frequency or a velocity.
    public var unit: SpectralUnit

    public init(crval: Double, crpix: Double, cdelt: Double, unit: SpectralUnit) {
        self.crval = crval
        self.crpix = crpix
        self.cdelt = cdelt
        self.unit = unit
    }

    /// What the axis measures.
    public var quantity: SpectralQuantity { unit.quantity }

    /// The axis value (wavelength, frequency or velocity, in ``unit``) of the 0-based channel
    /// `k` (fractional channels allowed).
    public func value(channel k: Double) -> Double {
        crval + (k + 1 - crpix) * cdelt
    }

    /// The reference's "central" value for a cube of `nz` channels:
    /// `value(floor(nz/2) − 1)` (note the −1: for nz = 36 it is channel 17), in ``unit``.
    public func centralValue(channels nz: Int) -> Double {
        value(channel: Double(nz / 2 - 1))
    }

    /// Velocity step per channel in km/s, with the physical sign (see the type's description).
    public func velocityStep(channels nz: Int) -> Double {
        switch quantity {
        case .wavelength: 3e5 * cdelt / centralValue(channels: nz)
        case .frequency: -3e5 * cdelt / centralValue(channels: nz)
        case .velocity: cdelt * unit.scale
        }
    }
}
