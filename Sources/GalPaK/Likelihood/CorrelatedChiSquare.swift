import CFFTW3

/// The Gaussian χ² for stationary correlated noise, whose covariance is diagonal in Fourier
/// space (the likelihood Tsukui et al. 2023, J. Astron. Telesc. Instrum. Syst. 9, 018001, build from the noise's
/// autocorrelation):
///
///     χ² = (1/N) Σ_k |W(k)|² / P(k),    W = FFT(w),  w = (D − M)/σ on valid voxels, 0 elsewhere
///
/// over the full spectrum of the `N = nx·ny·nz` grid, P the ``NoisePowerSpectrum`` of w. With
/// P ≡ 1 this is Σ w², the ordinary Gaussian ``ChiSquare``, by Parseval's identity.
///
/// **Approximations.** The transform treats the cube as periodic: noise at opposite faces is
/// taken as correlated, which misstates the covariance only within a correlation length of the
/// faces. Excluded voxels enter as w = 0, i.e. as observed with zero residual; both are exact
/// for white noise.
///
/// **Cost.** One real-to-complex FFT of the cube (Double: χ² differences of order 1 on sums of
/// order 10⁴–10⁵ need better than Float's 10⁻⁷) and one weighted sum over the half spectrum;
/// plan and buffers are made in `init`, nothing is allocated per call. Not thread-safe: each
/// chain needs its own instance.
public final class CorrelatedChiSquare {
    /// The plain χ²'s data and weights, reused.
    public let chiSquare: ChiSquare
    /// The noise spectrum divided by.
    public let spectrum: NoisePowerSpectrum
    /// `m(kx) / (N P(k))`, m = 2 for the kx whose conjugates the half spectrum leaves out.
    private let weights: [Double]
    private let real: UnsafeMutablePointer<Double>
    private let transform: UnsafeMutablePointer<fftw_complex>
    private let plan: OpaquePointer

    /// - Precondition: `spectrum` is on the grid of `chiSquare`'s cube and `chiSquare` is Gaussian.
    public init(chiSquare: ChiSquare, spectrum: NoisePowerSpectrum, planning: FFTPlanning = .measure) {
        let (nx, ny, nz) = (spectrum.nx, spectrum.ny, spectrum.nz)
        precondition(nx * ny * nz == chiSquare.data.count, "noise spectrum does not match the cube")
        precondition(chiSquare.statistic == .gaussian, "the correlated χ² is Gaussian")
        self.chiSquare = chiSquare
        self.spectrum = spectrum
        let half = nx / 2 + 1
        let n = Double(nx * ny * nz)
        weights = spectrum.values.indices.map { index in
            let kx = index % half
            let twice = kx != 0 && !(nx % 2 == 0 && kx == nx / 2)
            return (twice ? 2 : 1) / (n * spectrum.values[index])
        }
        real = fftw_alloc_real(nx * ny * nz)!
        transform = fftw_alloc_complex(half * ny * nz)!
        plan = fftwPlanner.withLock { [real, transform] in
            guard let p = fftw_plan_dft_r2c_3d(Int32(nz), Int32(ny), Int32(nx), real, transform, planning.flags) else {
                fatalError("FFTW could not plan a \(nx)×\(ny)×\(nz) transform")
            }
            return p
        }
    }

    deinit {
        fftwPlanner.withLock { fftw_destroy_plan(plan) }
        fftw_free(real)
        fftw_free(transform)
    }

    /// χ² of `model` (same layout as the cube). Allocation-free.
    public func callAsFunction(_ model: UnsafeBufferPointer<Double>) -> Double {
        precondition(model.count == chiSquare.data.count, "model does not match the cube")
        chiSquare.data.withUnsafeBufferPointer { d in
            chiSquare.inverseSigma.withUnsafeBufferPointer { s in
                for n in 0..<d.count { real[n] = (d[n] - model[n]) * s[n] }
            }
        }
        fftw_execute(plan)
        return weights.withUnsafeBufferPointer { w in
            var sum = 0.0
            for k in 0..<w.count {
                let (re, im) = transform[k]
                sum += (re * re + im * im) * w[k]
            }
            return sum
        }
    }

    /// χ² of `model` given as an array.
    public func callAsFunction(_ model: [Double]) -> Double {
        model.withUnsafeBufferPointer { self($0) }
    }
}
