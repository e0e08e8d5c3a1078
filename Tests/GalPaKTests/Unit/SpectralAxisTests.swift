import Foundation
import Testing
@testable import GalPaK

/// Wavelength, frequency and velocity axes: units, types and the velocity step's sign.
@Suite struct SpectralAxisTests {
    /// The test WCS with axis 3 replaced.
    private func cards(ctype: String?, cunit: String?, crval: Double, cdelt: Double) -> [HeaderCard] {
        var cards = TestFITS.wcs().filter { !["CTYPE3", "CUNIT3", "CRVAL3", "CDELT3"].contains($0.name) }
        if let ctype { cards.append(HeaderCard(name: "CTYPE3", string: ctype)) }
        if let cunit { cards.append(HeaderCard(name: "CUNIT3", string: cunit)) }
        cards += [HeaderCard(name: "CRVAL3", number: crval), HeaderCard(name: "CDELT3", number: cdelt)]
        return cards
    }

    @Test func frequencyStepHasThePhysicalSign() {
        // Parity case 22: 345.5 GHz − 29 MHz per channel, nz 40: the reference's −25.2211 km/s is
        // +25.2211 here (channels go to lower frequency = redder = receding).
        let hz = SpectralAxis(crval: 3.455e11, crpix: 1, cdelt: -2.9e7, unit: .hertz)
        #expect(abs(hz.velocityStep(channels: 40) - 25.221119643773427) < 1e-9)
        let ghz = SpectralAxis(crval: 345.5, crpix: 1, cdelt: -0.029, unit: .gigahertz)
        #expect(abs(ghz.velocityStep(channels: 40) - 25.221119643773427) < 1e-9)
        // Wavelength keeps the reference's sign: redder channels, positive step.
        #expect(abs(parityAxis.velocityStep(channels: 32) - 57.17552887364208) < 1e-9)
        // Velocity axes are taken at face value.
        #expect(SpectralAxis(crval: 2.98e6, crpix: 1, cdelt: 2e4, unit: .metrePerSecond).velocityStep(channels: 44) == 20)
        #expect(SpectralAxis(crval: 900, crpix: 1, cdelt: -5.2, unit: .kilometrePerSecond).velocityStep(channels: 44) == -5.2)
    }

    @Test(arguments: [
        ("FREQ", "Hz", 3.455e11, -2.9e7, 25.221119643773427),
        ("FREQ", "GHz", 345.5, -0.029, 25.221119643773427),
        ("VRAD", "m/s", 2.98e6, 2e4, 20.0),
        ("VOPT", "km/s", 1500.0, 10.0, 10.0),
        ("VELO-LSR", "km/s", 1500.0, -8.0, -8.0),
        ("WAVE", "um", 1.244, 0.0002, 3e5 * 0.0002 / (1.244 + 19 * 0.0002)),
    ])
    func axisTypesGiveTheirVelocityStep(ctype: String, cunit: String, crval: Double, cdelt: Double, dv: Double) throws {
        let (cube, warnings) = try TestFITS.roundTrip(shape: [4, 3, 40],
                                                      cards: cards(ctype: ctype, cunit: cunit, crval: crval, cdelt: cdelt))
        #expect(abs(cube.velocityStep - dv) < 1e-9 * abs(dv))
        #expect(cube.spectral.unit == SpectralUnit(fits: cunit))
        #expect(warnings.isEmpty)
    }

    @Test func velocityAndFrequencyAxesWithoutCUNIT3UseTheFITSUnits() throws {
        let (vrad, warnings) = try TestFITS.roundTrip(cards: cards(ctype: "VRAD", cunit: nil, crval: 2.98e6, cdelt: 2e4))
        #expect(vrad.spectral.unit == .metrePerSecond)
        #expect(vrad.velocityStep == 20)
        #expect(warnings.contains { $0.contains("CUNIT3 missing") && $0.contains("m/s") })
        let (freq, _) = try TestFITS.roundTrip(cards: cards(ctype: "FREQ", cunit: nil, crval: 1.15e11, cdelt: -1e6))
        #expect(freq.spectral.unit == .hertz)
        // AIPS's FELO (optical velocity, even in frequency) is read with a warning.
        let (_, felo) = try TestFITS.roundTrip(cards: cards(ctype: "FELO-HEL", cunit: "m/s", crval: 1e6, cdelt: 5e3))
        #expect(felo.contains { $0.contains("FELO") })
    }

    @Test(arguments: [
        ("WAVE-LOG", "Angstrom", "non-linear"),
        ("FREQ-W2F", "Hz", "non-linear"),
        ("VRAD-TAB", "m/s", "non-linear"),
        ("STOKES", "Hz", "not a spectral axis"),
        ("FREQ", "Angstrom", "is a frequency axis but CUNIT3 = 'Angstrom' is a wavelength unit"),
        ("VRAD", "GHz", "is a velocity axis"),
        ("FREQ", "furlong", "is not a spectral unit"),
    ])
    func unusableAxesAreRejectedWithTheReason(ctype: String, cunit: String, reason: String) throws {
        let message = TestFITS.errorMessage {
            _ = try TestFITS.roundTrip(cards: cards(ctype: ctype, cunit: cunit, crval: 100, cdelt: 1))
        }
        #expect(message?.contains(reason) == true, "\(message ?? "no error")")
    }

    @Test func unitConversionsStayWithinAQuantity() {
        #expect(SpectralUnit.micron.convert(0.00065, to: .angstrom) == 6.5)
        #expect(SpectralUnit.gigahertz.convert(1, to: .megahertz) == 1000)
        #expect(SpectralUnit.metrePerSecond.convert(2e4, to: .kilometrePerSecond) == 20)
        #expect(SpectralUnit.hertz.convert(1, to: .angstrom) == nil)
        #expect(SpectralUnit(fits: "km s-1") == .kilometrePerSecond)
        #expect(SpectralUnit(fits: "MHz") == .megahertz)
    }

    /// A real radio cube: CARMA CO(1-0) of NGC 4047, 4-D with a Stokes axis, VRAD in m/s
    /// without CUNIT3, 1″ pixels.
    @Test func realRadioVelocityCubeReads() throws {
        let path = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/carma_NGC4047_crop.fits").path
        var warnings: [String] = []
        let cube = try CubeReader.read(path: path, defaults: Instrument.alma.defaults) { warnings.append($0) }
        #expect((cube.nx, cube.ny, cube.nz) == (12, 10, 44))
        #expect(cube.velocityStep == 20)
        #expect(cube.spectral.crval == 2.98e6)
        #expect(abs(cube.pixscale - 1.0) < 1e-6)
        #expect(cube.wcsCards.value("CUNIT3") == "m/s")
        #expect(!cube.wcsCards.contains { $0.name.hasSuffix("4") })
    }
}
