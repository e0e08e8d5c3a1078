import Foundation

/// Serialises the events of several threads into one non-thread-safe handler.
final class EventSink: @unchecked Sendable {
    private let lock = NSLock()
    private let handler: (FitEvent) -> Void

    init(_ handler: @escaping (FitEvent) -> Void) {
        self.handler = handler
    }

    func send(_ event: FitEvent) {
        lock.withLock { handler(event) }
    }
}
