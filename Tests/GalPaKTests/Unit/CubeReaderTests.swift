import Foundation
import Testing
@testable import GalPaK

/// HDU choice, data layout and unreadable inputs.
@Suite struct CubeReaderTests {
    @Test func primaryCubeKeepsFITSOrderAndWCS() throws {
        let (cube, warnings) = try TestFITS.roundTrip(shape: [6, 9, 4], cards: TestFITS.wcs())
        #expect((cube.nx, cube.ny, cube.nz) == (6, 9, 4))
        // Voxel (i, j, k) = (5, 7, 3) holds i + 100 j + 10000 k + 1.
        #expect(cube.data[cube.index(5, 7, 3)] == 30706)
        #expect(abs(cube.pixscale - 0.2) < 1e-9)
        #expect(cube.spectral == SpectralAxis(crval: 6540, crpix: 1, cdelt: 1.25, unit: .angstrom))
        #expect(warnings.isEmpty)
        #expect(cube.wcsCards.value("CTYPE1") == "RA---TAN")
        #expect(cube.wcsCards.value("BUNIT") == "10**(-20)*erg/s/cm**2/Angstrom")
        #expect(cube.varianceSource == CubeReader.estimatedVarianceSource)
    }

    @Test func emptyPrimaryAndDataExtension() throws {
        let path = try TestFITS.directory() + "/muse.fits"
        try TestFITS.write([
            .init(shape: [], cards: [HeaderCard(name: "OBJECT", string: "NGC 1")]),
            .init(shape: [5, 7, 3], values: TestFITS.ramp(nx: 5, ny: 7, nz: 3),
                  cards: TestFITS.wcs() + [HeaderCard(name: "EXTNAME", string: "data")]),
        ], to: path)
        let cube = try CubeReader.read(path: path, defaults: TestFITS.bare) { _ in }
        #expect((cube.nx, cube.ny, cube.nz) == (5, 7, 3))
        #expect(cube.data.first == 1)
        #expect(cube.wcsCards.value("OBJECT") == "NGC 1", "OBJECT is inherited from the primary header")
    }

    @Test func stokesAxisOfLengthOneIsDropped() throws {
        let stokes = [HeaderCard(name: "CTYPE4", string: "STOKES"), HeaderCard(name: "CDELT4", number: 1),
                      HeaderCard(name: "CRVAL4", number: 1), HeaderCard(name: "PC4_4", number: 1)]
        let (cube, _) = try TestFITS.roundTrip(shape: [4, 5, 6, 1], cards: TestFITS.wcs() + stokes)
        #expect((cube.nx, cube.ny, cube.nz) == (4, 5, 6))
        #expect(cube.wcsCards.allSatisfy { !$0.name.contains("4") }, "no 4th-axis card is kept")
        #expect(cube.wcsCards.value("CTYPE3") == "AWAV")
    }

    @Test func integerImageWithScalingAndBlanks() throws {
        let path = try TestFITS.directory() + "/int16.fits"
        // cfitsio applies BSCALE/BZERO when writing too: physical 11.5 is stored as raw 3, and
        // physical −16374 as raw −32768, the BLANK value.
        var raw = [Double](repeating: 11.5, count: 4 * 5 * 3)
        raw[0] = 10 + 0.5 * -32768
        try TestFITS.write([.init(shape: [4, 5, 3], values: raw, cards: TestFITS.wcs() + [
            HeaderCard(name: "BSCALE", number: 0.5), HeaderCard(name: "BZERO", number: 10),
            HeaderCard(name: "BLANK", value: "-32768"),
        ], bitpix: 16)], to: path)
        let cube = try CubeReader.read(path: path, defaults: TestFITS.bare) { _ in }
        #expect(cube.data[0].isNaN)
        #expect(cube.data[1] == 11.5)
    }

    @Test func twoDimensionalImageIsRejected() throws {
        let path = try TestFITS.directory() + "/image.fits"
        try TestFITS.write([.init(shape: [8, 8], values: [Double](repeating: 1, count: 64))], to: path)
        let message = TestFITS.errorMessage { _ = try CubeReader.read(path: path, defaults: TestFITS.muse) { _ in } }
        #expect(message?.hasPrefix(path) == true)
        #expect(message?.contains("2-D image 8×8") == true)
        #expect(message?.contains("3-D cube") == true)
    }

    @Test func flatDataExtensionIsRejectedWithAnInventory() throws {
        let path = try TestFITS.directory() + "/flat.fits"
        try TestFITS.write([
            .init(shape: []),
            .init(shape: [6, 5], values: [Double](repeating: 1, count: 30),
                  cards: [HeaderCard(name: "EXTNAME", string: "DATA")]),
        ], to: path)
        let message = TestFITS.errorMessage { _ = try CubeReader.read(path: path, defaults: TestFITS.muse) { _ in } }
        #expect(message?.contains("HDU 1: no image; HDU 2 'DATA': 2-D image 6×5") == true)
    }

    @Test func nonFITSFileIsRejected() throws {
        let path = try TestFITS.directory() + "/notes.fits"
        try "this is not FITS\n".write(toFile: path, atomically: true, encoding: .utf8)
        let message = TestFITS.errorMessage { _ = try CubeReader.read(path: path, defaults: TestFITS.muse) { _ in } }
        #expect(message?.hasPrefix("\(path): is not a readable FITS file") == true)
    }

    @Test func missingFileIsRejected() {
        let message = TestFITS.errorMessage {
            _ = try CubeReader.read(path: "/nonexistent/cube.fits", defaults: TestFITS.muse) { _ in }
        }
        #expect(message == "/nonexistent/cube.fits: no such file")
    }

    @Test func truncatedFileIsRejected() throws {
        let path = try TestFITS.directory() + "/cut.fits"
        try TestFITS.write([.init(shape: [20, 20, 20], values: TestFITS.ramp(nx: 20, ny: 20, nz: 20),
                                  cards: TestFITS.wcs())], to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let message = TestFITS.errorMessage { _ = try CubeReader.read(path: path, defaults: TestFITS.muse) { _ in } }
        #expect(message?.hasPrefix(path) == true)
        #expect(message?.contains("truncated") == true || message?.contains("incomplete") == true)
    }

    @Test(arguments: [Double.nan, 0])
    func cubeWithoutDataIsRejected(fill: Double) throws {
        let path = try TestFITS.directory() + "/empty.fits"
        try TestFITS.write([.init(shape: [4, 4, 4], values: [Double](repeating: fill, count: 64),
                                  cards: TestFITS.wcs())], to: path)
        let message = TestFITS.errorMessage { _ = try CubeReader.read(path: path, defaults: TestFITS.muse) { _ in } }
        #expect(message?.hasPrefix(path) == true)
        #expect(message?.contains("every voxel is NaN or zero") == true)
    }
}
