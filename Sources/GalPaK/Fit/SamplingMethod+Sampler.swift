import Foundation

extension SamplingMethod {
    /// The sampler of each `--sampling` method: the one place a method becomes the code that
    /// samples (``PosteriorSampler``).
    var sampler: any PosteriorSampler {
        switch self {
        case .tuned: TunedChains()
        case .cauchy: CauchyChains()
        case .adaptive: AdaptiveChains()
        case .ensemble: EnsembleFit()
        case .nested: NestedFit()
        }
    }

    /// How a fit with this sampler estimates the parameters (without `--optimize`):
    /// ``Estimator/nested`` for nested sampling, ``Estimator/mcmc`` for the others.
    public var estimator: Estimator { sampler.estimator }

    /// Refuses the options this sampler does not take.
    /// - Parameter given: the names (without `--`) of the options given, flags included.
    /// - Throws: ``GalpakError`` `.badInput` naming every such option given and saying why.
    public func checkOptions(given: Set<String>) throws {
        guard let refused = sampler.refusedOptions else { return }
        let named = refused.names.filter(given.contains).map { "--" + $0 }
        guard !named.isEmpty else { return }
        throw GalpakError(.badInput, "\(named.joined(separator: ", ")) cannot be used with --sampling \(rawValue): \(refused.reason)")
    }
}
