import Foundation

/// Makes a synthetic observation: the disks of ``SimulationSpec/galaxies`` rendered by
/// ``DiskModel`` and summed, convolved with the instrument's kernel, plus seeded white Gaussian
/// noise; the same forward model a fit uses, so a fit of a simulated cube should recover the
/// parameters it was made with. The convolution is linear, so the observed cube is the sum of
/// each galaxy's convolved cube (to float64 round-off, ~1e-15 of the peak) plus one noise
/// realisation.
public struct SimulatedCube: Sendable {
    /// The clean (unconvolved) model: the sum of the galaxies' renders.
    public var clean: [Double]
    /// The instrument's 3-D kernel on the cube's grid (``Kernel3D``).
    public var kernel: [Double]
    /// The observed cube: convolved model plus noise.
    public var data: [Double]
    /// Per-voxel noise variance, nil for a noiseless cube.
    public var variance: [Double]?
    /// Noise standard deviation used (0 for none).
    public var sigma: Double
    /// Header cards: the WCS and the true parameters, seed and noise (``SimulationHeader``).
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
        var sum = disk.render(spec.galaxies[0])
        for galaxy in spec.galaxies.dropFirst() {
            for (n, value) in disk.render(galaxy).enumerated() { sum[n] += value }
        }
        clean = sum
        let kernel = try Kernel3D(instrument: spec.instrument, nx: spec.nx, ny: spec.ny, nz: spec.nz,
                              spectral: spec.spectral, pixscale: spec.pixscale)
        self.kernel = kernel.values
        // Double FFTW, not the fit's Float passes: a simulation is made once, to float64
        // round-off (a delta kernel returns the clean cube).
        var observed = FFTConvolver(kernel: kernel, planning: .estimate).convolved(clean)
        switch spec.noise {
        case .none: sigma = 0
        case .sigma(let s): sigma = s
        case .peakSNR(let snr): sigma = (observed.max() ?? 0) / snr  // the peak of all the galaxies together
        }
        if sigma > 0 {
            var rng = SeededGenerator(seed: spec.seed)
            for n in observed.indices { observed[n] += sigma * rng.nextGaussian() }
            variance = [Double](repeating: sigma * sigma, count: observed.count)
        } else {
            variance = nil
        }
        data = observed
        cards = SimulationHeader.cards(spec, sigma: sigma)
    }
}
