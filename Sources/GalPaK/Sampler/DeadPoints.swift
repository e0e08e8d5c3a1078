import Foundation

/// The nested sampler's discarded points in order, with the prior-volume widths they stand for,
/// and the evidence sum over them (Skilling 2006):
///
///     Z' = Σ_k L'_k ΔX_k,   ln w_k = ln L'_k + ln ΔX_k,
///
/// where `L' = L · g` is the likelihood times the prior's Gaussian terms (``BoxPrior``) and
/// ΔX_k the width of the k-th shell of prior volume. ``result(…)`` turns it into ln Z, H and
/// normalised weights.
struct DeadPoints {
    let dimension: Int
    /// θ of every dead point, flat.
    private(set) var points: [Double] = []
    /// ln L (likelihood alone).
    private(set) var logLikelihoods: [Double] = []
    /// ln w = ln L' + ln ΔX.
    private(set) var logWeights: [Double] = []
    /// ln Z' so far (−∞ when empty).
    private(set) var logEvidence = -Double.infinity

    init(dimension: Int) { self.dimension = dimension }

    /// Adds a point θ with likelihood ln L, target ln L' = ln L + ln g and shell width ln ΔX.
    mutating func add(_ theta: ArraySlice<Double>, logLikelihood: Double, logTarget: Double, logWidth: Double) {
        let logWeight = logTarget + logWidth
        points.append(contentsOf: theta)
        logLikelihoods.append(logLikelihood)
        logWeights.append(logWeight)
        logEvidence = logAddExp(logEvidence, logWeight)
    }

    var count: Int { logWeights.count }

    /// The evidence, its error and the posterior from the points added.
    ///
    /// - `ln Z = ln Z' − ln c` (c: ``BoxPrior/logGaussianNormaliser``);
    /// - weights `w_k = exp(ln w_k − ln Z')`, summing to 1;
    /// - `H = Σ w_k ln L_k − ln Z` (= ∫ P ln(P/π), the posterior's information relative to the
    ///   prior), at least 0; error `√(H / N)`.
    func result(livePoints: Int, logGaussianNormaliser: Double, likelihoodCalls: Int, iterations: Int,
                walkingSince: Int?, stopReason: NestedResult.StopReason) -> NestedResult {
        let weights = logWeights.map { Foundation.exp($0 - logEvidence) }
        let logZ = logEvidence - logGaussianNormaliser
        var expectedLogL = 0.0
        for (w, l) in zip(weights, logLikelihoods) where w > 0 { expectedLogL += w * l }
        let information = Swift.max(0, expectedLogL / weights.reduce(0, +) - logZ)
        let draws = WeightedDraws(dimension: dimension, points: points, logLikelihoods: logLikelihoods,
                                  weights: weights)
        return NestedResult(logEvidence: logZ, logEvidenceError: (information / Double(livePoints)).squareRoot(),
                            information: information, draws: draws, likelihoodCalls: likelihoodCalls,
                            iterations: iterations, walkingSince: walkingSince, stopReason: stopReason)
    }
}

/// `ln(eᵃ + eᵇ)` without overflow; −∞ when both are −∞.
func logAddExp(_ a: Double, _ b: Double) -> Double {
    let larger = Swift.max(a, b)
    if larger == -.infinity { return larger }
    return larger + Foundation.log1p(Foundation.exp(-abs(a - b)))
}
