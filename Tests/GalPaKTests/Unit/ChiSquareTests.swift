import Testing
@testable import GalPaK

@Suite struct ChiSquareTests {
    private func cube(data: [Double], variance: [Double]) -> Cube {
        Cube(nx: data.count, ny: 1, nz: 1, data: data, variance: variance,
             spectral: SpectralAxis(crval: 6564, crpix: 1, cdelt: 1.25, unit: .angstrom), pixscale: 0.2)
    }

    @Test func sumsSquaredResidualsOverVariance() {
        let chi = ChiSquare(cube: cube(data: [1, 2, 3, 4], variance: [1, 4, 0.5, 2]))
        // (1−0)²/1 + (2−1)²/4 + (3−1)²/0.5 + (4−4)²/2 = 1 + 0.25 + 8 + 0
        #expect(chi([0, 1, 1, 4]) == 9.25)
        #expect(chi.validCount == 4)
        #expect(chi.degreesOfFreedom(freeParameters: 2) == 1)
    }

    @Test func excludesNaNDataAndNonPositiveOrNaNVariance() {
        let chi = ChiSquare(cube: cube(data: [1, .nan, 3, 4, 5], variance: [1, 1, 0, -2, .nan]))
        #expect(chi.validCount == 1)
        #expect(chi.nonPositiveVarianceCount == 2)
        #expect(chi([0, 100, 100, 100, 100]) == 1)
    }
}
