import ArgumentParser
import Foundation
import GalPaK

/// The options of `galpak fit`, read from `FitCommand`'s own definition (ArgumentParser's JSON
/// description of it), so that `batch` accepts exactly the fit options of this build, both as
/// defaults on its command line and as manifest columns, with no list to keep in step.
struct FitArguments {
    /// One fit option.
    struct Option {
        /// Long name without dashes (`lsf-fwhm`).
        var long: String
        /// False for a flag.
        var takesValue: Bool
        /// True for an option that may be given several times, each adding to the others
        /// (`--fix`), false for one whose last value counts.
        var isRepeating: Bool
    }

    /// Options by long name.
    let options: [String: Option]
    /// Every spelling accepted on the command line (`--output`, `-o`) → long name.
    let spellings: [String: String]

    /// The fit command's options.
    static let fit = FitArguments(toolInfo: FitCommand._dumpHelp())

    /// Options the batch decides for each cube itself.
    static let setByBatch: Set<String> = ["overwrite", "resume", "help"]

    /// Long names a manifest column may have (besides `cube`).
    var columns: Set<String> { Set(options.keys).subtracting(Self.setByBatch) }

    init(toolInfo: String) {
        var options: [String: Option] = [:]
        var spellings: [String: String] = [:]
        let json = (try? JSONSerialization.jsonObject(with: Data(toolInfo.utf8))) as? [String: Any]
        let arguments = (json?["command"] as? [String: Any])?["arguments"] as? [[String: Any]] ?? []
        for argument in arguments {
            guard let kind = argument["kind"] as? String, kind == "option" || kind == "flag",
                  let names = argument["names"] as? [[String: Any]] else { continue }
            let typed = names.compactMap { name -> (String, String)? in
                guard let text = name["name"] as? String, let nameKind = name["kind"] as? String else { return nil }
                return (nameKind, text)
            }
            guard let long = typed.first(where: { $0.0 == "long" })?.1 else { continue }
            options[long] = Option(long: long, takesValue: kind == "option",
                                   isRepeating: argument["isRepeating"] as? Bool ?? false)
            for (nameKind, text) in typed {
                spellings[(nameKind == "long" ? "--" : "-") + text] = long
            }
        }
        self.options = options
        self.spellings = spellings
    }

    /// Splits the words of a batch command line that are not batch options into inputs
    /// (manifests, cubes, patterns) and fit options (`--seeing 0.7`, `--seeing=0.7`, flags).
    /// - Throws: `ValidationError` for an unknown option or one missing its value.
    func split(_ words: [String]) throws -> (inputs: [String], settings: [BatchManifest.Setting]) {
        var inputs: [String] = []
        var settings: [BatchManifest.Setting] = []
        var i = 0
        while i < words.count {
            let word = words[i]
            i += 1
            if word == "--" {
                inputs += words[i...]
                break
            }
            guard word.hasPrefix("-"), word.count > 1 else {
                inputs.append(word)
                continue
            }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard let long = spellings[parts[0]], let option = options[long] else {
                throw ValidationError("unknown option '\(parts[0])': batch takes its own options (see galpak batch --help) and those of galpak fit")
            }
            if option.takesValue {
                if parts.count == 2 {
                    settings.append(.init(name: long, value: parts[1]))
                } else if i < words.count {
                    settings.append(.init(name: long, value: words[i]))
                    i += 1
                } else {
                    throw ValidationError("missing value for '\(parts[0])'")
                }
            } else {
                guard parts.count == 1 else { throw ValidationError("'\(parts[0])' is a flag and takes no value") }
                settings.append(.init(name: long, value: "true"))
            }
        }
        return (inputs, settings)
    }

    /// The command-line words of one setting: `--name value`, `--name` for a flag that is on,
    /// none for a flag that is off.
    /// - Throws: ``GalpakError`` `.badInput` for a name that is not a fit option, or a flag
    ///   whose value is not one of ``OptionSetting/flagWords``.
    func words(_ setting: OptionSetting) throws(GalpakError) -> [String] {
        guard let option = options[setting.name] else {
            throw GalpakError(.badInput, "'\(setting.name)' is not a galpak fit option")
        }
        if option.takesValue { return ["--\(option.long)", setting.value] }
        guard let on = OptionSetting.flagValue(setting.value) else {
            throw GalpakError(.badInput, "\(option.long) is a flag: write true or false (got '\(setting.value)')")
        }
        return on ? ["--\(option.long)"] : []
    }

    /// The `galpak fit` arguments for `cube`: the batch's `defaults` with the cube's `own`
    /// settings replacing those of the same name, then `--output PREFIX --overwrite` (the
    /// batch has decided that any existing output is to be replaced; `--resume` too when `resume`:
    /// the cube's fit was interrupted), then `--` and the cube's
    /// path, so that a path starting with `-` is a path, not an option. The result is checked
    /// by parsing it as `fit` would.
    /// Without a `chains` setting, the fit runs `chains` chains.
    func arguments(cube: String, prefix: String, defaults: [BatchManifest.Setting],
                   own: [BatchManifest.Setting], chains: Int, resume: Bool = false) -> Result<[String], GalpakError> {
        let ownNames = Set(own.map(\.name))
        var words: [String] = []
        for setting in defaults.filter({ !ownNames.contains($0.name) }) + own
        where setting.name != BatchPlan.outputSetting && !Self.setByBatch.contains(setting.name) {
            do { words += try self.words(setting) } catch { return .failure(error) }
        }
        // Cubes already run side by side (-j): the batch shares the cores among them.
        if !(defaults + own).contains(where: { $0.name == "chains" }) {
            words += ["--chains", String(chains)]
        }
        words += ["--output", prefix, "--overwrite"] + (resume ? ["--resume"] : []) + ["--", cube]
        do {
            _ = try FitCommand.parse(words)
        } catch {
            return .failure(GalpakError(.badInput, Galpak.oneLine(FitCommand.message(for: error))))
        }
        return .success(["fit"] + words)
    }
}
