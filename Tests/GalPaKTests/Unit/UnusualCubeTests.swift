import CCFITSIO
import Foundation
import Testing
@testable import GalPaK

/// Cubes as real pipelines write them: every pixel type with scaling, tile compression,
/// degenerate axes in either position, unnamed extensions; and headers that lie about the size.
@Suite struct UnusualCubeTests {
    private func read(_ path: String, variance: String? = nil) throws -> Cube {
        try CubeReader.read(path: path, variancePath: variance, defaults: TestFITS.bare) { _ in }
    }

    /// Raw stored integers and the scaling that maps them to the physical values the reader must
    /// return. Each scaling puts physical values outside the raw type's range (negative for the
    /// unsigned BITPIX 8, beyond 32767 for 16, …), so an unscaled read could not match.
    @Test(arguments: [
        (Int32(8), 0.5, -20.0), (16, 1, 32768), (16, 0.25, -1000), (32, 1, 2_147_483_648),
        (32, 3, 7), (-32, 2, 1), (-64, 0.001, -5),
    ])
    func everyPixelTypeWithScaling(bitpix: Int32, bscale: Double, bzero: Double) throws {
        let (nx, ny, nz) = (5, 4, 6)
        let raw = (0..<nx * ny * nz).map { Double(($0 * 37) % 200 + 1) }
        let physical = raw.map { bzero + bscale * $0 }
        var cards = TestFITS.wcs() + [HeaderCard(name: "BSCALE", number: bscale), HeaderCard(name: "BZERO", number: bzero)]
        let integer = bitpix > 0
        if integer { cards.append(HeaderCard(name: "BLANK", value: "\(Int(raw[7]))")) }
        let path = try TestFITS.directory() + "/bitpix\(bitpix).fits"
        try TestFITS.write([.init(shape: [nx, ny, nz], values: physical, cards: cards, bitpix: bitpix)], to: path)

        let file = try FITSFile(reading: path)
        #expect(try file.double("BITPIX") == Double(bitpix))
        let cube = try read(path)
        for n in physical.indices where !(integer && raw[n] == raw[7]) {
            #expect(abs(cube.data[n] - physical[n]) <= 1e-6 * abs(physical[n]), "voxel \(n)")
        }
        if integer {
            #expect(cube.data[7].isNaN, "the BLANK value reads as NaN")
        }
    }

    /// (cfitsio compression algorithm, BITPIX): integer Rice, gzip of integers and floats.
    static let compressions: [(Int32, Int32)] = [
        (Int32(RICE_1), 8), (Int32(RICE_1), 16), (Int32(RICE_1), 32), (Int32(GZIP_1), 32), (Int32(HCOMPRESS_1), 16),
        (Int32(GZIP_2), -32), (Int32(GZIP_1), -64),
    ]

    @Test(arguments: compressions)
    func tileCompressedCube(algorithm: Int32, bitpix: Int32) throws {
        let (nx, ny, nz) = (7, 6, 9)
        // Integers that fit every pixel type (< 256), halves for the float types.
        let values = (0..<nx * ny * nz).map { Double(($0 * 13) % 250) / (bitpix < 0 ? 2 : 1) }
        let path = try TestFITS.directory() + "/cube.fits.fz"
        try TestFITS.writeCompressed(.init(shape: [nx, ny, nz], values: values, cards: TestFITS.wcs(), bitpix: bitpix),
                                     algorithm: algorithm, to: path)
        let file = try FITSFile(reading: path)
        #expect(try file.hduCount() == 2)
        try file.moveTo(hdu: 2)
        #expect(try file.isCompressedImage(), "the test file really is tile-compressed")

        let cube = try read(path)
        #expect((cube.nx, cube.ny, cube.nz) == (nx, ny, nz))
        #expect(cube.data == values, "lossless compression reads back exactly")
        #expect(cube.spectral == SpectralAxis(crval: 6540, crpix: 1, cdelt: 1.25, unit: .angstrom))
        #expect(abs(cube.pixscale - 0.2) < 1e-9)
    }

    /// A gzip'd FITS file (`cube.fits.gz`), which cfitsio inflates in memory: read whole, and
    /// refused as truncated when cut short (its size on disk says nothing about the FITS size).
    @Test func gzippedFile() throws {
        let dir = try TestFITS.directory()
        let values = TestFITS.ramp(nx: 8, ny: 7, nz: 6)
        try TestFITS.write([.init(shape: []),
                            .init(shape: [8, 7, 6], values: values, cards: TestFITS.wcs() + [HeaderCard(name: "EXTNAME", string: "DATA")])],
                           to: dir + "/cube.fits")
        let gz = try TestFITS.gzip(dir + "/cube.fits")
        let cube = try read(gz)
        #expect(cube.data == values)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: gz))
        let cut = dir + "/cut.fits.gz"
        try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: cut))
        let message = TestFITS.errorMessage { _ = try read(cut) }
        #expect(message?.hasPrefix(cut) == true, "\(message ?? "")")
        #expect(message?.contains("truncated") == true || message?.contains("incomplete") == true, "\(message ?? "")")
    }

    @Test func compressedDataExtensionWithVariance() throws {
        let dir = try TestFITS.directory()
        let (nx, ny, nz) = (6, 6, 5)
        let cube = dir + "/data.fits.fz", variance = dir + "/var.fits.fz"
        let values = TestFITS.ramp(nx: nx, ny: ny, nz: nz)
        try TestFITS.writeCompressed(.init(shape: [nx, ny, nz], values: values,
                                           cards: TestFITS.wcs() + [HeaderCard(name: "EXTNAME", string: "DATA")]),
                                     algorithm: GZIP_2, to: cube)
        try TestFITS.writeCompressed(.init(shape: [nx, ny, nz], values: values.map { _ in 0.25 }),
                                     algorithm: GZIP_2, to: variance)
        let read = try read(cube, variance: variance)
        #expect(read.data == values)
        #expect(read.variance?.allSatisfy { $0 == 0.25 } == true)
    }

    /// A radio-style cube `nx × ny × 1 × nz`: Stokes as the 3rd axis, frequency-like channels as
    /// the 4th. The channels and their header cards become axis 3.
    @Test func degenerateThirdAxisWithChannelsAlongTheFourth() throws {
        let (nx, ny, nz) = (5, 6, 8)
        let spatial = TestFITS.wcs().filter { !$0.name.hasSuffix("3") }
        let cards = spatial + [
            HeaderCard(name: "CTYPE3", string: "STOKES"), HeaderCard(name: "CRVAL3", number: 1),
            HeaderCard(name: "CDELT3", number: 1), HeaderCard(name: "CRPIX3", number: 1),
            HeaderCard(name: "CTYPE4", string: "WAVE"), HeaderCard(name: "CUNIT4", string: "nm"),
            HeaderCard(name: "CRVAL4", number: 656.3), HeaderCard(name: "CDELT4", number: 0.125),
            HeaderCard(name: "CRPIX4", number: 2), HeaderCard(name: "PC4_4", number: 1),
            HeaderCard(name: "PC1_4", number: 0),
        ]
        let (cube, warnings) = try TestFITS.roundTrip(shape: [nx, ny, 1, nz], cards: cards)
        #expect(warnings.isEmpty)
        #expect((cube.nx, cube.ny, cube.nz) == (nx, ny, nz))
        #expect(cube.data[cube.index(4, 5, 7)] == 70505, "voxel order is unchanged")
        #expect(cube.spectral == SpectralAxis(crval: 656.3, crpix: 2, cdelt: 0.125, unit: .nanometre))
        // Outputs are 3-D: the spectral cards now belong to axis 3, the Stokes axis is gone.
        #expect(cube.wcsCards.value("CTYPE3") == "WAVE")
        #expect(cube.wcsCards.number("CDELT3") == 0.125)
        #expect(cube.wcsCards.number("PC1_3") == 0)
        #expect(!cube.wcsCards.contains { $0.text == "STOKES" || $0.name.contains("4") })
    }

    @Test func swappingAxesRenamesEveryAxisKeyword() {
        let cards = ["CTYPE4", "CUNIT4A", "CD4_4", "PC1_4", "PC4_1", "PV4_2", "CTYPE3", "CRDER4", "CDELT1", "NAXIS4", "PCOUNT"]
            .map { HeaderCard(name: $0, value: "1") }
        let swapped = WCSCards.swappingAxes(cards, 3, 4).map(\.name)
        #expect(swapped == ["CTYPE3", "CUNIT3A", "CD3_3", "PC1_3", "PC3_1", "PV3_2", "CTYPE4", "CRDER3", "CDELT1",
                            "NAXIS4", "PCOUNT"])
    }

    @Test func cubeLayouts() throws {
        #expect(CubeImage.cubeLayout([5, 6, 7])?.spectralAxis == 3)
        #expect(CubeImage.cubeLayout([5, 6, 7, 1])?.spectralAxis == 3)
        #expect(CubeImage.cubeLayout([5, 6, 1, 7])?.spectralAxis == 4)
        let layout = try #require(CubeImage.cubeLayout([5, 6, 1, 7]))
        #expect(layout.shape == (5, 6, 7))
        #expect(CubeImage.cubeLayout([5, 6, 1, 1, 7])?.spectralAxis == 5)
        #expect(CubeImage.cubeLayout([5, 6, 3, 7]) == nil, "two long axes beyond the second: not a cube")
        #expect(CubeImage.cubeLayout([5, 6]) == nil)
        #expect(CubeImage.cubeLayout([5, 0, 7]) == nil)
    }

    @Test func fourDimensionalImageWithTwoLongAxesIsRejected() throws {
        let path = try TestFITS.directory() + "/iquv.fits"
        try TestFITS.write([.init(shape: [4, 4, 4, 3], values: [Double](repeating: 1, count: 192),
                                  cards: TestFITS.wcs())], to: path)
        let message = TestFITS.errorMessage { _ = try read(path) }
        #expect(message?.hasPrefix(path) == true)
        #expect(message?.contains("4-D image 4×4×4×3") == true)
    }

    @Test func unnamedExtensionAfterAnEmptyPrimary() throws {
        let path = try TestFITS.directory() + "/ext.fits"
        try TestFITS.write([.init(shape: []),
                            .init(shape: [4, 5, 6], values: TestFITS.ramp(nx: 4, ny: 5, nz: 6), cards: TestFITS.wcs())],
                           to: path)
        let cube = try read(path)
        #expect((cube.nx, cube.ny, cube.nz) == (4, 5, 6))
        #expect(cube.data.last == 50404, "the last voxel is (3, 4, 5): 3 + 100·4 + 10000·5 + 1")
    }

    @Test(arguments: [[2, 9, 5], [9, 2, 5], [9, 9, 2], [9, 9, 1]])
    func cubeSmallerThanTheModelNeedsIsRejected(shape: [Int]) throws {
        let path = try TestFITS.directory() + "/tiny.fits"
        let n = shape.reduce(1, *)
        try TestFITS.write([.init(shape: shape, values: (0..<n).map { Double($0 + 1) }, cards: TestFITS.wcs())], to: path)
        let message = TestFITS.errorMessage { _ = try read(path) }
        #expect(message?.hasPrefix(path) == true)
        #expect(message?.contains("too small") == true)
        #expect(message?.contains("at least 3×3 pixels and 3 channels") == true)
    }

    @Test func smallestAcceptedCube() throws {
        let (cube, _) = try TestFITS.roundTrip(shape: [3, 3, 3], cards: TestFITS.wcs())
        #expect(cube.count == 27)
    }

    /// A header whose NAXISn promises far more data than the file holds must be refused before
    /// anything of that size is allocated.
    @Test(arguments: ["999999999", "2147483647", "9223372036854775807"])
    func hugeDeclaredSizeIsRefusedBeforeAllocating(naxis3: String) throws {
        let path = try TestFITS.directory() + "/liar.fits"
        try TestFITS.write([.init(shape: [6, 6, 6], values: TestFITS.ramp(nx: 6, ny: 6, nz: 6), cards: TestFITS.wcs())],
                           to: path)
        try TestFITS.patchCard("NAXIS3", value: naxis3, in: path)
        let message = TestFITS.errorMessage { _ = try read(path) }
        #expect(message?.hasPrefix(path) == true, "\(message ?? "no error")")
        let explained = ["truncated", "impossible image size", "not a readable FITS file"]
            .contains { message?.contains($0) == true }
        #expect(explained, "\(message ?? "")")
    }

    @Test func truncatedDataNamesWhatIsMissing() throws {
        let path = try TestFITS.directory() + "/cut.fits"
        try TestFITS.write([.init(shape: [20, 20, 20], values: TestFITS.ramp(nx: 20, ny: 20, nz: 20),
                                  cards: TestFITS.wcs())], to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(2880 * 3).write(to: URL(fileURLWithPath: path))
        let message = TestFITS.errorMessage { _ = try read(path) }
        #expect(message?.hasPrefix("\(path): is truncated: the header declares a 20×20×20 image (64000 bytes)") == true,
                "\(message ?? "")")
    }

    @Test func varianceWithoutAnyUsableValueIsRejected() throws {
        let dir = try TestFITS.directory()
        let cube = dir + "/cube.fits", variance = dir + "/var.fits"
        try TestFITS.write([.init(shape: [4, 4, 4], values: TestFITS.ramp(nx: 4, ny: 4, nz: 4), cards: TestFITS.wcs())],
                           to: cube)
        try TestFITS.write([.init(shape: [4, 4, 4], values: (0..<64).map { $0 % 2 == 0 ? .nan : -1 })], to: variance)
        let message = TestFITS.errorMessage { _ = try read(cube, variance: variance) }
        #expect(message?.hasPrefix(variance) == true)
        #expect(message?.contains("no finite positive value") == true)
    }

    // MARK: - Corrupt files cfitsio itself would crash or hang on

    /// cfitsio divides by ZTILEn while opening the file: a zero or non-integer tile size must be
    /// refused before it is opened (this test would die of SIGFPE otherwise).
    @Test(arguments: ["0", "'abc'", "1E400", "-3"])
    func corruptTileSizeIsRefusedBeforeOpening(value: String) throws {
        let path = try TestFITS.directory() + "/tiles.fits"
        try TestFITS.writeCompressed(.init(shape: [6, 6, 6], values: TestFITS.ramp(nx: 6, ny: 6, nz: 6), cards: TestFITS.wcs()),
                                     algorithm: Int32(GZIP_2), to: path)
        try TestFITS.patchCard("ZTILE1", value: value, in: path)
        let message = TestFITS.errorMessage { _ = try read(path) }
        #expect(message?.hasPrefix("\(path): HDU 2 is a tile-compressed image whose ZTILE1 = \(value) is not an integer of at least 1") == true,
                "\(message ?? "")")
    }

    /// A zero Rice block size makes cfitsio divide by zero when it decompresses.
    @Test func corruptRiceBlockSizeIsRefused() throws {
        let path = try TestFITS.directory() + "/rice.fits"
        try TestFITS.writeCompressed(.init(shape: [6, 6, 6], values: TestFITS.ramp(nx: 6, ny: 6, nz: 6), cards: TestFITS.wcs(),
                                           bitpix: 32),
                                     algorithm: Int32(RICE_1), to: path)
        try TestFITS.patchCard("ZVAL1", value: "0", in: path)
        let message = TestFITS.errorMessage { _ = try read(path) }
        #expect(message == "\(path): HDU 2 is a tile-compressed image whose ZVAL1 = 0 is not an integer of at least 1; "
                + "the header is corrupt", "\(message ?? "")")
    }

    /// cfitsio decodes as many HCOMPRESS pixels as the stream states into a buffer sized for
    /// the tile: a header that shrinks the image must be refused (this test would corrupt the
    /// heap otherwise).
    @Test func hcompressTileLargerThanItsTileIsRefused() throws {
        let path = try TestFITS.directory() + "/h.fits"
        try TestFITS.writeCompressed(.init(shape: [10, 10, 4], values: (0..<400).map { Double($0 % 50) }, cards: TestFITS.wcs(),
                                           bitpix: 16),
                                     algorithm: Int32(HCOMPRESS_1), to: path)
        #expect(try read(path).data[49] == 49, "an intact HCOMPRESS cube reads back")
        try TestFITS.patchCard("ZNAXIS1", value: "2", in: path)
        let message = TestFITS.errorMessage { _ = try read(path) }
        #expect(message == "\(path): compressed tile 1 states 10×10 pixels but the tile holds 20; the file is corrupt",
                "\(message ?? "")")
    }

    /// cfitsio grows its buffer forever on a gzip tile that never ends: such a tile must be
    /// found and refused before cfitsio decompresses it (this test would hang otherwise).
    @Test func corruptGzipTileIsRefused() throws {
        let path = try TestFITS.directory() + "/gzip.fits"
        try TestFITS.writeCompressed(.init(shape: [6, 6, 6], values: TestFITS.ramp(nx: 6, ny: 6, nz: 6), cards: TestFITS.wcs()),
                                     algorithm: Int32(GZIP_2), to: path)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // The first gzip stream in the heap: 1F 8B 08. Damage its deflate data.
        let start = try #require((2880..<bytes.count - 2).first { bytes[$0] == 0x1F && bytes[$0 + 1] == 0x8B && bytes[$0 + 2] == 8 })
        for offset in 12..<20 { bytes[start + offset] ^= 0x5A }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let message = TestFITS.errorMessage { _ = try read(path) }
        #expect(message == "\(path): compressed tile 1 is corrupt: its gzip data do not inflate to one tile", "\(message ?? "")")
    }

    @Test func valuesBeyondPlausibleRangesAreRefused() throws {
        var values = TestFITS.ramp(nx: 4, ny: 4, nz: 4)
        values[TestFITS.index(2, 3, 1, nx: 4, ny: 4)] = -4e200
        let huge = TestFITS.errorMessage {
            let path = try TestFITS.directory() + "/huge.fits"
            try TestFITS.write([.init(shape: [4, 4, 4], values: values, cards: TestFITS.wcs())], to: path)
            _ = try read(path)
        }
        #expect(huge?.contains("voxel (x 2, y 3, channel 1) holds -4e+200, beyond any physical value") == true, "\(huge ?? "")")

        let thin = TestFITS.errorMessage { _ = try TestFITS.roundTrip(cards: TestFITS.wcs(cdelt3: 1e-12)) }
        #expect(thin?.contains("km/s per channel, not a channel width galpak can use") == true, "\(thin ?? "")")

        let wide = TestFITS.errorMessage { _ = try TestFITS.roundTrip(cards: TestFITS.wcs(arcsec: 36000)) }
        #expect(wide?.contains("the pixel scale is 3.6e+04″") == true, "\(wide ?? "")")
    }

    @Test func subnormalVarianceCountsAsZero() throws {
        let dir = try TestFITS.directory()
        let cube = dir + "/cube.fits", variance = dir + "/var.fits"
        try TestFITS.write([.init(shape: [4, 4, 4], values: TestFITS.ramp(nx: 4, ny: 4, nz: 4), cards: TestFITS.wcs())], to: cube)
        var v = [Double](repeating: 2, count: 64)
        v[5] = 1e-310
        v[6] = 0
        v[7] = .nan
        try TestFITS.write([.init(shape: [4, 4, 4], values: v)], to: variance)
        var warnings: [String] = []
        let read = try CubeReader.read(path: cube, variancePath: variance, defaults: TestFITS.bare) { warnings.append($0) }
        #expect(warnings == ["\(variance): the variance (file \(variance)) has 2 zero or negative voxels; they are left out of the fit"])
        #expect(read.data[5].isNaN && read.data[6].isNaN && read.data[7].isNaN, "voxels without a usable variance are missing")
        #expect(read.data[8] == 201, "voxel (0, 2, 0) is kept")
    }
}
