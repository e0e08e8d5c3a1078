import Testing
@testable import GalPaK

@Suite struct ChainTests {
    @Test func appendAndWeights() {
        var chain = Chain(reservingCapacity: 4)
        let p = GalaxyParameters((0..<10).map(Double.init))
        chain.append(p, reducedChi2: 1.5)
        chain.addWeightToLast()
        chain.addWeightToLast(3)
        chain.append(values: p.values.map { $0 * 2 }, reducedChi2: 1.2, weight: 2)
        #expect(chain.count == 2)
        #expect(chain.weights == [5, 2] && chain.totalWeight == 7)
        #expect(chain.parameters(at: 0) == p)
        #expect(chain.value(.pa, at: 1) == 12)
        #expect(chain.reducedChi2s == [1.5, 1.2])
        #expect(chain.column(.x) == [0, 0] && chain.column(.y) == [1, 2])
    }

    @Test func inPlaceSanitizeMatchesSanitized() {
        for (incl, pa) in [(-10.0, 300.0), (10, -40), (10, 400), (-1, -200), (45, 360)] {
            var p = GalaxyParameters(x: 1, y: 2, z: 3, flux: 4, radius: 5, inclination: incl, pa: pa,
                                     turnoverRadius: 1, maximumVelocity: 100, velocityDispersion: 50)
            let expected = p.sanitized()
            p.sanitize()
            #expect(p == expected)
        }
    }
}
