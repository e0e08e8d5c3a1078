/// The observed model of a cube: the clean disk (``DiskModel``) convolved with the instrument's
/// kernel (``makeConvolution(kernel:planning:race:)``: separable passes or FFTW) and compared with
/// the data (``ChiSquare``, or ``CorrelatedChiSquare`` when a noise spectrum is given).
///
/// On a crop (``FitRegion``) the disk renders its window of the whole cube, the kernel and the
/// data term are the window's, and the fixed χ² of the voxels outside is added to every χ².
///
/// With a free PSF width (``PSFWidthKernel``, `--seeing VALUE:SIGMA`) the kernel is rebuilt at
/// each parameter set's `psf_fwhm` before convolving (``PSFWidthConvolution``; a set without it
/// is convolved at the nominal width).
///
/// One evaluation renders once and convolves once, into buffers allocated in `init`; nothing
/// is allocated per evaluation. Not thread-safe: give each chain its own instance (they may
/// share the `Kernel3D` and the `ChiSquare`).
public final class ForwardModel {
    /// The clean-cube renderer.
    public let disk: DiskModel
    /// The instrument convolution.
    public let convolver: any CubeConvolution
    /// The data term.
    public let chiSquare: ChiSquare
    /// The data term for correlated noise, used instead of `chiSquare` when present.
    public let correlatedChiSquare: CorrelatedChiSquare?
    /// Added to every χ²: the χ² of the voxels outside the disk's ``DiskModel/window`` (0 for the whole cube).
    public let outsideChi2: Double
    private var clean: [Double]
    private var convolved: [Double]
    /// The convolution again when its PSF width is a parameter.
    private let psfWidth: PSFWidthConvolution?

    /// Number of model evaluations made so far.
    public private(set) var evaluations = 0

    /// The model convolved with `kernel`, compared with the data by `chiSquare` (by the
    /// correlated-noise χ² when `noise` is given), `outsideChi2` added to every χ².
    ///
    /// `planning` is the convolution's (``makeConvolution(kernel:planning:race:)``): `.measure` (the
    /// default) times FFTW's algorithms and races the FFT against the separable passes, which
    /// pays for a model evaluated thousands of times; `.estimate` skips both, for a model
    /// evaluated a few dozen times (on the CO cube the timing of the whole cube's model took
    /// ~0.5 s, a tenth of an `--optimize` fit). `race` keeps the convolution's race between forward models of the same kernel.
    public convenience init(disk: DiskModel, kernel: Kernel3D, chiSquare: ChiSquare, noise: NoisePowerSpectrum? = nil,
                            outsideChi2: Double = 0, planning: FFTPlanning = .measure, race: ConvolutionRace? = nil) {
        precondition(kernel.nx == disk.window.nx && kernel.ny == disk.window.ny && kernel.nz == disk.window.nz,
                     "kernel and model shapes differ")
        self.init(disk: disk, convolver: makeConvolution(kernel: kernel, planning: planning, race: race), psfWidth: nil,
                  chiSquare: chiSquare,
                  noise: noise, outsideChi2: outsideChi2)
    }

    /// The model convolved with the kernel of each parameter set's `psf_fwhm` (`family`'s).
    public convenience init(disk: DiskModel, psfWidth family: PSFWidthKernel, chiSquare: ChiSquare,
                            noise: NoisePowerSpectrum? = nil, outsideChi2: Double = 0) {
        precondition(family.nx == disk.window.nx && family.ny == disk.window.ny && family.nz == disk.window.nz,
                     "kernel and model shapes differ")
        let convolution = PSFWidthConvolution(family: family)
        self.init(disk: disk, convolver: convolution, psfWidth: convolution, chiSquare: chiSquare,
                  noise: noise, outsideChi2: outsideChi2)
    }

    private init(disk: DiskModel, convolver: any CubeConvolution, psfWidth: PSFWidthConvolution?, chiSquare: ChiSquare,
                 noise: NoisePowerSpectrum?, outsideChi2: Double) {
        self.disk = disk
        self.convolver = convolver
        self.psfWidth = psfWidth
        self.chiSquare = chiSquare
        self.outsideChi2 = outsideChi2
        correlatedChiSquare = noise.map { CorrelatedChiSquare(chiSquare: chiSquare, spectrum: $0) }
        clean = [Double](repeating: 0, count: disk.window.count)
        convolved = clean
    }

    /// χ² of the convolved model at `parameters` (plus ``outsideChi2``); +∞ when the disk
    /// cannot be rendered (no flux on the grid), so a sampler rejects that state.
    public func chi2(_ parameters: GalaxyParameters) -> Double {
        evaluations += 1
        guard renderConvolved(parameters) else { return .infinity }
        return outsideChi2 + convolved.withUnsafeBufferPointer { model in
            if let correlatedChiSquare { return correlatedChiSquare(model) }
            return chiSquare(model)
        }
    }

    /// The number of residuals ``residuals(_:into:)`` writes: one per voxel of the window (or
    /// cosine mode), nil when the statistic is not a sum of squares (the Poisson-like ones).
    public var residualCount: Int? {
        chiSquare.statistic == .gaussian ? disk.window.count : nil
    }

    /// The residuals whose sum of squares, plus ``outsideChi2``, is ``chi2(_:)`` at
    /// `parameters`: `(D − M)/σ` per voxel, or per cosine mode `C(k)/√P(k)` for correlated
    /// noise; false (nothing written) when the disk cannot be rendered. One model evaluation.
    /// - Precondition: ``residualCount`` is not nil and `out` has that many values.
    public func residuals(_ parameters: GalaxyParameters, into out: UnsafeMutableBufferPointer<Double>) -> Bool {
        evaluations += 1
        guard renderConvolved(parameters) else { return false }
        convolved.withUnsafeBufferPointer { model in
            if let correlatedChiSquare {
                correlatedChiSquare.residuals(model, into: out)
            } else {
                chiSquare.residuals(model, into: out)
            }
        }
        return true
    }

    /// The clean (deconvolved) cube at `parameters`; the disk's intrinsic maps are updated too.
    public func cleanCube(_ parameters: GalaxyParameters) -> [Double] {
        disk.render(parameters)
    }

    /// The convolved model cube at `parameters`.
    public func convolvedCube(_ parameters: GalaxyParameters) -> [Double] {
        _ = renderConvolved(parameters)
        return convolved
    }

    private func renderConvolved(_ parameters: GalaxyParameters) -> Bool {
        if let psfWidth {
            let fwhm = parameters[.psfFWHM]
            psfWidth.setFWHM(fwhm.isNaN ? psfWidth.family.nominal : fwhm)
        }
        let ok = clean.withUnsafeMutableBufferPointer { disk.render(parameters, into: $0) }
        clean.withUnsafeBufferPointer { input in
            convolved.withUnsafeMutableBufferPointer { convolver.convolve(input, into: $0) }
        }
        return ok
    }
}
