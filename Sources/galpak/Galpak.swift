import ArgumentParser
import Foundation
import GalPaK

/// The `galpak` command: kinematic fits of emission-line galaxies in 3-D spectral cubes.
///
/// Exit statuses: 0 success; 1 the fit could not be carried out (batch: a cube failed); 2 bad input (unreadable or
/// unusable file, invalid option value, output that cannot be written); 128 + signal when interrupted.
@main
struct Galpak: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "galpak",
        abstract: "Fit a rotating-disk model to an emission-line galaxy in a 3-D spectral cube (GalPaK3D).",
        discussion: exitStatusHelp,
        version: Provenance.version,
        subcommands: [FitCommand.self, BatchCommand.self, ChainCommand.self, PlotCommand.self,
                      SimulateCommand.self, InfoCommand.self, CompareCommand.self]
    )

    /// The exit statuses, stated in the help of every command.
    static let exitStatusHelp = """
        Exit status: 0 on success; 1 when a fit could not be carried out (for batch: when any cube \
        failed); 2 for bad input (a file that cannot be read or used, an invalid option value, an \
        output that exists, is an input, is locked by another run or cannot be written); 130, 143 or \
        129 when stopped by SIGINT, SIGTERM or SIGHUP. \
        Errors are one line on stderr naming the file and the problem; a refused run leaves no \
        output file.
        """

    /// Parses, runs, and maps every failure to a one-line message and the documented status.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as GalpakError {
            Terminal.error(error.message)
            // Stopped by a signal: 128 + its number, as shells report it (130 SIGINT, 143 SIGTERM, 129 SIGHUP).
            if error.kind == .interrupted, let signal = Interruption.receivedSignal { Foundation.exit(128 + signal) }
            Foundation.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            // Usage errors (unknown option, bad value) are bad input: status 2, not 64. One
            // line, like every other error, with where to look rather than the whole usage.
            let text = oneLine(message(for: error))
            Terminal.error("\(text) (see 'galpak \(commandName.map { "\($0) " } ?? "")--help')")
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// ArgumentParser's message on one line; the valid values it lists one a line ("- name",
    /// when there are six or more) become a comma-separated list.
    static func oneLine(_ message: String) -> String {
        var text = ""
        for line in message.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("- "), !text.isEmpty {
                text += (text.hasSuffix(":") ? " " : ", ") + line.dropFirst(2)
            } else {
                text += (text.isEmpty ? "" : " ") + line
            }
        }
        return text
    }

    /// The subcommand named on the command line, if any.
    private static var commandName: String? {
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        return CommandLine.arguments.dropFirst().first { names.contains($0) }
    }
}
