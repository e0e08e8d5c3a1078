import Testing
@testable import GalPaK

@Suite struct LineSpreadFunctionTests {
    @Test func museFormulaAtTheParityCentralWavelength() throws {
        #expect(abs(LineSpreadFunction.museFWHM(angstroms: 6558.75) - 2.5377087111718755) < 1e-12)
        // Same cube in nm: the FWHM comes back in nm.
        let nm = SpectralAxis(crval: 654.0, crpix: 1, cdelt: 0.125, unit: .nanometre)
        #expect(abs(try #require(try LineSpreadFunction.muse.fwhm(spectral: nm, channels: 32)) - 0.25377087111718755) < 1e-12)
    }

    @Test func sigmaInChannelsMatchesTheParityCases() throws {
        // 01_default: MUSE LSF at 6558.75 Å; 20: explicit 3.0 Å.
        #expect(abs(try #require(try LineSpreadFunction.muse.sigmaChannels(spectral: parityAxis, channels: 32))
                    - 0.8621325489580945) < 1e-13)
        #expect(abs(try #require(try LineSpreadFunction.gaussian(fwhm: 3.0).sigmaChannels(spectral: parityAxis, channels: 32))
                    - 1.0191861798354014) < 1e-13)
        // 21_kmos_um: 0.00065 um with 0.0002 um channels.
        let kmos = SpectralAxis(crval: 1.244, crpix: 1, cdelt: 0.0002, unit: .micron)
        #expect(abs(try #require(try LineSpreadFunction.gaussian(fwhm: 0.00065).sigmaChannels(spectral: kmos, channels: 36))
                    - 1.3801479518604394) < 1e-12)
    }

    @Test func descendingAxisGivesAPositiveWidth() throws {
        // 22_alma_freq's "one channel" LSF (fwhm = CDELT3 < 0) is 0.42466 channels wide.
        let descending = SpectralAxis(crval: 3.455e11, crpix: 1, cdelt: -2.9e7, unit: .hertz)
        for lsf in [LineSpreadFunction.gaussian(fwhm: -2.9e7), .gaussianChannels(1)] {
            #expect(abs(try #require(try lsf.sigmaChannels(spectral: descending, channels: 40)) - 0.42466090826475056) < 1e-14)
            #expect(try lsf.profile(spectral: descending, channels: 40).allSatisfy { $0.isFinite && $0 >= 0 })
        }
    }

    @Test(arguments: [32, 33])
    func profileIsCentredOnHalfTheChannelsWithUnitSum(nz: Int) throws {
        let profile = try LineSpreadFunction.muse.profile(spectral: parityAxis, channels: nz)
        #expect(profile.count == nz)
        #expect(profile.indices.max { profile[$0] < profile[$1] } == nz / 2)
        #expect(profile[nz / 2 - 1] == profile[nz / 2 + 1])
        #expect(abs(profile.reduce(0, +) - 1) < 1e-14)
    }

    @Test func instrumentWidthsAreConvertedToTheCubeUnit() throws {
        // KMOS's 0.00065 um on a cube in Angstrom is 6.5 Å; OSIRIS's 2.5 channels follow CDELT3.
        let angstrom = SpectralAxis(crval: 12440, crpix: 1, cdelt: 2, unit: .angstrom)
        #expect(abs(try #require(try Instrument.kmos.lsf?.fwhm(spectral: angstrom, channels: 30)) - 6.5) < 1e-12)
        #expect(try Instrument.osiris.lsf?.fwhm(spectral: angstrom, channels: 30) == 5)
        // A width in um cannot be used on a frequency axis; neither can the MUSE formula.
        let ghz = SpectralAxis(crval: 345.5, crpix: 1, cdelt: -0.029, unit: .gigahertz)
        #expect(throws: GalpakError.self) { try Instrument.kmos.lsf?.fwhm(spectral: ghz, channels: 30) }
        #expect(throws: GalpakError.self) { try LineSpreadFunction.muse.profile(spectral: ghz, channels: 30) }
    }

    @Test(arguments: [32, 33])
    func noneIsAUnitImpulseOnTheCentreChannel(nz: Int) throws {
        let profile = try LineSpreadFunction.none.profile(spectral: parityAxis, channels: nz)
        #expect(profile[nz / 2] == 1)
        #expect(profile.reduce(0, +) == 1)
        #expect(try LineSpreadFunction.none.fwhm(spectral: parityAxis, channels: nz) == nil)
    }
}
