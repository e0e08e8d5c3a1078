import Foundation

/// The arguments of one `galpak` command as the built tool describes them
/// (`galpak CMD --experimental-dump-help`, ArgumentParser's JSON of the command's definition), so
/// that the option fuzz feeds every option of this build with no list of names to keep in step.
struct CommandDescription {
    /// One positional argument, option or flag.
    struct Argument {
        /// How it is written: `--seeing`, `-o` (empty for a positional argument).
        var spellings: [String]
        /// Long name without dashes (`lsf-fwhm`); nil for a positional argument.
        var long: String?
        /// False for a flag.
        var takesValue: Bool
        var isPositional: Bool
        /// The placeholder of its value in the help (`arcsec`, `file.fits`, `name=value,...`).
        var valueName: String
        /// The valid values of a choice (`--sampling`), empty for free text.
        var allValues: [String]
        /// Its help text, which states its valid range (`in (0, 3600] arcsec`).
        var help: String

        /// What a message about it is expected to name: its spellings and its long name as
        /// written in files and messages (`lsf-fwhm`, `lsf_fwhm`); for a positional argument,
        /// its placeholder (`<PREFIX>`).
        var names: [String] {
            spellings + (long.map { [$0, $0.replacingOccurrences(of: "-", with: "_")] } ?? ["<\(valueName)>"])
        }
    }

    /// `fit`, `batch`, …
    var command: String
    /// Every argument but `--help`, in the order of the help.
    var arguments: [Argument]

    /// The options (not the positional arguments).
    var options: [Argument] { arguments.filter { !$0.isPositional } }

    /// The argument with this long name.
    func option(_ long: String) -> Argument? { arguments.first { $0.long == long } }

    /// Reads the description of `command` from the built tool.
    static func read(_ command: String) throws -> CommandDescription {
        let run = try CommandLineRunner.run([command, "--experimental-dump-help"], timeLimit: 60)
        guard run.status == 0,
              let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
              let described = (json["command"] as? [String: Any])?["arguments"] as? [[String: Any]] else {
            throw DescriptionError(command: command, stderr: run.stderr)
        }
        var arguments: [Argument] = []
        for entry in described {
            let kind = entry["kind"] as? String ?? ""
            let names = (entry["names"] as? [[String: Any]] ?? []).compactMap { name -> (String, String)? in
                guard let text = name["name"] as? String, let nameKind = name["kind"] as? String else { return nil }
                return (nameKind, text)
            }
            let long = names.first { $0.0 == "long" }?.1
            guard long != "help" else { continue }
            arguments.append(Argument(
                spellings: names.map { ($0.0 == "long" ? "--" : "-") + $0.1 }, long: long,
                takesValue: kind != "flag", isPositional: kind == "positional",
                valueName: entry["valueName"] as? String ?? "", allValues: entry["allValues"] as? [String] ?? [],
                help: entry["abstract"] as? String ?? ""))
        }
        return CommandDescription(command: command, arguments: arguments)
    }

    struct DescriptionError: Error, CustomStringConvertible {
        var command: String
        var stderr: String
        var description: String { "galpak \(command) --experimental-dump-help failed: \(stderr)" }
    }
}
