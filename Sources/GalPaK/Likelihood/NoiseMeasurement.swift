import Foundation

/// The noise of a cube measured from the whitened residuals of a model,
///
///     w = (D − M) / σ,    σ² the variance given with the cube,
///
/// on the valid voxels where the model is faint (|M|/σ ≤ `brightThreshold`), so that a
/// mismatch between model and galaxy does not pass for correlated noise. Where the model is
/// zero this is the line-free data itself. Two results:
///
/// - ``varianceRatio``: var(w) estimated robustly as (1.4826 · MAD(w))²; 1 when the variance
///   given matches the real scatter.
/// - ``correlation``: a Gaussian model (``NoiseCorrelation``) fitted to the masked 3-D
///   autocorrelation of `w` (``MaskedAutocorrelation``: each lag normalised by its number of
///   observed pairs), with w's mean over the voxels used subtracted first.
///
/// Used in two stages by a fit: at the first guess, then at the estimate.
public struct NoiseMeasurement: Sendable {
    /// Robust var(w): the real scatter over the variance given.
    public let varianceRatio: Double
    /// The fitted correlation of `w`, or the one the user gave (``isCorrelationGiven``).
    public private(set) var correlation: NoiseCorrelation
    /// Whether ``correlation`` was given (`--noise-correlation <voxels>`) rather than measured.
    public private(set) var isCorrelationGiven = false
    /// Voxels used (valid and faint in the model).
    public let voxelCount: Int

    /// Voxels where the model exceeds this many σ are left out.
    public static let defaultBrightThreshold = 0.1
    /// Fewer voxels than this give no measurement.
    public static let minimumVoxels = 2000
    /// A variance ratio below this (residuals under 10⁻³ σ) means the cube has no noise to
    /// measure: a noiseless simulation, or a variance wrong by a factor of a million. The
    /// model's own rounding (Float convolution, relative 10⁻⁷) stays far below it for any
    /// cube whose noise is above 10⁻⁴ of its peak.
    public static let noiselessRatio = 1e-6

    /// Measures the noise of `cube` (whose data and variance `chiSquare` holds) around `model`
    /// (the convolved model cube); nil when fewer than ``minimumVoxels`` voxels are usable.
    public init?(cube: Cube, chiSquare: ChiSquare, model: [Double],
                 brightThreshold: Double = NoiseMeasurement.defaultBrightThreshold) {
        precondition(model.count == cube.count, "model does not match the cube")
        var field = [Double](repeating: 0, count: cube.count)
        var mask = field
        var used = [Double]()
        for n in 0..<cube.count {
            let s = chiSquare.inverseSigma[n]
            guard s > 0, model[n].isFinite, abs(model[n]) * s <= brightThreshold else { continue }
            field[n] = (chiSquare.data[n] - model[n]) * s
            mask[n] = 1
            used.append(field[n])
        }
        guard used.count >= Self.minimumVoxels else { return nil }
        let mean = used.reduce(0, +) / Double(used.count)
        for n in 0..<cube.count where mask[n] > 0 { field[n] -= mean }

        let centre = SampleStatistics.median(used)
        let mad = SampleStatistics.median(used.map { abs($0 - centre) })
        varianceRatio = (1.482_602_218_505_602 * mad) * (1.482_602_218_505_602 * mad)
        let rho = MaskedAutocorrelation(field: field, mask: mask, nx: cube.nx, ny: cube.ny, nz: cube.nz,
                                        maxLag: ((cube.nx - 1) / 2, (cube.ny - 1) / 2, (cube.nz - 1) / 2))
        var fitted = NoiseCorrelation(fitting: rho)
        fitted.spatialWidthMargin = Self.spatialWidthMargin(voxels: used.count,
                                                            voxelsPerCorrelation: fitted.voxelsPerCorrelation)
        correlation = fitted
        voxelCount = used.count
    }

    /// δ, the relative amount by which a spatial width measured on `voxels` voxels may be too
    /// large: twice its standard error, `δ = 2 · 0.7 / √N`, `N = voxels / voxelsPerCorrelation`
    /// the independent correlation volumes measured (at most 0.3; 0 for spatially white noise).
    /// The 0.7 is measured: on 40 simulated cubes (2–6 px beams, Hanning channels, 40 × 40 × 32
    /// voxels, N from 230 to 1 750) the fitted width's relative error times √N had an rms of
    /// 0.70 (largest errors +12 % at N ≈ 250; N counted over the cube's voxels).
    public static func spatialWidthMargin(voxels: Int, voxelsPerCorrelation: Double) -> Double {
        guard voxels > 0, voxelsPerCorrelation > 1 else { return 0 }
        return Swift.min(2 * 0.7 / (Double(voxels) / voxelsPerCorrelation).squareRoot(), 0.3)
    }

    /// FWHM (px) of the beam equivalent to the spatial correlation.
    public var spatialFWHM: Double { correlation.spatialFWHM }
    /// FWHM (channels) of the channel smoothing equivalent to the spectral correlation.
    public var spectralFWHM: Double { correlation.spectralFWHM }
    /// Voxels per correlation volume (1 for white noise).
    public var voxelsPerCorrelation: Double { correlation.voxelsPerCorrelation }

    /// One line for the log.
    public var summary: String {
        String(format: "variance ratio %.3f, correlation FWHM %.2f px × %.2f channels, %.1f voxels per correlation volume (%d voxels)%@",
               varianceRatio, spatialFWHM, spectralFWHM, voxelsPerCorrelation, voxelCount,
               isCorrelationGiven ? "; correlation given by --noise-correlation"
                   : correlation.spatialWidthMargin > 0 ? String(format: "; spatial width allowed %.0f %% smaller", 100 * correlation.spatialWidthMargin) : "")
    }

    /// This measurement with `given` in place of the measured correlation (the variance
    /// ratio stays measured; a given width has no margin).
    public func replacingCorrelation(with given: NoiseCorrelation) -> NoiseMeasurement {
        var m = self
        m.correlation = given
        m.isCorrelationGiven = true
        return m
    }

    /// The likelihood this measurement leads to: the cosine-basis χ² with the measured (or
    /// given) spectrum, or the plain χ² when the noise is white.
    public var method: String {
        let origin = isCorrelationGiven ? "given" : "measured"
        return correlation == .white ? "independent voxels (the \(origin) noise is white)"
            : "stationary correlated noise, chi2 = sum_k DCT(r/sigma)^2 / P(k) (Tsukui et al. 2023, in cosine modes), correlation \(origin)"
                + (correlation.spatialWidthMargin > 0
                    ? String(format: ", P(k) the envelope over spatial widths down to %.0f %% below it", 100 * correlation.spatialWidthMargin) : "")
    }
}
