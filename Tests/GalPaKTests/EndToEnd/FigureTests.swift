import Foundation
import Testing
@testable import GalPaK

/// `galpak fit` and `galpak plot` end to end: maps with the input's 2-D WCS, the rotation
/// curve, valid PNG and PDF figures, FITS that pass fitsverify, and the report on stdout.
@Suite struct FigureTests {
    /// Runs a short fit of the simulated 20×20×24 cube `dir/sim.fits` (named relative to `dir`)
    /// into `dir/run/galaxy`; returns the prefix.
    private func fit(in dir: URL, _ extra: [String] = []) throws -> (String, CommandLineRunner.Outcome) {
        _ = try TestSupport.simulatedCube(in: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("run"), withIntermediateDirectories: true)
        let outcome = try CommandLineRunner.run(
            ["fit", "sim.fits", "--seeing", "0.7", "--iterations", "300", "--sampling", "cauchy", "--chains", "1", "-o", "run/galaxy"] + extra, in: dir)
        return (dir.appendingPathComponent("run/galaxy").path, outcome)
    }

    @Test func fitWritesMapsWithTheInputsCelestialWCSAndTheReport() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (prefix, outcome) = try fit(in: dir, ["--redshift", "0.7"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let outputs = FitOutputs(prefix: prefix)

        for path in outputs.maps {
            let file = try FITSFile(reading: path)
            try file.moveTo(hdu: 2)
            #expect(try file.string("EXTNAME") == "DATA")
            #expect(try file.imageShape() == [20, 20], "\(path)")
            #expect(try file.string("CTYPE1") == "RA---TAN" && file.string("CTYPE2") == "DEC--TAN")
            #expect(try file.double("CDELT2") == 0.2 / 3600)
            #expect(try file.rawValue("CTYPE3") == nil && file.rawValue("CDELT3") == nil, "\(path) keeps the spectral axis")
            let unit = try file.string("BUNIT")
            #expect(path.contains("_flux_") ? unit != "km/s" : unit == "km/s", "\(path): BUNIT \(unit ?? "none")")
        }
        // The true maps are the model's intrinsic maps at the estimate written.
        let estimate = try ParameterFiles.readTable(path: outputs.parametersTable).value
        let axis = SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom)  // the simulated cube's
        let model = DiskModel(nx: 20, ny: 20, nz: 24, velocityStep: axis.velocityStep(channels: 24))
        let intrinsic = KinematicMaps.intrinsic(of: model, at: estimate)
        let written = try FITSImage(path: outputs.map("true", "vel")).values
        #expect(relativeL2(written, intrinsic.velocity) < 1e-12)
        // The data's velocity map has the sign and scale of the model's where it is unmasked.
        let data = try FITSImage(path: outputs.map("data", "vel")).values
        let observed = try FITSImage(path: outputs.map("obs", "vel")).values
        let pairs = zip(data, observed).filter { $0.0.isFinite && $0.1.isFinite && abs($0.1) > 50 }
        #expect(pairs.count > 20)
        #expect(pairs.filter { $0.0 * $0.1 > 0 }.count > pairs.count * 9 / 10)

        // The residual maps are data − observed model, NaN where the data's map is.
        for quantity in ["flux", "vel"] {
            let residual = try FITSImage(path: outputs.map("resid", quantity))
            let data = try FITSImage(path: outputs.map("data", quantity)).values
            let model = try FITSImage(path: outputs.map("obs", quantity)).values
            #expect(residual.shape == [20, 20] && residual.string("CTYPE1") == "RA---TAN")
            #expect(residual.string("BUNIT") == (quantity == "vel" ? "km/s" : nil))
            #expect(zip(residual.values, zip(data, model)).allSatisfy { r, dm in
                dm.0.isNaN ? r.isNaN : r == dm.0 - dm.1
            }, "\(quantity)")
            #expect(residual.values.contains { $0.isFinite } && residual.values.contains { $0.isNaN })
        }

        // The PV diagrams: the data and the written convolved model, cut along the fitted axes
        // through a slit one PSF FWHM (--seeing 0.7) wide.
        let simulated = try FITSImage(path: dir.appendingPathComponent("sim.fits").path).values
        let convolved = try FITSImage(path: outputs.convolvedCube).values
        for (path, angle) in [(outputs.majorAxisPV, 0.0), (outputs.minorAxisPV, 90.0)] {
            let written = try PositionVelocityFile.read(path: path)
            // At the estimate (the parameter table rounds it).
            let slit = written.axis
            #expect(abs(slit.x - estimate.x) < 1e-3 && abs(slit.y - estimate.y) < 1e-3 && abs(slit.pa - estimate.pa - angle) < 1e-3)
            #expect(abs(written.systemicChannel - estimate.z) < 1e-3)
            let expected = PositionVelocityDiagram(
                cutting: simulated, model: convolved, nx: 20, ny: 20, nz: 24, axis: slit, width: 0.7, pixscale: 0.2,
                systemicChannel: written.systemicChannel, velocityStep: axis.velocityStep(channels: 24))
            #expect(written.width == 0.7 && written.linesAcross == 3)  // 0.7 / 0.2 = 3.4999999999999996
            #expect(written.offsets == expected.offsets && written.velocityStep == expected.velocityStep, "\(path)")
            #expect(relativeL2(written.data, expected.data) < 1e-12 && relativeL2(written.model, expected.model) < 1e-12, "\(path)")
            let file = try FITSFile(reading: path)
            _ = try file.moveTo(hdu: 3)
            #expect(try file.string("EXTNAME") == "MODEL" && file.string("CTYPE1") == "OFFSET" && file.string("CUNIT2") == "km/s")
            #expect(try file.string("ESTIMATR") == "mcmc")
        }

        let curve = try RotationCurveFile.read(path: outputs.rotationCurve, pixscale: 0.2)
        #expect(abs(try #require(curve.kpcPerArcsec) - FlatLambdaCDM.planck15.kiloparsecsPerArcsecond(redshift: 0.7)) < 1e-9)
        #expect(curve.radius.contains(0) && curve.radius.count > 20)

        #expect(outcome.stdout.contains("Galaxy Parameters"))
        #expect(outcome.stdout.contains("convergence: "))
        // The data's velocity along the major axis with its formal errors, last in the file.
        let alongAxis = try #require(curve.dataVelocity)
        #expect(alongAxis.velocity.filter(\.isFinite).count > 10)
        #expect(zip(alongAxis.velocity, alongAxis.error).allSatisfy { v, e in v.isNaN ? e.isNaN : e > 0 && e < 100 })
        let listed = try #require(outcome.stdout.components(separatedBy: "files written:").last)
        for path in outputs.files(plots: true, estimator: .mcmc) {
            #expect(listed.contains(URL(fileURLWithPath: path).lastPathComponent), "\(path) not listed")
            #expect(FileManager.default.fileExists(atPath: path), "\(path) missing")
        }
        // No Voronoi bins without --voronoi-snr.
        #expect(!FileManager.default.fileExists(atPath: outputs.voronoiBins) && !listed.contains("voronoi"))
        #expect(outcome.stderr.contains("300/300 accepted"), "no final progress line")
    }

    @Test func figuresAreValidPNGsWithContentAndPlotRedrawsThemIdentically() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (prefix, outcome) = try fit(in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let outputs = FitOutputs(prefix: prefix, figureFormats: [.png])
        // PNG and PDF by default.
        #expect(FitOutputs(prefix: prefix).figures.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        #expect(FitOutputs(prefix: prefix, figureFormats: [.svg]).figures.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        // The maps show the fit's beam (--seeing 0.7: round) and the sky's north up, east left.
        let inputs = try FigureInputs(prefix: prefix, cubePath: dir.appendingPathComponent("sim.fits").path)
        #expect(inputs.beam == BeamEllipse(fwhm: 0.7, ba: 1, pa: 0))
        let compass = try #require(SkyMapView(inputs).compass)
        #expect(abs(compass.north.y - 1) < 1e-6 && abs(compass.east.x + 1) < 1e-6)
        for path in outputs.figures {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let size = try #require(PNGReader.headerSize(data), "\(path) is not a PNG")
            #expect(max(size.0, size.1) >= 800 && min(size.0, size.1) >= 500, "\(path): \(size)")
            let image = try #require(PNGReader(path: path), "cairo cannot decode \(path)")
            #expect(image.width == size.0 && image.height == size.1)
            #expect(image.greyStandardDeviation > 10, "\(path) looks blank")
            #expect(image.colourCount > 200, "\(path) has only \(image.colourCount) colours")
        }
        // Velocity maps use the diverging map: its reddest and bluest ends both appear.
        let maps = try #require(PNGReader(path: outputs.figure(.mapsFigure, .png)))
        #expect(maps.count(near: 0x67001f, tolerance: 30) > 50 && maps.count(near: 0x053061, tolerance: 30) > 50)

        // galpak plot redraws the same figures from the files alone; from another directory the
        // input cube (named relative to where the fit ran) must be given.
        let elsewhere = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let missingCube = try CommandLineRunner.run(["plot", prefix, "-o", "again"], in: elsewhere)
        #expect(missingCube.status == 2)
        #expect(missingCube.stderr.contains("--cube"))
        let plot = try CommandLineRunner.run(["plot", prefix, "-o", "again", "--cube", dir.appendingPathComponent("sim.fits").path],
                                             in: elsewhere)
        #expect(plot.status == 0, "\(plot.stderr)")
        let again = FitOutputs(prefix: elsewhere.appendingPathComponent("again").path, figureFormats: [.png])
        #expect(FitOutputs(prefix: again.prefix).figures.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        for (original, redrawn) in zip(outputs.figures, again.figures) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: original)) == Data(contentsOf: URL(fileURLWithPath: redrawn)),
                    "\(redrawn) differs from \(original)")
        }
        let refused = try CommandLineRunner.run(["plot", prefix], in: dir)
        #expect(refused.status == 2 && refused.stderr.contains("--overwrite"))
    }

    @Test func noPlotsWritesNoFigureAndPlotDrawsThemLater() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (prefix, outcome) = try fit(in: dir, ["--no-plots", "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // --quiet: nothing but warnings (a 300-step test chain may be flagged as unconverged).
        #expect(outcome.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("galpak: warning:") })
        let outputs = FitOutputs(prefix: prefix)
        #expect(outputs.figures.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        #expect(!outcome.stdout.contains(".png"))
        let plot = try CommandLineRunner.run(["plot", "run/galaxy"], in: dir)
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(outputs.figures.allSatisfy { FileManager.default.fileExists(atPath: $0) })
    }

    /// A complete fit written before galpak wrote PV diagrams and residual maps (its record does
    /// not list them) stays complete for a batch, and `galpak plot` redraws its other figures.
    @Test func aFitWithoutTheLaterProductsIsCompleteAndPlots() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (prefix, outcome) = try fit(in: dir, ["--no-plots", "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let outputs = FitOutputs(prefix: prefix)
        let later = OutputFile.allCases.filter(\.olderFitsMayLack).map { $0.path(prefix: prefix) }
        #expect(later.count == 4)
        // Make it the set an earlier galpak wrote: the later files gone, and unlisted.
        var record = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: outputs.parametersJSON))) as? [String: Any])
        let names = Set(later.map { URL(fileURLWithPath: $0).lastPathComponent })
        let listed = try #require(record[CompletionRecord.key] as? [[String: Any]])
        record[CompletionRecord.key] = listed.filter { !names.contains($0["name"] as? String ?? "") }
        try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: outputs.parametersJSON))
        for path in later { try FileManager.default.removeItem(atPath: path) }
        #expect(FitState(of: outputs).record != nil)

        let plot = try CommandLineRunner.run(["plot", "run/galaxy"], in: dir)
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(plot.stderr.contains("no position–velocity diagrams"))
        let skipped = outputs.figures([.positionVelocityFigure, .channelMapsFigure])
        #expect(skipped.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        #expect(outputs.figures.filter { !skipped.contains($0) }.allSatisfy { FileManager.default.fileExists(atPath: $0) })
    }

    /// `--voronoi-snr`: the bin map with the input's celestial WCS, the table of the bins, the
    /// data maps painted from them; all or nothing with the rest, and gone when a fit without
    /// the option replaces the set.
    @Test func voronoiBinsAreWrittenWithTheCubesWCSAndListed() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (prefix, outcome) = try fit(in: dir, ["--voronoi-snr", "8", "--figure-format", "png"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Voronoi bins of the data to S/N 8:"))
        let outputs = FitOutputs(prefix: prefix)
        let listed = try #require(outcome.stdout.components(separatedBy: "files written:").last)
        #expect(listed.contains("galaxy_voronoi_bins.fits") && listed.contains("galaxy_voronoi.dat"))
        let record = try TextFile.read(outputs.parametersJSON)
        #expect(record.contains("galaxy_voronoi_bins.fits") && record.contains("galaxy_voronoi.dat"))

        let bins = try FITSImage(path: outputs.voronoiBins)
        #expect(bins.shape == [20, 20] && bins.string("CTYPE1") == "RA---TAN" && bins.string("CTYPE2") == "DEC--TAN")
        #expect(bins.string("BUNIT") == "" && bins.number("VORSNR") == 8)
        #expect(bins.values.allSatisfy { $0 >= -1 && $0 == $0.rounded() })
        // The same sky at every pixel as the data maps and the input cube (wcslib, as astropy.wcs).
        let wcs = try #require(try FigureInputs.celestialWCS(bins))
        let mapWCS = try #require(try FigureInputs.celestialWCS(try FITSImage(path: outputs.map("data", "vel"))))
        let cubeWCS = try #require(try FigureInputs.celestialWCS(try FITSImage(path: dir.appendingPathComponent("sim.fits").path)))
        for (x, y) in [(0.0, 0.0), (19.0, 0.0), (7.5, 12.25)] {
            let a = try #require(wcs.world(x: x, y: y)), b = try #require(mapWCS.world(x: x, y: y))
            let c = try #require(cubeWCS.world(x: x, y: y))
            #expect(a.longitude == b.longitude && a.latitude == b.latitude)
            #expect(abs(a.longitude - c.longitude) < 1e-12 && abs(a.latitude - c.latitude) < 1e-12)
        }

        // The table has a row per bin, numbered as the map; the data maps carry its values.
        let table = try FixedWidthTable(parsing: try TextFile.read(outputs.voronoiTable), source: outputs.voronoiTable)
        #expect(table.columns == VoronoiTableFile.columns)
        let numbers = Set(bins.values.filter { $0 >= 0 }.map { Int($0) })
        #expect(!numbers.isEmpty && table.rows.count == numbers.count && table.rows.map { Int($0[0]) } == numbers.sorted())
        let velocity = try FITSImage(path: outputs.map("data", "vel")).values
        let column = try #require(table.columns.firstIndex(of: "velocity_kms"))
        let sizes = try #require(table.columns.firstIndex(of: "spaxels"))
        for row in table.rows {
            let n = try #require(Double(row[0])), v = try #require(Double(row[column]))
            let painted = bins.values.indices.filter { bins.values[$0] == n }
            #expect(painted.count == Int(row[sizes]))
            #expect(painted.allSatisfy { velocity[$0] == v || (velocity[$0].isNaN && v.isNaN) })
        }
        #expect(bins.values.indices.allSatisfy { bins.values[$0] >= 0 || velocity[$0].isNaN })
        #expect(try FITSImage(path: outputs.map("data", "flux")).number("VORSNR") == 8)
        #expect(FileManager.default.fileExists(atPath: outputs.figure(.mapsFigure, .png)))

        // Without --voronoi-snr, an existing set is refused, then replaced by one without bins.
        let again = try CommandLineRunner.run(["fit", "sim.fits", "--seeing", "0.7", "--optimize", "--no-plots",
                                               "-o", "run/galaxy"], in: dir)
        #expect(again.status == 2 && again.stderr.contains("--overwrite"))
        let replaced = try CommandLineRunner.run(["fit", "sim.fits", "--seeing", "0.7", "--optimize", "--no-plots",
                                                  "-o", "run/galaxy", "--overwrite"], in: dir)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outputs.voronoiBins) && !FileManager.default.fileExists(atPath: outputs.voronoiTable))
        #expect(FitState(of: outputs).record != nil)
    }

    @Test func aChainColumnGivesOneColourPerChain() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (prefix, outcome) = try fit(in: dir, ["--no-plots", "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // Rewrite the chain as two chains of 150 rows each (as a multi-chain run would).
        let outputs = FitOutputs(prefix: prefix)
        let table = try FixedWidthTable(parsing: String(contentsOfFile: outputs.chain, encoding: .utf8), source: outputs.chain)
        let column = table.columns.firstIndex(of: "chain")
        let split = FixedWidthTable(
            columns: column == nil ? table.columns + ["chain"] : table.columns,
            rows: table.rows.enumerated().map { n, row in
                let label = n < table.rows.count / 2 ? "0" : "1"
                guard let column else { return row + [label] }
                var relabelled = row
                relabelled[column] = label
                return relabelled
            })
        try AtomicFile.write(text: split.text, to: outputs.chain)
        // Re-derived parameters (galpak chain over the fit's files) are what the figures show.
        let chain = try CommandLineRunner.run(["chain", "run/galaxy_chain.dat", "--method", "chi_sorted",
                                               "--fraction", "50", "--percentile", "68", "--overwrite"], in: dir)
        #expect(chain.status == 0, "\(chain.stderr)")
        let inputs = try FigureInputs(prefix: prefix, cubePath: dir.appendingPathComponent("sim.fits").path)
        #expect(inputs.method == .chiSorted && inputs.fraction == 50 && inputs.percentile == 68)
        #expect(inputs.chainIndex?.filter { $0 == 1 }.count == table.rows.count - table.rows.count / 2)
        let path = dir.appendingPathComponent("two_mcmc.png").path
        try McmcFigure.draw(inputs).write(to: path, format: .png)
        let image = try #require(PNGReader(path: path))
        #expect(image.count(near: 0xff7f0e) > 200, "the second chain's colour is missing")
        #expect(image.count(near: 0x1f77b4) > 200, "the first chain's colour is missing")
        #expect(ChainTraces(inputs).unusedSteps == nil, "chi_sorted's entries are not one run of steps")

        // Method last: the first steps of each of the two chains are left out, and shaded.
        let last = try CommandLineRunner.run(["chain", "run/galaxy_chain.dat", "--overwrite", "--no-plots"], in: dir)
        #expect(last.status == 0, "\(last.stderr)")
        let lastInputs = try FigureInputs(prefix: prefix, cubePath: dir.appendingPathComponent("sim.fits").path)
        let traces = ChainTraces(lastInputs)
        let used = Set(lastInputs.estimateRows.map(\.row))
        let unused = try #require(traces.unusedSteps)
        #expect(unused.count == 2)
        for (c, rows) in traces.rowsByChain.enumerated() {
            let cut = try #require(rows.firstIndex { used.contains($0) })
            #expect(cut > 0 && rows[cut...].allSatisfy { used.contains($0) }, "chain \(c): the estimate uses its last steps")
            #expect(unused[c] == [0..<cut], "chain \(c)")
        }
        try McmcFigure.draw(lastInputs).write(to: path, format: .png)
        // 15 % grey on white: 0.85·255 + 0.15·128.
        #expect(try #require(PNGReader(path: path)).count(near: 0xececec, tolerance: 3) > 5000, "the unused steps are not shaded")
    }

    /// The fit's eighteen FITS files (with a --pv-width and Voronoi bins) and `galpak simulate`'s two.
    @Test(.enabled(if: FitsVerify.path != nil, "fitsverify is not installed"))
    func everyFITSOutputPassesFitsverify() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (prefix, outcome) = try fit(in: dir, ["--no-plots", "--quiet", "--pv-width", "1", "--voronoi-snr", "8"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let pv = try PositionVelocityFile.read(path: FitOutputs(prefix: prefix).minorAxisPV)
        #expect(pv.width == 1 && pv.linesAcross == 5)
        let simulate = try CommandLineRunner.run(
            ["simulate", "--shape", "12,10,16", "--params", "x=6,y=5,z=8,flux=100,radius=2,inclination=50,pa=30,turnover_radius=1,maximum_velocity=150,velocity_dispersion=40", "--snr", "10", "-o", "simulated.fits",
             "--clean", "clean.fits"], in: dir)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let fits = FitOutputs(prefix: prefix).possible.filter { $0.hasSuffix(".fits") }
            + ["simulated.fits", "clean.fits"].map { dir.appendingPathComponent($0).path }
        #expect(fits.count == 20)
        let result = try FitsVerify.run(fits)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.components(separatedBy: "verification OK").count - 1 == fits.count, "\(result.output)")
    }
}

/// HEASARC's `fitsverify` (Debian package `fitsverify`), when installed.
enum FitsVerify {
    static let path = ["/usr/bin/fitsverify", "/usr/local/bin/fitsverify"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `fitsverify -q -e` (one line per file, errors only) on `files`.
    static func run(_ files: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "fitsverify")
        process.arguments = ["-q", "-e"] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
