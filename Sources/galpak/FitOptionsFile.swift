import ArgumentParser
import Foundation
import GalPaK

/// `galpak fit --options FILE`: the fit options of an options file (``OptionsFile``) under
/// those of the command line, checked against the fit command's own list of options (the one
/// a batch manifest's columns use too).
extension FitArguments {
    /// The long name of the option that reads an options file (`--options`).
    static let optionsFileSetting = "options"

    /// Names an options file may not set: `options` (files do not nest) and `help`.
    static let notInOptionsFile: Set<String> = [optionsFileSetting, "help"]

    /// Names `PREFIX_options.txt` leaves out: where and whether to write (and `--resume`), which the user gives
    /// again when repeating a fit, and the options file, whose settings it holds.
    static let notRecorded: Set<String> = [optionsFileSetting, BatchPlan.outputSetting, "overwrite", "resume"]

    /// The settings of the file at `path`, in file order.
    /// - Throws: ``GalpakError`` `.badInput` "`path`: line N: …" for a line that is not
    ///   `option = value`, a name that is not a fit option (or is ``notInOptionsFile``), a flag
    ///   whose value is not true or false, or an option that takes one value set twice.
    func settings(optionsFile path: String) throws -> [OptionsFile.Entry] {
        let entries = try OptionsFile.read(path: path)
        var firstLine: [String: Int] = [:]
        for entry in entries {
            let name = entry.setting.name
            func refuse(_ problem: String) -> GalpakError {
                GalpakError.badInput(path, "line \(entry.line): \(problem)".escapingControlCharacters())
            }
            guard let option = options[name], !Self.notInOptionsFile.contains(name) else {
                throw refuse("'\(name)' is not an option of galpak fit that a file can set (see galpak fit --help)")
            }
            if let line = firstLine[name], !option.isRepeating {
                throw refuse("'\(name)' is already set on line \(line)")
            }
            firstLine[name] = firstLine[name] ?? entry.line
            do { _ = try words(entry.setting) } catch { throw refuse(error.message) }
        }
        return entries
    }

    /// The file's settings with the command line's laid over them: an option the command line
    /// gives replaces the file's, except a repeatable one (`--fix`), whose values add to the
    /// file's (later ones win, parameter by parameter). File settings first, then the
    /// command line's, each in its order.
    static func merging(file: [OptionSetting], commandLine: [OptionSetting], options: [String: Option]) -> [OptionSetting] {
        let replaced = Set(commandLine.map(\.name).filter { options[$0]?.isRepeating == false })
        return file.filter { !replaced.contains($0.name) } + commandLine
    }

    /// The fit `commandLine` (the words after `galpak fit`) asks for with the options file
    /// `path` under it, and the settings that make it (file and command line merged, the
    /// options file left out); the file's settings named in `leaving` are left out too (for
    /// options the caller decides, such as a flag the command line cannot turn off).
    /// - Throws: ``GalpakError`` `.badInput` naming the file, and the line when one line alone
    ///   is refused (an unknown option, a value out of range), as ``settings(optionsFile:)``
    ///   does; naming the file when only the whole set is refused.
    func command(optionsFile path: String, commandLine: [String],
                 leaving: Set<String> = []) throws -> (FitCommand, [OptionSetting]) {
        let entries = try settings(optionsFile: path).filter { !leaving.contains($0.setting.name) }
        let (inputs, given) = try split(commandLine)
        let merged = Self.merging(file: entries.map(\.setting), commandLine: given, options: options)
            .filter { $0.name != Self.optionsFileSetting }
        do {
            return (try FitCommand.parse(try merged.flatMap { try words($0) } + ["--"] + inputs), merged)
        } catch {
            let message = Galpak.oneLine(FitCommand.message(for: error))
            // The line that is refused alone, with the same message, is the one to name.
            for entry in entries {
                do {
                    _ = try FitCommand.parse(try words(entry.setting) + ["--", "cube.fits"])
                } catch where Galpak.oneLine(FitCommand.message(for: error)) == message {
                    throw GalpakError.badInput(path, "line \(entry.line): \(message)".escapingControlCharacters())
                } catch {}
            }
            throw GalpakError.badInput(path, "with the command line's options: \(message)".escapingControlCharacters())
        }
    }
}
