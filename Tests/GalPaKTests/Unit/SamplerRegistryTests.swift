import Testing
@testable import GalPaK

/// `--sampling` chooses the sampler in one place (``SamplingMethod/sampler``).
@Suite struct SamplerRegistryTests {
    @Test func eachMethodResolvesToItsSampler() {
        #expect(SamplingMethod.tuned.sampler is TunedChains)
        #expect(SamplingMethod.cauchy.sampler is CauchyChains)
        #expect(SamplingMethod.adaptive.sampler is AdaptiveChains)
        #expect(SamplingMethod.ensemble.sampler is EnsembleFit)
        #expect(SamplingMethod.nested.sampler is NestedFit)
        for method in SamplingMethod.allCases {
            #expect((method.sampler is any MetropolisChains) == [.tuned, .cauchy, .adaptive].contains(method), "\(method)")
            #expect(method.estimator == (method == .nested ? .nested : .mcmc), "\(method)")
        }
        #expect(SamplingMethod.tuned.sampler.start == .modeAndCurvature)
        #expect(SamplingMethod.cauchy.sampler.start == .firstGuess && SamplingMethod.adaptive.sampler.start == .firstGuess)
    }

    /// Tuned chains use all their draws by default (they record them only once tuned), the
    /// others the reference's last 60 %; a --fraction given wins.
    @Test func eachMethodHasItsDefaultFraction() {
        for method in SamplingMethod.allCases {
            #expect(method.defaultFraction == (method == .tuned ? 100 : SamplerDefaults.fraction), "\(method)")
        }
        var options = FitOptions(cubePath: "c.fits")
        #expect(options.fraction == nil && options.chainFraction == 100)
        options.sampling = .cauchy
        #expect(options.chainFraction == 60)
        options.fraction = 35
        #expect(options.chainFraction == 35)
    }

    /// The Metropolis moves: the untuned proposal of each, and only tuned chains are tuned, in
    /// log coordinates for the positive scale-like parameters.
    /// Only the reference's untuned proposals get `--random-scale` advice on their acceptance;
    /// a tuned chain accepting 63 % (most of its independence draws) gets none.
    @Test func onlyUntunedProposalsGetAcceptanceAdvice() {
        for method in [SamplingMethod.cauchy, .adaptive] {
            #expect(method.acceptanceAdvice(0.05)?.contains("smaller --random-scale") == true)
            #expect(method.acceptanceAdvice(0.70)?.contains("larger --random-scale") == true)
            #expect(method.acceptanceAdvice(0.35) == nil)
        }
        for method in [SamplingMethod.tuned, .ensemble, .nested] {
            #expect(method.acceptanceAdvice(0.63) == nil && method.acceptanceAdvice(0.05) == nil)
        }
    }

    @Test func theMetropolisMethodsDifferInTheirMoves() throws {
        let setup = try ConvergenceStoppingTests.setup(iterations: 10, convergence: nil)
        #expect(CauchyChains().untuned(setup).scales == setup.scales.values)
        #expect(CauchyChains().tuning(setup, curvature: nil) == nil && AdaptiveChains().tuning(setup, curvature: nil) == nil)
        #expect(AdaptiveChains().untuned(setup).baseScales == setup.scales.values)
        let tuning = try #require(TunedChains().tuning(setup, curvature: nil))
        #expect(tuning.space == SamplingSpace(bounds: setup.constraints.bounds, free: setup.scales.values.map { $0 > 0 }))
        #expect(tuning.space.offsets[ParameterName.flux.knownIndex!] != nil)
    }

    @Test func eachSamplerRefusesTheOptionsThatDoNotApply() throws {
        for method in [SamplingMethod.tuned, .cauchy, .adaptive] {
            try method.checkOptions(given: ["resume", "burn", "max-iterations", "method"])
        }
        try SamplingMethod.ensemble.checkOptions(given: ["iterations", "burn", "fraction"])
        let ensemble = #expect(throws: GalpakError.self) {
            try SamplingMethod.ensemble.checkOptions(given: ["iterations", "min-acceptance", "resume"])
        }
        #expect(ensemble?.message.hasPrefix("--resume, --min-acceptance cannot be used with --sampling ensemble: ") == true,
                "\(ensemble?.message ?? "")")
        let nested = #expect(throws: GalpakError.self) { try SamplingMethod.nested.checkOptions(given: ["burn", "chains"]) }
        #expect(nested?.kind == .badInput && nested?.message.hasPrefix("--burn cannot be used with --sampling nested: it runs no chains") == true)
    }
}
