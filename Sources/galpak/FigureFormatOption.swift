import ArgumentParser
import GalPaK

/// `--figure-format png,pdf,svg`: the formats the figures are written in (`fit`, `batch`,
/// `plot`), each figure one file per format (``FigureFormat``).
struct FigureFormatOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Write each figure in these formats, a comma-separated list of \(FigureFormat.listed) (default: \(FigureFormat.text(FigureFormat.defaults))); PDF and SVG keep text and lines as vectors.",
        valueName: FigureFormat.names.joined(separator: ",")),
            transform: { text in
                do { return try FigureFormat.list(parsing: text) } catch let error as GalpakError {
                    throw ValidationError(error.message)
                }
            })
    var figureFormat: [FigureFormat] = FigureFormat.defaults
}
