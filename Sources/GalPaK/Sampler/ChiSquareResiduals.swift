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
    public var write: Writer
    /// More copies of ``write``, each on a forward model of its own, that can run at the same
    /// time as it and each other (the search's Jacobian columns are shared among them).
    public var copies: [Writer]

    /// Writes w(p) into the buffer; false when p cannot be evaluated.
    public typealias Writer = (GalaxyParameters, UnsafeMutableBufferPointer<Double>) throws -> Bool

    public init(count: Int, constant: Double, copies: [Writer] = [], write: @escaping Writer) {
        self.count = count
        self.constant = constant
        self.copies = copies
        self.write = write
    }
}
