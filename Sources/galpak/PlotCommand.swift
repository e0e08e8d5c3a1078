import ArgumentParser
import Foundation
import GalPaK

/// `galpak plot PREFIX`: redraws a fit's figures from its saved files, without refitting.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Redraw a fit's figures (PREFIX_{\(figureNames)}.{\(FigureFormat.names.joined(separator: ","))}) from its saved files.",
        discussion: """
            Reads PREFIX_chain.dat, PREFIX_galaxy_parameters.{dat,json}, PREFIX_stats.dat, the model \
            and residual cubes, the map files, PREFIX_rotcurve.dat and PREFIX_pv_{major,minor}.fits \
            written by galpak fit, and the \
            input cube named in PREFIX_galaxy_parameters.json (or given with --cube). A fit made \
            with --optimize has no chain: its mcmc and corner figures are not drawn. The figures \
            are written all or nothing.
            """ + "\n\n" + Galpak.exitStatusHelp)

    /// The figures' names from the registry (``OutputFile``): `mcmc,corner,…`.
    static var figureNames: String {
        OutputFile.files(.figure).map(\.suffix).joined(separator: ",")
    }

    @Argument(help: ArgumentHelp("The fit's output prefix (as given to galpak fit -o).", valueName: "PREFIX"))
    var prefix: String

    @Option(help: ArgumentHelp("The fitted cube, when it is not where PREFIX_galaxy_parameters.json says.", valueName: "cube.fits"))
    var cube: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Write the figures under this prefix instead (default: PREFIX).", valueName: "prefix"))
    var output: String?

    @Flag(help: "Replace existing figures.")
    var overwrite = false

    @OptionGroup var figures: FigureFormatOption

    func validate() throws {
        try OutputArgument.check(output, option: "--output")
    }

    func run() throws {
        let outputs = FitOutputs(prefix: output ?? prefix, figureFormats: figures.figureFormat)
        let lock = try outputs.claim(outputs.figures, overwrite: overwrite, inputs: cube.map { [$0] } ?? [])
        defer { lock.release() }
        let drawn = FitFigures(try FigureInputs(prefix: prefix, cubePath: cube))
        if drawn.inputs.positionVelocity == nil {
            Terminal.warning("\(prefix): no position–velocity diagrams (a fit made before galpak wrote them): the pv and channels figures are not drawn; refit to get them")
        }
        // All or nothing: staged, then renamed into place, the last figure last.
        let paths = outputs.figures(drawn.files)
        let set = OutputSet(prefix: outputs.prefix)
        try set.write(record: paths[paths.count - 1]) {
            try drawn.write(to: FitOutputs(prefix: try set.stagedPath(for: outputs.prefix), figureFormats: outputs.figureFormats))
        }
        Terminal.output("files written:")
        for path in paths { Terminal.output("  " + path) }
    }
}
