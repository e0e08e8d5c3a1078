import Foundation

/// Whether the chains of a fit have converged, per parameter: split R̂, effective sample size
/// and the reference's Geweke score (see ``ConvergenceDiagnostics``).
///
/// Every diagnostic uses, in each chain, the iterations after the burn-in, last `fraction` %
/// of them (the entries of ``ChainSummary/Method/last``), as an expanded chain (each row
/// repeated `weight` times: the true Metropolis sequence). R̂ and ESS compare the chains over
/// their common length (the shortest; the last iterations of the others); the Geweke score
/// is computed per chain and averaged. An angle (PA, bar angle: a parameter with a
/// ``ParameterDescriptor/period``) is unwrapped around its value in `centre` first, so a chain
/// straddling 0°/360° is not mistaken for two modes. A parameter that never moves (fixed)
/// gets NaN for all three.
public struct ConvergenceReport: Equatable, Sendable {
    /// R̂ above this means the chains disagree (``ConvergenceTarget/standard``).
    public static let rHatLimit = ConvergenceTarget.standard.maxRHat
    /// Fewer effective samples than this make the intervals unreliable (``ConvergenceTarget/standard``).
    public static let essLimit = ConvergenceTarget.standard.minESS

    /// Number of chains.
    public var chainCount: Int
    /// Iterations per chain compared by R̂ and ESS.
    public var drawsPerChain: Int
    /// Split R̂ per parameter.
    public var rHat: GalaxyParameters
    /// Effective sample size per parameter (all chains together).
    public var effectiveSampleSize: GalaxyParameters
    /// Geweke score per parameter, in [0, 1] (1 = converged), averaged over the chains.
    public var geweke: GalaxyParameters

    /// - Parameters:
    ///   - chains: the chains, at least one.
    ///   - fraction: percent of each chain (after burn-in) examined, in (0, 100].
    ///   - burn: iterations dropped at the start of every chain.
    ///   - centre: the values around which the angles are unwrapped (the estimate); an angle
    ///     it lacks (NaN) is unwrapped around 0.
    ///   - parameters: the parameters reported (nil: the chains'; the ten without chains).
    public init(chains: [Chain], fraction: Double, burn: Int, centre: GalaxyParameters, parameters: [ParameterName]? = nil) {
        let segments = Self.examined(chains, fraction: fraction, burn: burn)
        chainCount = chains.count
        drawsPerChain = segments.map { $0.reduce(0) { $0 + $1.count } }.min() ?? 0
        let names = parameters ?? chains.first?.names ?? ParameterName.reference
        rHat = .missing(names)
        effectiveSampleSize = rHat
        geweke = rHat
        for name in names {
            let series = Self.series(name, of: chains, segments: segments, centre: centre[name])
            guard series.contains(where: { x in x.contains { $0 != x[0] } }) else { continue }
            rHat[name] = ConvergenceDiagnostics.splitRHat(series)
            effectiveSampleSize[name] = ConvergenceDiagnostics.effectiveSampleSize(series)
            let scores = series.map { ConvergenceDiagnostics.gewekeScore($0) }.filter { !$0.isNaN }
            geweke[name] = scores.isEmpty ? .nan : scores.reduce(0, +) / Double(scores.count)
        }
    }

    /// The part of every chain the diagnostics examine: the entries after `burn`, last
    /// `fraction` % of them; chains with none left out.
    static func examined(_ chains: [Chain], fraction: Double, burn: Int) -> [[ChainSummary.Selected]] {
        chains.enumerated().map { index, chain -> [ChainSummary.Selected] in
            let view = ChainSummary.ChainView(chain, index: index, burn: burn)
            let n = Swift.max(1, Int(Double(view.total) * fraction / 100))
            return view.total > 0 ? view.entries(in: (view.total - n)..<view.total) : []
        }.filter { !$0.isEmpty }
    }

    /// The values of `name` over `segments` (``examined(_:fraction:burn:)``), one expanded
    /// series per chain (each row repeated `count` times), an angle unwrapped around `centre`
    /// (0 when NaN).
    static func series(_ name: ParameterName, of chains: [Chain], segments: [[ChainSummary.Selected]],
                       centre: Double) -> [[Double]] {
        let period = name.period, centre = centre.isNaN ? 0 : centre
        return segments.map { segment -> [Double] in
            var x: [Double] = []
            for s in segment {
                var v = chains[s.chain].value(name, at: s.row)
                if let period { v = centre + wrapHalfPeriod(v - centre, period) }
                x.append(contentsOf: repeatElement(v, count: s.count))
            }
            return x
        }
    }

    /// One sentence per parameter whose R̂ exceeds ``rHatLimit`` or whose ESS is below
    /// ``essLimit`` (fixed parameters are never named).
    public var warnings: [String] { warnings(lengthOption: "--max-iterations") }

    /// ``warnings``, advising to run longer with `lengthOption` (the option that lengthens
    /// the chains: `--max-iterations`, or `--iterations` for an ensemble's walkers).
    public func warnings(lengthOption: String) -> [String] {
        var messages: [String] = []
        let slow = rHat.names.filter { rHat[$0] > Self.rHatLimit }
        if !slow.isEmpty {
            let list = slow.map { "\($0.key) \(String(format: "%.3f", rHat[$0]))" }.joined(separator: ", ")
            messages.append("the \(chainCount) chains disagree (split R-hat > \(Self.rHatLimit)): \(list); run longer (\(lengthOption)) or check for several solutions")
        }
        let few = effectiveSampleSize.names.filter { effectiveSampleSize[$0] < Self.essLimit }
        if !few.isEmpty {
            let list = few.map { "\($0.key) \(Int(effectiveSampleSize[$0].rounded()))" }.joined(separator: ", ")
            messages.append("few effective samples (ESS < \(Int(Self.essLimit))): \(list); errors of these parameters are unreliable: run longer (\(lengthOption)), with --sampling tuned")
        }
        return messages
    }

    /// A plain-text table for the terminal: parameter, R-hat, ESS, Geweke score.
    public var text: String {
        var s = "Convergence (\(chainCount) chain\(chainCount == 1 ? "" : "s"), \(drawsPerChain) iterations each compared):\n"
        s += "    parameter              R-hat      ESS  Geweke\n"
        for name in rHat.names {
            let r = rHat[name], e = effectiveSampleSize[name], g = geweke[name]
            let rText = r.isNaN ? "-" : String(format: "%.3f", r)
            let eText = e.isNaN ? "-" : String(format: "%.0f", e)
            let gText = g.isNaN ? "-" : String(format: "%.2f", g)
            let flag = r > Self.rHatLimit || e < Self.essLimit ? "  <-" : ""
            s += "    " + name.key.padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: Swift.max(0, 7 - rText.count)) + rText
                + String(repeating: " ", count: Swift.max(0, 9 - eText.count)) + eText
                + String(repeating: " ", count: Swift.max(0, 8 - gText.count)) + gText + flag + "\n"
        }
        return s
    }
}
