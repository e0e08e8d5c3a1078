import Foundation
import GalPaK

/// A simulated MUSE-like cube of random known parameters and noise of a ``NoiseClass``, for
/// the benchmarks.
struct CalibrationCube {
    static let spectral = SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom)
    static let pixscale = 0.2

    var noiseClass: NoiseClass
    var shape: (nx: Int, ny: Int, nz: Int)
    var truth: GalaxyParameters
    /// Peak signal-to-noise ratio per voxel of the convolved model (σ = peak / snr).
    var snr: Double
    /// Seeing FWHM, arcsec.
    var seeing: Double
    /// How the noise is smoothed.
    var smoothing: CorrelatedNoise
    /// The variance written over the true σ².
    var varianceFactor: Double
    var noiseSeed: UInt64

    /// The ranges of the shape and rotation parameters, each drawn uniformly from its range (the
    /// fit's bounds under `--bounds simulation`).
    static let drawnRanges: [ParameterName: ClosedRange<Double>] = [
        .radius: 2.5...5, .inclination: 25...75, .turnoverRadius: 0.5...2, .maximumVelocity: 100...280,
        .velocityDispersion: 20...80,
    ]

    /// Draws the parameters uniformly: centre within ±1.5 px (±2 channels) of the cube's middle,
    /// radius 2.5–5 px, inclination 25–75°, PA 0–360°, turnover radius 0.5–2 px, Vmax 100–280
    /// km/s, σ0 20–80 km/s (or, for the `prior` population, those five within the fit's default
    /// bounds), flux 1000; S/N in the class's range (5–25, low S/N 3–6), seeing 0.5–1.0″
    /// (2.5–5 px); then the class's smoothing. `index` is the cube's number in its class. The
    /// random numbers are taken in the same order for either population.
    init<G: RandomNumberGenerator>(_ noiseClass: NoiseClass = .white, index: Int = 0,
                                   population: CalibrationPopulation = .realistic, using rng: inout G) {
        func uniform(_ lo: Double, _ hi: Double) -> Double { Double.random(in: lo..<hi, using: &rng) }
        func drawn(_ name: ParameterName) -> Double {
            let range = population.range(of: name, shape: noiseClass.shape)
            return uniform(range.lowerBound, range.upperBound)
        }
        self.noiseClass = noiseClass
        shape = noiseClass.shape
        truth = GalaxyParameters(
            x: Double(shape.nx) / 2 + uniform(-1.5, 1.5), y: Double(shape.ny) / 2 + uniform(-1.5, 1.5),
            z: Double(shape.nz) / 2 + uniform(-2, 2), flux: 1000, radius: drawn(.radius),
            inclination: drawn(.inclination), pa: uniform(0, 360), turnoverRadius: drawn(.turnoverRadius),
            maximumVelocity: drawn(.maximumVelocity), velocityDispersion: drawn(.velocityDispersion))
        snr = uniform(noiseClass.snrRange.low, noiseClass.snrRange.high)
        seeing = uniform(0.5, 1.0)
        noiseSeed = rng.next()
        smoothing = noiseClass.smoothing(using: &rng)
        varianceFactor = noiseClass.varianceFactor(cube: index)
    }

    var instrument: Instrument { Instrument.museWFM.withSeeing(seeing) }

    /// Writes the noisy cube (DATA, and STAT = `varianceFactor`·σ²) to `path`, its header saying
    /// how the noise was made (SIM_NOIS σ, SIM_NBM beam FWHM, SIM_NCH channel kernel) for
    /// `scripts/noise_sandwich.py`. White noise is drawn exactly as ``SimulatedCube`` draws it
    /// (the same values for the same seed).
    func write(to path: String) throws {
        let spec = SimulationSpec(nx: shape.nx, ny: shape.ny, nz: shape.nz, spectral: Self.spectral,
                                  pixscale: Self.pixscale, parameters: truth, instrument: instrument,
                                  noise: .none, seed: noiseSeed)
        let clean = try SimulatedCube(spec)
        let sigma = (clean.data.max() ?? 0) / snr
        var generator = SeededGenerator(seed: noiseSeed)
        let noise = smoothing.field(nx: shape.nx, ny: shape.ny, nz: shape.nz, sigma: sigma, using: &generator)
        let data = zip(clean.data, noise).map { $0 + $1 }
        let variance = [Double](repeating: varianceFactor * sigma * sigma, count: data.count)
        let cards = clean.cards.filter { $0.name != "SIM_NOIS" }
            + [HeaderCard(name: "SIM_NOIS", number: sigma, comment: "noise sigma per voxel"),
               HeaderCard(name: "SIM_NBM", number: smoothing.beamFWHM, comment: "FWHM (px) of the beam smoothing the noise"),
               HeaderCard(name: "SIM_NCH", string: smoothing.channelKernel.map { "\($0)" }.joined(separator: ","),
                          comment: "channel kernel smoothing the noise")]
        try FITSWriter.write(data, shape: [shape.nx, shape.ny, shape.nz], cards: cards, variance: variance, to: path)
    }
}
