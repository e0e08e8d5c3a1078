import Foundation
@testable import GalPaK

/// What many suites share: a fresh temporary directory, and a small simulated MUSE-like cube
/// of known parameters to fit.
enum TestSupport {
    /// The source checkout (README, docs): the nearest folder above this file that holds
    /// Package.swift, wherever the test files are moved.
    static let repository: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }()

    /// The parameters `simulatedCube(in:snr:seed:)` renders.
    static let truth = GalaxyParameters(
        x: 9.6, y: 10.3, z: 11.2, flux: 500, radius: 3.2, inclination: 58, pa: 120,
        turnoverRadius: 1.2, maximumVelocity: 170, velocityDispersion: 45)

    /// Writes `dir/sim.fits`: `truth` rendered on a 20×20×24 MUSE WFM grid (0.2″ pixels,
    /// 1.25 Å channels from 6550 Å, 0.7″ seeing) with Gaussian noise at peak S/N `snr`; returns
    /// its path.
    static func simulatedCube(in dir: URL, snr: Double = 15, seed: UInt64 = 3) throws -> String {
        let spec = SimulationSpec(
            nx: 20, ny: 20, nz: 24,
            spectral: SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom),
            pixscale: 0.2, parameters: truth, instrument: Instrument.museWFM.withSeeing(0.7),
            noise: .peakSNR(snr), seed: seed)
        let sim = try SimulatedCube(spec)
        let path = dir.appendingPathComponent("sim.fits").path
        try FITSWriter.write(sim.data, shape: [20, 20, 24], cards: sim.cards, variance: sim.variance, to: path)
        return path
    }

    /// A new, empty directory in ``scratchRoot``; the caller may remove it, and whatever is
    /// left is removed when the test process exits.
    static func temporaryDirectory() throws -> URL {
        let dir = scratchRoot.appendingPathComponent("galpak-fit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The directory, under the system's temporary directory, that holds every directory
    /// ``temporaryDirectory()`` makes in this process; removed with its contents at exit (so a
    /// test that fails, or forgets to remove its own, leaves nothing behind: `make test` left
    /// ~120 directories in /tmp per run before).
    static let scratchRoot: URL = {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("galpak-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: root)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestSupport.scratchRoot) }
        return root
    }()
}
