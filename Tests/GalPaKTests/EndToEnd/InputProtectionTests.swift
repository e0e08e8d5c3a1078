import Foundation
import Testing
@testable import GalPaK

/// No output ever replaces an input, not even with `--overwrite`: an output that is the same
/// file as the cube, the variance, the instrument file or a `--like` template (device and
/// inode, through symbolic links) is refused with status 2 naming both, and the input is left
/// byte for byte.
@Suite struct InputProtectionTests {
    @Test func anOutputThatIsAnInputIsRefusedAndTheInputKept() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = dir.appendingPathComponent("sim.fits")
        _ = try TestSupport.simulatedCube(in: dir)
        let fm = FileManager.default
        // A fit's model cube fitted again under its own prefix.
        try fm.copyItem(at: cube, to: dir.appendingPathComponent("x_convolved_cube.fits"))
        // An output name that is a symbolic link to the cube.
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("y_residuals_cube.fits").path, withDestinationPath: "sim.fits")
        // The instrument file of an earlier fit, read back by the next fit under the same prefix.
        let instrument = try InstrumentFile.text(
            instrument: Instrument.museWFM.withSeeing(0.7),
            cube: try CubeReader.read(path: cube.path, defaults: Instrument.museWFM.defaults, warn: { _ in }))
        try instrument.write(to: dir.appendingPathComponent("z_instrument.txt"), atomically: true, encoding: .utf8)
        // A variance file that is a hard link to the cube, under an output's name.
        try fm.linkItem(at: cube, to: dir.appendingPathComponent("v_3Dkernel.fits"))
        // A manifest where the batch writes its summary.
        try "cube\nsim.fits\n".write(to: dir.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
        let before = try AllOrNothingOutputTests.contents(dir)

        let fit = ["--iterations", "5", "--overwrite", "--no-plots"]
        let cases: [([String], [String])] = [
            (["fit", "x_convolved_cube.fits", "-o", "x"] + fit, ["x_convolved_cube.fits: is the input x_convolved_cube.fits"]),
            (["fit", "sim.fits", "-o", "y"] + fit, ["y_residuals_cube.fits: is the input sim.fits"]),
            (["fit", "sim.fits", "--variance", "v_3Dkernel.fits", "-o", "v"] + fit, ["v_3Dkernel.fits", "is the input"]),
            (["fit", "sim.fits", "--instrument-file", "z_instrument.txt", "-o", "z"] + fit,
             ["z_instrument.txt: is the input z_instrument.txt"]),
            (["simulate", "--like", "sim.fits", "-o", "sim.fits", "--overwrite", "--params",
              "x=9,y=10,z=11,flux=500,radius=3,inclination=58,pa=120,turnover_radius=1.2,maximum_velocity=170,velocity_dispersion=45"],
             ["sim.fits: is the input sim.fits"]),
            (["batch", "summary.csv", "--outdir", ".", "--iterations", "5"], ["./summary.csv: is the input summary.csv"]),
        ]
        for (arguments, naming) in cases {
            let message = try BadInputCommandLineTests.expectRefusal(arguments, in: dir, naming: naming + ["elsewhere"])
            #expect(message.contains("destroy"), "\(message)")
        }
        #expect(try AllOrNothingOutputTests.contents(dir) == before, "an input changed")
    }
}
