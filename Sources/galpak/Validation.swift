import ArgumentParser
import GalPaK

/// Checks run from a command's or option group's `validate()`, while the command line is
/// parsed: ArgumentParser maps only a `ValidationError` thrown there to a usage error (exit
/// status 2), and `batch` parses each cube's fit options the same way before any fit starts.
enum Validation {
    /// Runs `body`, turning a ``GalpakError`` it throws into a `ValidationError` with its message.
    static func run(_ body: () throws -> Void) throws {
        do { try body() } catch let error as GalpakError { throw ValidationError(error.message) }
    }
}

extension ValidRange {
    /// ``ValidRange/check(_:_:)-(Double,String)`` as a `ValidationError`.
    func validate(_ value: Double, _ option: String) throws {
        try Validation.run { try check(value, option) }
    }

    /// The same for a whole number.
    func validate(_ value: Int, _ option: String) throws {
        try Validation.run { try check(value, option) }
    }
}
