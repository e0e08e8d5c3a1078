import CConvolutionKernels

/// The χ² of a model cube against the data, by default the Gaussian
///
///     χ² = Σ (D − M)² / V
///
/// or one of the other ``ChiStatistic``s, over the valid voxels: data finite, variance finite
/// and strictly positive. Every other voxel is excluded (the reference instead replaces zero
/// variance by 1e12 and keeps NaN-sums; the effect is the same for NaN, and excluding
/// zero/negative variance is what it meant).
///
/// Excluded voxels carry weight 0 and data 0, so the sum runs over the whole cube without a
/// mask and allocates nothing (every statistic's term is 0 at d = m = 0). Accumulated in
/// Double: relative rounding error ~1e-16·√N. The Gaussian sum runs in C
/// (`ck_weighted_square_sum`) on the fastest ``CPUPath``, in sixteen partial sums.
public struct ChiSquare: Sendable {
    /// The statistic summed.
    public let statistic: ChiStatistic
    /// Data with excluded voxels set to 0.
    public let data: [Double]
    /// 1/V for valid voxels, 0 for excluded ones.
    public let inverseVariance: [Double]
    /// 1/√V for valid voxels, 0 for excluded ones.
    public let inverseSigma: [Double]
    /// Number of valid voxels.
    public let validCount: Int
    /// Number of voxels excluded because the variance was zero or negative.
    public let nonPositiveVarianceCount: Int

    /// Builds the statistic for `cube`, whose variance must be present (see `CubeReader`).
    public init(cube: Cube, statistic: ChiStatistic = .gaussian) {
        let variance = cube.variance ?? [Double](repeating: .nan, count: cube.count)
        var data = [Double](repeating: 0, count: cube.count)
        var weights = [Double](repeating: 0, count: cube.count)
        var valid = 0, nonPositive = 0
        for n in 0..<cube.count {
            let d = cube.data[n], v = variance[n]
            if v.isFinite, v <= 0 { nonPositive += 1 }
            guard d.isFinite, v.isFinite, v > 0 else { continue }
            data[n] = d
            weights[n] = 1 / v
            valid += 1
        }
        self.statistic = statistic
        self.data = data
        self.inverseVariance = weights
        self.inverseSigma = weights.map { $0.squareRoot() }
        self.validCount = valid
        self.nonPositiveVarianceCount = nonPositive
    }

    /// This statistic with the voxels of `box` excluded (weight 0 and data 0, like any excluded
    /// voxel), for a cube of `nx × ny` pixels: its value for a zero model is the fixed χ² of the
    /// voxels outside the box, which a fit on that box adds to every evaluation.
    public func excluding(_ box: CropBox, nx: Int, ny: Int) -> ChiSquare {
        var data = self.data, weights = inverseVariance
        var valid = validCount
        for k in box.z {
            for j in box.y {
                for i in box.x {
                    let n = (k * ny + j) * nx + i
                    if weights[n] > 0 { valid -= 1 }
                    data[n] = 0
                    weights[n] = 0
                }
            }
        }
        return ChiSquare(statistic: statistic, data: data, inverseVariance: weights, validCount: valid,
                         nonPositiveVarianceCount: nonPositiveVarianceCount)
    }

    private init(statistic: ChiStatistic, data: [Double], inverseVariance: [Double], validCount: Int,
                 nonPositiveVarianceCount: Int) {
        self.statistic = statistic
        self.data = data
        self.inverseVariance = inverseVariance
        inverseSigma = inverseVariance.map { $0.squareRoot() }
        self.validCount = validCount
        self.nonPositiveVarianceCount = nonPositiveVarianceCount
    }

    /// Degrees of freedom as the reference counts them: `N_valid − k_free − 1`.
    public func degreesOfFreedom(freeParameters: Int) -> Int {
        validCount - freeParameters - 1
    }

    /// χ² of `model` (same layout as the cube), the Gaussian one summed on `path`.
    public func callAsFunction(_ model: UnsafeBufferPointer<Double>, path: CPUPath = .best) -> Double {
        precondition(model.count == data.count, "model does not match the cube")
        guard statistic == .gaussian else { return poissonLike(model) }
        return data.withUnsafeBufferPointer { d in
            inverseVariance.withUnsafeBufferPointer { w in
                ck_weighted_square_sum(path.c, d.baseAddress!, model.baseAddress!, w.baseAddress!, d.count)
            }
        }
    }

    /// The Gaussian χ²'s residuals `(D − M)/σ` of `model` into `out` (0 on excluded voxels):
    /// χ² is their sum of squares.
    /// - Precondition: the statistic is Gaussian; `model` and `out` have the cube's length.
    public func residuals(_ model: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(statistic == .gaussian && model.count == data.count && out.count == data.count,
                     "residuals are those of the Gaussian χ², on the cube's voxels")
        data.withUnsafeBufferPointer { d in
            inverseSigma.withUnsafeBufferPointer { s in
                for n in 0..<d.count { out[n] = (d[n] - model[n]) * s[n] }
            }
        }
    }

    /// The count statistics, on data and model in units of each voxel's σ.
    private func poissonLike(_ model: UnsafeBufferPointer<Double>) -> Double {
        let statistic = self.statistic
        return data.withUnsafeBufferPointer { d in
            inverseSigma.withUnsafeBufferPointer { s in
                var sum = 0.0
                for n in 0..<d.count {
                    sum += statistic.term(d: d[n] * s[n], m: model[n] * s[n])
                }
                return sum
            }
        }
    }

    /// χ² of `model` given as an array.
    public func callAsFunction(_ model: [Double]) -> Double {
        model.withUnsafeBufferPointer { self($0) }
    }
}
