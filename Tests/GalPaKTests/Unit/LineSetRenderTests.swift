import Foundation
import Testing
@testable import GalPaK

/// A set of lines (`--lines halpha-nii`, `--line`): each line at λ_rest,i · λ(z) / λ_rest,z with
/// its own velocity step and LSF width, fluxes in the set's ratios, the total = `flux`.
@Suite struct LineSetRenderTests {
    /// 1 Å channels from 6530 Å (channel 0), 80 channels: Hα+[NII] near z = 0.
    static let axis = SpectralAxis(crval: 6530, crpix: 1, cdelt: 1, unit: .angstrom)
    static let (nx, ny, nz) = (18, 16, 80)

    static var parameters: GalaxyParameters {
        var p = TestSupport.truth
        (p[.x], p[.y], p[.z], p[.flux]) = (8.6, 7.3, 33.0, 1000)
        p[.lineRatio("6583.45")] = 0.41
        return p
    }

    @Test func eachLineSitsAtItsRedshiftedChannelWithItsOwnVelocityStep() throws {
        let set = try #require(NamedLineSets.named("halpha-nii"))
        let grid = try LineGrid(set, spectral: Self.axis, channels: Self.nz)
        // By hand: λ(33) = 6530 + 33 = 6563 Å, so 1 + z = 6563 / 6562.80; [NII]6583.45 at
        // 6583.45 · 6563 / 6562.80 = 6583.6506293 Å, channel 53.6506293, dv = 3e5 / 6583.6506293.
        let expected: [(channel: Double, step: Double)] = [
            (6548.05 * 6563 / 6562.80 - 6530, 3e5 / (6548.05 * 6563 / 6562.80)),
            (33, 3e5 / 6563),
            (53.6506293, 3e5 / 6583.6506293),
        ]
        #expect(grid.zLine == 1)
        for (i, e) in expected.enumerated() {
            let place = grid.placement(z: 33, line: i)
            #expect(abs(place.channel - e.channel) < 1e-6, "line \(i): channel \(place.channel)")
            #expect(abs(place.velocityStep / e.step - 1) < 1e-9, "line \(i): step \(place.velocityStep)")
            #expect(place.extraVariance == 0)
        }
        // The relative fluxes: 6548 = 6583/2.96, Hα 1, 6583 = ratio · Hα.
        var fluxes = [Double](repeating: 0, count: 3)
        fluxes.withUnsafeMutableBufferPointer { set.relativeFluxes(Self.parameters, z: 1, into: $0) }
        #expect(fluxes == [0.41 / 2.96, 1, 0.41])
    }

    /// The independent check: one-line renders (the reference's renderer) at each line's
    /// channel and velocity step, each with its share of the flux, add up to the set's render.
    @Test func singleLineRendersAtTheRightOffsetsSumToTheSetsRender() throws {
        let set = try #require(NamedLineSets.named("halpha-nii"))
        let grid = try LineGrid(set, spectral: Self.axis, channels: Self.nz)
        let configuration = ModelConfiguration(lines: set)
        let p = Self.parameters
        let model = DiskModel(nx: Self.nx, ny: Self.ny, nz: Self.nz, velocityStep: Self.axis.velocityStep(channels: Self.nz),
                              configuration: configuration, lines: grid)
        let together = model.render(p)
        let shares = [0.41 / 2.96, 1, 0.41].map { $0 / (0.41 / 2.96 + 1 + 0.41) }
        var summed = [Double](repeating: 0, count: together.count)
        for i in 0..<3 {
            let place = grid.placement(z: p.z, line: i)
            let one = DiskModel(nx: Self.nx, ny: Self.ny, nz: Self.nz, velocityStep: place.velocityStep)
            var q = p.restricted(to: ParameterName.reference)
            q[.z] = place.channel
            q[.flux] = p.flux * shares[i]
            for (n, v) in one.render(q).enumerated() { summed[n] += v }
        }
        let peak = together.max()!
        let worst = zip(together, summed).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-7 * peak, "largest difference \(worst / peak) of the peak")
        #expect(abs(together.reduce(0, +) - p.flux) < 1e-9 * p.flux)
    }

    /// MUSE's LSF narrows from 2.54 Å at 6548 Å to 2.53 Å at 6583 Å, and widens in channels
    /// with it: each line's clean width is its own LSF's less the kernel's (the cube centre's).
    @Test func eachLineGetsTheLSFWidthAtItsWavelength() throws {
        let axis = SpectralAxis(crval: 7190, crpix: 1, cdelt: 1.25, unit: .angstrom)
        let nz = 60
        let set = try #require(NamedLineSets.named("halpha-nii"))
        let grid = try #require(try ModelConfiguration(lines: set).lineGrid(spectral: axis, channels: nz, lsf: .muse))
        // By hand: FWHM(λ) = 5.835e-8 λ² − 9.080e-4 λ + 5.983 Å; the kernel's is at the
        // reference's central channel nz/2 − 1 = 29, λc = 7190 + 29 · 1.25 = 7226.25 Å.
        func sigmaChannels(_ lambda: Double) -> Double {
            (5.835e-8 * lambda * lambda - 9.080e-4 * lambda + 5.983) / 2.354820045 / 1.25
        }
        let kernel = sigmaChannels(7226.25)
        var p = Self.parameters
        (p[.z], p[.inclination], p[.velocityDispersion]) = (23.3, 0, 30)
        let model = DiskModel(nx: Self.nx, ny: Self.ny, nz: nz, velocityStep: axis.velocityStep(channels: nz),
                              configuration: ModelConfiguration(lines: set), lines: grid)
        let cube = model.render(p)
        let s = 7 * Self.nx + 8
        let width = try #require(model.dispersionMap[s].isFinite ? model.dispersionMap[s] : nil)
        let spectrum = (0..<nz).map { cube[$0 * Self.nx * Self.ny + s] }
        for i in 0..<3 {
            let lambda = axis.value(channel: grid.placement(z: p.z, line: i).channel)
            let place = grid.placement(z: p.z, line: i)
            let lsf = sigmaChannels(lambda)
            #expect(abs(place.extraVariance / ((lsf * lsf - kernel * kernel) * place.velocityStep * place.velocityStep) - 1) < 1e-6)
            // The clean line's variance in channels, measured within ±5 σ of its centre (the lines
            // are 13 and 18 channels apart, each σ ≈ 0.8 channel).
            let w = (width * width + place.extraVariance).squareRoot() / place.velocityStep
            let range = Int((place.channel - 5 * w).rounded(.up))...Int((place.channel + 5 * w).rounded(.down))
            let total = range.reduce(0) { $0 + spectrum[$1] }
            let mean = range.reduce(0) { $0 + Double($1) * spectrum[$1] } / total
            let variance = range.reduce(0) { $0 + (Double($1) - mean) * (Double($1) - mean) * spectrum[$1] } / total
            let expected = width * width / (place.velocityStep * place.velocityStep) + lsf * lsf - kernel * kernel
            #expect(abs(mean - place.channel) < 1e-4, "line \(i) centre \(mean)")
            #expect(abs(variance / expected - 1) < 1e-4, "line \(i): variance \(variance) channels², expected \(expected)")
        }
    }

    /// A prior given on a line ratio only sits at the ratio's place in the fit's vectors (after
    /// the Sérsic index), not at the next free place of the option's list.
    @Test func priorsFollowTheModelsParameterOrder() throws {
        var options = FitOptions(cubePath: "c.fits")
        options.model = ModelConfiguration(fluxProfile: .sersic, lines: NamedLineSets.named("halpha-nii"))
        options.priors.set(.lineRatio("6583.45"), mean: 0.3, sigma: 0.05)
        let constraints = try ParameterConstraints(options: options, nx: 20, ny: 20, nz: 40, fluxEstimate: 100)
        #expect(constraints.priors.mean.names == constraints.bounds.names)
        #expect(constraints.priors.mean[.lineRatio("6583.45")] == 0.3 && constraints.priors.mean[.sersicIndex].isNaN)
        #expect(constraints.bounds.min[.z] == 0 && constraints.bounds.max[.z] == 39)
        var p = constraints.bounds.min
        p[.lineRatio("6583.45")] = 0.4
        #expect(abs(constraints.priors.logDensity(p) + 0.5 * 4) < 1e-12)
    }

    @Test func badSetsAreRefusedNamingTheOption() {
        func refusal(_ lines: [(String, LineSet.Flux)], zLine: String? = nil) -> String? {
            do {
                _ = try LineSet(lines: lines.map { LineSet.Line(wave: $0.0, rest: Double($0.0) ?? .nan, flux: $0.1) }, zLine: zLine)
                return nil
            } catch let error as GalpakError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal([("6563", .fixed(1))])?.contains("at least two") == true)
        #expect(refusal([("6563", .fixed(1)), ("6583", .tied(wave: "6548", divisor: 3))])?.contains("names no other line") == true)
        #expect(refusal([("6563", .fixed(1)), ("6583", .fixed(-1))])?.contains("--line-ratio for 6583") == true)
        #expect(refusal([("6563", .fixed(1)), ("6583", .fixed(1))], zLine: "6548")?.contains("--z-line 6548") == true)
        #expect(refusal([("6548", .tied(wave: "6583", divisor: 3)), ("6563", .fixed(1)),
                         ("6583", .tied(wave: "6563", divisor: 2))])?.contains("itself tied") == true)
        // A free z-line has no scale: refused when the set is placed on a cube.
        let free = try? LineSet(lines: [LineSet.Line(wave: "6563", rest: 6563, flux: .fixed(1)),
                                        LineSet.Line(wave: "6583", rest: 6583, flux: .free)])
        #expect(throws: GalpakError.self) { try LineGrid(free!, spectral: Self.axis, channels: Self.nz) }
        #expect(throws: GalpakError.self) {
            try LineGrid(NamedLineSets.named("oii")!, spectral: SpectralAxis(crval: 0, crpix: 1, cdelt: 10, unit: .kilometrePerSecond),
                         channels: Self.nz)
        }
        // MUSE's LSF needs a wavelength axis.
        #expect(throws: GalpakError.self) {
            try ModelConfiguration(lines: NamedLineSets.named("oii")!)
                .lineGrid(spectral: SpectralAxis(crval: 1e11, crpix: 1, cdelt: 1e6, unit: .hertz), channels: Self.nz, lsf: .muse)
        }
    }
}
