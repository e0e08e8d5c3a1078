import Foundation
import Testing
@testable import GalPaK

/// A radio cube's BMAJ/BMIN/BPA become the default PSF, which `PREFIX_instrument.txt` records;
/// a PSF given on the command line wins, with a warning when it differs from the beam.
@Suite struct HeaderBeamPSFTests {
    static let carma = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/carma_NGC4047_crop.fits").path

    static func carmaCube() throws -> Cube {
        try CubeReader.read(path: carma, defaults: Instrument.alma.defaults, warn: { _ in })
    }

    @Test func theCubesBeamReplacesTheInstrumentsDefaultPSF() throws {
        let cube = try Self.carmaCube()
        #expect(cube.beam == HeaderBeam(major: 7, minor: 7, positionAngle: 45))
        var warnings: [String] = []
        let (instrument, origin) = HeaderBeamPSF.resolve(.alma, origin: .instrument, cube: cube) { warnings.append($0) }
        #expect(origin == .headerBeam && warnings.isEmpty)
        // North up, east left: BPA 45° east of north is 45° anticlockwise from +y.
        #expect(instrument.psf == .gaussian(fwhm: 7, ba: 1, pa: 45))
        let text = try InstrumentFile.text(instrument: instrument, cube: cube)
        #expect(text.contains("fwhm         = 7.0 \""), "\(text)")
    }

    @Test func aGivenPSFWinsWithAWarningWhenItDiffersFromTheBeam() throws {
        let cube = try Self.carmaCube()
        var warnings: [String] = []
        let (instrument, origin) = HeaderBeamPSF.resolve(Instrument.alma.withSeeing(5), origin: .options, cube: cube) {
            warnings.append($0)
        }
        #expect(origin == .options && instrument.psf?.fwhm == 5)
        #expect(warnings.count == 1 && warnings.first?.contains("differs from the cube's beam (BMAJ 7″") == true, "\(warnings)")
        warnings = []
        _ = HeaderBeamPSF.resolve(Instrument.alma.withSeeing(7), origin: .options, cube: cube) { warnings.append($0) }
        #expect(warnings.isEmpty)
    }

    @Test func aCubeWithoutABeamKeepsTheInstrumentsPSF() throws {
        let (cube, _) = try TestFITS.roundTrip(cards: TestFITS.wcs())
        #expect(cube.beam == nil)
        let (instrument, origin) = HeaderBeamPSF.resolve(.museWFM, origin: .instrument, cube: cube) { _ in }
        #expect(origin == .instrument && instrument == .museWFM)
    }

    @Test func badBeamSizesAreRefused() throws {
        let message = TestFITS.errorMessage {
            _ = try TestFITS.roundTrip(cards: TestFITS.wcs() + [HeaderCard(name: "BMAJ", number: -1)])
        }
        #expect(message?.contains("BMAJ = -1.0 is not a beam size") == true, "\(message ?? "no error")")
    }
}
