import Foundation

/// Multivariate Cauchy jumps along the posterior's correlations: `new = current + L · z / |w|`
/// with z ten independent standard normal deviates and w one more, i.e. a Student t step with
/// one degree of freedom (the multivariate Cauchy distribution) of scale matrix `L Lᵀ`, where L
/// (n × n for n parameters, row-major) is the scaled Cholesky factor of the parameters' covariance found by
/// ``ScaleTuner`` (with `--auto-scale`).
///
/// Disk parameters are strongly correlated (flux with radius, maximum velocity with inclination
/// and turnover radius), so independent jumps must be small in every direction to be accepted;
/// jumps shaped by the covariance can be as long as the posterior allows along each direction.
/// The heavy tail is in the jump's length only (one `1/|w|` for all parameters), not in each
/// parameter separately as with ten independent Cauchy steps, where almost every proposal has
/// one component far out in its tail (P(|c| > 3) = 0.2 per component) and is rejected — which
/// is what forces ``CauchyProposal``'s half-widths to stay tiny in ten dimensions.
/// The step distribution is symmetric, so the Metropolis acceptance needs no correction. A
/// parameter whose row of L is zero (a fixed parameter) is copied unchanged.
public struct CorrelatedCauchyProposal: Proposal, Equatable {
    /// L, row-major: `step[j] = Σ_i matrix[j·n + i] · z_i / |w|`.
    public var matrix: [Double]
    private var steps: [Double]

    /// - Precondition: n² finite values, n ≥ 1.
    public init(matrix: [Double]) {
        let n = Int(Double(matrix.count).squareRoot().rounded())
        precondition(n >= 1 && n * n == matrix.count && matrix.allSatisfy(\.isFinite),
                     "CorrelatedCauchyProposal needs a finite n × n matrix")
        self.matrix = matrix
        steps = [Double](repeating: 0, count: n)
    }

    public mutating func propose<G: RandomNumberGenerator>(
        from current: [Double], into proposed: inout [Double], using generator: inout G
    ) -> Double {
        let n = steps.count
        let length = 1 / abs(generator.nextGaussian())
        for i in 0..<n { steps[i] = generator.nextGaussian() * length }
        for j in 0..<n {
            var step = 0.0
            for i in 0..<n { step += matrix[j * n + i] * steps[i] }
            proposed[j] = step == 0 ? current[j] : current[j] + step
        }
        return 0
    }

    /// Each parameter's marginal step scale (the half-width of its Cauchy marginal), `√(Σ_i L[j][i]²)`.
    public var scales: [Double] {
        let n = steps.count
        return (0..<n).map { j in (0..<n).reduce(0) { $0 + matrix[j * n + $1] * matrix[j * n + $1] }.squareRoot() }
    }
}
