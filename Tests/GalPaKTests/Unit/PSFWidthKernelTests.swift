import Foundation
import Testing
@testable import GalPaK

/// A free PSF width (`--seeing VALUE:SIGMA`): the kernel rebuilt at any width is the fixed
/// kernel at that width, and so is the convolution with it, by either method, on the whole
/// grid and on a crop box; the prior's parsing, bounds and refusals.
@Suite struct PSFWidthKernelTests {
    static let (nx, ny, nz) = (26, 23, 30)
    static let profiles: [PointSpreadFunction] = [
        .gaussian(fwhm: 0.8),                       // separable
        .gaussian(fwhm: 0.8, ba: 0.7, pa: 90),      // separable
        .gaussian(fwhm: 0.8, ba: 0.7, pa: 30),      // FFT
        .moffat(fwhm: 0.8, beta: 2.5),              // FFT
    ]

    static func instrument(_ psf: PointSpreadFunction) -> Instrument {
        Instrument(name: "test", psf: psf, lsf: Instrument.muse.lsf, defaults: Instrument.muse.defaults)
    }

    static func cube() -> Cube {
        let count = nx * ny * nz
        return Cube(nx: nx, ny: ny, nz: nz, data: [Double](repeating: 0, count: count),
                    variance: [Double](repeating: 1, count: count), spectral: parityAxis, pixscale: 0.2)
    }

    static func family(_ psf: PointSpreadFunction, maximum: Double = 1.3) throws -> PSFWidthKernel {
        try PSFWidthKernel(instrument: instrument(psf), cube: cube(), prior: PSFWidthPrior(fwhm: 0.8, sigma: 0.1),
                           maximum: maximum)
    }

    /// A smooth, positive, non-trivial cube.
    static func input(_ nx: Int, _ ny: Int, _ nz: Int) -> [Double] {
        (0..<(nx * ny * nz)).map { n in
            let (i, j, k) = (n % nx, (n / nx) % ny, n / (nx * ny))
            return exp(-0.02 * Double((i - 12) * (i - 12) + (j - 10) * (j - 10)) - 0.05 * Double((k - 14) * (k - 14)))
                + Double((n * 7919) % 101) / 1e4
        }
    }

    @Test(arguments: profiles)
    func theKernelAtAnyWidthIsTheFixedKernelAtThatWidth(psf: PointSpreadFunction) throws {
        let family = try Self.family(psf)
        for fwhm in [0.5, 0.8, 1.17] {
            let fixed = try Kernel3D(instrument: Self.instrument(psf).withSeeing(fwhm), cube: Self.cube())
            #expect(family.kernel(fwhm: fwhm).values == fixed.values, "\(psf) at \(fwhm)")
            // On a crop box: the fixed kernel cut to the box, normalised over the whole grid.
            let box = family.cropped(nx: 15, ny: 12, nz: 17)
            #expect(box.kernel(fwhm: fwhm).values == fixed.cropped(nx: 15, ny: 12, nz: 17).values)
        }
    }

    @Test func axisProfilesGiveTheNormalisedImageOfASeparablePSF() throws {
        let family = try Self.family(.gaussian(fwhm: 0.8, ba: 0.7, pa: 90)).cropped(nx: 17, ny: 14, nz: 9)
        var x = [Double](repeating: 0, count: 17), y = [Double](repeating: 0, count: 14)
        var image = [Double](repeating: 0, count: 17 * 14)
        let centre = x.withUnsafeMutableBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in family.axisProfiles(fwhm: 0.95, x: x, y: y) }
        }
        image.withUnsafeMutableBufferPointer { family.image(fwhm: 0.95, into: $0) }
        #expect(x[8] == 1 && y[7] == 1)
        for j in 0..<14 {
            for i in 0..<17 { #expect(abs(x[i] * y[j] * centre - image[j * 17 + i]) < 1e-15) }
        }
    }

    /// Widths in turn, back and forth, against a convolver made for each width: the separable
    /// passes to their Float rounding, FFTW to ~1e-13 of the peak.
    @Test(arguments: profiles)
    func theConvolutionAtANewWidthIsTheFixedOne(psf: PointSpreadFunction) throws {
        for (family, (nx, ny, nz)) in [(try Self.family(psf), (Self.nx, Self.ny, Self.nz)),
                                       (try Self.family(psf).cropped(nx: 19, ny: 16, nz: 21), (19, 16, 21))] {
            let convolution = PSFWidthConvolution(family: family, planning: .estimate)
            let separable = SeparableKernel(kernel: family.kernel(fwhm: 0.8)) != nil
            #expect(convolution.method.hasPrefix(separable ? "separable" : "FFTW"), "\(convolution.method)")
            let input = Self.input(nx, ny, nz)
            for fwhm in [1.2, 0.55, 0.8, 1.2, 1.0] {
                convolution.setFWHM(fwhm)
                let ours = convolution.convolved(input)
                let exact = FFTConvolver(kernel: family.kernel(fwhm: fwhm), planning: .estimate).convolved(input)
                let peak = exact.max()!
                let worst = zip(ours, exact).map { abs($0 - $1) }.max()!
                #expect(worst < (separable ? 3e-7 : 1e-12) * peak, "\(psf) at \(fwhm): \(worst / peak) of the peak")
            }
        }
    }

    /// The χ² of a forward model with a free width at `psf_fwhm` = w is that of the fixed model
    /// at w; a set without the parameter is convolved at the nominal width.
    @Test func theForwardModelConvolvesAtEachSetsWidth() throws {
        let cube = Self.cube()
        let truth = GalaxyParameters(x: 12.3, y: 11.1, z: 14.2, flux: 100, radius: 3, inclination: 50, pa: 40,
                                     turnoverRadius: 1.5, maximumVelocity: 150, velocityDispersion: 40)
        let clean = DiskModel(cube: cube)
        let data = FFTConvolver(kernel: try Self.family(Self.profiles[0]).kernel(fwhm: 0.9), planning: .estimate)
            .convolved(clean.render(truth))
        let observed = Cube(nx: Self.nx, ny: Self.ny, nz: Self.nz, data: data, variance: cube.variance,
                            spectral: parityAxis, pixscale: 0.2)
        let free = ForwardModel(disk: DiskModel(cube: observed), psfWidth: try Self.family(Self.profiles[0]),
                                chiSquare: ChiSquare(cube: observed))
        for fwhm in [0.7, 0.9, 1.1] {
            var p = truth
            p[.psfFWHM] = fwhm
            let fixed = ForwardModel(disk: DiskModel(cube: observed),
                                     kernel: try Self.family(Self.profiles[0]).kernel(fwhm: fwhm), chiSquare: ChiSquare(cube: observed))
            let (ours, theirs) = (free.chi2(p), fixed.chi2(truth))
            #expect(abs(ours - theirs) <= 1e-6 * max(theirs, 1e-3), "χ² \(ours) vs \(theirs) at \(fwhm)")
        }
        var atTruth = truth
        atTruth[.psfFWHM] = 0.9
        #expect(free.chi2(atTruth) < 1e-8, "the data are the model at 0.9″")
        let nominal = ForwardModel(disk: DiskModel(cube: observed), kernel: try Self.family(Self.profiles[0]).kernel(fwhm: 0.8),
                                   chiSquare: ChiSquare(cube: observed))
        #expect(abs(free.chi2(truth) - nominal.chi2(truth)) <= 1e-6 * nominal.chi2(truth))
    }

    @Test func thePriorParsesAndBoundsTheWidth() throws {
        let prior = try #require(try PSFWidthPrior(argument: "0.8:0.1"))
        #expect(prior.fwhm == 0.8 && prior.sigma == 0.1 && prior.description == "0.8:0.1")
        #expect(abs(prior.bounds.min - 0.3) < 1e-12 && abs(prior.bounds.max - 1.3) < 1e-12)
        // A wide prior stops at a tenth of the value.
        #expect(abs(try PSFWidthPrior(fwhm: 0.8, sigma: 0.5).bounds.min - 0.08) < 1e-15)
        #expect(try PSFWidthPrior(argument: "0.8") == nil)
        for (text, words) in [("0.8:0", ["SIGMA", "(0, 3600]"]), ("0.8:-0.1", ["SIGMA"]), ("0:0.1", ["--seeing VALUE"]),
                              ("0.8:a", ["VALUE:SIGMA"]), ("0.8:0.1:2", ["VALUE:SIGMA"]), (":0.1", ["VALUE:SIGMA"])] {
            #expect { _ = try PSFWidthPrior(argument: text) } throws: { error in
                let message = (error as? GalpakError)?.message ?? ""
                return words.allSatisfy { message.contains($0) }
            }
        }
        #expect(throws: GalpakError.self) { try prior.check(.image(try PSFImage(values: [1], nx: 1, ny: 1))) }
        #expect(throws: GalpakError.self) { try prior.check(PointSpreadFunction.none) }
        try prior.check(.moffat(fwhm: 0.8, beta: 2.5))
    }

    @Test func constraintsGiveTheWidthItsPriorBoundsAndStart() throws {
        var options = FitOptions(cubePath: "c.fits")
        options.psfWidth = try PSFWidthPrior(fwhm: 0.88, sigma: 0.088)
        #expect(options.parameters == ParameterName.reference + [.psfFWHM])
        options.model = ModelConfiguration(fluxProfile: .sersic)
        #expect(options.parameters == ParameterName.reference + [.sersicIndex, .psfFWHM])
        let constraints = try ParameterConstraints(options: options, nx: 20, ny: 20, nz: 24, fluxEstimate: 100)
        #expect(constraints.bounds.names == options.parameters && constraints.freeCount == 12)
        #expect(abs(constraints.bounds.min[.psfFWHM] - 0.44) < 1e-12 && abs(constraints.bounds.max[.psfFWHM] - 1.32) < 1e-12)
        #expect(constraints.priors.mean[.psfFWHM] == 0.88 && constraints.priors.sigma[.psfFWHM] == 0.088)
        #expect(constraints.priors.count == 1 && constraints.initial[.psfFWHM] == 0.88)
        options.maximum[.psfFWHM] = 1.0
        #expect(try ParameterConstraints(options: options, nx: 20, ny: 20, nz: 24, fluxEstimate: 100).bounds.max[.psfFWHM] == 1.0)
        options.priors.set(.psfFWHM, mean: 0.8, sigma: 0.1)
        #expect(throws: GalpakError.self) { try ParameterConstraints(options: options, nx: 20, ny: 20, nz: 24, fluxEstimate: 100) }
        // Without the prior, psf_fwhm is not a parameter of the fit.
        var fixed = FitOptions(cubePath: "c.fits")
        fixed.fixed[.psfFWHM] = 0.8
        #expect { _ = try ParameterConstraints(options: fixed, nx: 20, ny: 20, nz: 24, fluxEstimate: 100) } throws: { error in
            ((error as? GalpakError)?.message ?? "").contains("--seeing VALUE:SIGMA")
        }
    }
}
