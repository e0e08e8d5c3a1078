/// The convolution with the kernel of a free PSF width (``PSFWidthKernel``), rebuilt whenever
/// ``setFWHM(_:)`` is given a new width, into buffers made once: no allocation per evaluation.
///
/// - **Separable** kernels (a Gaussian PSF with its axes along x and y, times any LSF):
///   ``SeparableConvolver`` with new taps, `x[i] = P(nx/2 − i, 0)`, `y[j] = P(0, ny/2 − j)` (each
///   cut below `relativeCutoff` = 1e-8 of its peak, as ``SeparableKernel`` cuts them) and
///   `z[k] = LSF[k]/(Σx·Σy)`: `nx + ny` profile evaluations on the grid and the whole cube's row
///   and column; nothing else changes, so a new width costs well under 1 % of a convolution.
/// - **Any other** (an elliptical Gaussian at an angle, a Moffat profile): ``FFTConvolver`` on a
///   box sized for the widest kernel, whose kernel transform is rebuilt from the new PSF image
///   (one profile evaluation per pixel of the whole cube's image, one 2-D transform, one complex
///   product per kernel frequency: ``PSFFactorTransform``).
///
/// The kernel is the same as the fixed kernel at that width (``PSFWidthKernel/kernel(fwhm:)``)
/// to ~1e-15 of its peak; the convolution then agrees with the fixed one's as the two methods
/// agree (~2e-7 of the peak for the separable passes in Float, ~1e-14 for FFTW).
public final class PSFWidthConvolution: CubeConvolution {
    /// The kernels.
    public let family: PSFWidthKernel
    /// The width of the kernel in use, arcsec.
    public private(set) var fwhm: Double
    private let passes: Passes

    /// The convolution and its scratch buffers.
    private enum Passes {
        case separable(SeparableConvolver, Taps)
        case fft(FFTConvolver, image: UnsafeMutableBufferPointer<Double>)
    }

    /// The profiles along x, y and z of the separable case, and the LSF (z) factor cut once.
    private struct Taps {
        let x: UnsafeMutableBufferPointer<Double>, y: UnsafeMutableBufferPointer<Double>
        let z: UnsafeMutableBufferPointer<Double>
        /// The cut LSF, and its offsets below the centre.
        let lsf: [Double], lowerZ: Int
        let capacity: (x: Int, y: Int)

        func release() {
            x.deallocate()
            y.deallocate()
            z.deallocate()
        }
    }

    /// Taps below this fraction of their axis's peak are left out (``SeparableKernel``'s default).
    public static let relativeCutoff = 1e-8

    /// The fastest convolution for `family` (as ``makeConvolution(kernel:planning:race:)`` chooses for a
    /// fixed kernel: with `.measure`, a separable family is timed both ways), at its nominal width.
    public init(family: PSFWidthKernel, planning: FFTPlanning = .measure) {
        self.family = family
        fwhm = family.nominal
        let nominal = family.kernel(fwhm: family.nominal)
        let fft = { FFTConvolver(psfWidth: family, planning: planning) }
        guard let separable = SeparableKernel(kernel: nominal, relativeCutoff: Self.relativeCutoff) else {
            passes = .fft(fft(), image: .allocate(capacity: family.nx * family.ny))
            return
        }
        let widest = SeparableKernel(kernel: family.kernel(fwhm: family.maximum), relativeCutoff: Self.relativeCutoff) ?? separable
        let capacity = (x: Swift.max(widest.x.count, separable.x.count), y: Swift.max(widest.y.count, separable.y.count))
        let direct = SeparableConvolver(kernel: separable, capacity: (capacity.x, capacity.y, separable.z.count))
        // The LSF factor cut as the kernel's z factor is (relative to its own peak).
        let taps = Taps(x: .allocate(capacity: family.nx), y: .allocate(capacity: family.ny),
                        z: .allocate(capacity: separable.z.count),
                        lsf: Array(family.lsf[(family.nz / 2 - separable.lower.z)...].prefix(separable.z.count)),
                        lowerZ: separable.lower.z, capacity: capacity)
        guard planning == .measure else {
            passes = .separable(direct, taps)
            return
        }
        let transform = fft()
        if medianConvolutionSeconds(direct, nx: family.nx, ny: family.ny, nz: family.nz)
            <= medianConvolutionSeconds(transform, nx: family.nx, ny: family.ny, nz: family.nz) {
            passes = .separable(direct, taps)
        } else {
            taps.release()
            passes = .fft(transform, image: .allocate(capacity: family.nx * family.ny))
        }
    }

    deinit {
        switch passes {
        case .separable(_, let taps): taps.release()
        case .fft(_, let image): image.deallocate()
        }
    }

    public var nx: Int { family.nx }
    public var ny: Int { family.ny }
    public var nz: Int { family.nz }

    public var method: String {
        switch passes {
        case .separable(let direct, _): "\(direct.method), rebuilt per PSF width"
        case .fft(let transform, _): "\(transform.method), PSF factor rebuilt per width"
        }
    }

    /// Rebuilds the kernel at `fwhm` arcsec (nothing when it is the width in use; NaN keeps it).
    /// Allocation-free.
    public func setFWHM(_ fwhm: Double) {
        guard fwhm != self.fwhm, !fwhm.isNaN else { return }
        self.fwhm = fwhm
        switch passes {
        case .separable(let direct, let taps):
            let centre = family.axisProfiles(fwhm: fwhm, x: taps.x, y: taps.y)
            for (k, l) in taps.lsf.enumerated() { taps.z[k] = l * centre }
            let x = Self.cut(taps.x, centre: family.nx / 2, capacity: taps.capacity.x)
            let y = Self.cut(taps.y, centre: family.ny / 2, capacity: taps.capacity.y)
            direct.setTaps(x: UnsafeBufferPointer(rebasing: taps.x[x.range]), lowerX: x.lower,
                           y: UnsafeBufferPointer(rebasing: taps.y[y.range]), lowerY: y.lower,
                           z: UnsafeBufferPointer(taps.z), lowerZ: taps.lowerZ)
        case .fft(let transform, let image):
            family.image(fwhm: fwhm, into: image)
            transform.setPSF(UnsafeBufferPointer(image))
        }
    }

    public func convolve(_ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        switch passes {
        case .separable(let direct, _): direct.convolve(input, into: output)
        case .fft(let transform, _): transform.convolve(input, into: output)
        }
    }

    /// The taps of `profile` (peak 1 at `centre`) at or above ``relativeCutoff``, at most
    /// `capacity` of them (the widest kernel's; beyond it, the outermost are dropped), and how
    /// many lie below the centre.
    private static func cut(_ profile: UnsafeMutableBufferPointer<Double>, centre: Int,
                            capacity: Int) -> (range: Range<Int>, lower: Int) {
        var first = centre, last = centre
        while first > 0, profile[first - 1] >= relativeCutoff { first -= 1 }
        while last < profile.count - 1, profile[last + 1] >= relativeCutoff { last += 1 }
        while last - first + 1 > capacity {
            if centre - first > last - centre { first += 1 } else { last -= 1 }
        }
        return (first..<(last + 1), centre - first)
    }
}
