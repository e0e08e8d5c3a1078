/// The scale of Kass & Raftery (1995, JASA 90, 773, §3.2) for the evidence a Bayes factor B
/// gives in favour of one model, read on `2 ln B`:
///
///     2 ln B   0–2 not worth more than a bare mention · 2–6 positive · 6–10 strong · > 10 very strong
///
/// A BIC difference is Schwarz's approximation of it: `ΔBIC = BIC_other − BIC_preferred ≈ 2 ln B`.
public enum BayesFactorScale: String, Sendable, CaseIterable {
    case bareMention = "not worth more than a bare mention"
    case positive
    case strong
    case veryStrong = "very strong"

    /// The grade of `twiceLogBayesFactor` (≥ 0: in favour of the preferred model).
    public init(twiceLogBayesFactor x: Double) {
        switch x {
        case ..<2: self = .bareMention
        case ..<6: self = .positive
        case ...10: self = .strong
        default: self = .veryStrong
        }
    }

    /// The grade as a phrase about the evidence for `model`: "strong evidence for M", "evidence
    /// for M not worth more than a bare mention".
    public func evidence(for model: String) -> String {
        self == .bareMention ? "evidence for \(model) \(rawValue)" : "\(rawValue) evidence for \(model)"
    }
}
