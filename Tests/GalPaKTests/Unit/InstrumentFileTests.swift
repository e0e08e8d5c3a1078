import Foundation
import Testing
@testable import GalPaK

/// `PREFIX_instrument.txt` and `PREFIX_model.txt` in the reference's INI layout.
@Suite struct InstrumentFileTests {
    private func fixture(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(name)").path
    }

    private func write(_ text: String) throws -> String {
        let path = try TestFITS.directory() + "/instrument.txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The tutorial cube with MUSE WFM and a 1.0″ seeing, as in the reference run that wrote the
    /// fixture: the same text, byte for byte.
    @Test func writesTheReferenceFileForTheReferenceRun() throws {
        let cube = try CubeReader.read(path: fixture("tutorial/GalPaK_cube_1101_from_paper.fits"),
                                       defaults: Instrument.museWFM.defaults, warn: { _ in })
        let text = try InstrumentFile.text(instrument: Instrument.museWFM.withSeeing(1.0), cube: cube)
        #expect(text == (try String(contentsOfFile: fixture("reference_instrument.txt"), encoding: .utf8)))
    }

    @Test func readsTheReferencesFile() throws {
        let instrument = try InstrumentFile.read(path: fixture("reference_instrument.txt"))
        #expect(instrument.name == "musewfm")
        #expect(instrument.psf == .gaussian(fwhm: 1.0, ba: 1, pa: 0))
        #expect(instrument.lsf == .gaussian(fwhm: 2.5369617016, unit: .angstrom))
        #expect(instrument.defaults.pixscale == 0.2)
    }

    @Test(arguments: [
        Instrument.kmos.withSeeing(0.5),
        Instrument(name: "alma", psf: .moffat(fwhm: 0.7, beta: 2.5, ba: 0.9, pa: 20), lsf: .gaussian(fwhm: 3e7),
                   defaults: Instrument.alma.defaults),
        Instrument(name: "generic", psf: PointSpreadFunction.none, lsf: LineSpreadFunction.none,
                   defaults: Instrument.generic.defaults),
    ])
    func roundTripsThroughItsText(_ instrument: Instrument) throws {
        let axis = instrument.name == "alma"
            ? SpectralAxis(crval: 3.455e11, crpix: 1, cdelt: -2.9e7, unit: .hertz)
            : SpectralAxis(crval: 1.244, crpix: 1, cdelt: 0.0002, unit: .micron)
        let cube = Cube(nx: 4, ny: 4, nz: 10, data: [Double](repeating: 1, count: 160), spectral: axis, pixscale: 0.2)
        let back = try InstrumentFile.read(path: try write(try InstrumentFile.text(instrument: instrument, cube: cube)))
        #expect(back.name == instrument.name)
        switch (back.psf, instrument.psf) {
        case let (.moffat(a1, b1, ba1, pa1)?, .moffat(a2, b2, ba2, pa2)?):
            #expect(abs(a1 - a2) < 1e-12 && b1 == b2 && ba1 == ba2 && pa1 == pa2)
        default:
            #expect(back.psf == instrument.psf)
        }
        let kernelA = try Kernel3D(instrument: back, cube: cube).values
        let kernelB = try Kernel3D(instrument: instrument, cube: cube).values
        #expect(relativeL2(kernelA, kernelB) < 1e-12)
    }

    @Test func lenientReadingAndClearErrors() throws {
        // psf_-prefixed keys, no [INSTRUMENT] (MUSE), no [LSF] (MUSE's formula).
        let plain = try InstrumentFile.read(path: try write("[PSF]\npsf_type = moffat\npsf_fwhm = 0.8\npsf_beta = 2.5\n"))
        #expect(plain.name == "muse" && plain.lsf == .muse && plain.psf == .moffat(fwhm: 0.8, beta: 2.5))
        let unknown = TestFITS.errorMessage { _ = try InstrumentFile.read(path: try write("[INSTRUMENT]\ntype = hubble\n")) }
        #expect(unknown?.contains("hubble") == true)
        let maoppy = TestFITS.errorMessage { _ = try InstrumentFile.read(path: try write("[PSF]\ntype = maoppy\n")) }
        #expect(maoppy?.contains("not supported") == true)
        let noWidth = TestFITS.errorMessage { _ = try InstrumentFile.read(path: try write("[PSF]\ntype = gaussian\n")) }
        #expect(noWidth?.contains("fwhm") == true)
        #expect(TestFITS.errorMessage { _ = try InstrumentFile.read(path: "/nonexistent/i.txt") }?.contains("no such file") == true)
    }

    @Test func modelFileHasTheReferencesKeys() throws {
        let model = ModelConfiguration(fluxProfile: .gaussian, rotationCurve: .freeman, thickness: .sech2,
                                       dispersion: .thin, aspect: 0.2, line: .oii)
        let ours = InstrumentFile.parse(ModelFile.text(model: model, pixscale: 0.125))["MODEL"] ?? [:]
        let reference = InstrumentFile.parse(try String(contentsOfFile: fixture("reference_model.txt"), encoding: .utf8))["MODEL"] ?? [:]
        let shared = Set(reference.keys).subtracting(["cosmology", "logger"])
        #expect(Set(ours.keys) == shared)
        #expect(ours["type"] == "ModelSersic")
        #expect(ours["flux_profile"] == "gaussian" && ours["rotation_curve"] == "Freeman")
        #expect(ours["thickness_profile"] == "sech2" && ours["dispersion_profile"] == "thin")
        #expect(ours["line"] == "{'wave': [3726.2, 3728.9], 'ratio': [0.8, 1.0]}")
        #expect(ours["q"] == "0.2" && ours["pixscale"] == "0.125")
    }
}
