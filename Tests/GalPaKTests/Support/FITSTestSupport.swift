import Foundation
@testable import GalPaK

/// Builds small FITS files for the reader and writer tests.
enum TestFITS {
    /// One image HDU to write: shape NAXIS1 first (empty for a header-only HDU).
    struct HDU {
        var shape: [Int]
        var values: [Double] = []
        var cards: [HeaderCard] = []
        /// FITS BITPIX (−64 float64, 16 int16, …).
        var bitpix: Int32 = -64
    }

    /// A fresh, empty directory for one test (``TestSupport/temporaryDirectory()`` as a path).
    static func directory() throws -> String {
        try TestSupport.temporaryDirectory().path
    }

    /// Writes `hdus` (the first is the primary) to `path`.
    static func write(_ hdus: [HDU], to path: String) throws {
        let file = try FITSFile(creating: path)
        for hdu in hdus {
            try file.appendImage(shape: hdu.shape, bitpix: hdu.bitpix)
            for card in hdu.cards { try file.write(card: card) }
            try file.writeImage(hdu.values)
        }
        try file.close()
    }

    /// Voxel values that encode their position: `i + 100·j + 10000·k + 1`.
    static func ramp(nx: Int, ny: Int, nz: Int) -> [Double] {
        var v: [Double] = []
        for k in 0..<nz { for j in 0..<ny { for i in 0..<nx { v.append(Double(i + 100 * j + 10000 * k + 1)) } } }
        return v
    }

    /// Celestial spatial WCS in degrees with square pixels of `arcsec`, plus a wavelength axis.
    static func wcs(arcsec: Double = 0.2, crval3: Double = 6540, cdelt3: Double = 1.25,
                    cunit3: String = "Angstrom") -> [HeaderCard] {
        [
            HeaderCard(name: "CTYPE1", string: "RA---TAN"), HeaderCard(name: "CTYPE2", string: "DEC--TAN"),
            HeaderCard(name: "CUNIT1", string: "deg"), HeaderCard(name: "CUNIT2", string: "deg"),
            HeaderCard(name: "CRPIX1", number: 4), HeaderCard(name: "CRPIX2", number: 5),
            HeaderCard(name: "CRVAL1", number: 150.1), HeaderCard(name: "CRVAL2", number: 2.2),
            HeaderCard(name: "CDELT1", number: -arcsec / 3600), HeaderCard(name: "CDELT2", number: arcsec / 3600),
            HeaderCard(name: "CTYPE3", string: "AWAV"), HeaderCard(name: "CUNIT3", string: cunit3),
            HeaderCard(name: "CRPIX3", number: 1), HeaderCard(name: "CRVAL3", number: crval3),
            HeaderCard(name: "CDELT3", number: cdelt3),
            HeaderCard(name: "BUNIT", string: "10**(-20)*erg/s/cm**2/Angstrom"),
        ]
    }

    /// MUSE-like instrument defaults.
    static let muse = AxisDefaults(instrument: "musewfm", pixscale: 0.2, cdelt3: 1.25, crval3: 6564,
                                   cunit3: .angstrom)
    /// An instrument without any default.
    static let bare = AxisDefaults(instrument: "generic")

    /// Writes a one-HDU cube and reads it back, collecting warnings.
    static func roundTrip(shape: [Int] = [6, 9, 4], cards: [HeaderCard], overrides: HeaderOverrides = .init(),
                          defaults: AxisDefaults = bare) throws -> (Cube, [String]) {
        let path = try directory() + "/cube.fits"
        let n = shape.reduce(1, *)
        try write([HDU(shape: shape, values: ramp(nx: shape[0], ny: shape[1], nz: n / (shape[0] * shape[1])),
                       cards: cards)], to: path)
        var warnings: [String] = []
        let cube = try CubeReader.read(path: path, overrides: overrides, defaults: defaults) { warnings.append($0) }
        return (cube, warnings)
    }

    /// The message of the GalpakError `body` throws (nil when it throws nothing or another error).
    static func errorMessage(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as GalpakError { return error.message } catch { return nil }
        return nil
    }
}

extension Array where Element == HeaderCard {
    /// The value text of card `name`, nil when absent.
    func value(_ name: String) -> String? { first { $0.name == name }?.text }
    /// The numeric value of card `name`, nil when absent.
    func number(_ name: String) -> Double? { first { $0.name == name }?.number }
}
