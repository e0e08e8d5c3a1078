/// The Jeffreys scale for the evidence a Bayes factor B gives, read on `ln B`, in the form
/// Trotta (2008, Contemp. Phys. 49, 71, Table 1) gives it:
///
///     ln B   < 1 inconclusive · 1–2.5 weak · 2.5–5 moderate · > 5 strong
public enum JeffreysScale: String, Sendable, CaseIterable {
    case inconclusive
    case weak
    case moderate
    case strong

    /// The grade of `logBayesFactor` (≥ 0: in favour of the preferred model).
    public init(logBayesFactor x: Double) {
        switch x {
        case ..<1: self = .inconclusive
        case ..<2.5: self = .weak
        case ..<5: self = .moderate
        default: self = .strong
        }
    }

    /// The grade as a phrase about the evidence for `model`: "moderate evidence for M",
    /// "inconclusive evidence for M".
    public func evidence(for model: String) -> String { "\(rawValue) evidence for \(model)" }
}
