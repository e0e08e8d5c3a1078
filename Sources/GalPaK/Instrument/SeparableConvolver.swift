import CConvolutionKernels

/// Linear convolution with a ``SeparableKernel`` by three direct 1-D passes (x, then y, then z),
///
///     out[p] = Σ_d D[p − d]·x[d_x]·y[d_y]·z[d_z],   p − d inside the cube,
///
/// which is the same linear convolution as ``FFTConvolver`` (kernel centre at
/// (nz/2, ny/2, nx/2), nothing wraps) in `nx·ny·nz·(taps_x + taps_y + taps_z)` multiply-adds.
///
/// Each pass reads a copy of its input padded with zeros along the axis it convolves, so that
/// every output is the same sum `out[n] = Σ_s w[T−1−s]·in[n + s]` over all T taps with no
/// bounds tests. The sums run in C (`ck_correlate`, `CConvolutionKernels`): 32 consecutive
/// outputs summed over the taps in registers and stored once, in eight-float vectors, on the
/// ``CPUPath`` chosen (AVX2 + FMA where the CPU has them; the two paths agree to rounding).
///
/// Precision: the passes run in Float, which halves the vector work of Double. The input is
/// scaled by a power of two that brings the sum of its magnitudes into [1, 2) (exact), converted to
/// Float, convolved, and scaled back into Double; subnormal numbers are flushed to zero
/// meanwhile (``withSubnormalsFlushedToZero(_:)``). Every tap and input of a disk model is
/// non-negative, so each output carries a relative rounding error of at most ~(T+1)·6e-8,
/// ~1e-7 in practice (measured against the Double FFT convolution: ≤ 2e-7 of the peak,
/// relative L2 ~1e-7). A cube's noise is 1e-2–1e-4 of its peak and its data are stored in
/// Float, so this costs no accuracy a fit can see; the χ² is still summed in Double.
/// Scratch buffers are allocated once; `convolve` allocates nothing. Not thread-safe.
///
/// The taps may be replaced between convolutions (``setTaps(x:lowerX:y:lowerY:z:lowerZ:)``, a
/// PSF rebuilt at another FWHM), up to the `capacity` given at `init`: the padded buffers keep
/// `capacity − 1` zeros on both sides of the data on each axis, so that any taps up to that
/// many find their zeros without re-zeroing anything.
public final class SeparableConvolver: CubeConvolution {
    public let nx: Int, ny: Int, nz: Int
    /// The taps of each axis in reverse order, so that a pass is a correlation (room for the
    /// capacity; the first `counts` are in use).
    private let reversed: (x: UnsafeMutableBufferPointer<Float>, y: UnsafeMutableBufferPointer<Float>,
                           z: UnsafeMutableBufferPointer<Float>)
    /// The number of taps in use on each axis.
    private var counts: (x: Int, y: Int, z: Int)
    /// Offsets below the centre of the taps in use, per axis.
    private var lower: (x: Int, y: Int, z: Int)
    /// The most taps per axis: the zeros padding each side of the data.
    private let capacity: (x: Int, y: Int, z: Int)
    /// One image row with `capacity.x − 1` zeros on each side.
    private let row: UnsafeMutableBufferPointer<Float>
    /// The x-convolved cube, each channel with `capacity.y − 1` zero rows above and below.
    private let afterX: UnsafeMutableBufferPointer<Float>
    /// The x- and y-convolved cube with `capacity.z − 1` zero channels before and after.
    private let afterY: UnsafeMutableBufferPointer<Float>

    /// The instruction set of the passes.
    public let path: CPUPath

    /// A convolver by `kernel`, its passes on `path` (default: the fastest this CPU runs); taps
    /// of up to `capacity` per axis (at least the kernel's) may replace its taps later.
    public init(kernel: SeparableKernel, path: CPUPath = .best, capacity: (x: Int, y: Int, z: Int)? = nil) {
        self.path = path
        (nx, ny, nz) = (kernel.nx, kernel.ny, kernel.nz)
        let room = capacity ?? (kernel.x.count, kernel.y.count, kernel.z.count)
        precondition(room.x >= kernel.x.count && room.y >= kernel.y.count && room.z >= kernel.z.count,
                     "the capacity must hold the kernel's taps")
        self.capacity = room
        reversed = (.allocate(capacity: room.x), .allocate(capacity: room.y), .allocate(capacity: room.z))
        counts = (0, 0, 0)
        lower = (0, 0, 0)
        func zeros(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
            buffer.initialize(repeating: 0)
            return buffer
        }
        row = zeros(nx + 2 * (room.x - 1))
        afterX = zeros(nz * (ny + 2 * (room.y - 1)) * nx)
        afterY = zeros((nz + 2 * (room.z - 1)) * ny * nx)
        kernel.x.withUnsafeBufferPointer { x in
            kernel.y.withUnsafeBufferPointer { y in
                kernel.z.withUnsafeBufferPointer { z in
                    setTaps(x: x, lowerX: kernel.lower.x, y: y, lowerY: kernel.lower.y, z: z, lowerZ: kernel.lower.z)
                }
            }
        }
    }

    deinit {
        for buffer in [reversed.x, reversed.y, reversed.z, row, afterX, afterY] { buffer.deallocate() }
    }

    /// Replaces the taps: along each axis the taps for offsets `−lower…(count − 1 − lower)` from
    /// the centre, as ``SeparableKernel`` holds them. Allocation-free.
    /// - Precondition: each axis has at least one and at most its capacity of taps, its centre among them.
    public func setTaps(x: UnsafeBufferPointer<Double>, lowerX: Int, y: UnsafeBufferPointer<Double>, lowerY: Int,
                        z: UnsafeBufferPointer<Double>, lowerZ: Int) {
        precondition(!x.isEmpty && x.count <= capacity.x && !y.isEmpty && y.count <= capacity.y
                     && !z.isEmpty && z.count <= capacity.z, "taps beyond the convolver's capacity")
        precondition((0..<x.count).contains(lowerX) && (0..<y.count).contains(lowerY) && (0..<z.count).contains(lowerZ),
                     "the centre tap must be among the taps")
        for (taps, into) in [(x, reversed.x), (y, reversed.y), (z, reversed.z)] {
            for n in taps.indices { into[taps.count - 1 - n] = Float(taps[n]) }
        }
        counts = (x.count, y.count, z.count)
        lower = (lowerX, lowerY, lowerZ)
    }

    public var method: String {
        "separable, \(counts.x)×\(counts.y)×\(counts.z) taps, \(path.rawValue)"
    }

    public func convolve(_ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        precondition(input.count == nx * ny * nz && output.count == input.count,
                     "cube does not match the convolver's shape")
        guard let source = input.baseAddress, let target = output.baseAddress else { return }
        let (scale, unscale) = Self.normalization(input)
        withSubnormalsFlushedToZero {
            convolvePasses(source, scale: scale, unscale: unscale, into: target)
        }
    }

    private func convolvePasses(_ source: UnsafePointer<Double>, scale: Double, unscale: Double,
                                into target: UnsafeMutablePointer<Double>) {
        let (tx, ty, tz) = counts
        // Zeros before each line: out[n] needs in[n − (T − 1 − lower)] … in[n + lower]; the data
        // start `capacity − 1` into each padded line, so a pass reads from `pad − before` on.
        let before = (x: tx - 1 - lower.x, y: ty - 1 - lower.y, z: tz - 1 - lower.z)
        let pad = (x: capacity.x - 1, y: capacity.y - 1, z: capacity.z - 1)
        let plane = nx * ny
        let paddedPlane = (ny + 2 * pad.y) * nx
        let line = row.baseAddress! + pad.x, xOut = afterX.baseAddress!, yOut = afterY.baseAddress!
        // Along x, row by row (scaled into Float), into the middle rows of each padded channel;
        // then along y, a whole channel at a time (rows are `nx` apart), into the middle
        // channels. Rows and channels of zeros (a disk's spectra reach only some channels) give
        // zeros without the sums.
        for k in 0..<nz {
            var channelIsZero = true
            for j in 0..<ny {
                let from = source + (k * ny + j) * nx
                let out = xOut + k * paddedPlane + (pad.y + j) * nx
                var bits: UInt64 = 0
                for i in 0..<nx {
                    bits |= from[i].bitPattern
                    line[i] = Float(from[i] * scale)
                }
                guard bits != 0 else {
                    out.update(repeating: 0, count: nx)
                    continue
                }
                channelIsZero = false
                ck_correlate(path.c, line - before.x, 1, reversed.x.baseAddress!, Int32(tx), out, nx)
            }
            let out = yOut + (pad.z + k) * plane
            guard !channelIsZero else {
                out.update(repeating: 0, count: plane)
                continue
            }
            ck_correlate(path.c, xOut + k * paddedPlane + (pad.y - before.y) * nx, nx, reversed.y.baseAddress!, Int32(ty),
                         out, plane)
        }
        // Along z (channels are `plane` apart), in tiles of `zTile` spaxels through all the
        // channels, so that the `taps_z` input rows an output row needs are still in L1 cache
        // from the previous output channel even when a whole channel is larger than the cache;
        // scaled back into Double.
        for tile in stride(from: 0, to: plane, by: Self.zTile) {
            let width = Swift.min(Self.zTile, plane - tile)
            for k in 0..<nz {
                ck_correlate_to_double(path.c, yOut + (k + pad.z - before.z) * plane + tile, plane, reversed.z.baseAddress!,
                                       Int32(tz), unscale, target + k * plane + tile, width)
            }
        }
    }

    /// Spaxels per tile of the z pass: `taps_z` rows of 256 floats (1 KB each) fit in L1.
    static let zTile = 256

    /// A power of two `s` such that `s·Σ|value|` is in [1, 2), and 1/s (both exact); (1, 1)
    /// when the input is all zeros or not finite. Every scaled value is then at most 2, far
    /// inside Float's range, and the sum costs a single add per value (a maximum would cost
    /// three vector operations per value without SSE4).
    static func normalization(_ input: UnsafeBufferPointer<Double>) -> (scale: Double, unscale: Double) {
        typealias Bits = SIMD8<UInt64>
        let magnitudeMask = Bits(repeating: ~(1 << 63))
        var sums = (SIMD8<Double>(), SIMD8<Double>())
        var n = 0
        let base = input.baseAddress!
        while n + 16 <= input.count {
            let a = UnsafeRawPointer(base + n).loadUnaligned(as: Bits.self) & magnitudeMask
            let b = UnsafeRawPointer(base + n + 8).loadUnaligned(as: Bits.self) & magnitudeMask
            sums.0 += unsafeBitCast(a, to: SIMD8<Double>.self)
            sums.1 += unsafeBitCast(b, to: SIMD8<Double>.self)
            n += 16
        }
        var total = (sums.0 + sums.1).sum()
        while n < input.count { total += Swift.abs(base[n]); n += 1 }
        guard total > 0, total.isFinite else { return (1, 1) }
        let exponent = total.exponent
        return (Double(sign: .plus, exponent: -exponent, significand: 1),
                Double(sign: .plus, exponent: exponent, significand: 1))
    }
}
