import Foundation

/// The chains of a finished fit, read back from its chain file, from which `galpak chain`
/// re-derives the whole set of the fit's products: ``FitPipeline/run(_:figureFormats:events:isCancelled:saved:)``
/// takes them in place of sampling, and everything else (the cube, the model, the noise
/// stages, the estimate, the model cubes, maps, rotation curve, PV diagrams, statistics and
/// figures) is made as the fit makes it.
///
/// A chain file records each chain's accepted states and their weights, not how the sampler
/// ran: the re-derived outputs count accepted steps as its rows and proposals as its
/// iterations (the weights), and give no model evaluations (0), no jump scales (null) and no
/// tuning, and the time of the re-derivation; their warnings say so (``note``).
public struct SavedChains: Sendable {
    /// The chain file read.
    public var path: String
    /// Its chains, in chain order.
    public var chains: [Chain]

    /// - Precondition: at least one chain, none empty (as ``ChainFile/read(path:warn:)`` returns).
    public init(path: String, chains: [Chain]) {
        precondition(!chains.isEmpty && chains.allSatisfy { !$0.isEmpty }, "no chain to re-derive from")
        self.path = path
        self.chains = chains
    }

    /// The warning every re-derived output carries (the JSON's `warnings`, the run parameters):
    /// where the chains come from and which of the sampler's facts a chain file does not hold.
    public var note: String {
        "re-derived by galpak chain from the chains of \(path): the sampler's counts are those the chain file "
            + "records (accepted steps = its rows, proposals = its iterations); its model evaluations, jump scales "
            + "and tuning are not recorded there (0, null), and its seconds are this run's"
    }

    /// Whether the chain file is the file `outputs` would write its chain to (`galpak chain`
    /// into the prefix the chain belongs to): it is then kept as it is, never rewritten.
    public func isChainFile(of outputs: FitOutputs) -> Bool {
        guard let own = FileIdentity(path: path) else { return false }
        return FileIdentity(path: outputs.chain) == own
    }

    /// The chains as the chain runner would have returned them, the reduced χ² of each row
    /// scaled back to a χ² by `degreesOfFreedom`; `converged` as the runner decides it when
    /// `target` is given (a fit run until converged): every free parameter of `free` meets it
    /// over the part of the chains `fraction` and `burn` leave for the check.
    func outcome(degreesOfFreedom: Int, target: ConvergenceTarget?, fraction: Double, burn: Int,
                 free: [ParameterName]) throws -> SampledPosterior {
        let runs = chains.enumerated().map { index, chain -> ChainRunner.Run in
            let chi = chain.reducedChi2s
            let best = chi.indices.min { chi[$0] < chi[$1] }!
            let progress = SamplerProgress(proposals: chain.totalWeight, evaluations: 0, accepted: chain.count,
                                           currentReducedChi2: chi[chi.count - 1], bestReducedChi2: chi[best],
                                           elapsedSeconds: 0)
            let result = SamplerResult(chain: chain, progress: progress, unstoredProposals: 0,
                                       bestParameters: chain.parameters(at: best),
                                       bestChi2: chi[best] * Double(degreesOfFreedom),
                                       initialChi2: chi[0] * Double(degreesOfFreedom),
                                       finalParameters: chain.parameters(at: chain.count - 1), stopReason: .completed)
            return ChainRunner.Run(index: index, start: chain.parameters(at: 0), result: result, tuning: nil, retunes: 0,
                                   scales: [Double](repeating: .nan, count: chain.parameterCount))
        }
        var converged: Bool?
        if let target {
            let summary = try ChainSummary(chains: chains, fraction: fraction, burn: burn)
            let report = ConvergenceReport(chains: chains, fraction: fraction, burn: burn,
                                           centre: summary.estimate.value)
            converged = target.isMet(by: report, free: free)
        }
        return SampledPosterior(runs: runs, converged: converged)
    }
}
