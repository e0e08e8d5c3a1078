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
public final class SeparableConvolver: CubeConvolution {
    public let nx: Int, ny: Int, nz: Int
    private let kernel: SeparableKernel
    /// The taps of each axis in reverse order, so that a pass is a correlation.
    private let reversed: (x: UnsafeMutableBufferPointer<Float>, y: UnsafeMutableBufferPointer<Float>,
                           z: UnsafeMutableBufferPointer<Float>)
    /// One image row with `taps_x − 1` zeros around it (and room for a last partial vector).
    private let row: UnsafeMutableBufferPointer<Float>
    /// The x-convolved cube, each channel with zero rows above and below.
    private let afterX: UnsafeMutableBufferPointer<Float>
    /// The x- and y-convolved cube with zero channels before and after.
    private let afterY: UnsafeMutableBufferPointer<Float>

    /// The instruction set of the passes.
    public let path: CPUPath

    /// A convolver by `kernel`, its passes on `path` (default: the fastest this CPU runs).
    public init(kernel: SeparableKernel, path: CPUPath = .best) {
        self.kernel = kernel
        self.path = path
        (nx, ny, nz) = (kernel.nx, kernel.ny, kernel.nz)
        func reverse(_ taps: [Double]) -> UnsafeMutableBufferPointer<Float> {
            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: taps.count)
            _ = buffer.initialize(from: taps.reversed().map { Float($0) })
            return buffer
        }
        reversed = (reverse(kernel.x), reverse(kernel.y), reverse(kernel.z))
        func zeros(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
            buffer.initialize(repeating: 0)
            return buffer
        }
        row = zeros(kernel.nx + kernel.x.count - 1)
        afterX = zeros(kernel.nz * (kernel.ny + kernel.y.count - 1) * kernel.nx)
        afterY = zeros((kernel.nz + kernel.z.count - 1) * kernel.ny * kernel.nx)
    }

    deinit {
        for buffer in [reversed.x, reversed.y, reversed.z, row, afterX, afterY] { buffer.deallocate() }
    }

    public var method: String {
        "separable, \(kernel.x.count)×\(kernel.y.count)×\(kernel.z.count) taps, \(path.rawValue)"
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
        let (tx, ty, tz) = (kernel.x.count, kernel.y.count, kernel.z.count)
        // Zeros before each line: out[n] needs in[n − (T − 1 − lower)] … in[n + lower].
        let before = (x: tx - 1 - kernel.lower.x, y: ty - 1 - kernel.lower.y, z: tz - 1 - kernel.lower.z)
        let plane = nx * ny
        let paddedPlane = (ny + ty - 1) * nx
        let line = row.baseAddress! + before.x, xOut = afterX.baseAddress!, yOut = afterY.baseAddress!
        // Along x, row by row (scaled into Float), into the middle rows of each padded channel;
        // then along y, a whole channel at a time (rows are `nx` apart), into the middle
        // channels. Rows and channels of zeros (a disk's spectra reach only some channels) give
        // zeros without the sums.
        for k in 0..<nz {
            var channelIsZero = true
            for j in 0..<ny {
                let from = source + (k * ny + j) * nx
                let out = xOut + k * paddedPlane + (before.y + j) * nx
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
                ck_correlate(path.c, row.baseAddress!, 1, reversed.x.baseAddress!, Int32(tx), out, nx)
            }
            let out = yOut + (before.z + k) * plane
            guard !channelIsZero else {
                out.update(repeating: 0, count: plane)
                continue
            }
            ck_correlate(path.c, xOut + k * paddedPlane, nx, reversed.y.baseAddress!, Int32(ty), out, plane)
        }
        // Along z (channels are `plane` apart), in tiles of `zTile` spaxels through all the
        // channels, so that the `taps_z` input rows an output row needs are still in L1 cache
        // from the previous output channel even when a whole channel is larger than the cache;
        // scaled back into Double.
        for tile in stride(from: 0, to: plane, by: Self.zTile) {
            let width = Swift.min(Self.zTile, plane - tile)
            for k in 0..<nz {
                ck_correlate_to_double(path.c, yOut + k * plane + tile, plane, reversed.z.baseAddress!, Int32(tz),
                                       unscale, target + k * plane + tile, width)
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
