/// Something a running fit tells its caller, for display on the terminal.
public enum FitEvent: Sendable {
    /// A default was assumed or something looks wrong but the fit goes on.
    case warning(String)
    /// A stage started (reading, sampling, writing).
    case stage(String)
    /// Sampler progress towards `target` accepted steps (all chains together): the end of the
    /// run, or, when `isCheckpoint`, the next convergence check of a run until converged.
    case progress(SamplerProgress, target: Int, isCheckpoint: Bool)
}
