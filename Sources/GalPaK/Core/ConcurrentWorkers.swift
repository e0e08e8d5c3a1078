import Foundation

/// Runs `body(worker, item)` for every item in `0..<count`, the `workers` workers at the same
/// time (`DispatchQueue.concurrentPerform`; one worker: in the calling thread, in order).
/// Worker w takes items w, w + workers, w + 2·workers, …, so which worker handles an item never
/// depends on timing; each worker must touch only what is its own and what its items own.
/// Rethrows, once every worker has stopped, the error of the lowest-numbered worker that threw
/// (a worker stops at its first error).
/// - Precondition: `workers ≥ 1`.
func forEachConcurrently(_ count: Int, workers: Int, _ body: (_ worker: Int, _ item: Int) throws -> Void) throws {
    precondition(workers >= 1, "at least one worker")
    let used = Swift.min(workers, count)
    guard used > 1 else {
        for item in 0..<count { try body(0, item) }
        return
    }
    let errors = ErrorBox(count: used)
    withoutActuallyEscaping(body) { body in
        let work = WorkerBody(body: body)
        DispatchQueue.concurrentPerform(iterations: used) { worker in
            do {
                for item in stride(from: worker, to: count, by: used) { try work.body(worker, item) }
            } catch {
                errors.store(error, at: worker)
            }
        }
    }
    if let error = errors.first { throw error }
}

/// The body shared by the workers of ``forEachConcurrently(_:workers:_:)``: each call works on
/// its own worker's state and items only, which is what makes sharing it safe.
private struct WorkerBody: @unchecked Sendable {
    let body: (Int, Int) throws -> Void
}

/// Runs `body(item)` for every item in `0..<count`, `workers` at the same time, each worker
/// taking the next item not yet taken as soon as it is free (for items of unequal cost whose
/// results do not depend on which worker ran them: put the costliest first). After an error
/// no further item is started; rethrows, once every worker has stopped, the error of the
/// lowest-numbered item that threw. One worker: in the calling thread, in order.
/// - Precondition: `workers ≥ 1`.
func forEachOnDemand(_ count: Int, workers: Int, _ body: (_ item: Int) throws -> Void) throws {
    precondition(workers >= 1, "at least one worker")
    guard Swift.min(workers, count) > 1 else {
        for item in 0..<count { try body(item) }
        return
    }
    let errors = ErrorBox(count: count)
    let queue = ItemQueue(count: count)
    try forEachConcurrently(workers, workers: workers) { _, _ in
        while let item = queue.next() {
            do {
                try body(item)
            } catch {
                errors.store(error, at: item)
                queue.stop()
            }
        }
    }
    if let error = errors.first { throw error }
}

/// The items of ``forEachOnDemand(_:workers:_:)`` not yet taken.
private final class ItemQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private let count: Int

    init(count: Int) { self.count = count }

    /// The next item, nil when none is left (or after ``stop()``).
    func next() -> Int? {
        lock.withLock {
            guard taken < count else { return nil }
            taken += 1
            return taken - 1
        }
    }

    /// Hands out no further item.
    func stop() { lock.withLock { taken = count } }
}
