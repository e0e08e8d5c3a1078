import Foundation
import Testing
@testable import GalPaK

/// The figures' files end to end: `--figure-format` through `batch` to each fit, valid PDFs
/// (read by poppler's `pdfinfo`) and SVGs, `galpak plot`'s refusal of any existing format, and
/// a batch's view of a fit whose figures are missing, in other formats or redrawn.
@Suite struct FigureFilesTests {
    /// The short fit of the figure tests, of `dir/sim.fits`.
    static let fit = ["--seeing", "0.7", "--iterations", "300", "--sampling", "cauchy", "--chains", "1"]

    /// Fits `dir/sim.fits` into `dir/run/galaxy` with `extra` options; returns its outputs in every format.
    private func fit(in dir: URL, _ extra: [String]) throws -> FitOutputs {
        _ = try TestSupport.simulatedCube(in: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("run"), withIntermediateDirectories: true)
        let outcome = try CommandLineRunner.run(["fit", "sim.fits"] + Self.fit + ["-o", "run/galaxy", "--quiet"] + extra, in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return FitOutputs(prefix: dir.appendingPathComponent("run/galaxy").path, figureFormats: FigureFormat.allCases)
    }

    private func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test(.enabled(if: PopplerTools.pdfinfo != nil, "pdfinfo is not installed (Debian package poppler-utils; CI installs it): the PDF figures are not checked"))
    func aBatchDrawsTheFormatsAskedForAndPdfinfoReadsThePDFs() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try TestSupport.simulatedCube(in: dir)
        let batch = try CommandLineRunner.run(["batch", "sim.fits"] + Self.fit + ["--figure-format", "pdf,svg", "-j", "1", "--outdir", "out"],
                                              in: dir)
        #expect(batch.status == 0, "\(batch.stderr)")
        let outputs = FitOutputs(prefix: dir.appendingPathComponent("out/sim/sim").path)
        let drawn = FitOutputs(prefix: outputs.prefix, figureFormats: [.pdf, .svg]).figures
        #expect(drawn.count == 16 && drawn.allSatisfy(exists), "\(drawn.filter { !exists($0) })")
        #expect(FitOutputs(prefix: outputs.prefix, figureFormats: [.png]).figures.allSatisfy { !exists($0) })

        // A one-page PDF of the PNG's size at 0.72 pt per pixel, its text in embedded fonts.
        let plot = try CommandLineRunner.run(["plot", "out/sim/sim", "--figure-format", "png", "-o", "png"], in: dir)
        #expect(plot.status == 0, "\(plot.stderr)")
        for file in OutputFile.files(.figure) {
            let pdf = outputs.figure(file, .pdf)
            let (info, output) = try PopplerTools.info(pdf)
            let fields = try #require(info, "pdfinfo cannot read \(pdf): \(output)")
            #expect(fields["Pages"] == "1", "\(pdf): \(output)")
            let png = try #require(PNGReader.headerSize(Data(contentsOf: dir.appendingPathComponent("png_\(file.suffix(.png))"))))
            let size = String(format: "%g x %g pts", Double(png.0) * 0.72, Double(png.1) * 0.72)
            #expect(fields["Page size"] == size, "\(pdf): \(output) (expected \(size))")
            let fonts = try PopplerTools.run("pdffonts", pdf)
            #expect(fonts.status == 0 && fonts.output.contains("DejaVuSans"), "\(pdf): \(fonts.output)")
            let svg = try String(contentsOfFile: outputs.figure(file, .svg), encoding: .utf8)
            #expect(svg.hasPrefix("<?xml") && svg.contains("<svg") && svg.contains("</svg>"), "\(file.suffix): not an SVG")
        }
    }

    /// `galpak plot` refuses when any file of any format it would write exists, writing none;
    /// `--figure-format` chooses the files, `--overwrite` replaces them.
    @Test func plotWritesNothingWhenAnyFormatExists() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outputs = try fit(in: dir, ["--no-plots"])
        try "stale".write(toFile: outputs.figure(.rotationCurveFigure, .pdf), atomically: true, encoding: .utf8)
        let refused = try CommandLineRunner.run(["plot", "run/galaxy"], in: dir)
        #expect(refused.status == 2 && refused.stderr.contains("run/galaxy_rotcurve.pdf: already exists"), "\(refused.stderr)")
        #expect(outputs.figures.filter(exists) == [outputs.figure(.rotationCurveFigure, .pdf)])

        let png = try CommandLineRunner.run(["plot", "run/galaxy", "--figure-format", "png"], in: dir)
        #expect(png.status == 0, "\(png.stderr)")
        #expect(FitOutputs(prefix: outputs.prefix, figureFormats: [.png]).figures.allSatisfy(exists))
        #expect(outputs.figures.filter { $0.hasSuffix(".pdf") }.filter(exists) == [outputs.figure(.rotationCurveFigure, .pdf)])

        let replaced = try CommandLineRunner.run(["plot", "run/galaxy", "--overwrite"], in: dir)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(FitOutputs(prefix: outputs.prefix).figures.allSatisfy(exists))
        #expect(try Data(contentsOf: URL(fileURLWithPath: outputs.figure(.rotationCurveFigure, .pdf))).starts(with: Data("%PDF-".utf8)))
        #expect(replaced.stdout.contains("run/galaxy_maps.pdf") && !replaced.stdout.contains(".svg"))
    }

    /// A fit drawn in PNG only (as before PDFs were drawn) is complete for a batch; so it stays
    /// when `galpak plot` adds PDFs, redraws its PNGs at another size, or they are removed.
    @Test func aFitIsCompleteWhateverBecomesOfItsFigures() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outputs = try fit(in: dir, ["--figure-format", "png"])
        #expect(outputs.figures.filter(exists) == FitOutputs(prefix: outputs.prefix, figureFormats: [.png]).figures)
        #expect(FitState(of: outputs).record != nil)
        let plot = try CommandLineRunner.run(["plot", "run/galaxy", "--figure-format", "pdf"], in: dir)
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(FitState(of: outputs).record != nil)
        try "redrawn at another size".write(toFile: outputs.figure(.mapsFigure, .png), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: outputs.figure(.imagesFigure, .png))
        #expect(FitState(of: outputs).record != nil)
        // A result file changed still makes it incomplete.
        try "xy".write(toFile: outputs.rotationCurve, atomically: true, encoding: .utf8)
        #expect(FitState(of: outputs) == .partial)
    }
}
