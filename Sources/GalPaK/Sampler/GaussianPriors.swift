/// Gaussian priors on some parameters (reference `gprior_parameters`, doc §5.4), on top of the
/// flat prior inside the bounds:
///
///     log prior = −½ Σ ((p − μ) / σ)²
///
/// over the parameters with a prior (NaN μ = none). For an angle (PA) the difference is wrapped
/// to half its period, (−180°, 180°], so a prior at 350° ± 10° favours 5° as much as 335°.
public struct GaussianPriors: Sendable, Equatable {
    /// Prior means (NaN = no prior on that parameter).
    public var mean: GalaxyParameters
    /// Prior standard deviations (> 0 where a mean is given).
    public var sigma: GalaxyParameters

    /// No prior at all.
    public init() {
        mean = .missing
        sigma = .missing
    }

    /// Adds or replaces the prior on `name`.
    /// - Precondition: `sigma > 0`, both finite.
    public mutating func set(_ name: ParameterName, mean mu: Double, sigma s: Double) {
        precondition(mu.isFinite && s.isFinite && s > 0, "a Gaussian prior needs a finite mean and sigma > 0")
        mean[name] = mu
        sigma[name] = s
    }

    /// Whether no parameter has a prior.
    public var isEmpty: Bool { mean.values.allSatisfy(\.isNaN) }

    /// The log prior density of `p`, up to a constant.
    public func logDensity(_ p: GalaxyParameters) -> Double {
        var sum = 0.0
        for i in 0..<Swift.min(mean.values.count, p.values.count) where !mean.values[i].isNaN {
            let z = standardised(p, i)
            sum -= 0.5 * z * z
        }
        return sum
    }

    /// The number of parameters with a prior: the residuals of ``residuals(_:into:)``.
    public var count: Int { mean.values.filter { !$0.isNaN }.count }

    /// `(p − μ)/σ` of each parameter with a prior, in parameter order, into `out` (``count``
    /// values): −2 log prior is their sum of squares.
    public func residuals(_ p: GalaxyParameters, into out: UnsafeMutableBufferPointer<Double>) {
        var n = 0
        for i in 0..<mean.values.count where !mean.values[i].isNaN {
            out[n] = i < p.values.count ? standardised(p, i) : 0
            n += 1
        }
    }

    /// `(p_i − μ_i)/σ_i`, the difference wrapped to half the period for an angle.
    private func standardised(_ p: GalaxyParameters, _ i: Int) -> Double {
        var d = p.values[i] - mean.values[i]
        if let period = ParameterName.period(at: i, in: mean.names) { d = wrapHalfPeriod(d, period) }
        return d / sigma.values[i]
    }
}
