import Foundation

/// Axis tick positions at "nice" values (1, 2 or 5 × 10ⁿ) and their labels.
enum Ticks {
    /// About `target` ticks covering [low, high]: multiples of the nice step inside the range.
    static func values(_ low: Double, _ high: Double, target: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite, high > low else { return low.isFinite ? [low] : [] }
        let step = self.step(low, high, target: target)
        let first = (low / step).rounded(.up)
        let last = (high / step).rounded(.down)
        guard last >= first, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// The nice step for about `target` intervals over [low, high].
    static func step(_ low: Double, _ high: Double, target: Int) -> Double {
        let raw = (high - low) / Double(Swift.max(target, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalised = raw / magnitude
        let nice: Double = normalised < 1.5 ? 1 : normalised < 3 ? 2 : normalised < 7 ? 5 : 10
        return nice * magnitude
    }

    /// Labels for `ticks`, with as many decimals as the step needs, or in scientific notation
    /// for very large or small values (e.g. fluxes of 1e-17 erg/s/cm²/Å).
    static func labels(_ ticks: [Double]) -> [String] {
        guard ticks.count > 1 else { return ticks.map { format($0, step: Swift.abs($0)) } }
        let step = Swift.abs(ticks[1] - ticks[0])
        return ticks.map { format($0, step: step) }
    }

    /// One value written for a scale of `step`.
    static func format(_ v: Double, step: Double) -> String {
        let largest = Swift.max(Swift.abs(v), step)
        if largest >= 1e5 || (largest < 1e-3 && largest > 0) {
            return v == 0 ? "0" : String(format: "%.2g", v)
        }
        let decimals = step > 0 ? Swift.max(0, Int((-log10(step) + 0.999).rounded(.down))) : 0
        let text = String(format: "%.\(Swift.min(decimals, 6))f", v)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
