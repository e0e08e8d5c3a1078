import Foundation

/// The first error of several threads.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error?]

    init(count: Int) { errors = Array(repeating: nil, count: count) }

    func store(_ error: Error, at index: Int) { lock.withLock { errors[index] = error } }

    var first: Error? { lock.withLock { errors.compactMap { $0 }.first } }
}
