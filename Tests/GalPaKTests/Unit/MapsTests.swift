import Foundation
import Testing
@testable import GalPaK

/// The maps of a fit: intrinsic (against the reference), beam-smeared (against the moments of
/// the PSF-convolved model cube) and the data's moments.
@Suite struct MapsTests {
    /// The model of parity case 01 on its grid, with its parameters.
    private func parityModel(_ name: String = "01_default") throws -> (DiskModel, GalaxyParameters, ParityFixture) {
        let fixture = try ParityFixture(name)
        let (nx, ny, nz) = fixture.shape
        let model = DiskModel(nx: nx, ny: ny, nz: nz, velocityStep: fixture.velocityStep,
                              configuration: try #require(fixture.configuration))
        return (model, fixture.parameters, fixture)
    }

    @Test(arguments: ["01_default", "05_rc_arctan", "13_dispersion_thin", "25_pa_300", "26_aspect_0.3"])
    func intrinsicMapsMatchTheReferenceMaps(_ name: String) throws {
        let (model, parameters, fixture) = try parityModel(name)
        let maps = KinematicMaps.intrinsic(of: model, at: parameters)
        let references = [(maps.flux, 2), (maps.velocity, 3), (maps.dispersion, 4)]
        for (ours, hdu) in references {
            let reference = try fixture.image("maps", hdu: hdu)
            #expect(relativeL2(ours, reference) < 1e-6, "HDU \(hdu): relative L2 \(relativeL2(ours, reference))")
            #expect(zip(ours, reference).allSatisfy { $0.isNaN == $1.isNaN }, "HDU \(hdu): NaN spaxels differ")
        }
        #expect(abs(maps.flux.reduce(0, +) - parameters.flux) < 1e-9 * parameters.flux)
    }

    @Test func aDeltaPSFLeavesTheMapsUnchanged() throws {
        let (model, parameters, _) = try parityModel()
        let maps = KinematicMaps.intrinsic(of: model, at: parameters)
        var delta = [Double](repeating: 0, count: maps.nx * maps.ny)
        delta[(maps.ny / 2) * maps.nx + maps.nx / 2] = 1
        let smeared = maps.beamSmeared(by: delta)
        #expect(relativeL2(smeared.flux, maps.flux) < 1e-12)
        let bright = maps.flux.indices.filter { maps.flux[$0] > 1e-3 * (maps.flux.max() ?? 0) }
        for s in bright {
            #expect(abs(smeared.velocity[s] - maps.velocity[s]) < 1e-6)
            #expect(abs(smeared.dispersion[s] - maps.dispersion[s]) < 1e-6)
        }
    }

    /// Epinat's formulas are the first two moments of the model cube convolved by the PSF alone
    /// (spatial convolution commutes with sums over channels), so they must agree with the
    /// moments of that cube wherever the line is well sampled.
    @Test func beamSmearedMapsAreTheMomentsOfThePSFConvolvedCube() throws {
        let (model, parameters, fixture) = try parityModel()
        let (nx, ny, nz) = fixture.shape
        let clean = model.render(parameters)
        let intrinsic = KinematicMaps(nx: nx, ny: ny, flux: model.fluxMap, velocity: model.velocityMap,
                                      dispersion: model.dispersionMap)
        let psf = try PointSpreadFunction.gaussian(fwhm: 0.8).image(nx: nx, ny: ny, pixscale: 0.2)
        var lsfDelta = [Double](repeating: 0, count: nz)
        lsfDelta[nz / 2] = 1
        let kernel = Kernel3D(lsf: lsfDelta, psf: psf, nx: nx, ny: ny)
        #expect(relativeL2(KinematicMaps.psfImage(of: kernel), psf) < 1e-15)
        let cube = FFTConvolver(kernel: kernel, planning: .estimate).convolved(clean)
        let observed = intrinsic.beamSmeared(by: KinematicMaps.psfImage(of: kernel))

        let plane = nx * ny, dv = fixture.velocityStep
        let peak = observed.flux.max() ?? 0
        var compared = 0
        for s in 0..<plane where observed.flux[s] > peak / 50 {
            var f0 = 0.0, f1 = 0.0, f2 = 0.0
            for k in 0..<nz {
                let v = (Double(k) - parameters.z) * dv, c = cube[k * plane + s]
                f0 += c
                f1 += v * c
                f2 += v * v * c
            }
            let mean = f1 / f0
            #expect(abs(f0 - observed.flux[s]) < 1e-9 * peak)
            #expect(abs(mean - observed.velocity[s]) < 0.05, "spaxel \(s): \(mean) vs \(observed.velocity[s])")
            #expect(abs((f2 / f0 - mean * mean).squareRoot() - observed.dispersion[s]) < 0.05)
            compared += 1
        }
        #expect(compared > 100)
        // Beam smearing raises the central dispersion (the velocity gradient within the beam).
        let centre = Int(parameters.y.rounded()) * nx + Int(parameters.x.rounded())
        #expect(observed.dispersion[centre] > intrinsic.dispersion[centre] + 10)
    }

    /// A cube of `spec`'s model, convolved by `lsfSigma` channels along the spectral axis only.
    private func momentCube(lsfSigmaChannels: Double?) throws -> (Cube, KinematicMaps, GalaxyParameters) {
        let (model, parameters, fixture) = try parityModel()
        let (nx, ny, nz) = fixture.shape
        var data = model.render(parameters)
        let intrinsic = KinematicMaps(nx: nx, ny: ny, flux: model.fluxMap, velocity: model.velocityMap,
                                      dispersion: model.dispersionMap)
        if let sigma = lsfSigmaChannels {
            var psfDelta = [Double](repeating: 0, count: nx * ny)
            psfDelta[(ny / 2) * nx + nx / 2] = 1
            let lsf = (0..<nz).map { k in exp(-0.5 * pow((Double(k) - Double(nz / 2)) / sigma, 2)) }
            let total = lsf.reduce(0, +)
            let kernel = Kernel3D(lsf: lsf.map { $0 / total }, psf: psfDelta, nx: nx, ny: ny)
            data = FFTConvolver(kernel: kernel, planning: .estimate).convolved(data)
        }
        let cube = Cube(nx: nx, ny: ny, nz: nz, data: data,
                        variance: [Double](repeating: 1e-6, count: data.count),
                        spectral: parityAxis, pixscale: 0.2)
        return (cube, intrinsic, parameters)
    }

    @Test func momentsOfANoiselessCubeAreTheIntrinsicMaps() throws {
        let (cube, intrinsic, parameters) = try momentCube(lsfSigmaChannels: nil)
        let moments = MomentMaps(cube: cube, systemicChannel: parameters.z, window: 0...(cube.nz - 1), lsfSigma: 0)
        let peak = intrinsic.flux.max() ?? 0
        let bright = intrinsic.flux.indices.filter { intrinsic.flux[$0] > peak / 50 }
        #expect(bright.count > 100)
        for s in bright {
            #expect(abs(moments.maps.flux[s] - intrinsic.flux[s]) < 1e-9 * peak)
            #expect(abs(moments.maps.velocity[s] - intrinsic.velocity[s]) < 0.05)
            #expect(abs(moments.maps.dispersion[s] - intrinsic.dispersion[s]) < 0.05)
        }
    }

    @Test func theLSFIsRemovedInQuadrature() throws {
        let sigmaChannels = 0.9
        let (cube, intrinsic, parameters) = try momentCube(lsfSigmaChannels: sigmaChannels)
        let lsf = sigmaChannels * abs(cube.velocityStep)
        let raw = MomentMaps(cube: cube, systemicChannel: parameters.z, window: 0...(cube.nz - 1), lsfSigma: 0)
        let corrected = MomentMaps(cube: cube, systemicChannel: parameters.z, window: 0...(cube.nz - 1), lsfSigma: lsf)
        let peak = intrinsic.flux.max() ?? 0
        for s in intrinsic.flux.indices where intrinsic.flux[s] > peak / 50 {
            #expect(raw.maps.dispersion[s] > intrinsic.dispersion[s] + 10)
            #expect(abs(corrected.maps.dispersion[s] - intrinsic.dispersion[s]) < 0.5,
                    "spaxel \(s): \(corrected.maps.dispersion[s]) vs \(intrinsic.dispersion[s])")
        }
    }

    @Test func spaxelsBelowTheSignalToNoiseThresholdAreMasked() {
        // Two spaxels, 4 channels: a line of flux 6 in spaxel 0, flux 1 in spaxel 1; variance 1
        // per voxel, so σ_F = 2 over the whole window: S/N 3 (kept) and 0.5 (masked).
        var data = [Double](repeating: 0, count: 8)
        data[0 * 2 + 0] = 1; data[1 * 2 + 0] = 2; data[2 * 2 + 0] = 2; data[3 * 2 + 0] = 1
        data[1 * 2 + 1] = 0.5; data[2 * 2 + 1] = 0.5
        var variance = [Double](repeating: 1, count: 8)
        let cube = Cube(nx: 2, ny: 1, nz: 4, data: data, variance: variance, spectral: parityAxis, pixscale: 0.2)
        let moments = MomentMaps(cube: cube, systemicChannel: 1.5, window: 0...3, lsfSigma: 0)
        #expect(abs(moments.signalToNoise[0] - 3) < 1e-12)
        #expect(abs(moments.signalToNoise[1] - 0.5) < 1e-12)
        #expect(moments.maps.flux[0] == 6)
        #expect(abs(moments.maps.velocity[0]) < 1e-9)
        #expect(moments.maps.flux[1].isNaN && moments.maps.velocity[1].isNaN && moments.maps.dispersion[1].isNaN)
        // Voxels with non-positive variance are left out of both the flux and its noise:
        // S/N 5/√3 = 2.9, masked at 3, kept at 2.
        variance[3 * 2 + 0] = 0
        let partialCube = Cube(nx: 2, ny: 1, nz: 4, data: data, variance: variance, spectral: parityAxis, pixscale: 0.2)
        let strict = MomentMaps(cube: partialCube, systemicChannel: 1.5, window: 0...3, lsfSigma: 0)
        #expect(abs(strict.signalToNoise[0] - 5 / 3.0.squareRoot()) < 1e-12)
        #expect(strict.maps.flux[0].isNaN)
        let lenient = MomentMaps(cube: partialCube, systemicChannel: 1.5, window: 0...3, lsfSigma: 0, minimumSNR: 2)
        #expect(lenient.maps.flux[0] == 5)
    }

    @Test func theLineWindowSpansTheModelsLine() {
        // One spaxel; spectrum 0, 0.005, 1, 0.5, 0.02, 0.001: ≥ 1 % of the peak in channels 2…4.
        let model = [0, 0.005, 1, 0.5, 0.02, 0.001]
        #expect(MomentMaps.lineWindow(model: model, nx: 1, ny: 1, nz: 6) == 2...4)
        #expect(MomentMaps.lineWindow(model: [0, 0, 0], nx: 1, ny: 1, nz: 3) == 0...2)
    }

    /// Three spaxels, 30 channels: Gaussian lines (σ 1.5 channels) at channels 8 and 20, and
    /// one at channel 1, whose line runs past the cube's first channel.
    private func threeLines(pedestal: Double) -> (model: [Double], cube: Cube) {
        let (nx, nz) = (3, 30)
        let centres = [8.0, 20.0, 1.0]
        var model = [Double](repeating: 0, count: nx * nz)
        for s in 0..<nx {
            for k in 0..<nz { model[k * nx + s] = exp(-0.5 * pow((Double(k) - centres[s]) / 1.5, 2)) }
        }
        let cube = Cube(nx: nx, ny: 1, nz: nz, data: model.map { $0 + pedestal },
                        variance: [Double](repeating: 1e-6, count: nx * nz), spectral: parityAxis, pixscale: 0.2)
        return (model, cube)
    }

    @Test func eachSpaxelHasTheWindowOfItsOwnLine() {
        let (model, _) = threeLines(pedestal: 0)
        let windows = MomentMaps.spaxelWindows(model: model, nx: 3, ny: 1, nz: 30)
        // exp(−x²/2) ≥ 0.01 for |x| ≤ 3.03, i.e. within 4.5 channels of the centre.
        #expect(windows[0] == 4...12 && windows[1] == 16...24)
        #expect(windows[2] == nil, "a line cut by the spectral edge has no window")
        // A spaxel without model flux takes the whole line's window (here spaxel 0's).
        var dark = model
        for k in 0..<30 { dark[k * 3 + 1] = 0; dark[k * 3 + 2] = 0 }
        #expect(MomentMaps.spaxelWindows(model: dark, nx: 3, ny: 1, nz: 30)[1] == 4...12)
    }

    @Test func ownWindowsKeepTheDispersionThatAWindowSharedByAllSpaxelsInflates() {
        // A faint pedestal under every channel (a continuum residual, or noise of one sign):
        // summed over a window far wider than a spaxel's line, it adds (v − V)²-weighted flux.
        let (model, cube) = threeLines(pedestal: 0.005)
        let windows = MomentMaps.spaxelWindows(model: model, nx: 3, ny: 1, nz: 30)
        let own = MomentMaps(cube: cube, systemicChannel: 14, windows: windows, lsfSigma: 0)
        let shared = MomentMaps(cube: cube, systemicChannel: 14,
                                window: MomentMaps.lineWindow(model: model, nx: 3, ny: 1, nz: 30), lsfSigma: 0)
        let truth = 1.5 * abs(cube.velocityStep)
        for s in 0..<2 {
            #expect(abs(own.maps.dispersion[s] - truth) < 0.03 * truth, "spaxel \(s): \(own.maps.dispersion[s]) vs \(truth)")
            #expect(shared.maps.dispersion[s] > 1.2 * truth, "spaxel \(s): \(shared.maps.dispersion[s])")
        }
        #expect(own.maps.flux[2].isNaN && own.maps.velocity[2].isNaN && own.maps.dispersion[2].isNaN)
        #expect(own.window == 4...24)
    }
}
