import Foundation

/// Thrown between two steps of long work once a stop has been asked for (in the command-line
/// tool: SIGINT, SIGTERM or SIGHUP), so that the work ends promptly in whatever phase it is.
/// A fit turns it into its `.interrupted` error, after keeping the chain so far.
public struct StopRequested: Error, Sendable {
    public init() {}

    /// The signals that ask a galpak run to stop cleanly (a fit keeps its chain and leaves no
    /// final output; a batch passes them on to its fits); its exit status is then 128 + the signal.
    public static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Throws ``StopRequested`` when `isRequested` returns true.
    public static func check(_ isRequested: () -> Bool) throws {
        if isRequested() { throw StopRequested() }
    }
}
