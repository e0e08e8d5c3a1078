import Testing
@testable import GalPaK

@Suite struct InstrumentTests {
    @Test func musePresetsCarryTheReferenceDefaults() {
        #expect(FitDefaults.instrument == .museWFM)
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

    @Test func seeingOverrideKeepsTheLSFAndDefaults() {
        let tuned = Instrument.museWFM.withSeeing(0.8)
        #expect(tuned.psf == .gaussian(fwhm: 0.8))
        #expect(tuned.lsf == Instrument.museWFM.lsf)
        #expect(tuned.defaults == Instrument.museWFM.defaults)
        #expect(Instrument.museWFM.psf?.fwhm == 1.0)
    }

    /// Reference §3.3, instrument by instrument.
    @Test(arguments: [
        ("kmos", 0.2, 0.0002, nil, SpectralUnit.micron, PointSpreadFunction.gaussian(fwhm: 0.6, ba: 0.8, pa: 90),
         LineSpreadFunction.gaussian(fwhm: 0.00065, unit: .micron)),
        ("sinfok250", 0.125, 2.45e-4, 2.20, .micron, .gaussian(fwhm: 1.2, ba: 0.8, pa: 90), .gaussian(fwhm: 0.00065, unit: .micron)),
        ("sinfok100", 0.05, 2.45e-4, 2.20, .micron, .gaussian(fwhm: 1.2, ba: 0.8, pa: 90), .gaussian(fwhm: 0.00065, unit: .micron)),
        ("sinfoh250", 0.125, 1.95e-4, 1.50, .micron, .gaussian(fwhm: 1.2, ba: 0.8, pa: 90), .gaussian(fwhm: 0.00078, unit: .micron)),
        ("sinfoj250", 0.125, 1.45e-4, 1.20, .micron, .gaussian(fwhm: 1.2, ba: 0.8, pa: 90), .gaussian(fwhm: 0.00065, unit: .micron)),
        ("sinfoj100", 0.05, 1.45e-4, 1.20, .micron, .gaussian(fwhm: 1.2, ba: 0.8, pa: 90), .gaussian(fwhm: 0.00065, unit: .micron)),
        ("osiris", 0.035, 0.25e-4, 1.99, .micron, .gaussian(fwhm: 0.091), .gaussianChannels(2.5)),
        ("alma", nil, nil, nil, .hertz, .gaussian(fwhm: 1.2), .gaussianChannels(1)),
    ] as [(String, Double?, Double?, Double?, SpectralUnit, PointSpreadFunction, LineSpreadFunction)])
    func presetsCarryTheReferenceDefaults(name: String, pixscale: Double?, cdelt3: Double?, crval3: Double?,
                                          unit: SpectralUnit, psf: PointSpreadFunction, lsf: LineSpreadFunction) throws {
        let instrument = try #require(Instrument.preset(named: name))
        #expect(instrument.defaults == AxisDefaults(instrument: name, pixscale: pixscale, cdelt3: cdelt3,
                                                    crval3: crval3, cunit3: unit))
        #expect(instrument.psf == psf)
        #expect(instrument.lsf == lsf)
    }

    @Test func harmoniAndGenericNeedThePSFAndLSFGiven() throws {
        for instrument in [Instrument.harmoni, .generic] {
            #expect(instrument.psf == nil && instrument.lsf == nil)
            #expect(throws: GalpakError.self) { try Kernel3D(instrument: instrument, nx: 8, ny: 8, nz: 8,
                                                               spectral: parityAxis, pixscale: 0.1) }
            let given = try SpreadFunctionChoice(seeing: 0.1, lsfFWHM: 2).applied(to: instrument)
            #expect(given.psf == .gaussian(fwhm: 0.1) && given.lsf == .gaussian(fwhm: 2))
        }
        #expect(Instrument.harmoni.defaults.cunit3 == .micron)
        #expect(Instrument.generic.defaults == AxisDefaults(instrument: "generic"))
        #expect(Instrument.generic.referenceClassName == "Generic")
        #expect(Instrument.sinfoK250.referenceClassName == "SINFOK250")
    }

    /// `none` means no convolution along that axis: the kernel is an impulse and the convolved
    /// cube equals the clean one; with only the LSF `none` each channel map is blurred alone.
    @Test func noneSpreadFunctionsLeaveTheirAxisUnconvolved() throws {
        let clean = try FixtureCube("01_default_clean.fits")
        func convolved(_ psf: PointSpreadFunction, _ lsf: LineSpreadFunction) throws -> [Double] {
            let instrument = Instrument(name: "test", psf: psf, lsf: lsf, defaults: Instrument.muse.defaults)
            let kernel = try Kernel3D(instrument: instrument, nx: clean.nx, ny: clean.ny, nz: clean.nz,
                                      spectral: parityAxis, pixscale: 0.2)
            return FFTConvolver(kernel: kernel, planning: .estimate).convolved(clean.values)
        }
        let peak = clean.values.max()!
        let identity = try convolved(.none, .none)
        #expect(zip(identity, clean.values).allSatisfy { abs($0 - $1) < 1e-14 * peak })
        // PSF only: every channel's total flux is kept (nothing moves between channels)…
        let spatial = try convolved(.gaussian(fwhm: 0.4), .none)
        let plane = clean.nx * clean.ny
        for k in [10, 15, 20] {
            let before = clean.values[k * plane..<(k + 1) * plane].reduce(0, +)
            let after = spatial[k * plane..<(k + 1) * plane].reduce(0, +)
            #expect(abs(after - before) < 0.01 * before)
        }
        // …LSF only: every spaxel's spectrum keeps its flux (nothing moves between spaxels).
        let spectral = try convolved(.none, .gaussian(fwhm: 3))
        let spaxel = 13 * clean.nx + 14
        let sum = { (cube: [Double]) in (0..<clean.nz).reduce(0.0) { $0 + cube[$1 * plane + spaxel] } }
        #expect(abs(sum(spectral) - sum(clean.values)) < 1e-3 * sum(clean.values))
        #expect(relativeL2(spectral, clean.values) > 0.05)
    }
}
