import Testing
@testable import GalPaK

@Suite struct InstrumentTests {
    @Test func musePresetsCarryTheReferenceDefaults() {
        #expect(Instrument.default == .museWFM)
        for (instrument, pixscale) in [(Instrument.museWFM, 0.2), (.museNFM, 0.025), (.muse, 0.2)] {
            #expect(instrument.psf == .gaussian(fwhm: 1.0, ba: 1, pa: 0))
            #expect(instrument.lsf == .muse)
            #expect(instrument.defaults == AxisDefaults(instrument: instrument.name, pixscale: pixscale,
                                                        cdelt3: 1.25, crval3: 6564, cunit3: .angstrom))
        }
    }

    @Test func presetsAreFoundByNameIgnoringCase() {
        #expect(Instrument.preset(named: "MUSEWFM") == .museWFM)
        #expect(Instrument.preset(named: "musenfm") == .museNFM)
        #expect(Instrument.preset(named: "muse") == .muse)
        #expect(Instrument.preset(named: "harps3d") == nil)
        #expect(Set(Instrument.presets.map(\.name)).count == Instrument.presets.count)
    }

    @Test func seeingAndLSFOverrides() {
        let tuned = Instrument.museWFM.withSeeing(0.8).withLSF(fwhm: 3.0)
        #expect(tuned.psf == .gaussian(fwhm: 0.8))
        #expect(tuned.lsf == .gaussian(fwhm: 3.0))
        #expect(tuned.defaults == Instrument.museWFM.defaults)
        #expect(Instrument.museWFM.psf?.fwhm == 1.0)
    }
}
