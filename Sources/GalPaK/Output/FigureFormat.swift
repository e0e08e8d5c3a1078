import Foundation

/// The file formats a figure is written in, named as `--figure-format` takes them and as the
/// figures' file extensions (`PREFIX_maps.pdf`): PNG (raster), PDF and SVG (vector text and
/// lines, the maps' pixels embedded as rasters).
public enum FigureFormat: String, NamedChoice {
    case png, pdf, svg

    /// The formats drawn unless `--figure-format` says otherwise: PNG and PDF.
    public static let defaults: [FigureFormat] = [.png, .pdf]

    /// `formats` as `--figure-format` takes them: `png,pdf`.
    public static func text(_ formats: [FigureFormat]) -> String {
        formats.map(\.name).joined(separator: ",")
    }

    /// The formats of a comma-separated list (`png,pdf`; any letter case, spaces around the
    /// names ignored), in the order given.
    /// - Throws: ``GalpakError`` `.badInput` for an empty list, an unknown name or a name given
    ///   twice, saying which names there are.
    public static func list(parsing text: String) throws -> [FigureFormat] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var formats: [FigureFormat] = []
        for name in names {
            guard let format = FigureFormat(name: name) else {
                throw GalpakError(.badInput, "'\(name)' is not a figure format: give a comma-separated list of "
                    + Self.listed + " (e.g. " + Self.text(defaults) + ")")
            }
            guard !formats.contains(format) else {
                throw GalpakError(.badInput, "'\(text)' names \(format.name) twice")
            }
            formats.append(format)
        }
        return formats
    }
}
