import ArgumentParser
import GalPaK

/// `galpak info CUBE`: what `fit` would use, without fitting.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show what fit would use for a cube: shape, HDUs, variance, pixel scale, spectral axis and velocity step, PSF and LSF.",
        discussion: """
            Reads the cube exactly as fit does (same instrument, header overrides and variance \
            rules) and prints, without fitting: the HDUs found, the shape, the variance source, the \
            pixel scale, the spectral axis (type, unit, step, the reference's centre) and the \
            velocity step in km/s, the celestial frame, the PSF (and where it comes from: the \
            cube's beam, the instrument or the options) and LSF with their widths, and warnings about missing \
            cards and undersampled spread functions. --json prints the same as JSON.
            """ + "\n\n" + Galpak.exitStatusHelp)

    @Argument(help: ArgumentHelp("The FITS cube.", valueName: "cube.fits"))
    var cube: String

    @Option(help: ArgumentHelp("Variance cube of the same shape (as for fit).", valueName: "file.fits"))
    var variance: String?

    @OptionGroup(title: "Instrument") var instrument: InstrumentOptions
    @OptionGroup(title: "Header overrides") var header: HeaderOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let info = try CubeInfo(path: cube, variancePath: variance, overrides: try header.overrides(),
                                instrument: try instrument.resolved(), psfOrigin: instrument.psfOrigin)
        Terminal.output(json ? try CubeInfoReport.json(info) : try CubeInfoReport.text(info), terminator: "")
    }
}
