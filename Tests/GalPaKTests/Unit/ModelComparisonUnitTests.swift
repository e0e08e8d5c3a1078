import Testing
@testable import GalPaK

/// The Kass & Raftery and Jeffreys grades at their edges, and the digests of the likelihood's data and noise.
@Suite struct ModelComparisonUnitTests {
    @Test func gradesFollowKassAndRafteryOnTwiceTheLogBayesFactor() {
        let cases: [(Double, BayesFactorScale)] = [(0, .bareMention), (1.99, .bareMention), (2, .positive), (5.99, .positive),
                                                   (6, .strong), (10, .strong), (10.01, .veryStrong), (300, .veryStrong)]
        for (x, grade) in cases { #expect(BayesFactorScale(twiceLogBayesFactor: x) == grade, "2 ln B = \(x)") }
        #expect(BayesFactorScale.bareMention.evidence(for: "a") == "evidence for a not worth more than a bare mention")
        #expect(BayesFactorScale.strong.evidence(for: "a") == "strong evidence for a")
    }

    @Test func gradesFollowTheJeffreysScaleOnTheLogBayesFactor() {
        let cases: [(Double, JeffreysScale)] = [(0, .inconclusive), (0.99, .inconclusive), (1, .weak), (2.49, .weak),
                                                (2.5, .moderate), (4.99, .moderate), (5, .strong), (80, .strong)]
        for (x, grade) in cases { #expect(JeffreysScale(logBayesFactor: x) == grade, "ln B = \(x)") }
        #expect(JeffreysScale.moderate.evidence(for: "b") == "moderate evidence for b")
    }

    @Test func theDigestsChangeWithAnyVoxelVarianceOrNoiseModelAndOnlyThen() {
        func cube(_ change: (inout [Double], inout [Double]) -> Void = { _, _ in }) -> ChiSquare {
            var data = (0..<60).map { Double($0) * 0.1 }, variance = [Double](repeating: 2, count: 60)
            change(&data, &variance)
            return ChiSquare(cube: Cube(nx: 5, ny: 4, nz: 3, data: data, variance: variance,
                                        spectral: SpectralAxis(crval: 6564, crpix: 1, cdelt: 1.25, unit: .angstrom), pixscale: 0.2))
        }
        let reference = LikelihoodDigest.data(cube(), nx: 5, ny: 4, nz: 3)
        #expect(reference.count == 16)
        #expect(LikelihoodDigest.data(cube(), nx: 5, ny: 4, nz: 3) == reference)
        #expect(LikelihoodDigest.data(cube { d, _ in d[17] += 1e-12 }, nx: 5, ny: 4, nz: 3) != reference)
        #expect(LikelihoodDigest.data(cube { _, v in v[3] = 2.5 }, nx: 5, ny: 4, nz: 3) != reference)
        #expect(LikelihoodDigest.data(cube { d, _ in d[40] = .nan }, nx: 5, ny: 4, nz: 3) != reference)
        #expect(LikelihoodDigest.data(cube(), nx: 4, ny: 5, nz: 3) != reference)
        // A voxel the χ² excludes counts the same whatever its data.
        #expect(LikelihoodDigest.data(cube { d, v in d[8] = .nan; v[8] = 1 }, nx: 5, ny: 4, nz: 3)
                == LikelihoodDigest.data(cube { d, v in d[8] = 7; v[8] = 0 }, nx: 5, ny: 4, nz: 3))

        let white = LikelihoodDigest.noise(statistic: .gaussian, correlation: nil)
        #expect(LikelihoodDigest.noise(statistic: .gaussian, correlation: .white) == white)
        #expect(LikelihoodDigest.noise(statistic: .neyman, correlation: nil) != white)
        let beam = NoiseCorrelation(spatialWidth: 2, spectralWidth: 1)
        #expect(LikelihoodDigest.noise(statistic: .gaussian, correlation: beam) != white)
        #expect(LikelihoodDigest.noise(statistic: .gaussian, correlation: beam)
                != LikelihoodDigest.noise(statistic: .gaussian, correlation: NoiseCorrelation(spatialWidth: 2.001, spectralWidth: 1)))
    }

    @Test func fnv1aMatchesItsPublishedTestVectors() {
        // Test vectors of the FNV reference (Fowler, Noll, Vo): "" and "a".
        #expect(FNV1a().hex == "cbf29ce484222325")
        var a = FNV1a()
        a.add(bytes: "a".utf8)
        #expect(a.hex == "af63dc4c8601ec8c")
        var foobar = FNV1a()
        foobar.add(bytes: "foobar".utf8)
        #expect(foobar.hex == "85944171f73967e8")
    }
}
