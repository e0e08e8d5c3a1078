import CFFTW3

/// The power spectrum `P(k)` of the whitened noise `w = (D − M)/σ` on a cube's own grid, in
/// FFTW's real-to-complex layout (`nz × ny × (nx/2 + 1)`, kx fastest), normalised so that
/// white noise whose variance is the one given has `P ≡ 1`:
///
///     P(k) = max(r · Σ_τ ρ(τ) e^{−2πi k·τ}, f · r)
///
/// with ρ the correlation model folded onto the periodic grid (each lag summed with its images
/// one period away), `r` the variance scale and `f` the ``floor`` fraction. Because ρ is
/// even, P is real. Its mean over k is `r · ρ(0) = r` (before the floor).
///
/// **Floor.** A beam or a channel smoothing leaves almost no noise at high k (a 4-px FWHM
/// beam: P ~ e⁻²⁸ at the spatial Nyquist frequency), so 1/P would weight those modes by up to
/// e²⁸: any model mismatch there (pixelisation, a PSF slightly off, the estimate's own error
/// in ρ) would dominate χ². The floor `f · r` caps the weight at 1/(f r); it can only lower
/// the information taken from those modes, so the errors it gives are, if anything,
/// conservative. The default 0.02 affects modes carrying 2 % or less of the mean noise power.
public struct NoisePowerSpectrum: Sendable {
    public let nx: Int, ny: Int, nz: Int
    /// P in the half-spectrum layout.
    public let values: [Double]

    /// Default floor, a fraction of the variance scale.
    public static let defaultFloor = 0.02

    /// P ≡ 1: the ordinary χ².
    public static func white(nx: Int, ny: Int, nz: Int) -> NoisePowerSpectrum {
        NoisePowerSpectrum(nx: nx, ny: ny, nz: nz, correlation: .white, floor: 0)
    }

    /// The spectrum of `correlation` on an `nz × ny × nx` grid.
    /// - Parameters:
    ///   - varianceScale: `r`, the real variance over the given one (1: trust the variance).
    ///   - floor: `f`, the floor as a fraction of `r` (0: none).
    public init(nx: Int, ny: Int, nz: Int, correlation: NoiseCorrelation, varianceScale: Double = 1,
                floor: Double = NoisePowerSpectrum.defaultFloor) {
        self.nx = nx
        self.ny = ny
        self.nz = nz
        func folded(_ i: Int, _ n: Int, _ value: (Double) -> Double) -> Double {
            let d = Double(i <= n / 2 ? i : i - n)
            return value(d) + (n > 1 ? value(d - Double(n)) + value(d + Double(n)) : 0)
        }
        let realCount = nx * ny * nz, spectrumCount = (nx / 2 + 1) * ny * nz
        let real = fftw_alloc_real(realCount)!
        let spectrum = fftw_alloc_complex(spectrumCount)!
        defer { fftw_free(real); fftw_free(spectrum) }
        let plan = fftwPlanner.withLock {
            fftw_plan_dft_r2c_3d(Int32(nz), Int32(ny), Int32(nx), real, spectrum, FFTW_ESTIMATE)!
        }
        defer { fftwPlanner.withLock { fftw_destroy_plan(plan) } }
        let spectral = (0..<nz).map { k in folded(k, nz) { correlation.spectralValue(dz: $0) } }
        for j in 0..<ny {
            for i in 0..<nx {
                // Fold the spatial lag over its 3 × 3 nearest images.
                let dx = Double(i <= nx / 2 ? i : i - nx), dy = Double(j <= ny / 2 ? j : j - ny)
                var s = 0.0
                for my in (ny > 1 ? -1...1 : 0...0) {
                    for mx in (nx > 1 ? -1...1 : 0...0) {
                        s += correlation.spatialValue(dx: dx + Double(mx * nx), dy: dy + Double(my * ny))
                    }
                }
                for k in 0..<nz { real[(k * ny + j) * nx + i] = s * spectral[k] }
            }
        }
        fftw_execute(plan)
        let minimum = floor * varianceScale
        values = (0..<spectrumCount).map { Swift.max(varianceScale * spectrum[$0].0, minimum) }
    }
}
