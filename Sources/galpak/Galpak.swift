import ArgumentParser
import GalPaK

/// The `galpak` command: kinematic fits of emission-line galaxies in 3-D spectral cubes.
@main
struct Galpak: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "galpak",
        abstract: "Fit a rotating-disk model to an emission-line galaxy in a 3-D spectral cube (GalPaK3D).",
        subcommands: []
    )
}
