import Foundation

/// Makes a synthetic observation: the disk rendered by ``DiskModel``, convolved with the
/// instrument's kernel, plus seeded white Gaussian noise; the same forward model a fit uses,
/// so a fit of a simulated cube should recover the parameters it was made with.
public struct SimulatedCube: Sendable {
    /// The clean (unconvolved) model.
    public var clean: [Double]
    /// The instrument's 3-D kernel on the cube's grid (``Kernel3D``).
    public var kernel: [Double]
    /// The observed cube: convolved model plus noise.
    public var data: [Double]
    /// Per-voxel noise variance, nil for a noiseless cube.
    public var variance: [Double]?
    /// Noise standard deviation used (0 for none).
    public var sigma: Double
    /// Header cards: the template's WCS (``SimulationSpec/wcsCards``) or a celestial TAN WCS on a
    /// nominal sky position and the spectral axis, then the true parameters (`SIM_X` …
    /// `SIM_SIG0`, `SIM_SEED`, `SIM_NOIS`).
    public var cards: [HeaderCard]

    /// Cube-sized Double arrays a simulation holds at its peak: the clean, observed and
    /// variance cubes, the kernel, the convolution's padded real and two complex transform
    /// buffers (each about a cube when the kernel is small beside the cube), and the copy made
    /// while a cube is written.
    public static let arraysAtPeak = 10

    /// Checks that an `nx × ny × nz` simulation can be made: a voxel count that does not
    /// overflow and ``arraysAtPeak`` cubes of Double within the machine's memory.
    /// - Throws: ``GalpakError`` `.badInput` naming the shape and the memory it needs.
    public static func checkSize(nx: Int, ny: Int, nz: Int) throws {
        try MemoryBudget.check(
            bytes: MemoryBudget.product([nx, ny, nz, MemoryLayout<Double>.size, arraysAtPeak]),
            for: "a simulated cube of \(nx)×\(ny)×\(nz) voxels", advice: "simulate a smaller cube")
    }

    /// Simulates `spec`.
    /// - Throws: ``GalpakError`` (`.badInput`) when the cube is too large (``checkSize(nx:ny:nz:)``),
    ///   or the instrument's PSF or LSF cannot be used on the simulated grid (see
    ///   ``Kernel3D/init(instrument:nx:ny:nz:spectral:pixscale:)``).
    public init(_ spec: SimulationSpec) throws {
        try Self.checkSize(nx: spec.nx, ny: spec.ny, nz: spec.nz)
        let disk = DiskModel(nx: spec.nx, ny: spec.ny, nz: spec.nz, velocityStep: spec.velocityStep,
                             configuration: spec.model,
                             lines: try spec.model.lineGrid(spectral: spec.spectral, channels: spec.nz, lsf: spec.instrument.lsf))
        clean = disk.render(spec.parameters)
        let kernel = try Kernel3D(instrument: spec.instrument, nx: spec.nx, ny: spec.ny, nz: spec.nz,
                              spectral: spec.spectral, pixscale: spec.pixscale)
        self.kernel = kernel.values
        // Double FFTW, not the fit's Float passes: a simulation is made once, to float64
        // round-off (a delta kernel returns the clean cube).
        var observed = FFTConvolver(kernel: kernel, planning: .estimate).convolved(clean)
        switch spec.noise {
        case .none: sigma = 0
        case .sigma(let s): sigma = s
        case .peakSNR(let snr): sigma = (observed.max() ?? 0) / snr
        }
        if sigma > 0 {
            var rng = SeededGenerator(seed: spec.seed)
            for n in observed.indices { observed[n] += sigma * rng.nextGaussian() }
            variance = [Double](repeating: sigma * sigma, count: observed.count)
        } else {
            variance = nil
        }
        data = observed
        cards = Self.headerCards(spec, sigma: sigma)
    }

    private static func headerCards(_ spec: SimulationSpec, sigma: Double) -> [HeaderCard] {
        var cards = spec.wcsCards ?? nominalWCS(spec)
        for name in spec.parameters.names {
            cards.append(HeaderCard(name: name.descriptor.headerKey, number: spec.parameters[name],
                                    comment: "true \(name.key) [\(name.jsonUnit)]"))
        }
        cards.append(HeaderCard(name: "SIM_SEED", value: String(spec.seed), comment: "noise seed"))
        cards.append(HeaderCard(name: "SIM_NOIS", number: sigma, comment: "noise sigma per voxel"))
        return cards
    }

    /// A TAN projection on a nominal position with the spec's pixel scale (East = −x, North =
    /// +y) and its linear spectral axis.
    private static func nominalWCS(_ spec: SimulationSpec) -> [HeaderCard] {
        let deg = spec.pixscale / 3600
        return [
            HeaderCard(name: "CTYPE1", string: "RA---TAN"),
            HeaderCard(name: "CUNIT1", string: "deg"),
            HeaderCard(name: "CRVAL1", number: 150.0, comment: "nominal sky position"),
            HeaderCard(name: "CRPIX1", number: Double(spec.nx / 2)),
            HeaderCard(name: "CDELT1", number: -deg),
            HeaderCard(name: "CTYPE2", string: "DEC--TAN"),
            HeaderCard(name: "CUNIT2", string: "deg"),
            HeaderCard(name: "CRVAL2", number: 2.0),
            HeaderCard(name: "CRPIX2", number: Double(spec.ny / 2)),
            HeaderCard(name: "CDELT2", number: deg),
            HeaderCard(name: "CTYPE3", string: spec.spectral.quantity.fitsType),
            HeaderCard(name: "CUNIT3", string: spec.spectral.unit.rawValue),
            HeaderCard(name: "CRVAL3", number: spec.spectral.crval),
            HeaderCard(name: "CRPIX3", number: spec.spectral.crpix),
            HeaderCard(name: "CDELT3", number: spec.spectral.cdelt),
        ]
    }
}
