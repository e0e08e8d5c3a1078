import Testing
@testable import GalPaK

@Suite struct ProposalScalesTests {
    /// 36 channels × 30 × 30 pixels, flux estimate 1081.88: the reference's measured scales (§6.1),
    /// on the reference's bounds (its turnover-radius maximum is 5.625, galpak's default 11.25).
    @Test func matchTheReferenceMeasurement() throws {
        var referenceMax = GalaxyParameters.missing
        referenceMax[.turnoverRadius] = 5.625
        let bounds = try ParameterBounds.defaults(nx: 30, ny: 30, nz: 36, fluxEstimate: 1081.88)
            .merging(min: nil, max: referenceMax)
        let scales = ProposalScales(bounds: bounds, voxelCount: 36 * 30 * 30)
        let expected = [0.002673, 0.002673, 0.003207, 0.4338, 0.002793, 0.02553, 0.1764,
                        0.001501, 0.1363, 0.07217]
        for (name, e) in zip(ParameterName.reference, expected) {
            #expect(abs(scales[name] / e - 1) < 1e-3, "\(name): \(scales[name]) vs \(e)")
        }
    }

    @Test func randomScaleMultipliesAndKnownParametersGetZero() {
        let bounds = ParameterBounds.defaults(nx: 30, ny: 30, nz: 36, fluxEstimate: 1081.88)
        let base = ProposalScales(bounds: bounds, voxelCount: 32400)
        let doubled = ProposalScales(bounds: bounds, voxelCount: 32400, randomScale: 2)
        #expect(zip(doubled.values, base.values).allSatisfy { $0 == 2 * $1 })

        var perParameter = GalaxyParameters.missing
        perParameter[.flux] = 4
        var known = GalaxyParameters.missing
        known[.inclination] = 45
        let mixed = ProposalScales(bounds: bounds, voxelCount: 32400, randomScale: perParameter, known: known)
        #expect(mixed[.flux] == 4 * base[.flux])
        #expect(mixed[.x] == base[.x])  // NaN entry means 1
        #expect(mixed[.inclination] == 0)
    }
}
