import Foundation
import GalPaK

/// One noise class's tally over its fits: per parameter, how often the 68 % and 95 % intervals
/// contain the truth and the errors in units of the posterior stdev; per class, the fits not
/// converged and their wall times.
struct ClassCoverage {
    let noiseClass: NoiseClass
    private(set) var count = 0
    private var inside68 = [Int](repeating: 0, count: ParameterName.reference.count)
    private var inside95 = [Int](repeating: 0, count: ParameterName.reference.count)
    /// (estimate − truth)/stdev of every fit, per parameter.
    private(set) var errors = [[Double]](repeating: [], count: ParameterName.reference.count)
    private(set) var notConverged = 0
    private(set) var seconds: [Double] = []

    init(_ noiseClass: NoiseClass) { self.noiseClass = noiseClass }

    /// Counts one fit.
    mutating func add(_ record: CalibrationRecord) {
        let wide = record.wide
        for name in ParameterName.reference {
            let t = Self.aligned(record.truth[name], to: wide.value[name], name)
            if record.narrowLower[name] <= t && t <= record.narrowUpper[name] { inside68[name.knownIndex!] += 1 }
            if wide.lower[name] <= t && t <= wide.upper[name] { inside95[name.knownIndex!] += 1 }
            errors[name.knownIndex!].append((wide.value[name] - t) / wide.stdev[name])
        }
        count += 1
        if !record.converged { notConverged += 1 }
        seconds.append(record.seconds)
    }

    /// The truth of PA moved by whole turns next to the estimate, so intervals compare across 0/360.
    static func aligned(_ truth: Double, to estimate: Double, _ name: ParameterName) -> Double {
        guard name == .pa else { return truth }
        return estimate + wrapHalfTurn(truth - estimate)
    }

    /// The table's rows for this class, one per parameter.
    var rows: String {
        guard count > 0 else { return "" }
        let n = Double(count)
        return ParameterName.reference.map { name in
            let c68 = Double(inside68[name.knownIndex!]) / n, c95 = Double(inside95[name.knownIndex!]) / n
            let e = errors[name.knownIndex!]
            let off = [(c68, 0.68, "68 %"), (c95, 0.95, "95 %")]
                .filter { !NominalCoverage.isNominal($0.0, probability: $0.1, count: count) }.map(\.2)
            return String(format: "| %@ | %@ | %.2f | %.2f | %.2f | %+.2f | %@ |", noiseClass.name, name.key, c68, c95,
                          SampleStatistics.median(e.map(abs)), e.reduce(0, +) / n,
                          off.isEmpty ? "yes" : "no (\(off.joined(separator: ", ")))")
        }.joined(separator: "\n") + "\n"
    }

    /// This class's line of the summary table.
    var summaryRow: String {
        guard count > 0 else { return "" }
        let variance = noiseClass.wantsVarianceScaleAuto ? "`--variance-scale auto`" : "default (1)"
        return String(format: "| %@ | %d | %d | %.1f | ±%.2f / ±%.2f | %@ |\n", noiseClass.name, count, notConverged,
                      SampleStatistics.median(seconds),
                      NominalCoverage.tolerance(probability: 0.68, count: count),
                      NominalCoverage.tolerance(probability: 0.95, count: count), variance)
    }
}

/// The Markdown report of a calibration: a summary per class, then per class and parameter the
/// coverage, the median |error|/stdev, the mean signed error/stdev and whether the coverage is
/// nominal (``NominalCoverage``).
func coverageTable(_ classes: [ClassCoverage]) -> String {
    """
    | class | cubes | not converged | median seconds | nominal band 68 % / 95 % | --variance-scale |
    |---|---|---|---|---|---|
    \(classes.map(\.summaryRow).joined())
    | class | parameter | 68 % coverage | 95 % coverage | median abs(error)/stdev | mean (estimate − truth)/stdev | nominal |
    |---|---|---|---|---|---|---|
    \(classes.map(\.rows).joined())
    Expected for well-calibrated Gaussian posteriors: coverage 0.68 and 0.95 (nominal: within \
    2·√(p(1−p)/n) of p for a class's n cubes), median abs(error)/stdev 0.67, mean error/stdev 0 ± 1/√n.

    """
}
