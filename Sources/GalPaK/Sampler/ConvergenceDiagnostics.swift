import CFFTW3
import Foundation

/// Convergence diagnostics of MCMC chains, each given as the sequence of its iterations (an
/// expanded, equally weighted chain).
///
/// - ``splitRHat(_:)``: the split potential scale reduction R̂ (Gelman et al., *Bayesian Data
///   Analysis* 3rd ed. §11.4): every chain is cut into halves, and with n draws per half,
///   W = mean of the halves' variances (ddof 1), B = n · variance of their means (ddof 1),
///   `R̂ = √(((n − 1)/n · W + B/n) / W)`. ≈ 1 when the chains agree; > 1.05 means they have not
///   mixed. Same numbers as ArviZ `rhat(method="split")`.
/// - ``effectiveSampleSize(_:)``: the number of independent draws the chains are worth, from the
///   autocorrelations of the split halves combined across halves and summed with Geyer's
///   initial monotone sequence (BDA3 §11.5; Stan's estimator; ArviZ `ess(method="mean")`).
///   Independent draws give ≈ the number of draws; an AR(1) chain of coefficient ρ gives
///   ≈ N(1 − ρ)/(1 + ρ).
/// - ``gewekeScore(_:intervals:first:last:nSigma:)``: the reference's convergence score (doc §9,
///   `plot_geweke`), the fraction of Geweke z-scores (``gewekeZScores(_:intervals:first:last:)``,
///   drawn in `PREFIX_geweke`) within ±nSigma.
///
/// Chains of unequal length are truncated to the shortest (their last draws kept). Fewer than
/// 4 draws per chain, or no spread at all (a fixed parameter), give NaN.
public enum ConvergenceDiagnostics {
    /// The reference's Geweke start points (`plot_geweke(Nintervals=25)`).
    public static let gewekeIntervals = 25
    /// The reference's Geweke bound on |z| (`plot_geweke(Nsigma=2)`).
    public static let gewekeSigmas = 2.0

    /// Split R̂ of `chains`.
    public static func splitRHat(_ chains: [[Double]]) -> Double {
        let halves = splitHalves(chains)
        guard halves.count >= 2, let n = halves.first?.count, n >= 2 else { return .nan }
        let means = halves.map(mean)
        let within = halves.map { variance($0, ddof: 1) }.reduce(0, +) / Double(halves.count)
        guard within > 0 else { return .nan }
        let between = Double(n) * variance(means, ddof: 1)
        return ((between / within + Double(n) - 1) / Double(n)).squareRoot()
    }

    /// Effective sample size of `chains` together.
    public static func effectiveSampleSize(_ chains: [[Double]]) -> Double {
        let halves = splitHalves(chains)
        guard !halves.isEmpty, let n = halves.first?.count, n >= 4 else { return .nan }
        let m = halves.count
        let covariances = halves.map(autocovariance)
        func meanCovariance(_ lag: Int) -> Double {
            covariances.reduce(0) { $0 + $1[lag] } / Double(m)
        }
        let meanVariance = meanCovariance(0) * Double(n) / Double(n - 1)
        var varPlus = meanVariance * Double(n - 1) / Double(n)
        if m > 1 { varPlus += variance(halves.map(mean), ddof: 1) }
        guard varPlus > 0 else { return .nan }

        var rho = [Double](repeating: 0, count: n)
        rho[0] = 1
        var rhoEven = 1.0
        var rhoOdd = 1 - (meanVariance - meanCovariance(1)) / varPlus
        rho[1] = rhoOdd
        // Geyer's initial positive sequence.
        var t = 1
        while t < n - 3 && rhoEven + rhoOdd > 0 {
            rhoEven = 1 - (meanVariance - meanCovariance(t + 1)) / varPlus
            rhoOdd = 1 - (meanVariance - meanCovariance(t + 2)) / varPlus
            if rhoEven + rhoOdd >= 0 {
                rho[t + 1] = rhoEven
                rho[t + 2] = rhoOdd
            }
            t += 2
        }
        let maxT = t - 2
        if rhoEven > 0 { rho[maxT + 1] = rhoEven }
        // Geyer's initial monotone sequence.
        t = 1
        while t <= maxT - 2 {
            if rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t] {
                rho[t + 1] = (rho[t - 1] + rho[t]) / 2
                rho[t + 2] = rho[t + 1]
            }
            t += 2
        }
        let draws = Double(m * n)
        // maxT is −1 when the positive sequence stops at once (4 draws per half, or a first
        // pair already ≤ 0): no term, as ArviZ's rho[:max_t + 1].
        var tau = -1 + 2 * rho[..<(maxT + 1)].reduce(0, +) + rho[maxT + 1]
        tau = Swift.max(tau, 1 / Foundation.log10(draws))
        return draws / tau
    }

    /// The reference's Geweke convergence score of one chain (doc §9): the fraction of the
    /// z-scores of ``gewekeZScores(_:intervals:first:last:)`` with |z| ≤ `nSigma`. 1 = every
    /// start point agrees (converged). NaN for fewer than 20 draws.
    public static func gewekeScore(_ x: [Double], intervals: Int = gewekeIntervals, first: Double = 0.1,
                                   last: Double = 0.5, nSigma: Double = gewekeSigmas) -> Double {
        let scores = gewekeZScores(x, intervals: intervals, first: first, last: last)
        guard !scores.isEmpty else { return .nan }
        return Double(scores.filter { abs($0.z) <= nSigma }.count) / Double(scores.count)
    }

    /// The reference's Geweke z-scores of one chain (doc §9, `plot_geweke`): at `intervals`
    /// start points `s` evenly spaced over `[0, ⌊N·(1 − last)⌋]`, the chain from `s` on (length
    /// n) gives `z = (mean(first 10 %) − mean(last 50 %)) / √(var(first) + var(last))` (z = 0
    /// when the last part's variance is ≤ 1e-6 · its mean²). Empty for fewer than 20 draws.
    public static func gewekeZScores(_ x: [Double], intervals: Int = gewekeIntervals, first: Double = 0.1,
                                     last: Double = 0.5) -> [(start: Int, z: Double)] {
        guard x.count >= 20, intervals >= 1 else { return [] }
        let end = Double(Int(Double(x.count) * (1 - last)))
        return (0..<intervals).map { i in
            // numpy linspace(0, end, intervals).astype(int): i·step, the last exactly `end`.
            let start = intervals == 1 ? 0
                : i == intervals - 1 ? Int(end) : Int(Double(i) * (end / Double(intervals - 1)))
            let rest = x[start...]
            let n = rest.count
            let head = Array(rest.prefix(Int(first * Double(n))))
            let tail = Array(rest.suffix(n - Int(last * Double(n))))
            var z = mean(head) - mean(tail)
            let tailMean = mean(tail)
            if variance(tail, ddof: 0) > 1e-6 * tailMean * tailMean {
                z /= (variance(head, ddof: 0) + variance(tail, ddof: 0)).squareRoot()
            } else {
                z = 0
            }
            return (start, z)
        }
    }

    /// Every chain cut to the common length (last draws kept), then into two halves (the
    /// middle draw of an odd length dropped).
    static func splitHalves(_ chains: [[Double]]) -> [[Double]] {
        guard let shortest = chains.map(\.count).min(), shortest >= 4 else { return [] }
        let half = shortest / 2
        return chains.flatMap { c -> [[Double]] in
            let tail = c.suffix(shortest)
            return [Array(tail.prefix(half)), Array(tail.suffix(half))]
        }
    }

    static func mean(_ x: [Double]) -> Double {
        x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count)
    }

    static func variance(_ x: [Double], ddof: Int) -> Double {
        guard x.count > ddof else { return .nan }
        let m = mean(x)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - ddof)
    }

    /// Biased autocovariance `c[t] = (1/n) Σ_{i<n−t} (x_i − x̄)(x_{i+t} − x̄)`, t = 0 … n − 1, by
    /// FFT on a zero-padded length ≥ 2n (no wrap-around). Round-off ~1e-16 · c[0].
    static func autocovariance(_ x: [Double]) -> [Double] {
        let n = x.count
        let padded = FFTSize.fast(atLeast: 2 * n)
        let spectrumCount = padded / 2 + 1
        let real = fftw_alloc_real(padded)!
        let spectrum = fftw_alloc_complex(spectrumCount)!
        defer {
            fftw_free(real)
            fftw_free(spectrum)
        }
        let (forward, backward) = fftwPlanner.withLock {
            (fftw_plan_dft_r2c_1d(Int32(padded), real, spectrum, FFTW_ESTIMATE)!,
             fftw_plan_dft_c2r_1d(Int32(padded), spectrum, real, FFTW_ESTIMATE)!)
        }
        defer {
            fftwPlanner.withLock {
                fftw_destroy_plan(forward)
                fftw_destroy_plan(backward)
            }
        }
        let m = mean(x)
        for i in 0..<padded { real[i] = i < n ? x[i] - m : 0 }
        fftw_execute(forward)
        for k in 0..<spectrumCount {
            let (re, im) = spectrum[k]
            spectrum[k] = (re * re + im * im, 0)
        }
        fftw_execute(backward)
        let scale = 1 / (Double(padded) * Double(n))
        return (0..<n).map { real[$0] * scale }
    }
}
