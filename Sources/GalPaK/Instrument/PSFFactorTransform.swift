import CFFTW3
import Foundation

/// Replaces the PSF factor of an ``FFTConvolver``'s kernel `K[k, j, i] = L[k]·P[j, i]` with a
/// 2-D transform instead of a 3-D one.
///
/// The convolver places the kernel's support wrapped around index 0 of its `pz × py × px` box;
/// that placed kernel is the product `Lw[z]·Pw[y, x]` of the placed LSF and PSF, so its 3-D
/// transform is the product of their transforms,
///
///     K̂[kz, ky, kx] = L̂w[kz] · P̂w[ky, kx],
///
/// with `L̂w` computed once (a 1-D transform of length pz, completed by Hermitian symmetry) and
/// `P̂w` for each new PSF (a 2-D transform of `py × px`). A new PSF then costs its placement, one
/// 2-D transform and one complex product per kernel frequency, instead of a 3-D transform; the
/// result equals the 3-D transform of the placed kernel to rounding (~1e-16 of its largest
/// frequency). The 2-D transform is complex-to-complex, planned without FFTW's buffered
/// algorithms where the size allows: FFTW's real-to-complex algorithms for odd sizes allocate a
/// buffer at every execution, and the transform is small beside the convolution's two 3-D ones.
/// Buffers and plans are made once; ``write(_:into:)`` allocates nothing of its own. Not
/// thread-safe (one per convolver).
final class PSFFactorTransform {
    private let image: UnsafeMutablePointer<fftw_complex>
    private let imageSpectrum: UnsafeMutablePointer<fftw_complex>
    private let plan: OpaquePointer
    /// `L̂w[kz]` for every kz, divided by the 3-D box's size (FFTW's unnormalised inverse).
    private let lsfSpectrum: [(Double, Double)]
    private let box: (x: Int, y: Int, z: Int)

    /// For `convolver`'s box, with `lsf` its kernel's LSF factor (`nz` values, centre `nz/2`).
    init(lsf: [Double], convolver: FFTConvolver, planning: FFTPlanning) {
        box = convolver.paddedSize
        let (px, py, pz) = box
        let support = convolver.support
        image = fftw_alloc_complex(px * py)!
        imageSpectrum = fftw_alloc_complex(px * py)!
        plan = fftwPlanner.withLock { [image, imageSpectrum] in
            let unbuffered = fftw_plan_dft_2d(Int32(py), Int32(px), image, imageSpectrum, FFTW_FORWARD,
                                              planning.flags | FFTW_NO_BUFFERING)
            guard let p = unbuffered ?? fftw_plan_dft_2d(Int32(py), Int32(px), image, imageSpectrum, FFTW_FORWARD, planning.flags) else {
                fatalError("FFTW could not plan a \(px)×\(py) transform")
            }
            return p
        }
        // The LSF placed as the convolver places the kernel, and its transform over the whole
        // length pz (the upper half from the lower by Hermitian symmetry).
        let line = fftw_alloc_real(pz)!, lineSpectrum = fftw_alloc_complex(pz / 2 + 1)!
        defer { fftw_free(line); fftw_free(lineSpectrum) }
        line.update(repeating: 0, count: pz)
        let c = lsf.count / 2
        for dz in -support.lower.z...support.upper.z { line[(dz + pz) % pz] = lsf[c + dz] }
        fftwPlanner.withLock {
            let p = fftw_plan_dft_r2c_1d(Int32(pz), line, lineSpectrum, FFTW_ESTIMATE)!
            fftw_execute(p)
            fftw_destroy_plan(p)
        }
        let scale = 1 / Double(px * py * pz)
        lsfSpectrum = (0..<pz).map { k in
            let value = k <= pz / 2 ? lineSpectrum[k] : lineSpectrum[pz - k]
            return (value.0 * scale, (k <= pz / 2 ? value.1 : -value.1) * scale)
        }
    }

    deinit {
        fftwPlanner.withLock { fftw_destroy_plan(plan) }
        fftw_free(image)
        fftw_free(imageSpectrum)
    }

    /// Writes the kernel `L[k]·psf[j, i]` (`psf` on the convolver's `ny × nx` grid, x fastest)
    /// into `convolver`'s kernel transform. Allocation-free.
    func write(_ psf: UnsafeBufferPointer<Double>, into convolver: FFTConvolver) {
        let (nx, ny) = (convolver.nx, convolver.ny)
        precondition(psf.count == nx * ny, "the PSF does not match the convolver's grid")
        let (px, py, pz) = box
        let (lower, upper) = (convolver.support.lower, convolver.support.upper)
        let (ci, cj) = (nx / 2, ny / 2)
        image.update(repeating: (0, 0), count: px * py)
        for dy in -lower.y...upper.y {
            let target = image + ((dy + py) % py) * px, source = (cj + dy) * nx + ci
            for dx in -lower.x...upper.x { target[(dx + px) % px] = (psf[source + dx], 0) }
        }
        fftw_execute(plan)
        // The real-to-complex layout of the 3-D transform: kx = 0…px/2 of every (kz, ky).
        let half = px / 2 + 1
        let kernel = convolver.kernelSpectrum
        lsfSpectrum.withUnsafeBufferPointer { lsf in
            for kz in 0..<pz {
                let (a, b) = lsf[kz]
                for ky in 0..<py {
                    let out = kernel + (kz * py + ky) * half, spectrum = imageSpectrum + ky * px
                    for kx in 0..<half {
                        let (c, d) = spectrum[kx]
                        out[kx] = (a * c - b * d, a * d + b * c)
                    }
                }
            }
        }
    }
}
