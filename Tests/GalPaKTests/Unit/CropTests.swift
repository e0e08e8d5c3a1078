import Foundation
import Testing
@testable import GalPaK

/// Cropping the working cube (``CropBox``, ``FitRegion``, ``AutoCrop``, ``CropChoice``): the
/// crop's χ² is the whole cube's, and parameters stay in the whole cube's coordinates.
@Suite struct CropTests {
    /// A compact disk off-centre on a 40×36×30 MUSE-like grid, with white noise.
    static let truth = GalaxyParameters(
        x: 17.4, y: 15.2, z: 14.3, flux: 400, radius: 2.6, inclination: 55, pa: 70,
        turnoverRadius: 0.8, maximumVelocity: 150, velocityDispersion: 40)

    static let instrument = Instrument.museWFM.withSeeing(0.6)

    static func simulation(snr: Double = 12) throws -> SimulatedCube {
        try SimulatedCube(SimulationSpec(
            nx: 40, ny: 36, nz: 30, spectral: SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom),
            pixscale: 0.2, parameters: truth, instrument: instrument, noise: .peakSNR(snr), seed: 5))
    }

    static func cube(snr: Double = 12) throws -> (cube: Cube, kernel: Kernel3D) {
        let sim = try simulation(snr: snr)
        let cube = Cube(nx: 40, ny: 36, nz: 30, data: sim.data, variance: sim.variance,
                        spectral: SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom), pixscale: 0.2)
        return (cube, try Kernel3D(instrument: instrument, cube: cube))
    }

    static let box = CropBox(x: 6...29, y: 5...26, z: 4...25)

    /// The ``AutoCrop`` box of the cube.
    static func autoBox(_ cube: Cube, _ kernel: Kernel3D) throws -> CropBox {
        let guess = MomentGuess(cube: cube, psfFWHM: 3, lsfSigma: 50, aspect: ModelDefaults.aspect)
        return try #require(AutoCrop.box(detection: guess, cube: cube, kernel: kernel, correlation: nil))
    }

    @Test func parsesBoxesAndChoices() {
        #expect(CropBox(argument: "3:10,0:5,2:2") == CropBox(x: 3...10, y: 0...5, z: 2...2))
        for bad in ["3:10,0:5", "3:10,0:5,2:1", "-1:3,0:1,0:1", "a:3,0:1,0:1", "1:2,3:4,5:6,7:8", "1:2:3,0:1,0:1"] {
            #expect(CropBox(argument: bad) == nil, "\(bad)")
        }
        #expect(CropChoice(argument: "AUTO") == .auto)
        #expect(CropChoice(argument: "none") == CropChoice.none)
        #expect(CropChoice(argument: "1:2,3:4,5:6")?.name == "1:2,3:4,5:6")
        #expect(CropChoice(argument: "all") == nil)
    }

    @Test func subCubeKeepsEveryVoxelAndChannelValue() throws {
        let (cube, _) = try Self.cube()
        let sub = cube.cropped(to: Self.box)
        #expect(sub.nx == 24 && sub.ny == 22 && sub.nz == 22)
        #expect(sub.data[sub.index(0, 0, 0)] == cube.data[cube.index(6, 5, 4)])
        #expect(sub.data[sub.index(23, 21, 21)] == cube.data[cube.index(29, 26, 25)])
        #expect(sub.variance?[sub.index(3, 7, 9)] == cube.variance?[cube.index(9, 12, 13)])
        #expect(sub.spectral.value(channel: 0) == cube.spectral.value(channel: 4))
    }

    @Test func croppedKernelConvolvesLikeTheWholeOne() throws {
        let (cube, kernel) = try Self.cube()
        let disk = DiskModel(cube: cube)
        // Only the box's voxels: a convolution on the box cannot see the others.
        var clean = disk.render(Self.truth)
        for k in 0..<cube.nz {
            for j in 0..<cube.ny {
                for i in 0..<cube.nx where !Self.box.contains(i, j, k) { clean[cube.index(i, j, k)] = 0 }
            }
        }
        let whole = makeConvolution(kernel: kernel, planning: .estimate).convolved(clean)
        let sub = Cube(nx: cube.nx, ny: cube.ny, nz: cube.nz, data: clean, spectral: cube.spectral, pixscale: 0.2)
            .cropped(to: Self.box)
        let small = makeConvolution(kernel: kernel.cropped(nx: Self.box.nx, ny: Self.box.ny, nz: Self.box.nz),
                                    planning: .estimate).convolved(sub.data)
        let expected = Cube(nx: cube.nx, ny: cube.ny, nz: cube.nz, data: whole, spectral: cube.spectral, pixscale: 0.2)
            .cropped(to: Self.box).data
        let peak = whole.max()!
        let worst = zip(small, expected).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-5 * peak, "largest difference \(worst / peak) of the peak")
    }

    /// On the whole cube the region is the plain forward model with the fit's renderer
    /// (``NegligibleLight/belowTheDisk``), to the last bit, and the exact renderer's χ² to
    /// ~1e-9; on a box that holds the galaxy its χ² (with the fixed χ² outside) is the whole cube's.
    @Test func regionChiSquareIsTheWholeCubes() throws {
        let (cube, kernel) = try Self.cube()
        let chiSquare = ChiSquare(cube: cube)
        let plain = ForwardModel(disk: DiskModel(cube: cube, neglecting: .belowTheDisk), kernel: kernel, chiSquare: chiSquare)
        let exact = ForwardModel(disk: DiskModel(cube: cube), kernel: kernel, chiSquare: chiSquare)
        let whole = FitRegion(box: .whole(nx: 40, ny: 36, nz: 30), whole: cube, kernel: kernel, chiSquare: chiSquare,
                              correlation: nil, model: ModelConfiguration())
        #expect(whole.outsideChi2 == 0 && whole.fraction == 1)
        #expect(whole.forwardModel().chi2(Self.truth) == plain.chi2(Self.truth))
        let chi2 = exact.chi2(Self.truth)
        #expect(abs(plain.chi2(Self.truth) - chi2) < 1e-8 * chi2, "\(plain.chi2(Self.truth)) vs \(chi2)")

        let box = try Self.autoBox(cube, kernel)
        let region = FitRegion(box: box, whole: cube, kernel: kernel, chiSquare: chiSquare, correlation: nil,
                               model: ModelConfiguration())
        #expect(region.outsideChi2 > 0.5 * Double(chiSquare.validCount - box.count))
        let cropped = region.forwardModel()
        let offsets = [0.0, 0.7, -1.1].map { shift -> Double in
            var p = Self.truth
            p[.x] += shift
            p[.z] -= shift
            return cropped.chi2(p) - plain.chi2(p)
        }
        // The model's faint wings beyond the box: a small offset, nearly constant.
        #expect(offsets.allSatisfy { abs($0) < 0.1 }, "offsets \(offsets)")
        #expect(offsets.max()! - offsets.min()! < 0.02, "offsets \(offsets)")
    }

    /// The crop's summary measures Δ = χ²(crop) − χ²(whole) at the estimate and chain draws,
    /// and, without chains (`--optimize`), leaves it unmeasured but still gives the flux outside.
    @Test func cropSummaryMeasuresTheOffsetOnlyOverDraws() throws {
        let (cube, kernel) = try Self.cube()
        let chiSquare = ChiSquare(cube: cube)
        let region = FitRegion(box: try Self.autoBox(cube, kernel), whole: cube, kernel: kernel, chiSquare: chiSquare,
                               correlation: nil, model: ModelConfiguration())
        let whole = FitRegion(box: .whole(nx: 40, ny: 36, nz: 30), whole: cube, kernel: kernel, chiSquare: chiSquare,
                              correlation: nil, model: ModelConfiguration()).forwardModel(planning: .estimate)
        let convolved = whole.convolvedCube(Self.truth)
        var chain = Chain(names: Self.truth.names)
        for shift in [-0.3, 0.1, 0.2, -0.1] { chain.append(Self.truth.with(.x, Self.truth[.x] + shift), reducedChi2: 1) }
        let sampled = CropSummary(choice: .auto, region: region, whole: { whole }, estimate: Self.truth, chains: [chain],
                                  convolved: convolved, nx: 40, ny: 36)
        #expect(sampled.chi2Offset.isFinite && sampled.chi2Spread.isFinite && sampled.chi2Spread < CropSummary.maxSpread)
        let laplace = CropSummary(choice: .auto, region: region, whole: { whole }, estimate: Self.truth, chains: [],
                                  convolved: convolved, nx: 40, ny: 36)
        #expect(laplace.chi2Offset.isNaN && laplace.chi2Spread.isNaN)
        #expect(laplace.fluxOutside == sampled.fluxOutside && laplace.fluxOutside > 0 && laplace.fluxOutside < 1e-3)
        #expect(laplace.line.contains("model flux outside") && !laplace.line.contains("over the posterior"))
    }

    /// Correlated noise: the crop's cosine-basis χ² on its own grid, plus the fixed χ²
    /// outside, against the whole grid's; the cross terms between inside and outside make a
    /// constant offset whose change with the parameters is what could move a posterior.
    @Test func correlatedRegionDiffersByANearlyConstantOffset() throws {
        let (cube, kernel) = try Self.cube()
        let chiSquare = ChiSquare(cube: cube)
        let correlation = NoiseCorrelation(spatialWidth: 1.2, spectralWidth: 0.8)
        let whole = FitRegion(box: .whole(nx: 40, ny: 36, nz: 30), whole: cube, kernel: kernel, chiSquare: chiSquare,
                              correlation: correlation, model: ModelConfiguration()).forwardModel()
        let cropped = FitRegion(box: try Self.autoBox(cube, kernel), whole: cube, kernel: kernel, chiSquare: chiSquare,
                                correlation: correlation, model: ModelConfiguration()).forwardModel()
        let offsets = [0.0, 0.2, -0.2, 0.4].map { shift -> Double in
            var p = Self.truth
            p[.x] += shift
            p[.radius] += shift / 2
            return cropped.chi2(p) - whole.chi2(p)
        }
        let spread = offsets.max()! - offsets.min()!
        #expect(spread < 0.2, "offsets \(offsets)")
    }

    @Test func autoBoxHoldsTheGalaxyAndLeavesOutIsolatedNoise() throws {
        var (cube, kernel) = try Self.cube()
        // A bright isolated spike far from the galaxy must not stretch the box.
        cube.data[cube.index(38, 1, 14)] += 50 * cube.variance![0].squareRoot()
        let guess = MomentGuess(cube: cube, psfFWHM: 3, lsfSigma: 50, aspect: ModelDefaults.aspect)
        let box = try #require(AutoCrop.box(detection: guess, cube: cube, kernel: kernel, correlation: nil))
        #expect(box.x.contains(12) && box.x.contains(23) && box.y.contains(10) && box.y.contains(20))
        #expect(!box.x.contains(38) || !box.y.contains(1), "box \(box)")
        #expect(box.count < 2 * cube.count / 3, "box \(box)")
        #expect(box.z.contains(9) && box.z.contains(20), "box \(box)")
    }

    @Test func userBoxMustLieInTheCubeAndHoldTheCentresBounds() throws {
        let (cube, kernel) = try Self.cube()
        let bounds = ParameterBounds.defaults(nx: 40, ny: 36, nz: 30, fluxEstimate: 400)
        func box(_ choice: CropChoice) throws -> CropBox {
            try choice.box(of: cube, path: "c.fits", detection: { nil }, kernel: kernel, correlation: nil, bounds: bounds)
        }
        #expect(try box(.none) == .whole(nx: 40, ny: 36, nz: 30))
        #expect(try box(.auto) == .whole(nx: 40, ny: 36, nz: 30))  // nothing detected
        #expect(try box(.box(CropBox(x: 5...30, y: 5...30, z: 5...25))) == CropBox(x: 5...30, y: 5...30, z: 5...25))
        #expect(throws: GalpakError.self) { try box(.box(CropBox(x: 5...40, y: 5...30, z: 5...25))) }
        do {
            _ = try box(.box(CropBox(x: 15...30, y: 5...30, z: 5...25)))
            Issue.record("a box that leaves out part of the centre's bounds was accepted")
        } catch let error as GalpakError {
            #expect(error.message.hasPrefix("c.fits: --crop 15:30,5:30,5:25 does not hold the centre's bounds"))
        }
    }

    /// The auto box grows to 7-smooth lengths (FFTW's fast ones) where the cube leaves room, split
    /// between both sides and moved inwards at an edge; a whole prime-length axis stays as it is.
    @Test func autoBoxTakesLengthsFFTWTransformsFast() {
        let box = AutoCrop.withFastLengths(CropBox(x: 9...121, y: 10...119, z: 0...32), nx: 128, ny: 128, nz: 33)
        #expect(box.x == 6...125)                        // 113 → 120, 7 voxels: 3 before, 4 after
        #expect(box.y == 9...120)                        // 110 = 2·5·11 → 112
        #expect(box.z == 0...32)                         // 33 = 3·11 → 35 does not fit in 33 channels
        let edge = AutoCrop.withFastLengths(CropBox(x: 0...10, y: 120...127, z: 3...5), nx: 128, ny: 128, nz: 10)
        #expect(edge.x == 0...11 && edge.y == 120...127 && edge.z == 3...5)   // 11 → 12 at the edge; 8 and 3 stay
    }
}
