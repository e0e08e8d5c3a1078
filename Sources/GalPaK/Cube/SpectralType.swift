import Foundation

/// What a spectral axis type (`CTYPE3`, or `--ctype3`) says about the axis (FITS WCS Paper III).
///
/// The part before the first `-` is the type, the part after an algorithm code or, for the AIPS
/// types `VELO` and `FELO`, a frame (`VELO-LSR`, `FELO-HEL`): `WAVE`, `AWAV` are wavelengths,
/// `FREQ` a frequency, `VRAD`, `VOPT`, `VELO`, `FELO` velocities. Any other type (`LINEAR`,
/// `LAMBDA`, `VELOCITY`, …) is not standard: the reader then infers the axis from `CUNIT3`, the
/// type's name or the values (see ``SpectralCalibration``), unless it is the type of another
/// kind of axis (`STOKES`, `RA---TAN`, …) or not a type name at all.
public enum SpectralType: Equatable, Sendable {
    /// A standard type with evenly spaced channels, and what it measures.
    case linear(SpectralQuantity)
    /// A standard type whose channels are not evenly spaced (`WAVE-LOG`, `FREQ-W2F`, `-TAB`, …).
    case nonLinear
    /// A type of another kind of axis (`STOKES`, `RA---TAN`, `GLAT`, …): the spectral axis is
    /// not the third one.
    case notSpectral
    /// Not a standard type of any axis, but a well-formed name (letters, digits, `-`, `_`).
    case nonStandard
    /// Not a type name at all: empty, or holding other characters (blanks, control characters).
    case malformed

    /// The standard types, as messages and `--help` list them.
    public static let standardNames = "WAVE, AWAV, FREQ, VRAD, VOPT, VELO, FELO"

    /// The quantity of each standard type.
    static let standard: [String: SpectralQuantity] = [
        "WAVE": .wavelength, "AWAV": .wavelength, "FREQ": .frequency,
        "VRAD": .velocity, "VOPT": .velocity, "VELO": .velocity, "FELO": .velocity,
    ]

    /// Algorithm codes of non-linear spectral axes (FITS WCS Paper III).
    static let nonLinearCodes: Set<String> = [
        "F2W", "F2V", "F2A", "W2F", "W2V", "W2A", "V2F", "V2W", "V2A", "A2F", "A2W", "A2V",
        "LOG", "GRI", "GRA", "TAB",
    ]

    /// The characters of a type name.
    static let nameCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    /// Types of other axes: Stokes, complex, and celestial longitudes and latitudes.
    static let otherAxes: Set<String> = [
        "STOKES", "CPLX", "RA", "DEC", "GLON", "GLAT", "ELON", "ELAT", "SLON", "SLAT", "HPLN", "HPLT",
    ]

    /// Non-standard types whose name says what the axis measures.
    static let named: [String: SpectralQuantity] = [
        "LAMBDA": .wavelength, "WAVELENGTH": .wavelength, "WAVELEN": .wavelength,
        "FREQUENCY": .frequency, "VELOCITY": .velocity,
    ]

    /// Classifies `ctype`, case-insensitively, blanks around it ignored.
    public init(_ ctype: String) {
        let name = ctype.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.nameCharacters.contains) else {
            self = .malformed
            return
        }
        let parts = Self.parts(ctype)
        guard let kind = parts.first, let quantity = Self.standard[kind] else {
            self = Self.otherAxes.contains(parts.first ?? "") ? .notSpectral : .nonStandard
            return
        }
        self = parts.count > 1 && Self.nonLinearCodes.contains(parts[1]) ? .nonLinear : .linear(quantity)
    }

    /// Checks a type given with `--ctype3`: a standard type with evenly spaced channels.
    /// - Throws: ``GalpakError`` `.badInput` naming the option and the valid types.
    public static func checkOption(_ ctype: String) throws {
        guard case .linear = SpectralType(ctype) else {
            throw GalpakError(.badInput, "--ctype3 \(ctype) is not a linear spectral axis type; give one of "
                + "\(standardNames) (with an optional suffix such as -LSR)")
        }
    }

    /// The quantity a non-standard type's name states (`LAMBDA`, `WAVELENGTH`, `FREQUENCY`,
    /// `VELOCITY`), nil for any other name.
    static func namedQuantity(_ ctype: String) -> SpectralQuantity? {
        named[parts(ctype).first ?? ""]
    }

    /// True for an optical velocity sampled evenly in frequency (`FELO…`), whose channels galpak
    /// takes as evenly spaced in velocity.
    static func isFrequencySampledVelocity(_ ctype: String) -> Bool {
        parts(ctype).first == "FELO"
    }

    private static func parts(_ ctype: String) -> [String] {
        ctype.trimmingCharacters(in: .whitespaces).uppercased()
            .split(separator: "-", omittingEmptySubsequences: true).map(String.init)
    }
}
