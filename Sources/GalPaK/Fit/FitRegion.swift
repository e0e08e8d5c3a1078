/// The part of a cube a fit evaluates its model on (a ``CropBox``), with everything its
/// evaluations need, such that χ² keeps the whole cube's meaning:
///
///     χ²(p) ≈ χ²_box(p) + χ²_out,    χ²_out = χ² of the voxels outside the box for a zero model
///
/// computed once (``outsideChi2``). The parameters stay in the whole cube's coordinates: the
/// clean model is exactly the whole cube's render restricted to the box (``DiskModel/window``:
/// the disk is normalised to `flux` over the whole field, each line over every channel), then
/// convolved on the box with the instrument kernel cut from the whole cube's
/// (``Kernel3D/cropped(nx:ny:nz:)``).
///
/// **Approximations** (none for the whole cube, where this is exactly the plain fit), both from
/// the model's flux beyond the box: the model is taken as zero outside it (its χ² there is
/// `Σ_out (D − M)²/V`, not `Σ_out D²/V`), and flux the kernel would carry in from outside is
/// missing. For correlated noise the χ² is the cosine-basis one (``CorrelatedChiSquare``) on
/// the box's grid, mirrored at its faces, from the same correlation model; the cross terms between
/// residuals inside and outside the box are neglected (they depend on the model only through
/// its residuals within a correlation length of the box's faces, where the margin keeps it
/// ≈ 0). ``CropSummary`` measures the total error over the posterior draws.
public struct FitRegion: Sendable {
    /// The box, in the whole cube's voxels.
    public let box: CropBox
    /// The box's voxels.
    public let cube: Cube
    /// The instrument kernel on the box's grid (at the nominal PSF width when it is free).
    public let kernel: Kernel3D
    /// The kernels of a free PSF width on the box's grid (`--seeing VALUE:SIGMA`), nil when fixed.
    public let psfWidth: PSFWidthKernel?
    /// The data term on the box.
    public let chiSquare: ChiSquare
    /// The noise's correlation (nil: white noise).
    public let correlation: NoiseCorrelation?
    /// The noise spectrum on the box's grid (nil: white noise, the plain χ²).
    public let noise: NoisePowerSpectrum?
    /// χ² of the voxels outside the box for a zero model (0 for the whole cube).
    public let outsideChi2: Double
    /// The whole cube's shape and velocity step, which the renderer keeps.
    private let whole: (nx: Int, ny: Int, nz: Int, velocityStep: Double)
    private let model: ModelConfiguration
    private let lines: LineGrid?
    private let wholeCount: Int
    /// The convolution's race, run by the first forward model and kept for the others.
    private let race = ConvolutionRace()

    /// The region `box` of `whole`, whose kernel and data term are `kernel` and `chiSquare`;
    /// `correlation` is the noise's (nil or white: the plain χ², the same number by Parseval
    /// without the FFT), whose spectrum is taken at the variance given; `psfWidth`, the whole
    /// cube's kernels when the PSF width is free, is cut to the box as `kernel` is.
    public init(box: CropBox, whole: Cube, kernel: Kernel3D, chiSquare: ChiSquare, correlation: NoiseCorrelation?,
                model: ModelConfiguration, lines: LineGrid? = nil, psfWidth: PSFWidthKernel? = nil) {
        precondition(box.fits(nx: whole.nx, ny: whole.ny, nz: whole.nz), "crop box outside the cube")
        self.box = box
        self.model = model
        self.lines = lines
        self.whole = (whole.nx, whole.ny, whole.nz, whole.velocityStep)
        wholeCount = whole.count
        let correlated = correlation.flatMap { $0 == .white ? nil : $0 }
        self.correlation = correlated
        guard !box.isWhole(nx: whole.nx, ny: whole.ny, nz: whole.nz) else {
            cube = whole
            self.kernel = kernel
            self.psfWidth = psfWidth
            self.chiSquare = chiSquare
            noise = correlated.map { NoisePowerSpectrum(nx: whole.nx, ny: whole.ny, nz: whole.nz, correlation: $0) }
            outsideChi2 = 0
            return
        }
        cube = whole.cropped(to: box)
        self.kernel = kernel.cropped(nx: box.nx, ny: box.ny, nz: box.nz)
        self.psfWidth = psfWidth?.cropped(nx: box.nx, ny: box.ny, nz: box.nz)
        self.chiSquare = ChiSquare(cube: cube, statistic: chiSquare.statistic)
        noise = correlated.map { NoisePowerSpectrum(nx: box.nx, ny: box.ny, nz: box.nz, correlation: $0) }
        let outside = chiSquare.excluding(box, nx: whole.nx, ny: whole.ny)
        let zero = [Double](repeating: 0, count: whole.count)
        if let correlated {
            let spectrum = NoisePowerSpectrum(nx: whole.nx, ny: whole.ny, nz: whole.nz, correlation: correlated)
            outsideChi2 = CorrelatedChiSquare(chiSquare: outside, spectrum: spectrum)(zero)
        } else {
            outsideChi2 = outside(zero)
        }
    }

    /// A forward model on the box whose χ² includes ``outsideChi2`` (one per thread; the first
    /// races the convolution methods, the others build the winner), its disk
    /// skipping the light below 1e-8 of the disk's brightest (``NegligibleLight/belowTheDisk``);
    /// `planning` as ``ForwardModel/init(disk:kernel:chiSquare:noise:outsideChi2:planning:race:)``'s
    /// (`.estimate` for a model evaluated only a few times).
    public func forwardModel(planning: FFTPlanning = .measure) -> ForwardModel {
        let disk = DiskModel(nx: whole.nx, ny: whole.ny, nz: whole.nz, velocityStep: whole.velocityStep,
                             configuration: model, window: box, lines: lines, neglecting: .belowTheDisk)
        guard let psfWidth else {
            return ForwardModel(disk: disk, kernel: kernel, chiSquare: chiSquare, noise: noise, outsideChi2: outsideChi2,
                                planning: planning, race: race)
        }
        return ForwardModel(disk: disk, psfWidth: psfWidth, chiSquare: chiSquare, noise: noise, outsideChi2: outsideChi2)
    }

    /// Fraction of the whole cube's voxels in the box.
    public var fraction: Double { Double(box.count) / Double(wholeCount) }
}
