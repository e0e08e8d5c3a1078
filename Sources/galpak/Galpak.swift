import ArgumentParser
import Foundation
import GalPaK

/// The `galpak` command: kinematic fits of emission-line galaxies in 3-D spectral cubes.
///
/// Exit statuses: 0 success; 1 the fit could not be carried out; 2 bad input (unreadable or
/// unusable file, invalid option value, output that cannot be written).
@main
struct Galpak: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "galpak",
        abstract: "Fit a rotating-disk model to an emission-line galaxy in a 3-D spectral cube (GalPaK3D).",
        discussion: """
            Exit status: 0 on success, 1 when a fit could not be carried out, 2 for bad input \
            (a file that cannot be read or used, an invalid option value, an output that cannot \
            be written).
            """,
        subcommands: [FitCommand.self, ChainCommand.self, PlotCommand.self, SimulateCommand.self, InfoCommand.self]
    )

    /// Parses, runs, and maps every failure to a one-line message and the documented status.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as GalpakError {
            Terminal.error(error.message)
            Foundation.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            // Usage errors (unknown option, bad value) are bad input: status 2, not 64.
            Terminal.error(fullMessage(for: error))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
