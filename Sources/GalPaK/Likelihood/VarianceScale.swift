import Foundation

/// How the variance given with a cube is rescaled before fitting (`--variance-scale`).
///
/// A variance that does not match the data's real scatter makes every error wrong by the square
/// root of the mismatch. The noise measurement (``NoiseMeasurement/varianceRatio``, where the
/// first guess is faint) tells the mismatch; by default it is only reported (a warning above
/// ``warningThreshold``), since a wrong ratio (a model far from the galaxy) would then bias
/// every error.
public enum VarianceScale: Equatable, Sendable {
    /// Multiply the variance by the ratio measured at the first guess.
    case auto
    /// Multiply the variance by this factor (1: use it as given, the default).
    case factor(Double)

    /// A measured ratio further than this from 1 (20 %) is warned about.
    public static let warningThreshold = 0.2

    /// The valid factors: wide enough for a variance in the wrong flux unit (a factor 10⁴⁰
    /// between erg and 10⁻²⁰ erg is squared), not so wide that the inverse variance overflows.
    public static let factorRange = ValidRange(.closed(1e-30), .closed(1e30))

    /// Parses `auto` or a factor in ``factorRange``; nil otherwise.
    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if text.lowercased() == "auto" {
            self = .auto
        } else if let f = Double(text), Self.factorRange.contains(f) {
            self = .factor(f)
        } else {
            return nil
        }
    }
}

extension Cube {
    /// Multiplies the variance by `factor`, noting it in ``varianceSource``.
    public mutating func scaleVariance(by factor: Double, because reason: String) {
        guard factor != 1, let v = variance else { return }
        variance = v.map { $0 * factor }
        varianceSource += String(format: ", scaled by %.4g (%@)", factor, reason)
    }
}
