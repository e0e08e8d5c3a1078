import Foundation
import GalPaK

/// A simulated MUSE-like cube of random known parameters, for the benchmarks.
struct CalibrationCube {
    static let (nx, ny, nz) = (24, 24, 32)
    static let spectral = SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom)
    static let pixscale = 0.2

    var truth: GalaxyParameters
    /// Peak signal-to-noise ratio per voxel of the convolved model.
    var snr: Double
    /// Seeing FWHM, arcsec.
    var seeing: Double
    var noiseSeed: UInt64

    /// Draws the parameters uniformly: centre within ±1.5 px (±2 channels) of the cube's middle,
    /// radius 2.5–5 px, inclination 25–75°, PA 0–360°, turnover radius 0.5–2 px, Vmax 100–280
    /// km/s, σ0 20–80 km/s, flux 1000; S/N 5–25, seeing 0.5–1.0″ (2.5–5 px).
    init<G: RandomNumberGenerator>(using rng: inout G) {
        func uniform(_ lo: Double, _ hi: Double) -> Double { Double.random(in: lo..<hi, using: &rng) }
        truth = GalaxyParameters(
            x: Double(Self.nx) / 2 + uniform(-1.5, 1.5), y: Double(Self.ny) / 2 + uniform(-1.5, 1.5),
            z: Double(Self.nz) / 2 + uniform(-2, 2), flux: 1000, radius: uniform(2.5, 5),
            inclination: uniform(25, 75), pa: uniform(0, 360), turnoverRadius: uniform(0.5, 2),
            maximumVelocity: uniform(100, 280), velocityDispersion: uniform(20, 80))
        snr = uniform(5, 25)
        seeing = uniform(0.5, 1.0)
        noiseSeed = rng.next()
    }

    var instrument: Instrument { Instrument.museWFM.withSeeing(seeing) }

    /// Writes the noisy cube (DATA + STAT) to `path`.
    func write(to path: String) throws {
        let spec = SimulationSpec(nx: Self.nx, ny: Self.ny, nz: Self.nz, spectral: Self.spectral,
                                  pixscale: Self.pixscale, parameters: truth, instrument: instrument,
                                  noise: .peakSNR(snr), seed: noiseSeed)
        let sim = try SimulatedCube(spec)
        try FITSWriter.write(sim.data, shape: [Self.nx, Self.ny, Self.nz], cards: sim.cards,
                             variance: sim.variance, to: path)
    }
}
