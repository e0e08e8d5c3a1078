import Foundation
import GalPaK

/// A cube of the benchmark's real-cube section (issue 17): a file that both `galpak fit` and
/// 3D-Barolo read (data in the primary HDU, beam in the header) and the arguments a user would
/// give `galpak fit` for it.
struct RealCube {
    let label: String
    /// The cube, as both programs read it.
    let path: String
    /// What follows `galpak fit CUBE` besides the output options (instrument, beam, variance).
    let fitArguments: [String]

    /// The CARMA CO(1-0) cube of NGC 4047 in `bench/data/carma_NGC4047/` (128 × 128 × 44 × 1,
    /// VRAD axis, beam 7″), unchanged, with the variance `(0.01309 / gain)²` written to
    /// `directory` from the gain cube beside it (NaN where the gain is NaN or below 0.4, as the
    /// cube is blanked there). Fitted with `--instrument alma` (the PSF from the header beam).
    static func carmaCO(in directory: URL) throws -> RealCube {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../bench/data/carma_NGC4047").standardized
        let cube = folder.appendingPathComponent("NGC4047.co.smo7msk.fits.gz").path
        let gainFile = try FITSFile(reading: folder.appendingPathComponent("NGC4047.co.smo7gain.fits.gz").path)
        let shape = try gainFile.imageShape()
        let rms = 0.01309
        let variance = try gainFile.readImage().map { g in g.isFinite && g >= 0.4 ? (rms / g) * (rms / g) : .nan }
        let variancePath = directory.appendingPathComponent("NGC4047.co.smo7var.fits").path
        try PrimaryImage.write(variance, shape: Array(shape.prefix(3)), cards: [], to: variancePath)
        return RealCube(label: "CARMA CO NGC 4047 128×128×44", path: cube,
                        fitArguments: ["--instrument", "alma", "--variance", variancePath])
    }

    /// A simulated WSRT-like HI cube, 70 × 89 × 113 (the shape of the WSRT cube of issue 17):
    /// 5″ pixels, a 20″ (4 px) circular beam in the header, 4.12 km/s channels on a radio
    /// velocity axis in m/s (`VRAD`, `RESTFRQ` 1420.405752 MHz), noise smoothed by the beam
    /// (``CorrelatedNoise``) with σ = peak / 8 and no variance file, so `galpak fit` measures the
    /// noise and its correlation itself. Disk: centre (35.3, 44.6) px, systemic channel 56.4,
    /// radius 8 px, inclination 60°, PA 120°, turnover radius 3 px, Vmax 150 km/s, σ0 12 km/s.
    static func radioLike(in directory: URL) throws -> RealCube {
        let (nx, ny, nz) = (70, 89, 113)
        let pixscale = 5.0, beam = 20.0
        let spectral = SpectralAxis(crval: 1_000_000, crpix: 1, cdelt: 4120, unit: .metrePerSecond)
        let truth = GalaxyParameters(x: 35.3, y: 44.6, z: 56.4, flux: 1000, radius: 8, inclination: 60,
                                     pa: 120, turnoverRadius: 3, maximumVelocity: 150, velocityDispersion: 12)
        let spec = SimulationSpec(nx: nx, ny: ny, nz: nz, spectral: spectral, pixscale: pixscale,
                                  parameters: truth, instrument: Instrument.alma.withSeeing(beam),
                                  noise: .none, seed: 17)
        let clean = try SimulatedCube(spec)
        let sigma = (clean.data.max() ?? 1) / 8
        var generator = SeededGenerator(seed: 17)
        let noise = CorrelatedNoise(beamFWHM: beam / pixscale)
            .field(nx: nx, ny: ny, nz: nz, sigma: sigma, using: &generator)
        let degrees = beam / 3600
        let cards = clean.cards.filter { !["SIM_NOIS", "BUNIT"].contains($0.name) } + [
            HeaderCard(name: "BMAJ", number: degrees, comment: "beam major axis FWHM, deg"),
            HeaderCard(name: "BMIN", number: degrees, comment: "beam minor axis FWHM, deg"),
            HeaderCard(name: "BPA", number: 0, comment: "beam position angle, deg"),
            HeaderCard(name: "RESTFRQ", number: 1.420405752e9, comment: "HI 21 cm, Hz"),
            HeaderCard(name: "BUNIT", string: "Jy/beam"),
        ]
        let path = directory.appendingPathComponent("radio_like_70x89x113.fits").path
        try PrimaryImage.write(zip(clean.data, noise).map { $0 + $1 }, shape: [nx, ny, nz], cards: cards, to: path)
        return RealCube(label: "simulated HI 70×89×113", path: path, fitArguments: ["--instrument", "alma"])
    }
}
