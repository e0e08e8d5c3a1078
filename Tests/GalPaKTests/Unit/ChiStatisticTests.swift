import Foundation
import Testing
@testable import GalPaK

/// Every χ² statistic against values computed by hand from its formula.
@Suite struct ChiStatisticTests {
    /// d = [0.5, 2, 4, −1.5, 0] and m = [1, 1, 5, 0, 0] in σ units (variance 1), plus a voxel
    /// with variance 4 (D = 4, M = 2 → d = 2, m = 1) and an excluded one (NaN data).
    private func chi(_ statistic: ChiStatistic) -> Double {
        let data: [Double] = [0.5, 2, 4, -1.5, 0, 4, .nan]
        let variance: [Double] = [1, 1, 1, 1, 1, 4, 1]
        let cube = Cube(nx: data.count, ny: 1, nz: 1, data: data, variance: variance,
                        spectral: SpectralAxis(crval: 6564, crpix: 1, cdelt: 1.25, unit: .angstrom), pixscale: 0.2)
        return ChiSquare(cube: cube, statistic: statistic)([1, 1, 5, 0, 0, 2, 7])
    }

    @Test func gaussianIsTheSumOfSquaredResidualsOverVariance() {
        // 0.25 + 1 + 1 + 2.25 + 0 + (4 − 2)²/4
        #expect(chi(.gaussian) == 5.5)
    }

    @Test func neymanDividesByTheDataFlooredAtOneSigma() {
        // 0.25/1 + 1/2 + 1/4 + 2.25/1 + 0 + 1/2
        #expect(abs(chi(.neyman) - 3.75) < 1e-15)
    }

    @Test func pearsonDividesByTheModelFlooredAtOneSigma() {
        // 0.25/1 + 1/1 + 1/5 + 2.25/max(0, 1) + 0 + 1/1
        #expect(abs(chi(.pearson) - 4.7) < 1e-15)
    }

    @Test func mighellClampsNegativeData() {
        // (0.5+0.5−1)²/1.5 + (2+1−1)²/3 + (4+1−5)²/5 + (−1.5+0−0)²/1 + 0 + (2+1−1)²/3
        #expect(abs(chi(.mighell) - (4.0 / 3 + 2.25 + 4.0 / 3)) < 1e-14)
    }

    @Test func cashIsThePoissonDevianceOnAOneSigmaPedestal() {
        // Counts d + 1 and m + 1: 2 [M − D + D ln(D/M)].
        let terms = [
            2 * (2 - 1.5 + 1.5 * log(1.5 / 2)),
            2 * (2 - 3 + 3 * log(3.0 / 2)),
            2 * (6 - 5 + 5 * log(5.0 / 6)),
            2 * (1 + 0.5),  // d + 1 = −0.5 ≤ 0: 2 (M − D)
            0,              // d = m = 0
            2 * (2 - 3 + 3 * log(3.0 / 2)),
        ]
        #expect(abs(chi(.cash) - terms.reduce(0, +)) < 1e-12)
    }

    @Test func everyStatisticIsFiniteAndNonNegativeOnNoisyDataAndAZeroModel() {
        var rng = SeededGenerator(seed: 5)
        let data = (0..<500).map { _ in rng.nextGaussian() }
        let cube = Cube(nx: 500, ny: 1, nz: 1, data: data, variance: [Double](repeating: 1, count: 500),
                        spectral: SpectralAxis(crval: 6564, crpix: 1, cdelt: 1.25, unit: .angstrom), pixscale: 0.2)
        // A model that is 0 almost everywhere, with FFT round-off just below 0 in places.
        let model = (0..<500).map { $0 % 7 == 0 ? -1e-17 : ($0 % 3 == 0 ? 0 : 0.5) }
        for statistic in ChiStatistic.allCases {
            let value = ChiSquare(cube: cube, statistic: statistic)(model)
            #expect(value.isFinite && value >= 0, "\(statistic): \(value)")
        }
    }

    @Test func namesParseCaseInsensitively() {
        #expect(ChiStatistic(name: "Neyman") == .neyman)
        #expect(ChiStatistic(name: "Cstat") == .cash)
        #expect(ChiStatistic(name: "poisson") == nil)
    }
}
