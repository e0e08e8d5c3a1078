import Foundation
import Testing
@testable import GalPaK

/// What a fit's outputs say about themselves: the unit of every FITS product, and the galpak
/// version, command line, date and warnings of the run that wrote them.
@Suite struct ProvenanceAndUnitsTests {
    static let bunit = "10**(-20)*erg/s/cm**2/Angstrom"
    /// The run recorded: an argument to quote, a character a FITS header cannot hold.
    static let provenance = Provenance(arguments: ["galpak", "fit", "ciel é.fits", "--seeing", "0.7"],
                                       date: Date(timeIntervalSince1970: 1_700_000_000))
    static let commandLine = "galpak fit 'ciel é.fits' --seeing 0.7"

    /// The simulated cube as the reference's real MUSE cube is written: `CTYPE3 = 'LINEAR'`
    /// with `CUNIT3 = 'Angstrom'`, a BUNIT, and the variance in a file with no header cards
    /// (no CTYPE3). Returns the paths of the cube and the variance.
    static func museLikeCube(in dir: URL) throws -> (cube: String, variance: String) {
        let simulated = try FITSImage(path: try TestSupport.simulatedCube(in: dir))
        let file = try FITSFile(reading: simulated.path)
        try file.moveTo(hdu: 3)
        let variance = try file.readImage()
        let cards = simulated.cards.filter { $0.name != "CTYPE3" }
            + [HeaderCard(name: "CTYPE3", string: "LINEAR"), HeaderCard(name: "BUNIT", string: bunit)]
        let cube = dir.appendingPathComponent("muse.fits").path, variancePath = dir.appendingPathComponent("muse_var.fits").path
        try FITSWriter.write(simulated.values, shape: simulated.shape, cards: cards, to: cube)
        try TestFITS.write([TestFITS.HDU(shape: simulated.shape, values: variance)], to: variancePath)
        return (cube, variancePath)
    }

    @Test func everyOutputStatesItsUnitAndWhereItCameFrom() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (cubePath, variancePath) = try Self.museLikeCube(in: dir)
        var options = FitOptions(cubePath: cubePath, outputPrefix: dir.appendingPathComponent("fit").path)
        options.variancePath = variancePath
        options.instrument = Instrument.museWFM.withSeeing(0.7)
        options.iterations = 300
        options.chains = 1
        options.sampling = .cauchy
        options.plots = false
        options.voronoiSNR = 5
        options.provenance = Self.provenance
        let result = try FitPipeline.run(options)
        let outputs = FitOutputs(prefix: options.outputPrefix)

        // The LINEAR axis is read as the wavelength axis it is, with a warning naming the file.
        let warning = try #require(result.warnings.first { $0.contains("CTYPE3 = 'LINEAR'") }, "\(result.warnings)")
        #expect(warning.hasPrefix(cubePath + ": ") && warning.contains("wavelength axis (AWAV)"))
        #expect(abs(result.cube.velocityStep - 3e5 * 1.25 / (6550 + 11 * 1.25)) < 1e-9)

        // Every FITS file of the registry states its unit, and only they do.
        let fluxPerChannel = "(\(Self.bunit)) chan"
        let expected: [OutputFile: String] = [
            .convolvedCube: Self.bunit, .deconvolvedCube: Self.bunit, .residualCube: "", .kernel: "",
            .trueFluxMap: fluxPerChannel, .observedFluxMap: fluxPerChannel, .dataFluxMap: fluxPerChannel,
            .trueVelocityMap: "km/s", .observedVelocityMap: "km/s", .dataVelocityMap: "km/s",
            .trueDispersionMap: "km/s", .observedDispersionMap: "km/s", .dataDispersionMap: "km/s",
            .residualFluxMap: fluxPerChannel, .residualVelocityMap: "km/s", .majorAxisPV: Self.bunit, .minorAxisPV: Self.bunit,
            .voronoiBins: "",
        ]
        let fitsFiles = OutputFile.allCases.filter { $0.suffix.hasSuffix(".fits") }
        #expect(Set(fitsFiles) == Set(expected.keys))
        #expect(fitsFiles == OutputFile.allCases.filter { $0.unit != nil })
        for file in fitsFiles {
            let image = try FITSImage(path: outputs[file])
            let unit = image.cards.first { $0.name == "BUNIT" }?.text
            #expect(unit == expected[file], "\(file.suffix): BUNIT \(unit ?? "none")")
            if expected[file] == fluxPerChannel {
                #expect(image.cards.number("CHANWID") == 1.25)
                #expect(try abs(#require(image.cards.number("CHANKMS")) - result.cube.velocityStep) < 1e-9)
            }
            #expect(image.cards.value("CREATOR") == "galpak \(Provenance.version)", "\(file.suffix)")
            #expect(image.cards.value("DATE") == "2023-11-14T22:13:20", "\(file.suffix)")
            let history = image.cards.filter { $0.name == "HISTORY" }.map(\.comment)
            #expect(history.contains { $0.contains("galpak \(Provenance.version) run of 2023-11-14T22:13:20 UTC") }, "\(history)")
            #expect(history.contains("galpak fit 'ciel \\u{E9}.fits' --seeing 0.7"), "\(history)")
        }
        #expect(try FITSImage(path: outputs.convolvedCube).cards.value("CTYPE3") == "AWAV")
        // A flux map's values are sums over channels: the intrinsic one sums to the flux.
        let flux = try FITSImage(path: outputs.map("true", "flux")).values.reduce(0, +)
        #expect(abs(flux / result.summary.estimate.value[.flux] - 1) < 1e-6)

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: outputs.parametersJSON))) as! [String: Any]
        #expect(json["galpak_version"] as? String == Provenance.version)
        #expect(json["command_line"] as? String == Self.commandLine)
        #expect(json["date"] as? String == "2023-11-14T22:13:20Z")
        #expect(json["warnings"] as? [String] == result.warnings)

        let run = try String(contentsOfFile: outputs.runParameters, encoding: .utf8)
        #expect(run.hasPrefix("galpak_version = \(Provenance.version) (galpak, Swift)\ncommand_line = \(Self.commandLine)\n"
            + "date = 2023-11-14T22:13:20Z\n"), "\(run.prefix(200))")
        let listed = try #require(run.components(separatedBy: "\nwarnings =\n").last)
        #expect(listed.split(separator: "\n").map(String.init) == result.warnings.map { "  " + $0 })
    }

    @Test func runParametersSayWhenThereWasNoWarning() {
        #expect(RunParametersFile.warningLines([]) == "warnings = none")
        #expect(RunParametersFile.warningLines(["a", "b\u{1B}"]) == "warnings =\n  a\n  b\\e")
    }

    @Test func commandLineIsOneShellLine() {
        let run = Provenance(arguments: ["galpak", "fit", "it's.fits", "", "--output", "a/b_c-1.0", "x;y"])
        #expect(run.commandLine == #"galpak fit 'it'\''s.fits' '' --output a/b_c-1.0 'x;y'"#)
        #expect(Provenance.fitsText("é\tb") == "\\u{E9}\\u{9}b")
    }

    @Test func versionOptionPrintsTheVersion() throws {
        let outcome = try CommandLineRunner.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == Provenance.version + "\n")
    }

    @Test func badCtype3IsRefusedOnTheCommandLine() throws {
        let outcome = try CommandLineRunner.run(["fit", "none.fits", "--ctype3", "LINEAR"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--ctype3 LINEAR is not a linear spectral axis type"), "\(outcome.stderr)")
    }
}
