/// An error that reaches the user: one sentence naming the file (when there is one) and the
/// problem, and what to do about it.
///
/// The command-line tool maps ``Kind`` to its exit status: bad input (a file that cannot be
/// read, a value that makes no sense, an output path that cannot be written) exits with 2,
/// a fit that could not be carried out exits with 1, an interrupted one with 128 + the signal.
public struct GalpakError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, which decides the exit status.
    public enum Kind: Sendable {
        /// The input (file, option value, output location) is unusable. Exit status 2.
        case badInput
        /// The input was fine but the fit could not be carried out. Exit status 1.
        case fitFailed
        /// Stopped by SIGINT, SIGTERM or SIGHUP before it finished. Exit status 128 + the
        /// signal, as a shell reports it (130 for Ctrl-C; ``exitCode`` gives 130, not knowing
        /// the signal).
        case interrupted
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Shorthand for a bad-input error about `file`: "`file`: `problem`".
    public static func badInput(_ file: String, _ problem: String) -> GalpakError {
        GalpakError(.badInput, "\(file): \(problem)")
    }

    /// This error with its message prefixed by `file` ("`file`: …"), unless the message already
    /// starts with it: for errors raised where the file is not known (a spread function that
    /// does not fit a cube's axes).
    public func naming(_ file: String) -> GalpakError {
        message.hasPrefix(file) ? self : GalpakError(kind, "\(file): \(message)")
    }

    /// Runs `body`, and names `file` in any ``GalpakError`` it throws (see ``naming(_:)``).
    public static func naming<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GalpakError {
            throw error.naming(file)
        }
    }

    /// The process exit status for this error.
    public var exitCode: Int32 {
        switch kind {
        case .badInput: 2
        case .fitFailed: 1
        case .interrupted: 130
        }
    }

    public var description: String { message }
}
