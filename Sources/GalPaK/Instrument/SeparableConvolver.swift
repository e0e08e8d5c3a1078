/// Linear convolution with a ``SeparableKernel`` by three direct 1-D passes (x, then y, then z),
///
///     out[p] = Σ_d D[p − d]·x[d_x]·y[d_y]·z[d_z],   p − d inside the cube,
///
/// which is the same linear convolution as ``FFTConvolver`` (kernel centre at
/// (nz/2, ny/2, nx/2), nothing wraps) in `nx·ny·nz·(taps_x + taps_y + taps_z)` multiply-adds.
///
/// Each pass reads a copy of its input padded with zeros along the axis it convolves, so that
/// every output is the same sum `out[n] = Σ_s w[T−1−s]·in[n + s]` over all T taps with no
/// bounds tests; eight consecutive outputs (a ``Lanes`` vector) are summed over the taps in
/// registers and stored once. Exact up to float64 round-off (~1e-15 of the peak) and the 1e-12
/// tap crop. Scratch buffers are allocated once; `convolve` allocates nothing. Not thread-safe.
public final class SeparableConvolver: CubeConvolution {
    public let nx: Int, ny: Int, nz: Int
    private let kernel: SeparableKernel
    /// The taps of each axis in reverse order, so that a pass is a correlation.
    private let reversed: (x: UnsafeMutableBufferPointer<Double>, y: UnsafeMutableBufferPointer<Double>,
                           z: UnsafeMutableBufferPointer<Double>)
    /// One image row with `taps_x − 1` zeros around it (and room for a last partial vector).
    private let row: UnsafeMutableBufferPointer<Double>
    /// The x-convolved cube, each channel with zero rows above and below.
    private let afterX: UnsafeMutableBufferPointer<Double>
    /// The x- and y-convolved cube with zero channels before and after.
    private let afterY: UnsafeMutableBufferPointer<Double>

    /// Eight doubles: one AVX-512 register, two AVX or four SSE registers.
    typealias Lanes = SIMD8<Double>

    public init(kernel: SeparableKernel) {
        self.kernel = kernel
        (nx, ny, nz) = (kernel.nx, kernel.ny, kernel.nz)
        func reverse(_ taps: [Double]) -> UnsafeMutableBufferPointer<Double> {
            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: taps.count)
            _ = buffer.initialize(from: taps.reversed())
            return buffer
        }
        reversed = (reverse(kernel.x), reverse(kernel.y), reverse(kernel.z))
        // Every buffer has one vector of slack: the last partial vector of a pass reads past
        // the end of its data (the extra lanes are computed and dropped).
        func zeros(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: count + Lanes.scalarCount)
            buffer.initialize(repeating: 0)
            return buffer
        }
        row = zeros(kernel.nx + kernel.x.count - 1 + Lanes.scalarCount)
        afterX = zeros(kernel.nz * (kernel.ny + kernel.y.count - 1) * kernel.nx)
        afterY = zeros((kernel.nz + kernel.z.count - 1) * kernel.ny * kernel.nx)
    }

    deinit {
        for buffer in [reversed.x, reversed.y, reversed.z, row, afterX, afterY] { buffer.deallocate() }
    }

    public var method: String {
        "separable, \(kernel.x.count)×\(kernel.y.count)×\(kernel.z.count) taps"
    }

    public func convolve(_ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        precondition(input.count == nx * ny * nz && output.count == input.count,
                     "cube does not match the convolver's shape")
        guard let source = input.baseAddress, let target = output.baseAddress else { return }
        let (tx, ty, tz) = (kernel.x.count, kernel.y.count, kernel.z.count)
        // Zeros before each line: out[n] needs in[n − (T − 1 − lower)] … in[n + lower].
        let before = (x: tx - 1 - kernel.lower.x, y: ty - 1 - kernel.lower.y, z: tz - 1 - kernel.lower.z)
        let plane = nx * ny
        let paddedPlane = (ny + ty - 1) * nx
        let line = row.baseAddress!, xOut = afterX.baseAddress!, yOut = afterY.baseAddress!
        // Along x, row by row, into the middle rows of each padded channel.
        for k in 0..<nz {
            for j in 0..<ny {
                (line + before.x).update(from: source + (k * ny + j) * nx, count: nx)
                Self.correlate(line, stride: 1, taps: reversed.x, count: nx,
                               into: xOut + k * paddedPlane + (before.y + j) * nx)
            }
        }
        // Along y, a whole channel at a time (rows are `nx` apart), into the middle channels.
        for k in 0..<nz {
            Self.correlate(xOut + k * paddedPlane, stride: nx, taps: reversed.y, count: plane,
                           into: yOut + (before.z + k) * plane)
        }
        // Along z (channels are `plane` apart), in tiles of `zTile` spaxels through all the
        // channels, so that the `taps_z` input rows an output row needs are still in L1 cache
        // from the previous output channel even when a whole channel is larger than the cache.
        for tile in stride(from: 0, to: plane, by: Self.zTile) {
            let width = Swift.min(Self.zTile, plane - tile)
            for k in 0..<nz {
                Self.correlate(yOut + k * plane + tile, stride: plane, taps: reversed.z, count: width,
                               into: target + k * plane + tile)
            }
        }
    }

    /// Spaxels per tile of the z pass: `taps_z` rows of 256 doubles (2 KB each) fit in L1.
    static let zTile = 256

    /// `out[q] = Σ_s taps[s] · from[q + s·stride]` for `q` in `0..<count`, sixteen then eight
    /// outputs at a time summed in registers (two independent sums hide the add latency).
    /// Reads up to `Lanes.scalarCount − 1` values past the last needed one (the buffers have
    /// that slack); writes exactly `count` values.
    @inline(__always)
    private static func correlate(_ from: UnsafePointer<Double>, stride: Int,
                                  taps: UnsafeMutableBufferPointer<Double>, count: Int,
                                  into out: UnsafeMutablePointer<Double>) {
        let width = Lanes.scalarCount
        let w = taps.baseAddress!, ntaps = taps.count
        var q = 0
        while q + 2 * width <= count {
            var low = Lanes(), high = Lanes()
            var p = from + q
            for s in 0..<ntaps {
                low += w[s] * UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
                high += w[s] * UnsafeRawPointer(p + width).loadUnaligned(as: Lanes.self)
                p += stride
            }
            UnsafeMutableRawPointer(out + q).storeBytes(of: low, as: Lanes.self)
            UnsafeMutableRawPointer(out + q + width).storeBytes(of: high, as: Lanes.self)
            q += 2 * width
        }
        while q < count {
            var sum = Lanes()
            var p = from + q
            for s in 0..<ntaps {
                sum += w[s] * UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
                p += stride
            }
            if q + width <= count {
                UnsafeMutableRawPointer(out + q).storeBytes(of: sum, as: Lanes.self)
            } else {
                for lane in 0..<(count - q) { out[q + lane] = sum[lane] }
            }
            q += width
        }
    }
}
