import CConvolutionKernels

/// The Gaussian χ² for stationary correlated noise, whose covariance is taken as diagonal in
/// the cosine basis of the cube (the likelihood of Tsukui et al. 2023, J. Astron. Telesc.
/// Instrum. Syst. 9, 018001, with cosines in place of their Fourier modes):
///
///     χ² = Σ_k C(k)² / P(k),    C = DCT(w) (orthonormal DCT-II along each axis),
///     w = (D − M)/σ on valid voxels, 0 elsewhere
///
/// over the `nx·ny·nz` modes, P the ``NoisePowerSpectrum`` of w. With P ≡ 1 this is Σ w², the
/// ordinary Gaussian ``ChiSquare``, the basis being orthonormal.
///
/// **Approximations.** The cosine basis treats the cube as mirrored at its faces: noise near a
/// face is taken as correlated with its mirror image, which misstates the covariance only
/// within a correlation length of the faces and, unlike a periodic (Fourier) basis, leaves the
/// noise continuous there (``NoisePowerSpectrum`` says why that matters). Excluded voxels enter
/// as w = 0, i.e. as observed with zero residual; both are exact for white noise.
///
/// **Cost.** One cosine transform of the cube (``CosineTransform``, in Double: χ² differences
/// of order 1 on sums of order 10⁴–10⁵ want better than Float's 10⁻⁷) and one weighted sum
/// over the modes; plan and buffers are made in `init`, nothing is allocated per call. When P
/// does not depend on kz (noise uncorrelated between channels, as in most cubes not
/// Hanning-smoothed) the transform along the channels is left out: the orthonormal DCT along
/// z keeps each (kx, ky) column's sum of squares (Parseval), so χ² = Σ over (kx, ky, channel)
/// of C₂(k)²/P(kx, ky) with C₂ the 2-D DCT of each channel, equal to the 3-D form to
/// rounding; that is a third of the transform's work less. Not thread-safe: each chain needs
/// its own instance.
public final class CorrelatedChiSquare {
    /// The plain χ²'s data and weights, reused.
    public let chiSquare: ChiSquare
    /// The noise spectrum divided by.
    public let spectrum: NoisePowerSpectrum
    /// `c(k) / P(k)`, c(k) = Π_axes (1/(4n) for k = 0, 1/(2n) otherwise): FFTW's unnormalised
    /// REDFT10 made orthonormal.
    private let weights: [Double]
    /// `√weights`, for the residuals (made at their first call: the chains never need them).
    private lazy var rootWeights: [Double] = weights.map { $0.squareRoot() }
    /// The cosine transform of w (its input holds w).
    private let cosine: CosineTransform

    /// - Precondition: `spectrum` is on the grid of `chiSquare`'s cube and `chiSquare` is Gaussian.
    public init(chiSquare: ChiSquare, spectrum: NoisePowerSpectrum) {
        let (nx, ny, nz) = (spectrum.nx, spectrum.ny, spectrum.nz)
        precondition(nx * ny * nz == chiSquare.data.count, "noise spectrum does not match the cube")
        precondition(chiSquare.statistic == .gaussian, "the correlated χ² is Gaussian")
        self.chiSquare = chiSquare
        self.spectrum = spectrum
        func norm(_ k: Int, _ n: Int) -> Double { 1 / Double((k == 0 ? 4 : 2) * n) }
        let plane = nx * ny
        planar = nz > 1 && (plane..<spectrum.values.count).allSatisfy { spectrum.values[$0] == spectrum.values[$0 % plane] }
        weights = spectrum.values.indices.map { [planar] index in
            let (kx, ky, kz) = (index % nx, index / nx % ny, index / plane)
            return norm(kx, nx) * norm(ky, ny) * (planar ? 1 : norm(kz, nz)) / spectrum.values[index]
        }
        cosine = CosineTransform(nx: nx, ny: ny, nz: nz, planar: planar)
    }

    /// Whether P is the same for every kz, so that only each channel's 2-D transform is taken.
    public let planar: Bool

    /// χ² of `model` (same layout as the cube), the weighted sum taken on `path`
    /// (`ck_square_sum`). Allocation-free.
    public func callAsFunction(_ model: UnsafeBufferPointer<Double>, path: CPUPath = .best) -> Double {
        chiSquare.residuals(model, into: UnsafeMutableBufferPointer(start: cosine.input, count: weights.count))
        let transform = cosine.execute()
        return weights.withUnsafeBufferPointer { w in
            ck_square_sum(path.c, transform, w.baseAddress!, w.count)
        }
    }

    /// The residuals of `model` in the cosine modes, `C(k)/√P(k)`, into `out` (one per mode):
    /// χ² is their sum of squares. Allocation-free.
    public func residuals(_ model: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(model.count == chiSquare.data.count && out.count == weights.count, "model does not match the cube")
        chiSquare.residuals(model, into: UnsafeMutableBufferPointer(start: cosine.input, count: weights.count))
        let transform = cosine.execute()
        rootWeights.withUnsafeBufferPointer { w in
            for k in 0..<w.count { out[k] = transform[k] * w[k] }
        }
    }

    /// χ² of `model` given as an array.
    public func callAsFunction(_ model: [Double]) -> Double {
        model.withUnsafeBufferPointer { self($0) }
    }
}
