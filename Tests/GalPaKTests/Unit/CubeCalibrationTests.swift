import Foundation
import Testing
@testable import GalPaK

/// Spectral axis, pixel scale, defaults, overrides and the kept WCS cards.
@Suite struct CubeCalibrationTests {
    /// `cards` without the named keywords.
    private func without(_ names: Set<String>, _ cards: [HeaderCard] = TestFITS.wcs()) -> [HeaderCard] {
        cards.filter { !names.contains($0.name) }
    }

    @Test func cdMatrixWithRotation() throws {
        let s = 0.2 / 3600, a = 30 * Double.pi / 180
        let cd = [HeaderCard(name: "CD1_1", number: -s * cos(a)), HeaderCard(name: "CD1_2", number: s * sin(a)),
                  HeaderCard(name: "CD2_1", number: s * sin(a)), HeaderCard(name: "CD2_2", number: s * cos(a)),
                  HeaderCard(name: "CD3_3", number: 2.5)]
        let (cube, _) = try TestFITS.roundTrip(cards: without(["CDELT1", "CDELT2", "CDELT3"]) + cd)
        #expect(abs(cube.pixscale - 0.2) < 1e-9)
        #expect(cube.spectral.cdelt == 2.5)
    }

    @Test func pcMatrixTimesCdelt() throws {
        let a = 40 * Double.pi / 180
        let pc = [HeaderCard(name: "PC1_1", number: cos(a)), HeaderCard(name: "PC1_2", number: -sin(a)),
                  HeaderCard(name: "PC2_1", number: sin(a)), HeaderCard(name: "PC2_2", number: cos(a))]
        let (cube, _) = try TestFITS.roundTrip(cards: TestFITS.wcs(arcsec: 0.125) + pc)
        #expect(abs(cube.pixscale - 0.125) < 1e-9)
        #expect(cube.wcsCards.number("PC1_2") == -sin(a))
    }

    @Test(arguments: [("arcsec", 0.3), ("mas", 300.0), ("deg", 0.3 / 3600)])
    func spatialUnits(unit: String, step: Double) throws {
        let cards = without(["CDELT1", "CDELT2", "CUNIT1", "CUNIT2"]) + [
            HeaderCard(name: "CUNIT1", string: unit), HeaderCard(name: "CUNIT2", string: unit),
            HeaderCard(name: "CDELT1", number: -step), HeaderCard(name: "CDELT2", number: step),
        ]
        let (cube, warnings) = try TestFITS.roundTrip(cards: cards)
        #expect(abs(cube.pixscale - 0.3) < 1e-9)
        #expect(warnings.isEmpty)
    }

    @Test func celestialAxesDefaultToDegrees() throws {
        let (cube, _) = try TestFITS.roundTrip(cards: without(["CUNIT1", "CUNIT2"]))
        #expect(abs(cube.pixscale - 0.2) < 1e-9)
    }

    @Test func nonSquarePixelsAreRejected() throws {
        let cards = without(["CDELT1"]) + [HeaderCard(name: "CDELT1", number: -0.25 / 3600)]
        let message = TestFITS.errorMessage { _ = try TestFITS.roundTrip(cards: cards) }
        #expect(message?.contains("pixels are not square") == true)
        // Within the 1 % tolerance: accepted, y step used.
        let close = without(["CDELT1"]) + [HeaderCard(name: "CDELT1", number: -0.2015 / 3600)]
        #expect(abs(try TestFITS.roundTrip(cards: close).0.pixscale - 0.2) < 1e-9)
    }

    @Test(arguments: [("nm", SpectralUnit.nanometre, 654.0, 0.125), ("micron", .micron, 1.244, 0.0002),
                      ("um", .micron, 2.19, 0.000245), ("angstrom", .angstrom, 6540.0, 1.25)])
    func spectralUnits(text: String, unit: SpectralUnit, crval: Double, cdelt: Double) throws {
        let (cube, _) = try TestFITS.roundTrip(shape: [4, 4, 32],
                                               cards: TestFITS.wcs(crval3: crval, cdelt3: cdelt, cunit3: text))
        #expect(cube.spectral.unit == unit)
        let central = crval + 15 * cdelt
        #expect(abs(cube.velocityStep - 3e5 * cdelt / central) < 1e-9)
    }

    @Test func missingCardsComeFromTheInstrumentWithWarnings() throws {
        let (cube, warnings) = try TestFITS.roundTrip(
            shape: [6, 6, 10], cards: without(["CDELT1", "CDELT2", "CDELT3", "CUNIT3", "CRPIX3"]),
            defaults: TestFITS.muse)
        #expect(cube.spectral == SpectralAxis(crval: 6540, crpix: 5, cdelt: 1.25, unit: .angstrom))
        #expect(cube.pixscale == 0.2)
        for card in ["CDELT3", "CUNIT3", "CRPIX3", "pixel scale"] {
            #expect(warnings.contains { $0.contains(card) }, "a warning names \(card)")
        }
        // Outputs describe the calibrated axis.
        #expect(cube.wcsCards.number("CDELT3") == 1.25)
        #expect(cube.wcsCards.value("CUNIT3") == "Angstrom")
        #expect(cube.wcsCards.number("CRPIX3") == 5)
    }

    @Test func defaultsAreConvertedToTheHeaderUnit() throws {
        let cards = without(["CDELT3"], TestFITS.wcs(crval3: 654, cunit3: "nm"))
        let (cube, warnings) = try TestFITS.roundTrip(cards: cards, defaults: TestFITS.muse)
        #expect(abs(cube.spectral.cdelt - 0.125) < 1e-12)
        #expect(warnings.count == 1)
    }

    @Test func missingCardWithoutDefaultNamesTheOption() throws {
        let message = TestFITS.errorMessage { _ = try TestFITS.roundTrip(cards: without(["CDELT3"])) }
        #expect(message?.contains("CDELT3 is missing") == true)
        #expect(message?.contains("--cdelt3") == true)
        let noUnit = TestFITS.errorMessage { _ = try TestFITS.roundTrip(cards: without(["CUNIT3"])) }
        #expect(noUnit?.contains("--cunit3") == true)
        let noScale = TestFITS.errorMessage { _ = try TestFITS.roundTrip(cards: without(["CDELT1", "CDELT2"])) }
        #expect(noScale?.contains("--pixscale") == true)
    }

    @Test func overridesWinSilently() throws {
        let overrides = HeaderOverrides(crval3: 7000, crpix3: 3, cdelt3: 2, cunit3: .nanometre, pixscale: 0.3)
        let (cube, warnings) = try TestFITS.roundTrip(cards: TestFITS.wcs(), overrides: overrides,
                                                      defaults: TestFITS.muse)
        #expect(cube.spectral == SpectralAxis(crval: 7000, crpix: 3, cdelt: 2, unit: .nanometre))
        #expect(cube.pixscale == 0.3)
        #expect(warnings.isEmpty)
        #expect(cube.wcsCards.number("CRVAL3") == 7000)
        #expect(cube.wcsCards.value("CUNIT3") == "nm")
    }

    @Test func nonNumericCardIsReported() throws {
        let cards = without(["CRVAL3"]) + [HeaderCard(name: "CRVAL3", string: "red")]
        let message = TestFITS.errorMessage { _ = try TestFITS.roundTrip(cards: cards) }
        #expect(message?.contains("CRVAL3 = 'red' is not a number") == true)
    }
}
