/// A box of a cube's voxels: columns `x`, rows `y` and channels `z`, 0-based and inclusive,
/// written `x0:x1,y0:y1,z0:z1` (the `--crop` spelling).
public struct CropBox: Equatable, Sendable, CustomStringConvertible {
    /// Columns, rows and channels in the box (0-based, inclusive).
    public var x: ClosedRange<Int>, y: ClosedRange<Int>, z: ClosedRange<Int>

    public init(x: ClosedRange<Int>, y: ClosedRange<Int>, z: ClosedRange<Int>) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// The whole of a cube of `nx × ny × nz` voxels.
    public static func whole(nx: Int, ny: Int, nz: Int) -> CropBox {
        CropBox(x: 0...(nx - 1), y: 0...(ny - 1), z: 0...(nz - 1))
    }

    /// Parses `x0:x1,y0:y1,z0:z1` (non-negative integers, each start ≤ its end); nil otherwise.
    public init?(argument: String) {
        let axes = argument.split(separator: ",", omittingEmptySubsequences: false)
        guard axes.count == 3 else { return nil }
        var ranges: [ClosedRange<Int>] = []
        for axis in axes {
            let ends = axis.split(separator: ":", omittingEmptySubsequences: false)
                .map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard ends.count == 2, let lo = ends[0], let hi = ends[1], lo >= 0, lo <= hi else { return nil }
            ranges.append(lo...hi)
        }
        self.init(x: ranges[0], y: ranges[1], z: ranges[2])
    }

    /// `x0:x1,y0:y1,z0:z1`.
    public var description: String {
        "\(x.lowerBound):\(x.upperBound),\(y.lowerBound):\(y.upperBound),\(z.lowerBound):\(z.upperBound)"
    }

    /// Columns, rows and channels of the box.
    public var nx: Int { x.count }
    public var ny: Int { y.count }
    public var nz: Int { z.count }
    /// Number of voxels in the box.
    public var count: Int { nx * ny * nz }

    /// Whether the box lies within a cube of `nx × ny × nz` voxels.
    public func fits(nx: Int, ny: Int, nz: Int) -> Bool {
        x.upperBound < nx && y.upperBound < ny && z.upperBound < nz
    }

    /// Whether the box is the whole of a cube of `nx × ny × nz` voxels.
    public func isWhole(nx: Int, ny: Int, nz: Int) -> Bool {
        self == .whole(nx: nx, ny: ny, nz: nz)
    }

    /// Whether voxel (i, j, k) is in the box.
    @inlinable
    public func contains(_ i: Int, _ j: Int, _ k: Int) -> Bool {
        x.contains(i) && y.contains(j) && z.contains(k)
    }

    /// The smallest box holding this one and the `x`, `y`, `z` intervals (real-valued, e.g. a
    /// parameter's bounds: widened to whole voxels), clamped to a cube of `nx × ny × nz`.
    public func holding(x xs: ClosedRange<Double>, y ys: ClosedRange<Double>, z zs: ClosedRange<Double>,
                        nx: Int, ny: Int, nz: Int) -> CropBox {
        func widened(_ r: ClosedRange<Int>, _ v: ClosedRange<Double>, _ n: Int) -> ClosedRange<Int> {
            let lo = v.lowerBound.isFinite ? Int(v.lowerBound.rounded(.down)) : 0
            let hi = v.upperBound.isFinite ? Int(v.upperBound.rounded(.up)) : n - 1
            return Swift.max(0, Swift.min(r.lowerBound, lo))...Swift.min(n - 1, Swift.max(r.upperBound, hi))
        }
        return CropBox(x: widened(x, xs, nx), y: widened(y, ys, ny), z: widened(z, zs, nz))
    }
}
