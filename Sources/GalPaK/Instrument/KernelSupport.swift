/// The box around a ``Kernel3D``'s centre outside which the kernel is negligible.
///
/// On each axis the box keeps every index where the kernel's maximum over the two other axes
/// is at least `relativeCutoff` times the kernel's peak; it spans `lower` voxels below the
/// centre and `upper` above it. Dropping what lies outside changes a convolution by at most
/// `truncatedMass · Σ|K| · max|D|` at any voxel and `truncatedMass · Σ|K| · Σ|D|` in L1 norm,
/// for any input `D` (`Σ|K| = 1` for a ``Kernel3D``).
public struct KernelSupport: Sendable {
    /// Voxels kept below the centre, per axis (x, y, z).
    public let lower: (x: Int, y: Int, z: Int)
    /// Voxels kept above the centre, per axis (x, y, z).
    public let upper: (x: Int, y: Int, z: Int)
    /// Sum of |K| outside the box over the sum of |K| (0 when nothing is dropped).
    public let truncatedMass: Double

    /// The support of `kernel` at `relativeCutoff` (0 keeps the whole kernel).
    public init(kernel: Kernel3D, relativeCutoff: Double) {
        precondition(relativeCutoff >= 0 && relativeCutoff < 1, "cutoff must be in [0, 1)")
        let (nx, ny, nz) = (kernel.nx, kernel.ny, kernel.nz)
        var maxX = [Double](repeating: 0, count: nx)
        var maxY = [Double](repeating: 0, count: ny)
        var maxZ = [Double](repeating: 0, count: nz)
        for k in 0..<nz {
            for j in 0..<ny {
                for i in 0..<nx {
                    let v = abs(kernel.values[(k * ny + j) * nx + i])
                    maxX[i] = max(maxX[i], v)
                    maxY[j] = max(maxY[j], v)
                    maxZ[k] = max(maxZ[k], v)
                }
            }
        }
        let threshold = relativeCutoff * (maxZ.max() ?? 0)
        let c = kernel.centre
        func range(_ projection: [Double], centre: Int) -> (Int, Int) {
            let first = projection.firstIndex { $0 >= threshold } ?? centre
            let last = projection.lastIndex { $0 >= threshold } ?? centre
            return (max(0, centre - min(first, centre)), max(0, max(last, centre) - centre))
        }
        let (lx, ux) = range(maxX, centre: c.i)
        let (ly, uy) = range(maxY, centre: c.j)
        let (lz, uz) = range(maxZ, centre: c.k)
        lower = (lx, ly, lz)
        upper = (ux, uy, uz)

        var dropped = 0.0, total = 0.0
        for k in 0..<nz {
            let zIn = (c.k - lz...c.k + uz).contains(k)
            for j in 0..<ny {
                let yIn = zIn && (c.j - ly...c.j + uy).contains(j)
                for i in 0..<nx {
                    let v = abs(kernel.values[(k * ny + j) * nx + i])
                    total += v
                    if !(yIn && (c.i - lx...c.i + ux).contains(i)) { dropped += v }
                }
            }
        }
        truncatedMass = total > 0 ? dropped / total : 0
    }
}
