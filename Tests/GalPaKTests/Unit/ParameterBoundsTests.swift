import Testing
@testable import GalPaK

@Suite struct ParameterBoundsTests {
    /// The reference's table but the turnover radius's maximum, the radius's (3/8 of the mean
    /// side, 11.25) instead of the reference's 3/16 (5.625).
    @Test func defaultsFollowTheReferenceTable() {
        let b = ParameterBounds.defaults(nx: 30, ny: 30, nz: 36, fluxEstimate: 100)
        #expect(b.min.values == [10, 10, 12, 0, 0.8, -5, -40, 0.01, 10, 0])
        #expect(b.max.values == [20, 20, 24, 300, 11.25, 90.5, 400, 11.25, 350, 180])
    }

    @Test func fluxEstimateIgnoresNaNAndFallsBackToPositiveVoxels() {
        #expect(ParameterBounds.fluxEstimate(of: [1, .nan, 2, -0.5]) == 2.5)
        #expect(ParameterBounds.fluxEstimate(of: [1, -3, .nan, 0.5]) == 1.5)
        // The flux detected in the line's mask replaces a smaller sum, never a larger one.
        #expect(ParameterBounds.fluxEstimate(of: [1, .nan, 2, -0.5], detected: 10) == 10)
        #expect(ParameterBounds.fluxEstimate(of: [1, .nan, 2, -0.5], detected: 1) == 2.5)
        #expect(ParameterBounds.fluxEstimate(of: [1, .nan, 2, -0.5], detected: .nan) == 2.5)
    }

    @Test func userLimitsReplaceDefaultsExceptNaN() throws {
        let b = ParameterBounds.defaults(nx: 30, ny: 30, nz: 36, fluxEstimate: 100)
        var lo = GalaxyParameters.missing, hi = GalaxyParameters.missing
        lo[.maximumVelocity] = 50
        hi[.velocityDispersion] = 90
        let merged = try b.merging(min: lo, max: hi)
        #expect(merged.min[.maximumVelocity] == 50 && merged.max[.maximumVelocity] == 350)
        #expect(merged.max[.velocityDispersion] == 90 && merged.min[.x] == 10)
    }

    @Test func minAboveMaxIsBadInput() {
        let b = ParameterBounds.defaults(nx: 30, ny: 30, nz: 36, fluxEstimate: 100)
        var lo = GalaxyParameters.missing
        lo[.radius] = 20  // default max 11.25
        #expect {
            try b.merging(min: lo, max: nil)
        } throws: { error in
            (error as? GalpakError)?.kind == .badInput && "\(error)".contains("radius")
        }
    }

    @Test func knownParametersGetTheReferenceBand() {
        let b = ParameterBounds.defaults(nx: 30, ny: 30, nz: 36, fluxEstimate: 100)
        var known = GalaxyParameters.missing
        known[.inclination] = 60
        known[.pa] = -20
        let fixed = b.fixing(known)
        #expect(abs(fixed.min[.inclination] - (60 * 0.997 - 0.003)) < 1e-12)
        #expect(abs(fixed.max[.inclination] - (60 * 1.003 + 0.003)) < 1e-12)
        #expect(abs(fixed.min[.pa] - (-20 * 1.003 - 0.003)) < 1e-12)
        #expect(abs(fixed.max[.pa] - (-20 * 0.997 + 0.003)) < 1e-12)
        #expect(fixed.min[.x] == 10)
    }

    @Test func containsIsInclusiveAndRejectsNaN() {
        let b = ParameterBounds.defaults(nx: 30, ny: 30, nz: 36, fluxEstimate: 100)
        var p = b.min
        #expect(b.contains(p))
        p[.flux] = 300.0000001
        #expect(!b.contains(p))
        p[.flux] = .nan
        #expect(!b.contains(p))
    }
}
