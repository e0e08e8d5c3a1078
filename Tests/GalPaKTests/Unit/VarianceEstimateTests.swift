import Testing
@testable import GalPaK

/// The reference's constant-variance estimate.
@Suite struct VarianceEstimateTests {
    /// A cube whose strip `[:, 2..<ny−4, 2..<4]` holds `strip` (in k, j, i order) and whose
    /// other voxels hold large values that would spoil the estimate if used.
    private func cube(nx: Int, ny: Int, nz: Int, strip: [Double]) -> [Double] {
        var data = (0..<(nx * ny * nz)).map { 1000 + Double($0) }
        var next = strip.makeIterator()
        for k in 0..<nz { for j in 2..<(ny - 4) { for i in 2..<4 { data[(k * ny + j) * nx + i] = next.next()! } } }
        return data
    }

    @Test func oneClippingPassOnTheStrip() {
        // Strip median 0.5, σ = 16.58 → 50 lies beyond 2.5σ and is dropped; NaNs are ignored.
        // Left: −2, −1, −1, 0, 1, 1, 2 → mean 0, variance 12/7.
        let strip: [Double] = [-2, -1, -1, 0, 1, 1, 2, 50, .nan, .nan, .nan, .nan]
        let data = cube(nx: 6, ny: 8, nz: 3, strip: strip)
        #expect(abs(VarianceEstimate.constant(data: data, nx: 6, ny: 8, nz: 3) - 12.0 / 7) < 1e-12)
    }

    @Test func constantStripGivesTheFloor() {
        let data = cube(nx: 6, ny: 8, nz: 2, strip: [Double](repeating: 3, count: 8))
        #expect(VarianceEstimate.constant(data: data, nx: 6, ny: 8, nz: 2) == 1e-40)
    }

    @Test func tooFewRowsFallsBackToTheWholeCube() {
        // ny = 5 leaves the strip empty. Alternating ±1: median 0, so clipping keeps iterating,
        // but nothing lies beyond 2.5σ and σ = 1.
        let data = (0..<(4 * 5 * 2)).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        #expect(VarianceEstimate.constant(data: data, nx: 4, ny: 5, nz: 2) == 1)
    }
}
