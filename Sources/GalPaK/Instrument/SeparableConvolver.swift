/// Linear convolution with a ``SeparableKernel`` by three direct 1-D passes (x, then y, then z),
///
///     out[p] = Σ_d D[p − d]·x[d_x]·y[d_y]·z[d_z],   p − d inside the cube,
///
/// which is the same linear convolution as ``FFTConvolver`` (kernel centre at
/// (nz/2, ny/2, nx/2), nothing wraps) in `nx·ny·nz·(taps_x + taps_y + taps_z)` multiply-adds.
/// Every pass is a sequence of contiguous updates `out += w·in` (whole rows for y, whole
/// planes for z, each output plane finished while it is in cache), which the compiler vectorises. Exact up to float64 round-off (~1e-15 of the peak) and the 1e-12 tap crop.
/// Scratch buffers are allocated once; `convolve` allocates nothing. Not thread-safe.
public final class SeparableConvolver: CubeConvolution {
    public let nx: Int, ny: Int, nz: Int
    private let kernel: SeparableKernel
    private let first: UnsafeMutablePointer<Double>
    private let second: UnsafeMutablePointer<Double>

    public init(kernel: SeparableKernel) {
        self.kernel = kernel
        (nx, ny, nz) = (kernel.nx, kernel.ny, kernel.nz)
        first = .allocate(capacity: kernel.nx * kernel.ny * kernel.nz)
        second = .allocate(capacity: kernel.nx * kernel.ny * kernel.nz)
    }

    deinit {
        first.deallocate()
        second.deallocate()
    }

    public var method: String {
        "separable, \(kernel.x.count)×\(kernel.y.count)×\(kernel.z.count) taps"
    }

    public func convolve(_ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        precondition(input.count == nx * ny * nz && output.count == input.count,
                     "cube does not match the convolver's shape")
        guard let source = input.baseAddress, let target = output.baseAddress else { return }
        let count = nx * ny * nz
        // Along x: each row of nx voxels.
        first.update(repeating: 0, count: count)
        Self.pass(from: source, to: first, taps: kernel.x, lower: kernel.lower.x,
                  lines: nz * ny, length: nx, stride: 1)
        // Along y: rows of nx voxels shifted by whole rows, within each channel.
        second.update(repeating: 0, count: count)
        Self.pass(from: UnsafePointer(first), to: second, taps: kernel.y, lower: kernel.lower.y,
                  lines: nz, length: ny, stride: nx)
        // Along z: each output plane is built from its input planes while it stays in cache.
        let plane = nx * ny
        kernel.z.withUnsafeBufferPointer { w in
            for k in 0..<nz {
                let out = target + k * plane
                out.update(repeating: 0, count: plane)
                for t in 0..<w.count {
                    let source = k - (t - kernel.lower.z)
                    guard source >= 0, source < nz else { continue }
                    let inp = UnsafePointer(second + source * plane), weight = w[t]
                    for v in 0..<plane { out[v] += weight * inp[v] }
                }
            }
        }
    }

    /// `to[line, n] += Σ_t taps[t] · from[line, n − (t − lower)]` for n − (t − lower) in
    /// `0..<length`, where element n of a line is the `stride` contiguous values at `n·stride`
    /// (a voxel for x, a row for y), so each tap is one contiguous update.
    @inline(__always)
    private static func pass(from: UnsafePointer<Double>, to: UnsafeMutablePointer<Double>,
                             taps: [Double], lower: Int, lines: Int, length: Int, stride: Int) {
        let lineSize = length * stride
        taps.withUnsafeBufferPointer { w in
            for line in 0..<lines {
                let src = from + line * lineSize, dst = to + line * lineSize
                for t in 0..<w.count {
                    let d = t - lower
                    let weight = w[t]
                    // n runs where n − d is inside the line: a contiguous run of values.
                    let lo = Swift.max(0, d), hi = Swift.min(length, length + d)
                    guard lo < hi else { continue }
                    let out = dst + lo * stride, inp = src + (lo - d) * stride
                    for v in 0..<((hi - lo) * stride) { out[v] += weight * inp[v] }
                }
            }
        }
    }
}
