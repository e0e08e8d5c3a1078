/// A kernel that is a product of three 1-D profiles, `K[k,j,i] = z[k]·y[j]·x[i]`, found
/// numerically from a ``Kernel3D``.
///
/// The factors are read off the kernel's three central lines (`x[i] = K[c_k,c_j,i]/K[c]`,
/// `y[j] = K[c_k,j,c_i]/K[c]`, `z[k] = K[k,c_j,c_i]`), and the kernel counts as separable when
/// their product reproduces every voxel to `tolerance · K[c]`. A Gaussian PSF that is round, or
/// elliptical with its axes along x and y, times any LSF is separable; a tilted ellipse or a
/// Moffat PSF is not. Each factor keeps the taps at or above `relativeCutoff` of its own peak.
/// The default, 1e-8, suits the Float passes of ``SeparableConvolver``: a Gaussian factor cut
/// there loses ~1e-9 of its mass (beyond 6.1σ), so no output moves by more than ~4e-9 of the
/// input's peak, below Float's rounding (6e-8); it saves a quarter of the taps of 1e-12.
public struct SeparableKernel: Sendable {
    /// Taps along x, y, z for offsets `−lower…upper` from the centre (index 0 = offset −lower).
    public let x: [Double], y: [Double], z: [Double]
    /// Offsets below the centre kept on each axis.
    public let lower: (x: Int, y: Int, z: Int)
    public let nx: Int, ny: Int, nz: Int

    /// nil when `kernel` is not separable to `tolerance`.
    public init?(kernel: Kernel3D, tolerance: Double = 1e-12, relativeCutoff: Double = 1e-8) {
        let (nx, ny, nz) = (kernel.nx, kernel.ny, kernel.nz)
        let c = kernel.centre
        let values = kernel.values
        let peak = values[(c.k * ny + c.j) * nx + c.i]
        guard peak > 0 else { return nil }
        let fx = (0..<nx).map { values[(c.k * ny + c.j) * nx + $0] / peak }
        let fy = (0..<ny).map { values[(c.k * ny + $0) * nx + c.i] / peak }
        let fz = (0..<nz).map { values[($0 * ny + c.j) * nx + c.i] }
        for k in 0..<nz {
            for j in 0..<ny {
                let zy = fz[k] * fy[j]
                for i in 0..<nx where Swift.abs(values[(k * ny + j) * nx + i] - zy * fx[i]) > tolerance * peak {
                    return nil
                }
            }
        }
        func crop(_ f: [Double], centre: Int) -> (taps: [Double], lower: Int) {
            let threshold = relativeCutoff * (f.max() ?? 0)
            let first = Swift.min(f.firstIndex { $0 >= threshold } ?? centre, centre)
            let last = Swift.max(f.lastIndex { $0 >= threshold } ?? centre, centre)
            return (Array(f[first...last]), centre - first)
        }
        let (tx, lx) = crop(fx, centre: c.i)
        let (ty, ly) = crop(fy, centre: c.j)
        let (tz, lz) = crop(fz, centre: c.k)
        (x, y, z) = (tx, ty, tz)
        lower = (lx, ly, lz)
        (self.nx, self.ny, self.nz) = (nx, ny, nz)
    }
}
