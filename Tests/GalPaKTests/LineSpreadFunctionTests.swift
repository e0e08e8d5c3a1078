import Testing
@testable import GalPaK

@Suite struct LineSpreadFunctionTests {
    @Test func museFormulaAtTheParityCentralWavelength() {
        #expect(abs(LineSpreadFunction.museFWHM(angstroms: 6558.75) - 2.5377087111718755) < 1e-12)
        // Same cube in nm: the FWHM comes back in nm.
        let nm = SpectralAxis(crval: 654.0, crpix: 1, cdelt: 0.125, unit: .nanometre)
        #expect(abs(LineSpreadFunction.muse.fwhm(spectral: nm, channels: 32) - 0.25377087111718755) < 1e-12)
    }

    @Test func sigmaInChannelsMatchesTheParityCases() {
        // 01_default: MUSE LSF at 6558.75 Å; 20: explicit 3.0 Å.
        #expect(abs(LineSpreadFunction.muse.sigmaChannels(spectral: parityAxis, channels: 32)
                    - 0.8621325489580945) < 1e-13)
        #expect(abs(LineSpreadFunction.gaussian(fwhm: 3.0).sigmaChannels(spectral: parityAxis, channels: 32)
                    - 1.0191861798354014) < 1e-13)
        // 21_kmos_um: 0.00065 um with 0.0002 um channels.
        let kmos = SpectralAxis(crval: 1.244, crpix: 1, cdelt: 0.0002, unit: .micron)
        #expect(abs(LineSpreadFunction.gaussian(fwhm: 0.00065).sigmaChannels(spectral: kmos, channels: 36)
                    - 1.3801479518604394) < 1e-12)
    }

    @Test func descendingAxisGivesAPositiveWidth() {
        // 22_alma_freq's "one channel" LSF (fwhm = CDELT3 < 0) is 0.42466 channels wide.
        let descending = SpectralAxis(crval: 6600, crpix: 1, cdelt: -1.25, unit: .angstrom)
        let lsf = LineSpreadFunction.gaussian(fwhm: -1.25)
        #expect(abs(lsf.sigmaChannels(spectral: descending, channels: 40) - 0.42466090826475056) < 1e-14)
        #expect(lsf.profile(spectral: descending, channels: 40).allSatisfy { $0.isFinite && $0 >= 0 })
    }

    @Test(arguments: [32, 33])
    func profileIsCentredOnHalfTheChannelsWithUnitSum(nz: Int) {
        let profile = LineSpreadFunction.muse.profile(spectral: parityAxis, channels: nz)
        #expect(profile.count == nz)
        #expect(profile.indices.max { profile[$0] < profile[$1] } == nz / 2)
        #expect(profile[nz / 2 - 1] == profile[nz / 2 + 1])
        #expect(abs(profile.reduce(0, +) - 1) < 1e-14)
    }
}
