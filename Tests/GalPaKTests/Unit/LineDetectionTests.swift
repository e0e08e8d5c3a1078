import Foundation
import Testing
@testable import GalPaK

/// The 3-D location of the line emission that the first guess starts from.
@Suite struct LineDetectionTests {
    private let spectral = SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom)

    /// White noise of unit σ, with a Gaussian blob (σ 1.5 px, 1.5 channels) of the given peak
    /// at (12, 9, 14).
    private func cube(peak: Double, seed: UInt64 = 5) -> Cube {
        let (nx, ny, nz) = (24, 20, 30)
        var generator = SeededGenerator(seed: seed)
        var data = [Double](repeating: 0, count: nx * ny * nz)
        for k in 0..<nz {
            for j in 0..<ny {
                for i in 0..<nx {
                    let r2 = Double((i - 12) * (i - 12) + (j - 9) * (j - 9)) / (2 * 1.5 * 1.5)
                    let z2 = Double((k - 14) * (k - 14)) / (2 * 1.5 * 1.5)
                    data[(k * ny + j) * nx + i] = peak * exp(-r2 - z2) + generator.nextGaussian()
                }
            }
        }
        return Cube(nx: nx, ny: ny, nz: nz, data: data, variance: [Double](repeating: 1, count: data.count),
                    spectral: spectral, pixscale: 0.2)
    }

    @Test func findsABlobAndOnlyIt() throws {
        let found = try #require(LineDetection(cube: cube(peak: 3), psfFWHM: 2))
        #expect(abs(found.peak.x - 12) <= 1 && abs(found.peak.y - 9) <= 1 && abs(found.peak.k - 14) <= 1, "\(found.peak)")
        #expect(found.channels.contains(12) && found.channels.contains(16), "\(found.channels)")
        #expect(found.channels.count < 14, "\(found.channels)")
        // Every detected spaxel is near the blob: noise peaks elsewhere are not linked.
        let far = found.spaxels.filter { hypot(Double($0 % 24 - 12), Double($0 / 24 - 9)) > 6 }
        #expect(far.isEmpty, "far spaxels \(far)")
        #expect(found.spaxels.count >= 9)
    }

    @Test func pureNoiseIsNotDetected() {
        for seed: UInt64 in 1...4 {
            #expect(LineDetection(cube: cube(peak: 0, seed: seed), psfFWHM: 2) == nil)
        }
    }

    /// With the variance 4× too small, the smoothed data's scatter sets the noise: the same
    /// blob is found, and noise alone still is not.
    @Test func theNoiseScaleComesFromTheData() throws {
        var bright = cube(peak: 6)
        bright.variance = bright.variance!.map { $0 / 4 }
        let found = try #require(LineDetection(cube: bright, psfFWHM: 2))
        #expect(abs(found.peak.x - 12) <= 1 && abs(found.peak.y - 9) <= 1)
        var noise = cube(peak: 0)
        noise.variance = noise.variance!.map { $0 / 4 }
        #expect(LineDetection(cube: noise, psfFWHM: 2) == nil)
    }
}
