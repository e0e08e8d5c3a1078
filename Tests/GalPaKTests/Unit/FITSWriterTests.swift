import Foundation
import Testing
@testable import GalPaK

/// The output layout and the writer → reader round trip.
@Suite struct FITSWriterTests {
    @Test func roundTripKeepsDataVarianceAndWCS() throws {
        let (cube, _) = try TestFITS.roundTrip(shape: [6, 9, 4], cards: TestFITS.wcs())
        let path = try TestFITS.directory() + "/out.fits"
        var data = cube.data
        data[7] = .nan
        let variance = (0..<cube.count).map { 0.25 + Double($0) }
        try FITSWriter.write(data, shape: [6, 9, 4], cards: cube.wcsCards,
                             extraCards: [HeaderCard(name: "GALPAK", string: "test")], variance: variance, to: path)

        let back = try CubeReader.read(path: path, defaults: TestFITS.bare) { _ in }
        #expect((back.nx, back.ny, back.nz) == (6, 9, 4))
        #expect(back.data[7].isNaN)
        #expect(back.data.enumerated().allSatisfy { $0.offset == 7 || $0.element == data[$0.offset] })
        #expect(back.variance == variance)
        #expect(back.varianceSource == "STAT extension")
        #expect(back.spectral == cube.spectral)
        #expect(back.pixscale == cube.pixscale)
        for name in ["CTYPE1", "CTYPE2", "CUNIT1", "CRVAL1", "CRPIX2", "CDELT1", "CDELT2", "CTYPE3", "CRVAL3", "BUNIT"] {
            #expect(back.wcsCards.value(name) == cube.wcsCards.value(name), "\(name) survives")
        }
    }

    @Test func layoutIsEmptyPrimaryThenFloat64Data() throws {
        let path = try TestFITS.directory() + "/layout.fits"
        let history = HeaderCard(name: "HISTORY", value: "", comment: "made by galpak")
        try FITSWriter.write([1, 2, 3, 4, 5, 6], shape: [3, 2], cards: [HeaderCard(name: "NAXIS1", value: "99")],
                             extraCards: [history], to: path)
        let file = try FITSFile(reading: path)
        #expect(try file.hduCount() == 2)
        try file.moveTo(hdu: 1)
        #expect(try file.imageShape().isEmpty)
        try file.moveTo(hdu: 2)
        #expect(try file.string("EXTNAME") == "DATA")
        #expect(try file.double("BITPIX") == -64)
        #expect(try file.imageShape() == [3, 2])
        #expect(try file.readImage() == [1, 2, 3, 4, 5, 6])
        #expect(try file.cards().contains { $0.name == "HISTORY" && $0.comment.contains("made by galpak") })
    }

    @Test func mapsKeepOnlyTheFirstTwoAxes() throws {
        let (cube, _) = try TestFITS.roundTrip(shape: [6, 9, 4], cards: TestFITS.wcs())
        let path = try TestFITS.directory() + "/map.fits"
        try FITSWriter.write([Double](repeating: 1, count: 54), shape: [6, 9], cards: cube.wcsCards, to: path)
        let file = try FITSFile(reading: path)
        try file.moveTo(hdu: 2)
        let names = Set(try file.cards().map(\.name))
        #expect(names.isSuperset(of: ["CTYPE1", "CDELT2", "BUNIT"]))
        #expect(names.isDisjoint(with: ["CTYPE3", "CDELT3", "CRVAL3", "CUNIT3"]))
    }

    @Test func limitingCardsToAxes() {
        let cards = ["CTYPE1", "CTYPE3", "CD1_2", "PC1_3", "PV2_1", "PV3_1", "RADESYS", "CDELT4"]
            .map { HeaderCard(name: $0, value: "1") }
        #expect(WCSCards.limited(cards, toAxes: 2).map(\.name) == ["CTYPE1", "CD1_2", "PV2_1", "RADESYS"])
        #expect(WCSCards.limited(cards, toAxes: 3).count == 7)
    }

    @Test func existingFileIsReplacedAndNoTemporaryIsLeft() throws {
        let dir = try TestFITS.directory()
        let path = dir + "/cube.fits"
        try FITSWriter.write([1, 2], shape: [2], to: path)
        try FITSWriter.write([3, 4], shape: [2], to: path)
        let file = try FITSFile(reading: path)
        try file.moveTo(hdu: 2)
        #expect(try file.readImage() == [3, 4])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["cube.fits"])
    }

    @Test func unwritableDirectoryIsReported() {
        let message = TestFITS.errorMessage {
            try FITSWriter.write([1], shape: [1], to: "/nonexistent-dir/out.fits")
        }
        #expect(message != nil)
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-dir/out.fits"))
    }

    @Test func numericAndStringCardsReadBack() {
        #expect(HeaderCard(name: "X", number: 1e-5).value == "1E-05")
        #expect(HeaderCard(name: "X", number: 6564).number == 6564)
        #expect(HeaderCard(name: "X", string: "O'Brien").value == "'O''Brien'")
        #expect(HeaderCard(name: "X", string: "O'Brien").text == "O'Brien")
        #expect(HeaderCard(name: "X", value: "1.5D2").number == 150)
    }
}
