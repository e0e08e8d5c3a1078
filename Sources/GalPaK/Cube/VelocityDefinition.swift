import Foundation

/// How a line-of-sight velocity is defined from the Doppler factor `D = λ/λ0 = ν0/ν` (FITS WCS
/// Paper III; c = 299 792.458 km/s):
///
///     radio:        v = c (1 − 1/D)           = c (ν0 − ν)/ν0
///     optical:      v = c (D − 1)             = c (λ − λ0)/λ0   (= c·z)
///     relativistic: v = c (D² − 1)/(D² + 1)   (the apparent radial velocity)
public enum VelocityDefinition: String, NamedChoice {
    case radio, optical, relativistic

    public var name: String { rawValue }

    /// The speed of light, km/s.
    static let c = FlatLambdaCDM.speedOfLight

    /// The velocity in km/s of Doppler factor `d`.
    public func velocity(dopplerFactor d: Double) -> Double {
        switch self {
        case .radio: Self.c * (1 - 1 / d)
        case .optical: Self.c * (d - 1)
        case .relativistic: Self.c * (d * d - 1) / (d * d + 1)
        }
    }

    /// The Doppler factor of velocity `v` km/s (the inverse of ``velocity(dopplerFactor:)``).
    public func dopplerFactor(velocity v: Double) -> Double {
        let beta = v / Self.c
        switch self {
        case .radio: return 1 / (1 - beta)
        case .optical: return 1 + beta
        case .relativistic: return ((1 + beta) / (1 - beta)).squareRoot()
        }
    }

    /// The definition of a velocity axis, from its `CTYPE3`: `VRAD` radio, `VOPT` and `FELO`
    /// optical, `VELO` relativistic (Paper III's apparent radial velocity); the AIPS spelling
    /// `VELO-LSR`, `VELO-HEL`, … is radio when `VELREF` > 256 and optical otherwise, as
    /// wcslib's `spcaips` reads it. Nil for anything else.
    public static func ofVelocityAxis(ctype3: String, velref: Double?) -> VelocityDefinition? {
        let type = ctype3.uppercased().trimmingCharacters(in: .whitespaces)
        let kind = type.prefix(4)
        switch kind {
        case "VRAD": return .radio
        case "VOPT", "FELO": return .optical
        case "VELO":
            let suffix = type.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
            if suffix.isEmpty { return .relativistic }
            return (velref ?? 0) > 256 ? .radio : .optical
        default: return nil
        }
    }
}
