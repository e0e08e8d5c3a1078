import Testing
@testable import GalPaK

@Suite struct CauchyProposalTests {
    @Test func seededGeneratorIsReproducible() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let sa = (0..<5).map { _ in a.next() }
        #expect(sa == (0..<5).map { _ in b.next() })
        #expect(sa != (0..<5).map { _ in c.next() })
    }

    @Test func zeroScaleNeverMovesAndStepsAreCauchy() {
        var scales = [Double](repeating: 0, count: 10)
        scales[0] = 2
        var proposal = CauchyProposal(scales: scales)
        var rng = SeededGenerator(seed: 7)
        let current = (0..<10).map(Double.init)
        var proposed = current
        var steps: [Double] = []
        for _ in 0..<20000 {
            _ = proposal.propose(from: current, into: &proposed, within: IndependentTProposalTests.wide, using: &rng)
            #expect(Array(proposed[1...]) == Array(current[1...]))
            steps.append(proposed[0] - current[0])
        }
        // A Cauchy of half-width 2 has median 0 and quartiles ±2.
        steps.sort()
        #expect(abs(steps[10000]) < 0.1)
        #expect(abs(steps[5000] + 2) < 0.15 && abs(steps[15000] - 2) < 0.15)
    }
}
