import CFFTW3
import Foundation

/// Serialises FFTW's planner, which keeps global state (wisdom, twiddle tables) and is not
/// thread-safe; only `fftw_execute` may run concurrently (on distinct plans and buffers).
let fftwPlanner = NSLock()

/// How hard FFTW searches for a fast plan when a convolver is made.
public enum FFTPlanning: Sendable {
    /// Heuristic plan, made in microseconds. For one-off convolutions (tests, output files).
    case estimate
    /// Times candidate algorithms (~0.1 s once per size and process; later plans of the same
    /// size reuse FFTW's in-memory wisdom). For fits, which convolve ~10⁵ times.
    case measure

    var flags: UInt32 { self == .measure ? FFTW_MEASURE : FFTW_ESTIMATE }
}

/// Linear (non-circular) 3-D convolution of a cube with a ``Kernel3D``, through FFTW.
///
/// For a cube `D` and kernel `K` of the same shape `nz × ny × nx` with centre
/// `c = (nz/2, ny/2, nx/2)` the result is
///
///     out[p] = Σ_q D[q] · K[p − q + c]
///
/// summed over the cube's voxels `q`, with `K` taken as zero outside its array; flux carried
/// beyond the cube's edges is lost, and nothing wraps to the opposite edge. A unit delta at
/// voxel `p` comes out as the kernel centred on `p`, for odd and even sizes alike.
///
/// **Method.** The kernel is cropped to its ``KernelSupport`` (offsets `−L…U` from the centre
/// on each axis), stored wrapped around index 0 in a zero box of `N ≥ n + max(L, U)` per axis
/// (rounded up by ``FFTSize/fast(atLeast:)``), and transformed once. Each call zero-pads the
/// cube into the same box, multiplies the real-to-complex transforms and transforms back; with
/// that `N` the circular result equals the linear one on the cube's voxels exactly.
///
/// **Accuracy.** Against direct summation with the full kernel, every voxel is within
/// `support.truncatedMass · max|D|` (the crop: exactly 0 with `relativeCutoff` 0, ~1e-13 for
/// the Gaussian PSF and LSF of the parity cases at the default 1e-12) plus FFT round-off,
/// below `1e-14 · max|D|` (checked against direct summation in the tests). On the parity
/// renders the relative L2 difference from the reference linear convolution is 2.8e-8, the
/// float32 rounding of the stored files.
///
/// **Planning.** `.measure` (the default) costs ~75–170 ms for the first plan of a size in a
/// process (later ones ~2 ms, from FFTW's wisdom) and makes each call ~25 % faster than
/// `.estimate` on the 42³ box of a 36×30×30 cube; a fit convolves ~10⁵ times, so it pays.
///
/// **Cost.** Plans are made and the kernel transformed once, in `init`; `convolve` performs
/// two FFTs and no allocation. An instance owns mutable scratch buffers, so it is not
/// `Sendable`: give each thread (each MCMC chain) its own convolver.
public final class FFTConvolver {
    /// Cube columns (x).
    public let nx: Int
    /// Cube rows (y).
    public let ny: Int
    /// Cube channels (z).
    public let nz: Int
    /// Lengths of the zero-padded transform box, per axis.
    public let paddedSize: (x: Int, y: Int, z: Int)
    /// The kernel's support used, and the fraction of the kernel dropped by the crop.
    public let support: KernelSupport

    private let real: UnsafeMutablePointer<Double>
    private let spectrum: UnsafeMutablePointer<fftw_complex>
    /// The kernel's transform divided by the box's size (``PSFFactorTransform`` rewrites it).
    let kernelSpectrum: UnsafeMutablePointer<fftw_complex>
    private let spectrumCount: Int
    private let forward: OpaquePointer
    private let backward: OpaquePointer
    /// How the PSF factor is replaced, for a convolver made for a free PSF width (``init(psfWidth:planning:)``).
    private var psfFactor: PSFFactorTransform?

    /// Prepares the convolution of `nz × ny × nx` cubes with `kernel` (same shape).
    ///
    /// - Parameters:
    ///   - kernel: the instrument's kernel on the cube's grid.
    ///   - relativeCutoff: kernel values below this fraction of the peak, on each axis, are
    ///     left out (see ``KernelSupport``); 0 uses the whole kernel.
    ///   - planning: FFTW planning effort; `.measure` for fits.
    public convenience init(kernel: Kernel3D, relativeCutoff: Double = 1e-12, planning: FFTPlanning = .measure) {
        self.init(kernel: kernel, support: KernelSupport(kernel: kernel, relativeCutoff: relativeCutoff), planning: planning)
    }

    /// Prepares the convolution with the kernels of `family` (``PSFWidthKernel``), starting at its
    /// nominal width: the box is sized for the support of the widest (``PSFWidthKernel/maximum``)
    /// at the default cutoff, 1e-12, and ``setPSF(_:)`` replaces the PSF factor.
    public convenience init(psfWidth family: PSFWidthKernel, planning: FFTPlanning = .measure) {
        let widest = KernelSupport(kernel: family.kernel(fwhm: family.maximum), relativeCutoff: 1e-12)
        self.init(kernel: family.kernel(fwhm: family.nominal), support: widest, planning: planning)
        psfFactor = PSFFactorTransform(lsf: family.lsf, convolver: self, planning: planning)
    }

    /// Prepares the convolution with `kernel`, of which the values inside `support` are used.
    private init(kernel: Kernel3D, support: KernelSupport, planning: FFTPlanning) {
        nx = kernel.nx
        ny = kernel.ny
        nz = kernel.nz
        self.support = support
        let (lower, upper) = (support.lower, support.upper)
        paddedSize = (FFTSize.fast(atLeast: nx + max(lower.x, upper.x)),
                      FFTSize.fast(atLeast: ny + max(lower.y, upper.y)),
                      FFTSize.fast(atLeast: nz + max(lower.z, upper.z)))
        let (px, py, pz) = paddedSize
        let realCount = px * py * pz
        spectrumCount = (px / 2 + 1) * py * pz

        real = fftw_alloc_real(realCount)!
        spectrum = fftw_alloc_complex(spectrumCount)!
        kernelSpectrum = fftw_alloc_complex(spectrumCount)!
        (forward, backward) = fftwPlanner.withLock { [real, spectrum] in
            // Planning with .measure overwrites both buffers; they are filled afterwards.
            let f = fftw_plan_dft_r2c_3d(Int32(pz), Int32(py), Int32(px), real, spectrum, planning.flags)
            let b = fftw_plan_dft_c2r_3d(Int32(pz), Int32(py), Int32(px), spectrum, real, planning.flags)
            guard let f, let b else { fatalError("FFTW could not plan a \(px)×\(py)×\(pz) transform") }
            return (f, b)
        }

        // Kernel offsets d = (index − centre) ∈ [−lower, upper] go to (d mod N): the wrapped
        // placement that makes output voxel p land at padded index p.
        real.update(repeating: 0, count: realCount)
        let c = kernel.centre
        for dz in -lower.z...upper.z {
            for dy in -lower.y...upper.y {
                for dx in -lower.x...upper.x {
                    let source = ((c.k + dz) * ny + (c.j + dy)) * nx + (c.i + dx)
                    let target = ((dz + pz) % pz * py + (dy + py) % py) * px + (dx + px) % px
                    real[target] = kernel.values[source]
                }
            }
        }
        fftw_execute(forward)
        // FFTW's inverse is unnormalised: fold 1/(Nx·Ny·Nz) into the cached kernel transform.
        let scale = 1 / Double(realCount)
        for n in 0..<spectrumCount {
            kernelSpectrum[n] = (spectrum[n].0 * scale, spectrum[n].1 * scale)
        }
    }

    deinit {
        fftwPlanner.withLock {
            fftw_destroy_plan(forward)
            fftw_destroy_plan(backward)
        }
        fftw_free(real)
        fftw_free(spectrum)
        fftw_free(kernelSpectrum)
    }

    /// Replaces the kernel by `LSF[k]·image[j, i]`, `image` a PSF on the cube's `ny × nx` grid
    /// (x fastest) and LSF the one this convolver was made with, without a 3-D transform
    /// (``PSFFactorTransform``). Allocation-free.
    /// - Precondition: made with ``init(psfWidth:planning:)``; `image` has `nx·ny` values.
    public func setPSF(_ image: UnsafeBufferPointer<Double>) {
        guard let psfFactor else { preconditionFailure("this convolver's PSF cannot be replaced") }
        psfFactor.write(image, into: self)
    }

    /// Number of voxels of the cubes this convolver takes, `nx·ny·nz`.
    public var count: Int { nx * ny * nz }

    /// Convolves `input` (`nz·ny·nx` voxels, x fastest) into `output` (same length).
    ///
    /// `input` and `output` may be the same memory. Allocation-free. NaN or infinite input
    /// voxels spread through the whole result: pass finite values.
    public func convolve(_ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        precondition(input.count == count && output.count == count, "cube does not match the convolver's shape")
        guard let source = input.baseAddress, let target = output.baseAddress else { return }
        let (px, py, pz) = paddedSize

        // Load the cube at the box's origin, zeroing the pad (the previous inverse
        // transform left values everywhere).
        for k in 0..<nz {
            let plane = real + k * py * px
            for j in 0..<ny {
                let row = plane + j * px
                row.update(from: source + (k * ny + j) * nx, count: nx)
                (row + nx).update(repeating: 0, count: px - nx)
            }
            (plane + ny * px).update(repeating: 0, count: (py - ny) * px)
        }
        (real + nz * py * px).update(repeating: 0, count: (pz - nz) * py * px)

        fftw_execute(forward)
        for n in 0..<spectrumCount {
            let (a, b) = (spectrum[n], kernelSpectrum[n])
            spectrum[n] = (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
        }
        fftw_execute(backward)

        for k in 0..<nz {
            for j in 0..<ny {
                (target + (k * ny + j) * nx).update(from: real + (k * py + j) * px, count: nx)
            }
        }
    }
}
