import Foundation
import Testing
@testable import GalPaK

/// The command line's PSF and LSF options on top of an instrument.
@Suite struct SpreadFunctionChoiceTests {
    private func applied(_ choice: SpreadFunctionChoice, to base: Instrument = .museWFM) throws -> Instrument {
        try choice.applied(to: base)
    }

    private func message(_ choice: SpreadFunctionChoice, _ base: Instrument = .museWFM) -> String? {
        TestFITS.errorMessage { _ = try choice.applied(to: base) }
    }

    @Test func nothingChosenKeepsTheInstrument() throws {
        #expect(try applied(.init()) == .museWFM)
        #expect(try applied(.init(), to: .kmos) == .kmos)
    }

    @Test func seeingAndShapeReplaceTheInstrumentsValues() throws {
        #expect(try applied(.init(seeing: 0.8)).psf == .gaussian(fwhm: 0.8))
        #expect(try applied(.init(seeing: 0.5), to: .kmos).psf == .gaussian(fwhm: 0.5, ba: 0.8, pa: 90))
        #expect(try applied(.init(psfBA: 0.7, psfPA: 30)).psf == .gaussian(fwhm: 1.0, ba: 0.7, pa: 30))
        #expect(try applied(.init(psf: "gaussian", psfPA: -30), to: .alma).psf == .gaussian(fwhm: 1.2, pa: -30))
    }

    @Test func moffatNeedsBetaAndOneWidth() throws {
        #expect(try applied(.init(psf: "moffat", seeing: 0.8, moffatBeta: 2.5)).psf == .moffat(fwhm: 0.8, beta: 2.5))
        #expect(try applied(.init(psf: "moffat", moffatBeta: 2.5, moffatAlpha: 0.7)).psf
                == .moffat(alpha: 0.7, beta: 2.5))
        // The instrument's FWHM is kept when no width is given.
        #expect(try applied(.init(psf: "moffat", moffatBeta: 3)).psf == .moffat(fwhm: 1.0, beta: 3))
        #expect(message(.init(psf: "moffat", seeing: 0.8))?.contains("--moffat-beta") == true)
        #expect(message(.init(psf: "moffat", seeing: 0.8, moffatBeta: 2, moffatAlpha: 0.5))?.contains("not both") == true)
        #expect(message(.init(moffatBeta: 2.5))?.contains("--psf moffat") == true)
    }

    @Test func noneAndImagesTakeNoShapeOptions() throws {
        #expect(try applied(.init(psf: "none", lsf: "none")).psf == PointSpreadFunction.none)
        #expect(try applied(.init(psf: "none", lsf: "none")).lsf == LineSpreadFunction.none)
        #expect(message(.init(psf: "none", seeing: 0.8)) != nil)
        #expect(message(.init(psf: "nowhere.fits"))?.contains("no such file") == true)
    }

    @Test func lsfChoices() throws {
        #expect(try applied(.init(lsfFWHM: 3)).lsf == .gaussian(fwhm: 3))
        #expect(try applied(.init(lsf: "gaussian", lsfFWHM: 3)).lsf == .gaussian(fwhm: 3))
        #expect(try applied(.init(lsf: "gaussian"), to: .kmos).lsf == .gaussian(fwhm: 0.00065, unit: .micron))
        #expect(try applied(.init(lsf: "muse"), to: .kmos).lsf == .muse)
        #expect(message(.init(lsf: "gaussian"))?.contains("--lsf-fwhm") == true)
        #expect(message(.init(lsf: "none", lsfFWHM: 2)) != nil)
        #expect(message(.init(lsf: "lorentz"))?.contains("muse, gaussian or none") == true)
    }

    @Test func instrumentsWithoutDefaultsNeedThem() {
        #expect(message(.init(), .generic)?.contains("no default PSF") == true)
        #expect(message(.init(seeing: 0.3), .harmoni)?.contains("no default LSF") == true)
    }

    @Test(arguments: [
        SpreadFunctionChoice(seeing: 0), SpreadFunctionChoice(psfBA: 1.5), SpreadFunctionChoice(psfBA: 0),
        SpreadFunctionChoice(moffatBeta: -1), SpreadFunctionChoice(lsfFWHM: .nan), SpreadFunctionChoice(psfPA: .infinity),
    ])
    func invalidNumbersAreRejected(_ choice: SpreadFunctionChoice) {
        #expect(message(choice) != nil)
    }
}
