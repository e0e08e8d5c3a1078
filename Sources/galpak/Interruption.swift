import Foundation
import GalPaK
import Synchronization

/// SIGINT, SIGTERM and SIGHUP turned into a request to stop, which long-running work polls.
///
/// The handler only stores the signal number in an atomic and writes one constant line to
/// stderr with `write(2)`, both async-signal-safe; a fit polls ``requested`` in every phase
/// (``FitPipeline``: before every proposal, between files, …) and the batch runner between
/// checks of its children. A C handler
/// setting a lock-free `Atomic` (the standard library's Synchronization module, no extra
/// dependency) was chosen over a DispatchSource: no queue or thread is involved, and the flag
/// is `Sendable` for Swift 6's strict concurrency without `nonisolated(unsafe)`.
/// Repeated signals change nothing: the fit is already stopping (SIGKILL forces it).
enum Interruption {
    /// The first signal received, 0 while none.
    private static let received = Atomic<Int32>(0)

    /// Installs the handler for `StopRequested.signals`, and unblocks them in the calling thread:
    /// a parent may have started us with them blocked (a process inherits its parent's signal
    /// mask, and threads of a Dispatch-based program block most signals).
    static func install() {
        received.store(0, ordering: .relaxed)  // initialises the static before any handler runs
        var set = sigset_t()
        sigemptyset(&set)
        for stop in StopRequested.signals {
            signal(stop, interruptionHandler)
            sigaddset(&set, stop)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// The signal that asked to stop, if any.
    static var receivedSignal: Int32? {
        let value = received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// True once one of `StopRequested.signals` has arrived.
    static var requested: Bool { receivedSignal != nil }

    fileprivate static func record(_ signal: Int32) {
        let (exchanged, _) = received.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
        guard exchanged else { return }
        let message: StaticString = "\ngalpak: stopping (signal received); a stopped fit keeps its chain so far in PREFIX_chain.incomplete.dat\n"
        message.withUTF8Buffer { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

private func interruptionHandler(_ signal: Int32) {
    Interruption.record(signal)
}
