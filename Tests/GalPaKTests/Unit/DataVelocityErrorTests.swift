import Foundation
import Testing
@testable import GalPaK

/// The formal error of the data's first moment (``DataVelocityMap``) against the scatter of the
/// moment over many noise draws, with white and with spectrally correlated noise, and its
/// propagation through the bilinear interpolation along an axis.
@Suite struct DataVelocityErrorTests {
    /// The spread of the first moment of one spectrum (a Gaussian line, 48 channels) over 4000
    /// noise draws smoothed by a Gaussian of σ `smoothing` channels (0: white), and the mean
    /// formal error of each draw with the correlation folded in and without.
    private func draws(smoothing: Double) -> (spread: Double, formal: Double, white: Double) {
        let nz = 48, window = 8...36
        let spectral = SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom)
        let line = (0..<nz).map { 10 * exp(-pow(Double($0) - 21.3, 2) / (2 * 9)) }
        let kernel = smoothing > 0 ? (-6...6).map { exp(-Double($0 * $0) / (2 * smoothing * smoothing)) } : [1]
        let sigma2 = kernel.reduce(0) { $0 + $1 * $1 }
        let correlation = smoothing > 0 ? NoiseCorrelation(spatialWidth: 0, spectralWidth: 2.0.squareRoot() * smoothing) : .white
        var rng = SeededGenerator(seed: 21)
        var velocities: [Double] = [], formal: [Double] = [], white: [Double] = []
        for _ in 0..<4000 {
            let raw = (0..<(nz + kernel.count)).map { _ in rng.nextGaussian() }
            let noise = (0..<nz).map { k in kernel.indices.reduce(0) { $0 + kernel[$1] * raw[k + $1] } }
            let cube = Cube(nx: 1, ny: 1, nz: nz, data: zip(line, noise).map { $0 + $1 },
                            variance: [Double](repeating: sigma2, count: nz), spectral: spectral, pixscale: 0.2)
            let moments = MomentMaps(cube: cube, systemicChannel: 20, window: window, lsfSigma: 0, minimumSNR: 0)
            velocities.append(moments.maps.velocity[0])
            formal.append(DataVelocityMap(moments: moments, cube: cube, systemicChannel: 20, correlation: correlation).error[0])
            white.append(DataVelocityMap(moments: moments, cube: cube, systemicChannel: 20, correlation: .white).error[0])
        }
        let mean = velocities.reduce(0, +) / 4000
        let spread = (velocities.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3999).squareRoot()
        return (spread, formal.reduce(0, +) / 4000, white.reduce(0, +) / 4000)
    }

    @Test func theFormalErrorIsTheScatterOfTheMomentForWhiteNoise() {
        let (spread, formal, _) = draws(smoothing: 0)
        #expect(abs(formal / spread - 1) < 0.05, "formal \(formal), scatter over the draws \(spread)")
    }

    @Test func theSpectralCorrelationIsFoldedIn() {
        let (spread, formal, white) = draws(smoothing: 1.5)
        #expect(abs(formal / spread - 1) < 0.05, "formal \(formal), scatter over the draws \(spread)")
        #expect(white / spread < 0.8, "without the correlation: \(white) against \(spread)")
    }

    @Test func interpolationPropagatesTheErrors() throws {
        let errors = [Double](repeating: 2, count: 9)
        let centre = try #require(BilinearSample(x: 1, y: 1, nx: 3, ny: 3))
        #expect(abs(centre.standardError(of: errors) { $0 == $1 ? 1 : 0 } - 2) < 1e-12)
        // Halfway between two independent pixels: σ/√2; between two of one bin: σ.
        let between = try #require(BilinearSample(x: 0.5, y: 1, nx: 3, ny: 3))
        #expect(abs(between.standardError(of: errors) { $0 == $1 ? 1 : 0 } - 2 / 2.0.squareRoot()) < 1e-12)
        #expect(abs(between.standardError(of: errors) { _, _ in 1 } - 2) < 1e-12)
        // Along an axis, the map's correlation decides.
        let map = DataVelocityMap(velocity: [Double](repeating: 50, count: 9), error: errors, nx: 3, ny: 3,
                                  bins: [0, 0, 1, 0, 0, 1, 2, 2, 2], correlation: .white)
        let axis = MajorAxis(x: 0.5, y: 1, pa: 90)
        let sample = map.sample(along: axis, at: 0)
        #expect(sample.velocity == 50 && abs(sample.error - 2) < 1e-12)
        #expect(map.sample(along: axis, at: 1).error < 2 && map.sample(along: axis, at: 9).error.isNaN)
    }
}
