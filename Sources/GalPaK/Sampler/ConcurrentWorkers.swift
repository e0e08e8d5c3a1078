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
