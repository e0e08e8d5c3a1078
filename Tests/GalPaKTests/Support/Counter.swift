import Foundation

/// A count shared by threads (cancellation hooks, evaluations made on several workers).
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Adds one and returns the new count.
    @discardableResult
    func next() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }

    /// The count so far.
    var value: Int { lock.withLock { count } }
}
