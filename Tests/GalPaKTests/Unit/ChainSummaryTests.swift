import Foundation
import Testing
@testable import GalPaK

@Suite struct ChainSummaryTests {
    /// Five states; expanded (by weight) x = [1, 2, 2, 3, 4, 4, 4, 5, 5, 5]. Expected numbers
    /// are numpy's on the expanded arrays with the reference's slicing.
    static var chain: Chain {
        var c = Chain()
        let rows: [(x: Double, chi: Double, w: Int)] = [(1, 5, 1), (2, 3, 2), (3, 1, 1), (4, 2, 3), (5, 4, 3)]
        for r in rows {
            var p = GalaxyParameters(x: r.x, y: 0, z: 0, flux: 1, radius: 1, inclination: 30, pa: 90,
                                     turnoverRadius: 1, maximumVelocity: 100, velocityDispersion: 10)
            p[.y] = 10 * r.x
            c.append(p, reducedChi2: r.chi, weight: r.w)
        }
        return c
    }

    static func check(_ s: ChainSummary, median: Double, std: Double, lower: Double, upper: Double) {
        let e = s.estimate
        #expect(e.value[.x] == median)
        #expect(abs(e.stdev[.x] - std) < 1e-14)
        #expect(abs(e.lower[.x] - lower) < 1e-14 && abs(e.upper[.x] - upper) < 1e-14)
        #expect(abs(e.value[.y] - 10 * median) < 1e-12)
        #expect(s.bestReducedChi2 == 1)
    }

    @Test func lastUsesTheEndOfTheExpandedChain() throws {
        let s = try ChainSummary(chain: Self.chain, method: .last, fraction: 70)
        #expect(s.sampleCount == 7)  // [3, 4, 4, 4, 5, 5, 5]
        Self.check(s, median: 4, std: 0.6998542122237652, lower: 3.15, upper: 5)
    }

    @Test func chiSortedUsesTheLowestChiEntries() throws {
        let s = try ChainSummary(chain: Self.chain, method: .chiSorted, fraction: 70)
        // χ² order: x=3 (×1), x=4 (×3), x=2 (×2), x=5 (1 of 3).
        Self.check(s, median: 4, std: 1.049781318335648, lower: 2, upper: 4.85)
    }

    @Test func chiMinUsesAWindowAroundTheMinimum() throws {
        let s = try ChainSummary(chain: Self.chain, method: .chiMin, fraction: 70)
        // Minimum at expanded index 3; window [0, 6) = [1, 2, 2, 3, 4, 4].
        #expect(s.sampleCount == 6)
        Self.check(s, median: 2.5, std: 1.1055415967851334, lower: 1.125, upper: 4)
    }

    @Test func percentilesAndMedianFollowNumpy() {
        // numpy.percentile([1, 2, 3, 4, 10], [2.5, 97.5, 50, 33, 0, 100]) and median of 6 values.
        let sample = WeightedSample(values: [10, 2, 1, 4, 3], counts: [1, 1, 1, 1, 1])
        #expect(sample.percentile(2.5) == 1.1)
        #expect(sample.percentile(97.5) == 9.399999999999999)
        #expect(sample.percentile(50) == 3)
        #expect(sample.percentile(33) == 2.3200000000000003)
        #expect(sample.percentile(0) == 1 && sample.percentile(100) == 10)
        #expect(WeightedSample(values: [1, 2, 3, 4, 10, 7], counts: [1, 1, 1, 1, 1, 1]).median == 3.5)
        #expect(WeightedSample(values: [7, 1], counts: [1, 3]).median == 1)
    }

    @Test func positionAngleIsCircularAcross360() throws {
        var c = Chain()
        for pa in [350.0, 355, 5, 10] {
            var p = GalaxyParameters((0..<10).map { _ in 1.0 })
            p[.pa] = pa
            c.append(p, reducedChi2: 1)
        }
        let e = try ChainSummary(chain: c, fraction: 100).estimate
        let pa = e.value[.pa]
        #expect(pa > 0 && pa <= 360)
        #expect(min(pa, 360 - pa) < 1e-9)
        #expect(abs(e.stdev[.pa] - 62.5.squareRoot()) < 1e-9)  // offsets −10, −5, 5, 10
        #expect(abs(e.lower[.pa] - pa + 9.625) < 1e-9)
        #expect(abs(e.upper[.pa] - pa - 9.625) < 1e-9)
    }

    @Test func emptyChainAndBadSettingsAreRejected() {
        #expect(throws: GalpakError.self) { try ChainSummary(chain: Chain()) }
        #expect(throws: GalpakError.self) { try ChainSummary(chain: Self.chain, fraction: 0) }
        #expect(throws: GalpakError.self) { try ChainSummary(chain: Self.chain, percentile: 120) }
    }

    /// The reference's own chain, summarised with the default method, gives the reference's
    /// `_galaxy_parameters.dat`. PA stdev is compared too: this chain does not straddle 0/360,
    /// so the wrapped and unwrapped definitions coincide.
    @Test func referenceChainGivesReferenceParameters() throws {
        let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
        let chain = try ChainFile.read(path: fixtures.appendingPathComponent("reference_chain.dat").path)[0]
        let expected = try ParameterFiles.readTable(
            path: fixtures.appendingPathComponent("reference_galaxy_parameters.dat").path)
        let s = try ChainSummary(chain: chain)
        #expect(s.sampleCount == 120)
        let pairs = [(s.estimate.value, expected.value), (s.estimate.stdev, expected.stdev),
                     (s.estimate.lower, expected.lower), (s.estimate.upper, expected.upper)]
        for (row, (got, want)) in pairs.enumerated() {
            for name in ParameterName.reference {
                let g = got[name], w = want[name]
                #expect(abs(g - w) <= 1e-9 * abs(w), "row \(row) \(name.key): \(g) vs \(w)")
            }
        }
    }

    @Test func mapIsTheCentreOfTheFullestOf25Bins() throws {
        // numpy: histogram of the last 70 % [3, 4, 4, 4, 5, 5, 5] → bins 0.08 wide, first
        // fullest bin centred on 4.0; on the whole expanded chain, 3.96 (tie → first bin).
        let last = try ChainSummary(chain: Self.chain, method: .map, fraction: 70)
        #expect(abs(last.estimate.value[.x] - 4.0) < 1e-12)
        #expect(abs(last.estimate.stdev[.x] - 0.6998542122237652) < 1e-14)
        let whole = try ChainSummary(chain: Self.chain, method: .map, fraction: 100)
        #expect(abs(whole.estimate.value[.x] - 3.96) < 1e-12)
        let sample = WeightedSample(values: [0.3, 0.31, 0.5, 0.55, 0.9, 0.95, 0.2], counts: [1, 2, 1, 1, 1, 3, 1])
        #expect(sample.histogramMode(bins: 25) == 0.30500000000000005)
    }

    @Test func burnInDropsTheFirstIterations() throws {
        // Expanded x = [1, 2, 2, 3, 4, 4, 4, 5, 5, 5]; burning 2 leaves [2, 3, 4, 4, 4, 5, 5, 5].
        let s = try ChainSummary(chain: Self.chain, method: .last, fraction: 100, burn: 2)
        #expect(s.sampleCount == 8)
        #expect(s.selection.first == ChainSummary.Selected(chain: 0, row: 1, count: 1))
        #expect(s.estimate.value[.x] == 4)
        #expect(throws: GalpakError.self) { try ChainSummary(chain: Self.chain, burn: 10) }
    }

    @Test func severalChainsArePooledPerChain() throws {
        // Two copies of the chain, the second shifted by +10 in x: `last` takes 70 % of each.
        var shifted = Chain()
        for row in 0..<Self.chain.count {
            var p = Self.chain.parameters(at: row)
            p[.x] += 10
            shifted.append(p, reducedChi2: Self.chain.reducedChi2(at: row) + 1, weight: Self.chain.weight(at: row))
        }
        let s = try ChainSummary(chains: [Self.chain, shifted], method: .last, fraction: 70)
        #expect(s.sampleCount == 14)
        #expect(Set(s.selection.map(\.chain)) == [0, 1])
        // Pooled [3,4,4,4,5,5,5, 13,14,14,14,15,15,15]: median (5 + 13)/2.
        #expect(s.estimate.value[.x] == 9)
        #expect(s.bestReducedChi2 == 1)
        // chi_sorted pools first: the 70 % lowest χ² of all 20 entries.
        let sorted = try ChainSummary(chains: [Self.chain, shifted], method: .chiSorted, fraction: 50)
        #expect(sorted.sampleCount == 10)
        // chi_min: a window around each chain's own minimum.
        let windows = try ChainSummary(chains: [Self.chain, shifted], method: .chiMin, fraction: 70)
        #expect(windows.sampleCount == 12)
        #expect(windows.estimate.value[.x] == 7.5)
    }
}
