import Foundation

/// The text of an options file (`galpak fit --options FILE`, and `PREFIX_options.txt`, which
/// a fit writes in this layout): one `option = value` per line.
///
/// - The option is a long option name of `galpak fit` without `--` (`lsf-fwhm`; `lsf_fwhm`
///   and upper case are read the same, see ``OptionSetting/canonicalName(_:)``); which names
///   exist is checked by the caller, which knows the fit's options.
/// - The value is the text after the first `=`, blanks around it dropped, up to a `#` that
///   starts it or follows a blank (a comment). A value that holds a `#`, a `"` or a `\`, starts or ends
///   with a blank, or is empty, is written in double quotes, `\"`, `\\`, `\n`, `\t` escaped.
/// - A flag is written `name = true` (or false; see ``OptionSetting/flagWords``).
/// - Blank lines and lines whose first non-blank character is `#` are comments.
public enum OptionsFile {
    /// One setting and the line it stands on (1-based), for messages.
    public struct Entry: Sendable, Equatable {
        public var setting: OptionSetting
        public var line: Int

        public init(setting: OptionSetting, line: Int) {
            self.setting = setting
            self.line = line
        }
    }

    /// The settings in the file at `path`, in file order.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` when it cannot be read, or naming it
    ///   and the line for a line that is not `option = value` (see ``parse(_:source:)``).
    public static func read(path: String) throws -> [Entry] {
        let data = try InputFile.contents(path, what: "an options file")
        guard let text = String(data: data, encoding: .utf8) else {
            throw GalpakError.badInput(path, "is not UTF-8 text; an options file holds 'option = value' lines")
        }
        return try parse(text, source: path)
    }

    /// The settings in `text`, in order; `source` names it in messages.
    /// - Throws: ``GalpakError`` `.badInput` "`source`: line N: …" for a line without `=`, a
    ///   name that is not an option name (letters, digits and `-`), a missing value, or an
    ///   unterminated quoted value or text after it.
    public static func parse(_ text: String, source: String) throws -> [Entry] {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var entries: [Entry] = []
        for (index, raw) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = index + 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            func refuse(_ problem: String) -> GalpakError {
                GalpakError.badInput(source, "line \(line): \(problem)".escapingControlCharacters())
            }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw refuse("'\(trimmed)' is not 'option = value' (a flag is 'name = true')")
            }
            let written = String(trimmed[..<equals])
            let name = OptionSetting.canonicalName(written)
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(isNameCharacter) else {
                throw refuse("'\(written.trimmingCharacters(in: .whitespaces))' is not an option name (the long name of a galpak fit option, without --)")
            }
            let value = try self.value(String(trimmed[trimmed.index(after: equals)...]), refuse: refuse)
            entries.append(Entry(setting: OptionSetting(name: name, value: value), line: line))
        }
        return entries
    }

    /// The file's text for `settings`: each `comments` line as a `# ` comment, then one
    /// `name = value` line per setting, in order. ``parse(_:source:)`` reads back the settings.
    public static func text(_ settings: [OptionSetting], comments: [String] = []) -> String {
        let head = comments.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.map { "# \($0)" }
        return (head + settings.map { "\($0.name) = \(written($0.value))" }).joined(separator: "\n") + "\n"
    }

    /// `value` as it stands after `=`: plain when it reads back as itself, else quoted.
    static func written(_ value: String) -> String {
        let plain = !value.isEmpty && value.trimmingCharacters(in: .whitespaces) == value
            && !value.contains(where: { "#\"\\".contains($0) || $0.isNewline || $0 == "\t" })
        guard !plain else { return value }
        var quoted = "\""
        for character in value {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }

    /// The value in the text after `=` (see the layout above).
    private static func value(_ text: String, refuse: (String) -> GalpakError) throws -> String {
        let rest = text.trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix("\"") else {
            var value = rest.hasPrefix("#") ? "" : rest
            if let comment = value.range(of: #"[ \t]#"#, options: .regularExpression) {
                value = String(value[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
            guard !value.isEmpty else { throw refuse("no value after '=' (a flag is 'name = true')") }
            return value
        }
        var value = ""
        var escaped = false
        for (offset, character) in rest.dropFirst().enumerated() {
            if escaped {
                switch character {
                case "n": value += "\n"
                case "t": value += "\t"
                case "\"", "\\": value.append(character)
                default: throw refuse("'\\\(character)' is not an escape in a quoted value (\\\", \\\\, \\n and \\t are)")
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                let after = rest.dropFirst(offset + 2).trimmingCharacters(in: .whitespaces)
                guard after.isEmpty || after.hasPrefix("#") else {
                    throw refuse("text after the closing quote: '\(after)'")
                }
                return value
            } else {
                value.append(character)
            }
        }
        throw refuse("the quoted value has no closing '\"'")
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
