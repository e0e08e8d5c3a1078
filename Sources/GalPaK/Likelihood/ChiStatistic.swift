import Foundation

/// The goodness-of-fit statistic the sampler minimises (reference `chi_stat`, doc §5.2).
///
/// With D the data, M the convolved model and V the variance of a valid voxel, `gaussian` is
/// the reference's `Σ (D − M)² / V`. The four others were written for data in **counts**,
/// where "1" in their floors means one count. Cube data are usually fluxes (10⁻²⁰ erg/s/cm²/Å),
/// where those formulas would give χ² ~ 10⁻³⁶ and a posterior equal to the prior, so galpak
/// applies them to data and model in units of each voxel's noise, `d = D/√V`, `m = M/√V`
/// (the floors then mean one σ; where the signal is below 1σ every one reduces to `gaussian`):
///
/// | statistic | term per voxel | guard |
/// |---|---|---|
/// | `neyman`  | `(m − d)² / max(d, 1)` | the reference's floor, no other needed |
/// | `pearson` | `(m − d)² / max(m, 1)` | `max(m, 1)`: the reference divides by m, which FFT round-off makes ≤ 0 (its χ² went negative) |
/// | `mighell` | `(d + clamp(d, 0, 1) − m)² / (max(d, 0) + 1)` | d clamped at 0 where the count formula `(d + min(d,1) − m)²/(d + 1)` would divide by d + 1 ≤ 0 |
/// | `cash`    | `2·[M′ − D′ + D′·ln(D′/M′)]` with D′ = d + 1, M′ = max(m, 0) + 1 | a pedestal of 1σ (below); D′ ≤ 0 contributes `2(M′ − D′)`, the D′ → 0 limit |
///
/// `cash` is the Poisson deviance, twice the reference's `Cstat` sum, so that −½·C is the
/// Poisson log-likelihood up to a constant (the reference's missing factor 2 would widen the
/// posterior by √2; its `Cstat` also crashes on Python 3). Its counts are the data and model
/// on a pedestal of one σ, i.e. a background of one count per voxel whose Poisson variance is
/// the noise variance: without it the model, which is ~0 away from the galaxy, would meet
/// positive noise in `d·ln(d/m)` and the sum would diverge. Noise-only voxels then contribute
/// ≈ (d − m)², as in the Gaussian χ², and bright ones a Poisson-like variance of ≈ signal + 1,
/// like the 1σ floors of the other count statistics. Every statistic is ≥ 0, so the sampler's
/// −½χ² log-likelihood is always well defined.
public enum ChiStatistic: String, NamedChoice {
    case gaussian, neyman, pearson, mighell, cash

    /// Parses a command-line spelling, case-insensitively; `cstat` is accepted for `cash`.
    public init?(name: String) {
        if name.lowercased() == "cstat" { self = .cash; return }
        guard let s = Self.named(name) else { return nil }
        self = s
    }

    /// The term of one voxel, with `d` and `m` in units of the voxel's noise (``gaussian``: the
    /// squared residual in σ units).
    @inlinable
    public func term(d: Double, m: Double) -> Double {
        switch self {
        case .gaussian:
            let r = d - m
            return r * r
        case .neyman:
            let r = m - d
            return r * r / Swift.max(d, 1)
        case .pearson:
            let r = m - d
            return r * r / Swift.max(m, 1)
        case .mighell:
            let r = d + Swift.min(Swift.max(d, 0), 1) - m
            return r * r / (Swift.max(d, 0) + 1)
        case .cash:
            let data = d + 1, model = Swift.max(m, 0) + 1
            guard data > 0 else { return 2 * (model - data) }
            return 2 * (model - data + data * Foundation.log(data / model))
        }
    }
}
