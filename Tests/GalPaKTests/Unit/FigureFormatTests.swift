import Testing
@testable import GalPaK

/// `--figure-format`'s list (``FigureFormat``): names in any case and order, every bad list
/// refused with a message naming the formats; PNG and PDF by default.
@Suite struct FigureFormatTests {
    @Test func aListReadsInTheOrderGiven() throws {
        #expect(try FigureFormat.list(parsing: "png,pdf,svg") == [.png, .pdf, .svg])
        #expect(try FigureFormat.list(parsing: " SVG , pdf") == [.svg, .pdf])
        #expect(try FigureFormat.list(parsing: "pdf") == [.pdf])
        #expect(FigureFormat.defaults == [.png, .pdf])
        #expect(FitOutputs(prefix: "g").figureFormats == FigureFormat.defaults)
        #expect(FigureFormat.text(FigureFormat.defaults) == "png,pdf")
    }

    @Test func aBadListIsRefusedSayingWhatTheFormatsAre() {
        for (text, message) in [("jpg", "'jpg' is not a figure format: give a comma-separated list of png, pdf or svg (e.g. png,pdf)"),
                                ("png,", "'' is not a figure format"), ("", "'' is not a figure format"),
                                ("png,PNG", "'png,PNG' names png twice")] {
            #expect { try FigureFormat.list(parsing: text) } throws: { error in
                (error as? GalpakError)?.message.hasPrefix(message) == true
            }
        }
    }

    @Test func aFiguresPathsAreOnePerFormat() {
        #expect(OutputFile.mapsFigure.path(prefix: "out/g", format: .svg) == "out/g_maps.svg")
        let outputs = FitOutputs(prefix: "g", figureFormats: [.pdf, .png])
        #expect(outputs.figures([.mapsFigure, .positionVelocityFigure]) == ["g_maps.pdf", "g_maps.png", "g_pv.pdf", "g_pv.png"])
    }
}
