import Foundation

extension ChainRunner {
    /// Marks for a retune, shaped by the pooled draws, every tuned chain whose last segment left
    /// its acceptance band beyond its noise (``leavesAcceptanceBand(_:proposals:independentWeight:)``;
    /// or that stopped on low acceptance), and every one whose jumps along
    /// some free parameter are narrower than ``minWidthRatio`` of that parameter's spread over
    /// the draws of all chains (their covariance measured in `space`, the tuned shapes' coordinates).
    static func scheduleRetunes<P: Proposal>(_ slots: [ChainSlot<P>], setup: Setup, space: SamplingSpace, sink: EventSink) {
        guard slots.contains(where: { $0.retunes < maxRetunes }) else { return }
        let halves = slots.map { slot -> Chain in
            let chain = slot.result.chain
            var half = Chain(reservingCapacity: chain.count - chain.count / 2, names: chain.names)
            for row in (chain.count / 2)..<chain.count {
                half.append(chain.parameters(at: row), reducedChi2: chain.reducedChi2(at: row), weight: chain.weight(at: row))
            }
            return half
        }
        let free = setup.scales.values.map { $0 > 0 }
        let covariance = SampleCovariance.of(halves, reference: slots[0].currentParameters, space: space)
        let n = free.count
        let spread = (0..<n).map { covariance[$0 * n + $0].squareRoot() }
        var reasons: [(slot: ChainSlot<P>, reason: String)] = []
        for slot in slots where slot.retunes < maxRetunes {
            if slot.stopReason == .lowAcceptance
                || (slot.stopReason == nil && leavesAcceptanceBand(slot.segmentAcceptance, proposals: slot.segmentProposals,
                                                                    independentWeight: slot.independentWeight)) {
                let band = acceptanceBand(independentWeight: slot.independentWeight)
                reasons.append((slot, String(format: "acceptance %.0f%% over its last %d proposals, outside %.0f-%.0f%%",
                                             100 * slot.segmentAcceptance, slot.segmentProposals,
                                             100 * band.lowerBound, 100 * band.upperBound)))
            } else if slot.stopReason == nil, let matrix = slot.tunedMatrix {
                let widths = CorrelatedCauchyProposal(matrix: matrix).scales
                let narrow = (0..<n).filter { free[$0] && spread[$0] > 0 && widths[$0] < minWidthRatio * spread[$0] }
                if let worst = narrow.min(by: { widths[$0] / spread[$0] < widths[$1] / spread[$1] }) {
                    reasons.append((slot, String(format: "jumps in %@ only %.2f of its spread over all chains' draws (below %.2f)",
                                                 setup.constraints.bounds.names[worst].key, widths[worst] / spread[worst], minWidthRatio)))
                }
            }
        }
        guard !reasons.isEmpty else { return }
        let shape = SampleCovariance.cholesky(covariance, free: free)
        for (slot, reason) in reasons {
            sink.send(.warning("chain \(slot.index): \(reason); retuned \(shape == nil ? "from scratch" : "from the draws of all chains")"))
            slot.pendingShape = shape ?? []
        }
    }
}
