import GalPaK

/// A benchmark cube: the reference's timing case (doc §10: 36 channels × 30 × 30, MUSE WFM,
/// 0.2″/px, 6540 Å + 1.25 Å, PSF 0.7″, default model) and larger grids with the same galaxy
/// scaled to the field.
struct BenchCube {
    let nx: Int, ny: Int, nz: Int

    var label: String { "\(nx)×\(ny)×\(nz)" }
    var voxels: Int { nx * ny * nz }

    static let reference = BenchCube(nx: 30, ny: 30, nz: 36)
    static let all = [reference, BenchCube(nx: 60, ny: 60, nz: 40),
                      BenchCube(nx: 100, ny: 100, nz: 60), BenchCube(nx: 150, ny: 150, nz: 80)]

    var spectral: SpectralAxis { SpectralAxis(crval: 6540, crpix: 1, cdelt: 1.25, unit: .angstrom) }
    /// PSF FWHM of every benchmark cube and fit, arcsec.
    static let seeing = 0.7
    var instrument: Instrument { Instrument.museWFM.withSeeing(Self.seeing) }

    /// The §10 galaxy (x 15.3, y 14.6, z 17.4, Re 4, i 55°, PA 30°, rt 1.5, Vmax 180, σ0 40)
    /// with sizes scaled by nx/30 and the centre and systemic channel moved with the grid.
    var truth: GalaxyParameters {
        let s = Double(nx) / 30
        return GalaxyParameters(
            x: 15.3 * s, y: 14.6 * Double(ny) / 30, z: 17.4 * Double(nz) / 36, flux: 1000,
            radius: 4 * s, inclination: 55, pa: 30, turnoverRadius: 1.5 * s,
            maximumVelocity: 180, velocityDispersion: 40)
    }

    /// A noisy simulated observation of ``truth`` (σ = peak/12, as in the reference's case).
    func simulate(seed: UInt64 = 11) throws -> SimulatedCube {
        try SimulatedCube(SimulationSpec(nx: nx, ny: ny, nz: nz, spectral: spectral, pixscale: 0.2,
                                     parameters: truth, instrument: instrument,
                                     noise: .peakSNR(12), seed: seed))
    }

    /// The simulated observation as a `Cube` ready for a forward model.
    func cube() throws -> Cube {
        let sim = try simulate()
        return Cube(nx: nx, ny: ny, nz: nz, data: sim.data, variance: sim.variance,
                    varianceSource: "simulated", spectral: spectral, pixscale: 0.2, wcsCards: sim.cards)
    }
}
