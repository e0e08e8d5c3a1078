import ArgumentParser
import Foundation
import GalPaK

/// `galpak plot PREFIX`: redraws a fit's figures from its saved files, without refitting.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Redraw a fit's figures (PREFIX_{\(figureNames)}.png) from its saved files.",
        discussion: """
            Reads PREFIX_chain.dat, PREFIX_galaxy_parameters.{dat,json}, PREFIX_stats.dat, the model \
            and residual cubes, the map files, PREFIX_rotcurve.dat and PREFIX_pv_{major,minor}.fits \
            written by galpak fit, and the \
            input cube named in PREFIX_galaxy_parameters.json (or given with --cube). A fit made \
            with --optimize has no chain: its mcmc and corner figures are not drawn.
            """ + "\n\n" + Galpak.exitStatusHelp)

    /// The figures' names from the registry (``OutputFile``): `mcmc,corner,…`.
    static var figureNames: String {
        OutputFile.files(.figure).map { $0.suffix.replacingOccurrences(of: ".png", with: "") }.joined(separator: ",")
    }

    @Argument(help: ArgumentHelp("The fit's output prefix (as given to galpak fit -o).", valueName: "PREFIX"))
    var prefix: String

    @Option(help: ArgumentHelp("The fitted cube, when it is not where PREFIX_galaxy_parameters.json says.", valueName: "cube.fits"))
    var cube: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Write the figures under this prefix instead (default: PREFIX).", valueName: "prefix"))
    var output: String?

    @Flag(help: "Replace existing figures.")
    var overwrite = false

    func validate() throws {
        try OutputArgument.check(output, option: "--output")
    }

    func run() throws {
        let outputs = FitOutputs(prefix: output ?? prefix)
        try FitOutputs.preflight(outputs.figures, overwrite: overwrite)
        let inputs = try FigureInputs(prefix: prefix, cubePath: cube)
        if inputs.positionVelocity == nil {
            Terminal.warning("\(prefix): no position–velocity diagrams (a fit made before galpak wrote them): the pv and channels figures are not drawn; refit to get them")
        }
        let written = try FitFigures(inputs).write(to: outputs)
        Terminal.output("files written:")
        for path in written { Terminal.output("  " + path) }
    }
}
