import Foundation

/// The surface-brightness law of the disk: a Sérsic profile of index n,
///
///     I(R) = exp(−b_n · ((R / Re)^(1/n) − 1)),   b_n = 1.9992·n − 0.3271,
///
/// with Re the `radius` parameter (half-light radius, pixels) and R the in-plane radius.
/// The normalisation is irrelevant: the rendered cube is rescaled to the `flux` parameter.
/// Four profiles fix n (the reference's); `sersic` takes n from the fitted parameter
/// `sersic_index` (``parameters``), with the same b_n approximation, rendered by
/// ``SurfaceBrightness``.
public enum FluxProfile: String, NamedChoice {
    /// n = 0.5.
    case gaussian
    /// n = 1 (default).
    case exponential
    /// n = 2 (the reference spells it `sersicN2`).
    case sersic2 = "sersicN2"
    /// n = 4.
    case deVaucouleurs = "de_vaucouleurs"
    /// n free: the parameter `sersic_index`.
    case sersic

    /// The Sérsic index n of a fixed profile; nil for `sersic`, whose n is a parameter.
    public var fixedIndex: Double? {
        switch self {
        case .gaussian: 0.5
        case .exponential: 1
        case .sersic2: 2
        case .deVaucouleurs: 4
        case .sersic: nil
        }
    }

    /// The parameters this profile adds to the reference's ten: `sersic_index` for `sersic`.
    public var parameters: [ParameterName] { self == .sersic ? [.sersicIndex] : [] }

    /// `b_n = 1.9992·n − 0.3271` (the reference's approximation), for every n.
    @inlinable
    public static func bn(index n: Double) -> Double { 1.9992 * n - 0.3271 }

    /// b_n of a fixed profile (NaN for `sersic`).
    public var bn: Double { Self.bn(index: fixedIndex ?? .nan) }

    /// `ln I(r) = −b_n·((r/re)^(1/n) − 1)` of a fixed profile, so that a renderer can fold it
    /// with the vertical profile into a single exponential (NaN for `sersic`: see
    /// ``SurfaceBrightness``).
    @inlinable
    public func logIntensity(_ r: Double, re: Double) -> Double {
        let s = r / re
        switch self {
        case .gaussian: return -bn * (s * s - 1)
        case .exponential: return -bn * (s - 1)
        case .sersic2: return -bn * (s.squareRoot() - 1)
        case .deVaucouleurs: return -bn * (s.squareRoot().squareRoot() - 1)
        case .sersic: return .nan
        }
    }

    /// `ln I(r)` of four radii at once (a renderer's inner loop), with `1/re` instead of a
    /// division per point; the same arithmetic per lane as ``logIntensity(_:re:)`` with the
    /// division replaced.
    @inline(__always)
    func logIntensities(_ r: SIMD4<Double>, inverseRe: Double) -> SIMD4<Double> {
        let s = r * inverseRe, b = bn
        switch self {
        case .gaussian: return -b * (s * s - 1)
        case .exponential: return -b * (s - 1)
        case .sersic2: return -b * (s.squareRoot() - 1)
        case .deVaucouleurs: return -b * (s.squareRoot().squareRoot() - 1)
        case .sersic: return SIMD4(repeating: .nan)
        }
    }

    /// The command-line spelling: the raw value, but `sersic2` for the reference's `sersicN2`.
    public var name: String { self == .sersic2 ? "sersic2" : rawValue }

    /// Parses the command-line spelling, case-insensitively (the reference's `sersicN2` is
    /// accepted too).
    public init?(name: String) {
        guard let p = Self.named(name) ?? (name.lowercased() == "sersicn2" ? .sersic2 : nil) else { return nil }
        self = p
    }
}
