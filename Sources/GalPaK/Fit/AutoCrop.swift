import Foundation

/// The box `--crop auto` fits in: the detected emission plus a margin.
///
/// 1. **Emission.** The spaxels of the first guess's detection mask (``MomentGuess``: the
///    line-window image above 3 σ, else 2 σ) 8-connected to its spaxel of highest S/N (isolated
///    noise peaks are left out), and the line's channels (``MomentGuess/lineWindow``).
/// 2. **Margin**, ``widths`` times, on each side: spatially the instrument's FWHM plus the
///    noise's correlation FWHM, measured on the kernel's and the correlation's profiles;
///    spectrally the LSF's FWHM plus the noise's spectral correlation FWHM plus the line's own
///    σ (the first guess's dispersion); at least ``minimumMargin`` voxels. (3σ instead of
///    3 FWHM left the model's wings, a Moffat PSF's above all, outside the box: χ² offsets
///    varying by 1.6 over a 1-px move on the test cube, against 0.01 with 3 FWHM.) The renderer normalises the disk over the whole field
///    (``DiskModel/window``), so a disk wider than the box is not made brighter inside it; what
///    the margin bounds is the model left outside the box and the flux the kernel would carry in.
///
/// The caller then widens the box to hold the centre's bounds (``CropBox/holding(x:y:z:nx:ny:nz:)``),
/// so the prior is the whole cube's, and to lengths FFTW transforms fast (``withFastLengths(_:nx:ny:nz:)``).
/// Nil when nothing was detected (then the whole cube is fitted).
public enum AutoCrop {
    /// Margin in widths (PSF or LSF FWHM, noise correlation FWHM, line σ).
    public static let widths = 3.0
    /// Smallest margin on each side, voxels.
    public static let minimumMargin = 2

    /// The box for `cube` from its `detection`, the instrument `kernel` on its grid and the
    /// noise's `correlation` (nil: white).
    public static func box(detection: MomentGuess, cube: Cube, kernel: Kernel3D,
                           correlation: NoiseCorrelation?) -> CropBox? {
        guard let peak = detection.peakSpaxel, let window = detection.lineWindow else { return nil }
        let (nx, ny, nz) = (cube.nx, cube.ny, cube.nz)
        let region = connected(detection.detectedSpaxels, to: peak, nx: nx)
        let xs = region.map { $0 % nx }, ys = region.map { $0 / nx }
        let fwhm = kernelFWHM(kernel)
        let noise = correlation ?? .white
        let lineSigma = detection.parameters[.velocityDispersion] / abs(cube.velocityStep)
        func margin(_ width: Double) -> Int {
            Swift.max(minimumMargin, Int((widths * width).rounded(.up)))
        }
        let spatial = (x: margin(fwhm.x + noise.spatialFWHM), y: margin(fwhm.y + noise.spatialFWHM))
        let spectral = margin(fwhm.z + noise.spectralFWHM + (lineSigma.isFinite ? lineSigma : 0))
        func padded(_ lo: Int, _ hi: Int, _ m: Int, _ n: Int) -> ClosedRange<Int> {
            Swift.max(0, lo - m)...Swift.min(n - 1, hi + m)
        }
        return CropBox(x: padded(xs.min()!, xs.max()!, spatial.x, nx), y: padded(ys.min()!, ys.max()!, spatial.y, ny),
                       z: padded(window.lowerBound, window.upperBound, spectral, nz))
    }

    /// `box` widened, on each axis where the cube leaves room, to the smallest 7-smooth length
    /// (``FFTSize/fast(atLeast:)``) at least its own, the extra voxels split between both sides
    /// (moved inwards at the cube's edges); an axis with no such length inside the cube keeps its
    /// range. The correlated-noise χ² takes a cosine transform of the box at every evaluation,
    /// and FFTW's is 2–3× slower for a length with a large prime factor: 10.0 ms for
    /// 113 × 110 × 34 voxels (113 is prime), 3.6 ms for 120 × 110 × 34.
    public static func withFastLengths(_ box: CropBox, nx: Int, ny: Int, nz: Int) -> CropBox {
        func widened(_ r: ClosedRange<Int>, _ n: Int) -> ClosedRange<Int> {
            let length = FFTSize.fast(atLeast: r.count)
            guard length <= n else { return r }
            let lower = Swift.max(0, Swift.min(r.lowerBound - (length - r.count) / 2, n - length))
            return lower...(lower + length - 1)
        }
        return CropBox(x: widened(box.x, nx), y: widened(box.y, ny), z: widened(box.z, nz))
    }

    /// The spaxels of `mask` 8-connected to `seed` (flat indices `j·nx + i`).
    static func connected(_ mask: [Int], to seed: Int, nx: Int) -> [Int] {
        let members = Set(mask)
        var found: Set<Int> = [seed], queue = [seed]
        while let s = queue.popLast() {
            let (i, j) = (s % nx, s / nx)
            for dj in -1...1 {
                for di in -1...1 where (di, dj) != (0, 0) && (0..<nx).contains(i + di) {
                    let n = (j + dj) * nx + i + di
                    if members.contains(n), found.insert(n).inserted { queue.append(n) }
                }
            }
        }
        return Array(found)
    }

    /// The FWHM, in voxels, of the kernel's profile along x, y and z (its sums over the other
    /// two axes), between the half-maximum crossings interpolated linearly; 1 for a unit impulse.
    static func kernelFWHM(_ kernel: Kernel3D) -> (x: Double, y: Double, z: Double) {
        var px = [Double](repeating: 0, count: kernel.nx), py = [Double](repeating: 0, count: kernel.ny)
        var pz = [Double](repeating: 0, count: kernel.nz)
        for k in 0..<kernel.nz {
            for j in 0..<kernel.ny {
                for i in 0..<kernel.nx {
                    let v = kernel.values[(k * kernel.ny + j) * kernel.nx + i]
                    px[i] += v
                    py[j] += v
                    pz[k] += v
                }
            }
        }
        return (width(px), width(py), width(pz))
    }

    /// Distance between the outermost half-maximum crossings of a profile.
    private static func width(_ profile: [Double]) -> Double {
        guard let top = profile.max(), top > 0 else { return 0 }
        let half = top / 2
        let first = profile.firstIndex { $0 >= half }!, last = profile.lastIndex { $0 >= half }!
        let left = first == 0 ? 0 : Double(first) - (profile[first] - half) / (profile[first] - profile[first - 1])
        let right = last == profile.count - 1 ? Double(last)
            : Double(last) + (profile[last] - half) / (profile[last] - profile[last + 1])
        return right - left
    }
}
