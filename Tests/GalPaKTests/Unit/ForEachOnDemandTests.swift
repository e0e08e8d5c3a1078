import Foundation
import Testing
@testable import GalPaK

/// ``forEachOnDemand(_:workers:_:)``: every item once, whichever worker is free; after an
/// error no further item starts, and the lowest item's error is rethrown.
@Suite struct ForEachOnDemandTests {
    @Test(arguments: [1, 2, 3, 8])
    func everyItemRunsOnce(workers: Int) throws {
        let counts = Counts(items: 25)
        try forEachOnDemand(25, workers: workers) { item in
            if item % 7 == 0 { Thread.sleep(forTimeInterval: 0.002) }  // unequal costs
            counts.add(item)
        }
        #expect(counts.values == [Int](repeating: 1, count: 25))
    }

    @Test(arguments: [1, 2, 4])
    func anErrorStopsTheQueueAndTheLowestItemsErrorIsRethrown(workers: Int) throws {
        struct Failure: Error, Equatable { let item: Int }
        let counts = Counts(items: 100)
        #expect(throws: Failure(item: 3)) {
            try forEachOnDemand(100, workers: workers) { item in
                counts.add(item)
                if item == 3 || item == 4 { throw Failure(item: item) }
            }
        }
        // Items already taken when the error came may finish; none is taken after: at most one more per worker.
        #expect(counts.values.reduce(0, +) <= 5 + workers)
    }
}

/// How many times each item ran.
private final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int]
    init(items: Int) { counts = Array(repeating: 0, count: items) }
    func add(_ item: Int) { lock.withLock { counts[item] += 1 } }
    var values: [Int] { lock.withLock { counts } }
}
