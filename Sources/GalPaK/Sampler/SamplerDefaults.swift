/// The sampler's and the chain summary's defaults, the one place each is written
/// (``SamplerSettings``, ``ChainSummary``, ``FitOptions``, the command line and the benchmarks
/// refer here). They are the reference's `galpak.run` defaults unless noted.
public enum SamplerDefaults {
    /// Accepted steps of a chain when none is asked for and no convergence target stops it
    /// (the reference's `max_iterations`).
    public static let iterations = 15000
    /// The most accepted steps of each chain of a fit run until converged (galpak's choice:
    /// the tutorial cube converges in ~12 000).
    public static let maxIterations = 50_000
    /// The probability that a tuned chain's step is an independence draw from the Student t
    /// around the mode (``TunedProposal``, ``ModeCurvature``) in its main run. Model
    /// evaluations of the default fit until R-hat ≤ 1.01 and ESS ≥ 400 (tuning included), seeds
    /// 1–5 on the tutorial cube and 1–3 on the CARMA CO cube, with the t's ν and widening
    /// (``ModeCurvature/degreesOfFreedom``, ``ModeCurvature/widening``):
    ///
    /// | weight, ν, widening | tutorial (median, range) | CO (range) |
    /// |---|---|---|
    /// | ½, 5, 1.2 | 6 907 (6 722–9 173) | 4 243–4 578 |
    /// | 0.7, 5, 1.2 | 6 798 (4 441–11 409) | |
    /// | 0.7, 10, 1.1 | 7 483 (3 663–13 228) | |
    /// | 0.8, 5, 1.2 | 4 494 (4 453–6 752) | |
    /// | **0.8, 10, 1.1** | **3 709 (3 683–5 424)** | **1 812–2 568** |
    ///
    /// (the tutorial's with checkpoints from 1000 accepted steps, CO's from 300,
    /// ``ChainRunner/firstCheckpoint``). Where the Laplace approximation is good most steps
    /// are then nearly independent draws; the random walk's fifth still moves a chain the t
    /// holds badly (a skewed tail, a parameter at a bound).
    public static let independentWeight = 0.8
    /// The sampler stops when the acceptance rate falls below this, in percent.
    public static let minAcceptancePercent = 5.0
    /// Random seed: the same seed and inputs give the same chains.
    public static let seed: UInt64 = 1234
    /// Proposal type (galpak's choice: the reference's untuned `cauchy` mixes too slowly to
    /// converge in a practical run).
    public static let sampling = SamplingMethod.tuned

    /// Which part of the chains gives the parameters.
    public static let method = ChainSummary.Method.last
    /// Percentage of each chain the method uses.
    public static let fraction = 60.0
    /// Width of the credible interval, percent.
    public static let percentile = 95.0
    /// Iterations dropped at the start of every chain.
    public static let burn = 0
}
