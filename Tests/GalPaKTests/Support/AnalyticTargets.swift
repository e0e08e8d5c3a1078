import Foundation
@testable import GalPaK

/// Normalised densities with a known integral, for the sampler tests: each `logLikelihood` is a
/// probability density in θ (∫ L dθ = 1 over all space), so inside a box of volume V holding
/// all but a negligible part of its mass the evidence against the uniform box prior is
/// `ln Z = −ln V`.
enum AnalyticTargets {
    /// The correlated Gaussian N(μ, Σ) in `dimension` dimensions with
    /// `Σ_ij = s_i s_j ρ^{|i−j|}`, `s_i = 0.5 + i / (d − 1)` (0.5 … 1.5), ρ = 0.8, and
    /// `μ_i = (i mod 3) − 1`.
    struct Gaussian: Sendable {
        let dimension: Int
        let mean: [Double]
        let covariance: [Double]
        /// `{θ : (θ − μ)ᵀ Σ⁻¹ (θ − μ) ≤ 1}`, whose Mahalanobis distance the density needs.
        let shape: Ellipsoid
        /// −½ ln det(2πΣ).
        let logNormaliser: Double

        init(dimension d: Int, correlation rho: Double = 0.8) {
            dimension = d
            mean = (0..<d).map { Double($0 % 3) - 1 }
            let s = (0..<d).map { 0.5 + (d > 1 ? Double($0) / Double(d - 1) : 0) }
            var c = [Double](repeating: 0, count: d * d)
            for i in 0..<d { for j in 0..<d { c[i * d + j] = s[i] * s[j] * pow(rho, Double(abs(i - j))) } }
            covariance = c
            shape = Ellipsoid(centre: mean, shape: c)!
            // ln √det Σ = ln V − ln V_d.
            let logDetRoot = shape.logVolume - Ellipsoid.logUnitBallVolume(d)
            logNormaliser = -0.5 * Double(d) * log(2 * Double.pi) - logDetRoot
        }

        /// ln N(θ; μ, Σ).
        func logDensity(_ theta: [Double]) -> Double {
            logNormaliser - 0.5 * shape.mahalanobis(theta)
        }

        /// The standard deviations √Σ_ii.
        var sigma: [Double] { (0..<dimension).map { covariance[$0 * dimension + $0].squareRoot() } }
    }

    /// `weight · N(μ₁, σ²I) + (1 − weight) · N(μ₂, σ²I)` with μ₁ = (−4, 0, …), μ₂ = (+4, 0, …),
    /// σ = 0.5: two modes 16 σ apart.
    static func bimodal(_ theta: [Double], weight: Double) -> Double {
        let sigma = 0.5
        var a = 0.0, b = 0.0
        for i in theta.indices {
            let da = (theta[i] - (i == 0 ? -4 : 0)) / sigma, db = (theta[i] - (i == 0 ? 4 : 0)) / sigma
            a += da * da
            b += db * db
        }
        let norm = -Double(theta.count) * (log(sigma) + 0.5 * log(2 * Double.pi))
        return norm + logAddExp(log(weight) - 0.5 * a, log(1 - weight) - 0.5 * b)
    }

    /// The banana (Haario et al.'s twisted Gaussian) in two dimensions:
    /// `x ~ N(0, 1)`, `y − b(x² − 1) ~ N(0, σ_y²)` with b = 0.5, σ_y = 0.5 (Jacobian 1, so it is
    /// normalised). Mean (0, 0); Var x = 1, Var y = σ_y² + 2b² = 0.75, Cov(x, y) = 0.
    static func banana(_ theta: [Double]) -> Double {
        let b = 0.5, sy = 0.5
        let x = theta[0], y = (theta[1] - b * (theta[0] * theta[0] - 1)) / sy
        return -0.5 * (x * x + y * y) - log(2 * Double.pi * sy)
    }

    /// A Gaussian shell in two dimensions (Feroz & Hobson 2008): radius r = 2, width w = 0.1,
    /// centred at the origin, `L = exp(−(|θ| − r)²/(2w²)) / (2π r · √(2π) w)`, normalised to
    /// `∫ L dθ = ∫ 2πρ N(ρ; r, w) dρ / (2π r) = 1` (the part ρ < 0 of the Gaussian, 20 w below r, is nil).
    static func shell(_ theta: [Double]) -> Double {
        let r = 2.0, w = 0.1
        let d = ((theta[0] * theta[0] + theta[1] * theta[1]).squareRoot() - r) / w
        return -0.5 * d * d - log(2 * Double.pi * r * (2 * Double.pi).squareRoot() * w)
    }
}
