import Foundation
import Testing
@testable import GalPaK

/// Spectral axis types as real files have them: missing or non-standard `CTYPE3` inferred with
/// a warning, `--ctype3` overriding, and variance files without any axis description.
@Suite struct SpectralTypeInferenceTests {
    /// The test WCS with axis 3 described by `ctype` and `cunit` (absent when nil).
    private func cards(ctype: String?, cunit: String?, crval: Double = 6540, cdelt: Double = 1.25) -> [HeaderCard] {
        var cards = TestFITS.wcs().filter { !["CTYPE3", "CUNIT3", "CRVAL3", "CDELT3"].contains($0.name) }
        if let ctype { cards.append(HeaderCard(name: "CTYPE3", string: ctype)) }
        if let cunit { cards.append(HeaderCard(name: "CUNIT3", string: cunit)) }
        return cards + [HeaderCard(name: "CRVAL3", number: crval), HeaderCard(name: "CDELT3", number: cdelt)]
    }

    /// A MUSE cube distributed with the reference says `CTYPE3 = 'LINEAR'`, `CUNIT3 = 'Angstrom'`:
    /// read as a wavelength axis, with a warning naming the file and the assumption, and the
    /// outputs' cards say AWAV.
    @Test func linearAxisInAngstromIsReadAsAWavelengthWithAWarning() throws {
        let (cube, warnings) = try TestFITS.roundTrip(cards: cards(ctype: "LINEAR", cunit: "Angstrom"))
        #expect(cube.spectral == SpectralAxis(crval: 6540, crpix: 1, cdelt: 1.25, unit: .angstrom))
        #expect(abs(cube.velocityStep - 3e5 * 1.25 / (6540 + 1.25)) < 1e-9)
        let warning = try #require(warnings.first { $0.contains("LINEAR") }, "\(warnings)")
        #expect(warning.hasPrefix(cube.path + ": "))
        #expect(warning.contains("taken as a wavelength axis (AWAV) from CUNIT3 = 'Angstrom'"), "\(warning)")
        #expect(warning.contains("--ctype3"))
        #expect(warnings.count == 1, "\(warnings)")
        #expect(cube.wcsCards.value("CTYPE3") == "AWAV")
        #expect(cube.wcsCards.value("CUNIT3") == "Angstrom")
    }

    @Test(arguments: [
        // (CTYPE3, CUNIT3, CRVAL3, CDELT3, unit read, what the warning says)
        (nil, "Angstrom", 6540.0, 1.25, SpectralUnit.angstrom, "CTYPE3 missing: taken as a wavelength axis (AWAV) from CUNIT3"),
        ("LAMBDA", "nm", 654.0, 0.125, .nanometre, "taken as a wavelength axis (AWAV) from its name"),
        ("WAVELENGTH", nil, 6540.0, 1.25, .angstrom, "taken as a wavelength axis (AWAV) from its name"),
        ("VELOCITY", "km/s", 1500.0, 10.0, .kilometrePerSecond, "taken as a velocity axis (VRAD) from its name"),
        ("VELOCITY", nil, 1.5e6, 1e4, .metrePerSecond, "taken as a velocity axis (VRAD) from its name"),
        ("FREQUENCY", "GHz", 115.0, -0.001, .gigahertz, "taken as a frequency axis (FREQ) from its name"),
        ("LINEAR", "m/s", 1.5e6, 1e4, .metrePerSecond, "taken as a velocity axis (VRAD) from CUNIT3 = 'm/s'"),
        ("LINEAR", nil, 1.42e9, -1e5, .hertz, "taken as a frequency axis (FREQ) from its values"),
        ("LINEAR", nil, 6540.0, 1.25, .angstrom, "taken as a wavelength axis (AWAV) from musewfm's unit Angstrom"),
    ] as [(String?, String?, Double, Double, SpectralUnit, String)])
    func missingOrNonStandardTypesAreInferredWithAWarning(
        ctype: String?, cunit: String?, crval: Double, cdelt: Double, unit: SpectralUnit, says: String
    ) throws {
        let (cube, warnings) = try TestFITS.roundTrip(cards: cards(ctype: ctype, cunit: cunit, crval: crval, cdelt: cdelt),
                                                      defaults: TestFITS.muse)
        #expect(cube.spectral.unit == unit)
        #expect(warnings.contains { $0.hasPrefix(cube.path) && $0.contains(says) }, "\(warnings)")
        #expect(cube.wcsCards.value("CTYPE3") == unit.quantity.fitsType)
    }

    /// `--ctype3` replaces whatever the header says, silently, and the outputs carry it.
    @Test func ctype3OverrideWinsSilently() throws {
        let (cube, warnings) = try TestFITS.roundTrip(cards: cards(ctype: "LINEAR", cunit: "Angstrom"),
                                                      overrides: HeaderOverrides(ctype3: "wave"))
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(cube.wcsCards.value("CTYPE3") == "WAVE")
        #expect(cube.spectral.unit == .angstrom)
        // A velocity axis the header calls a frequency.
        let (velocity, _) = try TestFITS.roundTrip(cards: cards(ctype: "FREQ", cunit: "km/s", crval: 1500, cdelt: 10),
                                                   overrides: HeaderOverrides(ctype3: "VOPT"))
        #expect(velocity.velocityStep == 10)
        #expect(velocity.wcsCards.value("CTYPE3") == "VOPT")
    }

    @Test func ctype3OverrideMustBeAStandardLinearTypeThatMatchesTheUnit() throws {
        for bad in ["LINEAR", "WAVE-LOG", "STOKES", ""] {
            let message = TestFITS.errorMessage { try HeaderOverrides(ctype3: bad).check() }
            #expect(message?.hasPrefix("--ctype3 \(bad) is not a linear spectral axis type") == true, "\(message ?? "no error")")
        }
        let mismatch = TestFITS.errorMessage {
            _ = try TestFITS.roundTrip(cards: cards(ctype: "LINEAR", cunit: "Angstrom"), overrides: HeaderOverrides(ctype3: "FREQ"))
        }
        #expect(mismatch?.contains("--ctype3 FREQ is a frequency axis but CUNIT3 = 'Angstrom' is a wavelength unit") == true,
                "\(mismatch ?? "no error")")
    }

    /// A non-standard type nothing explains, and types of other axes, are still refused.
    @Test func unexplainedOrNonSpectralTypesAreRefused() throws {
        let unexplained = TestFITS.errorMessage {
            _ = try TestFITS.roundTrip(cards: cards(ctype: "LINEAR", cunit: nil), defaults: TestFITS.bare)
        }
        #expect(unexplained?.contains("CUNIT3 (spectral unit) is missing") == true, "\(unexplained ?? "no error")")
        let celestial = TestFITS.errorMessage {
            _ = try TestFITS.roundTrip(cards: cards(ctype: "DEC--TAN", cunit: "deg"))
        }
        #expect(celestial?.contains("is not a spectral axis; is the spectral axis the third one?") == true,
                "\(celestial ?? "no error")")
        // Not a type name at all (a corrupt card): refused, not inferred from CUNIT3.
        for junk in ["WA VE", "\u{1B}[31mWA", "WAVE/2"] {
            let message = TestFITS.errorMessage { _ = try TestFITS.roundTrip(cards: cards(ctype: junk, cunit: "Angstrom")) }
            #expect(message?.contains("is not an axis type") == true, "\(message ?? "no error")")
        }
    }

    /// The reference's MUSE variance file has no CTYPE3 (no WCS at all): its axes are the cube's.
    @Test func varianceFileWithoutCTYPE3IsReadWhenItsShapeMatches() throws {
        let dir = try TestFITS.directory()
        let cubePath = dir + "/cube.fits", variancePath = dir + "/variance.fits"
        let shape = [6, 9, 4]
        try TestFITS.write([TestFITS.HDU(shape: shape, values: TestFITS.ramp(nx: 6, ny: 9, nz: 4),
                                         cards: cards(ctype: "LINEAR", cunit: "Angstrom"))], to: cubePath)
        try TestFITS.write([TestFITS.HDU(shape: shape, values: [Double](repeating: 4, count: 216))], to: variancePath)
        var warnings: [String] = []
        let cube = try CubeReader.read(path: cubePath, variancePath: variancePath, defaults: TestFITS.bare) { warnings.append($0) }
        #expect(cube.variance == [Double](repeating: 4, count: 216))
        #expect(cube.varianceSource == "file \(variancePath)")
        #expect(!warnings.contains { $0.contains(variancePath) }, "\(warnings)")
        // A shape that does not match is still refused.
        try TestFITS.write([TestFITS.HDU(shape: [6, 9, 5], values: [Double](repeating: 4, count: 270))], to: dir + "/short.fits")
        let message = TestFITS.errorMessage {
            _ = try CubeReader.read(path: cubePath, variancePath: dir + "/short.fits", defaults: TestFITS.bare) { _ in }
        }
        #expect(message?.contains("they must have the same shape") == true, "\(message ?? "no error")")
    }
}
