import Foundation
import Testing
@testable import GalPaK

/// The line profiles stop where they become negligible instead of decaying into subnormal
/// numbers (which made every later multiply-add on them ~100× slower).
@Suite struct DiskModelSpectraTests {
    @Test(arguments: [nil, LineDoublet.oii])
    func noSubnormalValuesAndTheFluxIsKept(line: LineDoublet?) {
        // MUSE-like flux units (erg/s/cm²/Å) and a narrow line: its far wings underflow.
        let model = DiskModel(nx: 24, ny: 22, nz: 60, velocityStep: 57,
                              configuration: ModelConfiguration(line: line))
        let p = GalaxyParameters(x: 11.2, y: 10.7, z: 30.3, flux: 3e-17, radius: 3, inclination: 50, pa: 40,
                                 turnoverRadius: 1, maximumVelocity: 150, velocityDispersion: 15)
        let cube = model.render(p)
        #expect(cube.allSatisfy { $0 == 0 || $0 >= Double.leastNormalMagnitude })
        #expect(cube.contains(0))
        #expect(abs(cube.reduce(0, +) - 3e-17) < 1e-12 * 3e-17)
    }

    @Test func profileReturnsTheChannelsItWrote() {
        var g = [Double](repeating: -1, count: 40)
        let (channels, sum) = g.withUnsafeMutableBufferPointer {
            DiskModel.gaussianProfile(into: $0, a: -20, delta: 1, amplitude: 1, accumulate: false)
        }
        // exp(−t²/2) ≥ 1e-8 for |t| ≤ 6.07: channels 14 … 26 around the peak at 20.
        #expect(channels == 14..<27)
        for k in channels { #expect(abs(g[k] - Foundation.exp(-0.5 * Double(k - 20) * Double(k - 20))) < 1e-13 * g[k] + 1e-300) }
        #expect(g[13] == -1 && g[27] == -1)
        #expect(abs(sum - g[channels].reduce(0, +)) < 1e-15 * sum)
    }
}
