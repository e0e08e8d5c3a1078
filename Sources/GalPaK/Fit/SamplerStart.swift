/// Where a sampler's first stage starts (``PosteriorSampler/start``), and so what the fit
/// searches before it (``PosteriorMode``, ``ModeCurvature``).
enum SamplerStart: Equatable {
    /// At the first guess: nothing is searched.
    case firstGuess
    /// At the posterior's mode; `note` says why, in the line the fit reports.
    case mode(note: String)
    /// At the posterior's mode, whose curvature shapes the jumps (``ChainTuning``).
    case modeAndCurvature
}
