import Foundation

/// The prior of the generic samplers (``NestedSampler``, ``EnsembleSampler``) over a vector of
/// `dimension` real values: uniform within a box `lower ≤ θ ≤ upper`, times optional Gaussian
/// terms `g(θ) = exp(−½ Σ ((θ_i − μ_i)/σ_i)²)` over the components that have one:
///
///     π(θ) = g(θ) · 1_box(θ) / ∫_box g
///
/// The samplers work in unit-cube coordinates `u ∈ [0, 1]^d`, `θ = lower + u · (upper − lower)`,
/// where the box prior is uniform with volume 1, and treat `ln g` as part of the likelihood; the
/// evidence with respect to π then needs ``logGaussianNormaliser`` (see there).
public struct BoxPrior: Sendable, Equatable {
    /// Lower bounds, one per component.
    public let lower: [Double]
    /// Upper bounds, one per component, each > its lower bound.
    public let upper: [Double]
    /// Gaussian prior means (NaN = no Gaussian term on that component).
    public let gaussianMean: [Double]
    /// Gaussian prior standard deviations (> 0 where a mean is given).
    public let gaussianSigma: [Double]

    /// Number of components.
    public var dimension: Int { lower.count }

    /// A box with Gaussian terms; `gaussianMean`/`gaussianSigma` default to none (all NaN).
    /// - Throws: ``GalpakError`` `.badInput` naming the component when a bound is not finite,
    ///   a lower bound is not below its upper bound, the lengths differ, or a Gaussian term has
    ///   a non-finite mean or a σ that is not finite and > 0.
    public init(lower: [Double], upper: [Double], gaussianMean: [Double]? = nil,
                gaussianSigma: [Double]? = nil) throws {
        let d = lower.count
        let mean = gaussianMean ?? [Double](repeating: .nan, count: d)
        let sigma = gaussianSigma ?? [Double](repeating: .nan, count: d)
        guard d > 0, upper.count == d, mean.count == d, sigma.count == d else {
            throw GalpakError(.badInput,
                "prior box: lower (\(d)), upper (\(upper.count)) and Gaussian terms (\(mean.count), \(sigma.count)) need one value per component, at least one")
        }
        for i in 0..<d {
            guard lower[i].isFinite, upper[i].isFinite, lower[i] < upper[i] else {
                throw GalpakError(.badInput,
                    "prior box: component \(i) needs finite bounds with lower < upper (got [\(lower[i]), \(upper[i])])")
            }
            if !mean[i].isNaN, !(mean[i].isFinite && sigma[i].isFinite && sigma[i] > 0) {
                throw GalpakError(.badInput,
                    "prior box: the Gaussian term of component \(i) needs a finite mean and a finite σ > 0 (got \(mean[i]) ± \(sigma[i]))")
            }
        }
        self.lower = lower
        self.upper = upper
        self.gaussianMean = mean
        self.gaussianSigma = sigma
    }

    /// `ln g(θ) = −½ Σ ((θ_i − μ_i)/σ_i)²` over the components with a Gaussian term (0 if none).
    @inlinable
    public func logGaussianTerm(_ theta: [Double]) -> Double {
        var sum = 0.0
        for i in 0..<gaussianMean.count where !gaussianMean[i].isNaN {
            let z = (theta[i] - gaussianMean[i]) / gaussianSigma[i]
            sum -= 0.5 * z * z
        }
        return sum
    }

    /// `ln c` with `c = ∫_box g(θ) dθ / V` (V the box's volume): the mean of g over the box,
    ///
    ///     c = Π_i σ_i √(2π) (Φ((upper_i − μ_i)/σ_i) − Φ((lower_i − μ_i)/σ_i)) / (upper_i − lower_i),
    ///
    /// the product over the components with a Gaussian term, Φ the standard normal CDF. A sampler
    /// that integrates `L · g` against the uniform box prior finds `Z' = c · Z`, so the evidence
    /// with respect to π is `ln Z = ln Z' − ln c`. 0 without Gaussian terms.
    public var logGaussianNormaliser: Double {
        var sum = 0.0
        for i in 0..<dimension where !gaussianMean[i].isNaN {
            let s = gaussianSigma[i] * 2.0.squareRoot()
            // Φ(b) − Φ(a) = ½ (erfc(−b/√2) − erfc(−a/√2)), written on the side of the mean
            // where it does not cancel.
            let a = (lower[i] - gaussianMean[i]) / s, b = (upper[i] - gaussianMean[i]) / s
            let mass = a >= 0 ? 0.5 * (erfc(a) - erfc(b)) : 0.5 * (erfc(-b) - erfc(-a))
            sum += Foundation.log(gaussianSigma[i] * (2 * Double.pi).squareRoot() * mass / (upper[i] - lower[i]))
        }
        return sum
    }

    /// Writes `θ = lower + u · (upper − lower)` into `theta` (same count as `u`).
    @inlinable
    public func point(fromUnit u: [Double], into theta: inout [Double]) {
        for i in 0..<u.count { theta[i] = lower[i] + u[i] * (upper[i] - lower[i]) }
    }

    /// Whether every component of `theta` is inside the box (inclusive; NaN is outside).
    @inlinable
    public func contains(_ theta: [Double]) -> Bool {
        for i in 0..<theta.count where !(theta[i] >= lower[i] && theta[i] <= upper[i]) { return false }
        return true
    }
}
