/// `f = χ² − 2 log prior` written as a constant plus a sum of squares,
///
///     f(p) = constant + Σ_n w_n(p)²,
///
/// for a search that uses the residuals w rather than f alone (``LevenbergMarquardt``): for
/// the Gaussian χ² the whitened residuals of the model (``count`` of them, those of the
/// priors included: `(p − μ)/σ` per Gaussian prior, ``GaussianPriors/residuals(_:into:)``), the
/// constant the χ² of the voxels the model does not reach.
public struct ChiSquareResiduals {
    /// The number of residuals w.
    public var count: Int
    /// The part of f that no parameter changes.
    public var constant: Double
    /// Writes w(p) into the buffer (``count`` values); false when the model cannot be
    /// evaluated at p (f = +∞ there).
    public var write: (GalaxyParameters, UnsafeMutableBufferPointer<Double>) throws -> Bool

    public init(count: Int, constant: Double,
                write: @escaping (GalaxyParameters, UnsafeMutableBufferPointer<Double>) throws -> Bool) {
        self.count = count
        self.constant = constant
        self.write = write
    }
}
