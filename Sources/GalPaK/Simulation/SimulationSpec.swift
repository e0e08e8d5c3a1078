/// Everything that defines a simulated cube: grid, calibration, galaxies, model, instrument, noise.
public struct SimulationSpec: Sendable {
    /// How much noise to add.
    public enum Noise: Sendable, Equatable {
        /// No noise: the convolved model itself.
        case none
        /// White Gaussian noise of this standard deviation per voxel (cube units).
        case sigma(Double)
        /// White Gaussian noise with σ = (peak of the convolved model) / snr.
        case peakSNR(Double)
    }

    /// The valid noise levels: a signal-to-noise ratio from 0.001 to 10⁹, or a σ up to 10³⁸
    /// (``PlausibleRanges``: beyond it a cube is refused as corrupt when read).
    public static let snrRange = ValidRange(.closed(1e-3), .closed(1e9))
    public static let noiseSigmaRange = ValidRange(.closed(0), .closed(1e38), unit: "(cube units)")

    public var nx: Int, ny: Int, nz: Int
    public var spectral: SpectralAxis
    /// Spatial pixel scale, arcsec per pixel.
    public var pixscale: Double
    /// The galaxies rendered in the cube, at least one, each with the model's parameters; the
    /// cube is their sum (``SimulatedCube``).
    public var galaxies: [GalaxyParameters]
    /// The most galaxies a cube may hold: the header's indexed keywords (`S01_X` … `S99_SIG0`,
    /// ``SimulationHeader``) have two digits.
    public static let maximumGalaxies = 99
    public var model: ModelConfiguration
    public var instrument: Instrument
    public var noise: Noise
    /// Seed of the noise generator.
    public var seed: UInt64
    /// The seed when none is given.
    public static let defaultSeed: UInt64 = 1
    /// World-coordinate cards to write (a template cube's, `simulate --like`); nil writes a
    /// nominal celestial TAN WCS and the spectral axis.
    public var wcsCards: [HeaderCard]?

    /// A cube of the galaxies `galaxies`.
    /// - Precondition: `galaxies` holds 1 to ``maximumGalaxies`` sets.
    public init(nx: Int, ny: Int, nz: Int, spectral: SpectralAxis, pixscale: Double,
                galaxies: [GalaxyParameters], model: ModelConfiguration = ModelConfiguration(),
                instrument: Instrument, noise: Noise = .none, seed: UInt64 = SimulationSpec.defaultSeed, wcsCards: [HeaderCard]? = nil) {
        precondition((1...Self.maximumGalaxies).contains(galaxies.count), "a simulation renders 1 to \(Self.maximumGalaxies) galaxies")
        self.nx = nx
        self.ny = ny
        self.nz = nz
        self.spectral = spectral
        self.pixscale = pixscale
        self.galaxies = galaxies
        self.model = model
        self.instrument = instrument
        self.noise = noise
        self.seed = seed
        self.wcsCards = wcsCards
    }

    /// A cube of one galaxy, `parameters`.
    public init(nx: Int, ny: Int, nz: Int, spectral: SpectralAxis, pixscale: Double,
                parameters: GalaxyParameters, model: ModelConfiguration = ModelConfiguration(),
                instrument: Instrument, noise: Noise = .none, seed: UInt64 = SimulationSpec.defaultSeed, wcsCards: [HeaderCard]? = nil) {
        self.init(nx: nx, ny: ny, nz: nz, spectral: spectral, pixscale: pixscale, galaxies: [parameters], model: model,
                  instrument: instrument, noise: noise, seed: seed, wcsCards: wcsCards)
    }

    /// The velocity step of the simulated cube, km/s.
    public var velocityStep: Double { spectral.velocityStep(channels: nz) }
}
