import Foundation

/// One `galpak fit` option given by name rather than on the command line: a line of an options
/// file (``OptionsFile``) or a cell of a batch manifest (``BatchManifest``). Which names exist
/// is the fit command's own list of options; this type only spells them.
public struct OptionSetting: Sendable, Equatable {
    /// The long option name without dashes, lower case (`lsf-fwhm`).
    public var name: String
    /// The value as text; `true` or `false` (see ``flagValue(_:)``) for a flag.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// A name as written by a user as the long option it stands for: blanks around it dropped,
    /// lower case, `_` → `-`, no leading dashes (`LSF_FWHM`, `--lsf-fwhm` → `lsf-fwhm`).
    public static func canonicalName(_ written: String) -> String {
        var name = written.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
        while name.hasPrefix("-") { name.removeFirst() }
        return name
    }

    /// The words a flag's value may be: each maps to on (true) or off (false).
    public static let flagWords: [String: Bool] = [
        "true": true, "yes": true, "y": true, "1": true, "on": true,
        "false": false, "no": false, "n": false, "0": false, "off": false,
    ]

    /// Whether a flag written with `value` is on (case-insensitive, see ``flagWords``); nil for
    /// any other text.
    public static func flagValue(_ value: String) -> Bool? {
        flagWords[value.trimmingCharacters(in: .whitespaces).lowercased()]
    }
}
