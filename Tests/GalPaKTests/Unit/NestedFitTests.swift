import Foundation
import Testing
@testable import GalPaK

/// The pieces of `--sampling nested` for a fit: the pool of forward models the sampler's
/// threads share, and the weighted draws turned into a chain of integer weights.
@Suite struct NestedFitTests {
    @Test func thePoolSurvivesHundredsOfThousandsOfRoundTripsFromManyThreads() {
        // A bare closure kept in the pool gained a thunk per round trip and overflowed the stack
        // after ~10⁵ evaluations.
        let made = PoolMakeCounter()
        let pool = ForwardModelPool(template: GalaxyParameters([Double](repeating: 1, count: 10)), free: [0], make: {
            made.increment()
            return { p in p.values[0] * 2 }
        })
        let sums = PoolTestBox([Double](repeating: 0, count: 4))
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            var sum = 0.0
            for k in 0..<150_000 { sum += pool.evaluate([Double(k % 7)]) { _, chi2 in chi2 } }
            sums.withLock { $0[t] = sum }
        }
        let expected = (0..<150_000).reduce(0.0) { $0 + Double($1 % 7) * 2 }
        #expect(sums.withLock { $0 } == [Double](repeating: expected, count: 4))
        #expect(made.value >= 1 && made.value <= 4)
    }

    @Test func weightsBecomeIntegersWithinOneUnitSummingToTheTotal() {
        let template = GalaxyParameters([Double](repeating: 3, count: 10))
        // Five draws of one free parameter (index 4), one too light to keep.
        let weights = [1e-9, 0.2, 0.3000001, 0.1, 0.3999999 - 1e-9]
        let draws = WeightedDraws(dimension: 1, points: [1, 2, 3, 4, 5], logLikelihoods: [-10, -9, -8, -7, -6],
                                  weights: weights)
        let (chain, dropped) = NestedFit.chain(draws, template: template, indices: [4], degreesOfFreedom: 100)
        #expect(chain.count == 4 && chain.totalWeight == NestedFit.weightUnits)
        #expect(abs(dropped - 1e-9) < 1e-15)
        for row in 0..<chain.count {
            let k = row + 1
            #expect(abs(Double(chain.weight(at: row)) - draws.weights[k] * Double(NestedFit.weightUnits)) < 1)
            #expect(chain.parameters(at: row).values[4] == Double(k + 1) && chain.parameters(at: row).values[0] == 3)
            #expect(abs(chain.reducedChi2(at: row) - (-2 * draws.logLikelihoods[k] / 100)) < 1e-12)
        }
    }
}

/// A count shared by threads.
private final class PoolMakeCounter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// A value shared by threads behind a lock.
private final class PoolTestBox<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func withLock<R>(_ body: (inout T) -> R) -> R { lock.withLock { body(&value) } }
}
