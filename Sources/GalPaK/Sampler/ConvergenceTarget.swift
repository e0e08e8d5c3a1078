/// When chains count as converged: every free parameter's split R̂ at most ``maxRHat`` and its
/// effective sample size at least ``minESS``, over the draws the estimate uses (the numbers of
/// ``ConvergenceReport``, which the JSON reports as `rhat` and `ess`).
///
/// The defaults, R̂ ≤ 1.01 and ESS ≥ 400, are the thresholds of Vehtari, Gelman, Simpson,
/// Carpenter & Bürkner (2021, *Bayesian Analysis* 16, 667): with four chains of 100 draws
/// each the Monte Carlo error of a 95 % interval's ends is then small beside the posterior's
/// width. Every verdict and warning of `fit`, `chain` and `batch` uses these values.
public struct ConvergenceTarget: Equatable, Sendable {
    /// Largest acceptable split R̂.
    public var maxRHat: Double
    /// Smallest acceptable effective sample size (all chains together).
    public var minESS: Double

    public init(maxRHat: Double = 1.01, minESS: Double = 400) {
        self.maxRHat = maxRHat
        self.minESS = minESS
    }

    /// The field's standard, R̂ ≤ 1.01 and ESS ≥ 400.
    public static let standard = ConvergenceTarget()

    /// Whether R̂ = `rHat` and ESS = `ess` of one parameter pass. NaN never passes: for a free
    /// parameter it means too few draws to tell, or a chain that never moved.
    public func passes(rHat: Double, ess: Double) -> Bool {
        rHat <= maxRHat && ess >= minESS
    }

    /// The parameters among `free` that fail in `report`, in reference order (empty: converged).
    public func failing(_ report: ConvergenceReport, free: [ParameterName]) -> [ParameterName] {
        free.filter { !passes(rHat: report.rHat[$0], ess: report.effectiveSampleSize[$0]) }
    }

    /// Whether every parameter among `free` passes in `report`.
    public func isMet(by report: ConvergenceReport, free: [ParameterName]) -> Bool {
        failing(report, free: free).isEmpty
    }
}
