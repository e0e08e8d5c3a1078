import CFFTW3

/// The power spectrum `P(k)` of the whitened noise `w = (D − M)/σ` in the cosine basis of a
/// cube's grid (the orthonormal DCT-II along each axis: `nz × ny × nx` modes, kx fastest),
/// normalised so that white noise whose variance is the one given has `P ≡ 1`:
///
///     P(k) = max(r · S(πkx/nx, πky/ny, πkz/nz), f · r),   S(ω) = Σ_τ ρ(τ) cos(ωx τx) cos(ωy τy) cos(ωz τz)
///
/// with ρ the correlation model, `r` the variance scale and `f` the ``floor`` fraction. S is
/// the spectrum of ρ averaged with that of its mirror image ρ(τx, −τy), which a cosine basis
/// cannot tell apart (the same for an untilted correlation); it is evaluated as the transform
/// of ρ folded onto the `2nx × 2ny × 2nz` grid whose frequencies the modes sit on (each lag
/// summed with its images one period away). Its mean over k is ≈ `r · ρ(0) = r` (before the floor).
///
/// **Why cosines.** A cosine basis treats the cube as mirrored at its faces, which keeps the
/// noise continuous there; a Fourier basis treats it as periodic, and the jump between the
/// noise at opposite faces (uncorrelated) then puts power into the modes a beam or a channel
/// smoothing suppresses, which 1/P weights up to 1/(f r). For noise smoothed by a 3-px beam
/// and a Hanning kernel on a 40 × 40 × 32 cube, χ² then weighted one noise pattern at the
/// faces ~150 times too much (its own expected contribution), and a model with flux at the
/// faces could fit the noise there; the cosine basis leaves ~4.
///
/// **Floor.** A beam or a channel smoothing leaves almost no noise at high k (a 4-px FWHM
/// beam: P ~ e⁻²⁸ at the spatial Nyquist frequency), so 1/P would weight those modes by up to
/// e²⁸: any model mismatch there (pixelisation, a PSF slightly off, the estimate's own error
/// in ρ) would dominate χ². The floor `f · r` caps the weight at 1/(f r); it can only lower
/// the information taken from those modes, so the errors it gives are, if anything,
/// conservative. The default 0.02 affects modes carrying 2 % or less of the mean noise power;
/// for smooth noise these are most modes, so χ² of pure noise is then well below the number
/// of voxels (≈ Σ_k min(1, S/f), e.g. ≈ 0.3 N for a 3-px beam and Hanning channels).
///
/// **Width margin.** A measured spatial width too large by a few per cent makes S fall too
/// fast at high k, so 1/P weights modes that carry real noise as if they carried almost none,
/// and the errors come out too small: on 40 simulated 40 × 40 × 32 cubes (2–6 px beams,
/// Hanning channels) a width 12 % too large (5.7 px measured for a 5.1-px beam) made the
/// true scatter of every parameter 1.6–1.7 times the stated error (a linear "sandwich"
/// computation with the exact noise covariance). The spatial factor is therefore the upper
/// envelope over the widths the measurement allows,
///
///     S_xy(k) = max(S_xy(k; C), S_xy(k; (1 − δ)² C)),   δ = ``NoiseCorrelation/spatialWidthMargin``,
///
/// which is never below either (a width at most δ too large is covered; a narrower noise than
/// measured only makes the errors conservative). On those 40 cubes, with δ from
/// ``NoiseMeasurement/spatialWidthMargin(voxels:voxelsPerCorrelation:)``, the largest ratio
/// of true to stated error fell from 1.72 to 1.07, at a cost of 6 % in the median stated error.
public struct NoisePowerSpectrum: Sendable {
    public let nx: Int, ny: Int, nz: Int
    /// P per cosine mode, index `(kz·ny + ky)·nx + kx`.
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
        var spatial = Self.spatialSpectrum(nx: nx, ny: ny, correlation: correlation)
        if correlation.spatialWidthMargin > 0 {
            let narrower = Self.spatialSpectrum(nx: nx, ny: ny,
                                                correlation: correlation.spatiallyScaled(by: 1 - correlation.spatialWidthMargin))
            for n in spatial.indices { spatial[n] = Swift.max(spatial[n], narrower[n]) }
        }
        let spectral = Self.spectralSpectrum(nz: nz, correlation: correlation)
        let minimum = floor * varianceScale
        var values = [Double](repeating: 0, count: nx * ny * nz)
        for k in 0..<nz {
            for n in 0..<(nx * ny) {
                values[k * nx * ny + n] = Swift.max(varianceScale * spatial[n] * spectral[k], minimum)
            }
        }
        self.values = values
    }

    /// The lag `i` of a grid of period `m` (−m/2 < lag ≤ m/2) and its images one period away.
    private static func images(_ i: Int, period m: Int) -> [Double] {
        let d = Double(i <= m / 2 ? i : i - m)
        return [d - Double(m), d, d + Double(m)]
    }

    /// S(πkx/nx, πky/ny) of the spatial correlation, averaged over the sign of ky, index `ky·nx + kx`.
    private static func spatialSpectrum(nx: Int, ny: Int, correlation: NoiseCorrelation) -> [Double] {
        let (mx, my) = (2 * nx, 2 * ny)
        let half = mx / 2 + 1
        let real = fftw_alloc_real(mx * my)!
        let spectrum = fftw_alloc_complex(half * my)!
        defer { fftw_free(real); fftw_free(spectrum) }
        let plan = fftwPlanner.withLock {
            fftw_plan_dft_r2c_2d(Int32(my), Int32(mx), real, spectrum, FFTW_ESTIMATE)!
        }
        defer { fftwPlanner.withLock { fftw_destroy_plan(plan) } }
        for j in 0..<my {
            let dys = images(j, period: my)
            for i in 0..<mx {
                var s = 0.0
                for dy in dys {
                    for dx in images(i, period: mx) { s += correlation.spatialValue(dx: dx, dy: dy) }
                }
                real[j * mx + i] = s
            }
        }
        fftw_execute(plan)
        var values = [Double](repeating: 0, count: nx * ny)
        for ky in 0..<ny {
            let mirrored = (my - ky) % my
            for kx in 0..<nx {
                values[ky * nx + kx] = (spectrum[ky * half + kx].0 + spectrum[mirrored * half + kx].0) / 2
            }
        }
        return values
    }

    /// S(πkz/nz) of the spectral correlation: exactly 1 for every kz when the channels are
    /// independent (ρ a delta in z), so that P is recognised as the same in every channel and
    /// χ² takes 2-D transforms per channel (``CorrelatedChiSquare/planar``). Transformed, the
    /// delta came out as 1 only to rounding for a length with a large prime factor (nz = 113:
    /// 226 = 2·113), and the cube then paid a 3-D transform: 14.0 ms instead of 4.4 ms on
    /// 70 × 70 × 113 voxels.
    private static func spectralSpectrum(nz: Int, correlation: NoiseCorrelation) -> [Double] {
        guard correlation.spectral >= NoiseCorrelation.negligibleWidth else { return [Double](repeating: 1, count: nz) }
        let m = 2 * nz
        let real = fftw_alloc_real(m)!
        let spectrum = fftw_alloc_complex(m / 2 + 1)!
        defer { fftw_free(real); fftw_free(spectrum) }
        let plan = fftwPlanner.withLock { fftw_plan_dft_r2c_1d(Int32(m), real, spectrum, FFTW_ESTIMATE)! }
        defer { fftwPlanner.withLock { fftw_destroy_plan(plan) } }
        for i in 0..<m {
            real[i] = images(i, period: m).reduce(0) { $0 + correlation.spectralValue(dz: $1) }
        }
        fftw_execute(plan)
        return (0..<nz).map { spectrum[$0].0 }
    }
}
