import Foundation
import Testing
@testable import GalPaK

@Suite struct ForwardModelTests {
    /// Render + linear convolution reproduces the reference's linear convolved cube.
    @Test func convolvedModelMatchesTheReference() throws {
        let fixture = try ParityFixture("01_default")
        let (nx, ny, nz) = fixture.shape
        let disk = DiskModel(nx: nx, ny: ny, nz: nz, velocityStep: fixture.velocityStep)
        let instrument = Instrument.muse.withSeeing(0.8)
        let kernel = try Kernel3D(instrument: instrument, nx: nx, ny: ny, nz: nz, spectral: parityAxis, pixscale: 0.2)
        let reference = try FixtureCube("01_default_convolved_linear.fits").values
        let cube = Cube(nx: nx, ny: ny, nz: nz, data: reference,
                        variance: [Double](repeating: 1, count: reference.count),
                        spectral: parityAxis, pixscale: 0.2)
        let forward = ForwardModel(disk: disk, kernel: kernel, chiSquare: ChiSquare(cube: cube))
        let model = forward.convolvedCube(fixture.parameters)
        // The fit's convolution runs in Float (~1e-7); the fixture is float32 (2.5e-8).
        let error = relativeL2(model, reference)
        print(String(format: "forward model 01_default against the reference: relative L2 %.2e (%@)", error, forward.convolver.method))
        #expect(error < 3e-7)
        // χ² of the model against itself (to float32 rounding) is tiny; a shifted model is not.
        #expect(forward.chi2(fixture.parameters) < 1e-6)
        var shifted = fixture.parameters
        shifted[.x] += 1
        #expect(forward.chi2(shifted) > 1)
        #expect(forward.evaluations == 2)
    }

    /// A model made without timing FFTW (`.estimate`, for the few evaluations of the whole
    /// cube's model) gives the timed model's χ², white and correlated, to rounding.
    @Test func anUntimedModelGivesTheSameChiSquare() throws {
        let fixture = try ParityFixture("01_default")
        let (nx, ny, nz) = fixture.shape
        let kernel = try Kernel3D(instrument: Instrument.muse.withSeeing(0.8), nx: nx, ny: ny, nz: nz, spectral: parityAxis, pixscale: 0.2)
        let data = try FixtureCube("01_default_convolved_linear.fits").values
        let cube = Cube(nx: nx, ny: ny, nz: nz, data: data, variance: [Double](repeating: 1e-4, count: data.count),
                        spectral: parityAxis, pixscale: 0.2)
        let noise = NoisePowerSpectrum(nx: nx, ny: ny, nz: nz, correlation: NoiseCorrelation(spatialWidth: 2, spectralWidth: 1))
        var p = fixture.parameters
        p[.inclination] += 3
        for spectrum in [nil, noise] {
            func model(_ planning: FFTPlanning) -> ForwardModel {
                ForwardModel(disk: DiskModel(nx: nx, ny: ny, nz: nz, velocityStep: fixture.velocityStep), kernel: kernel,
                             chiSquare: ChiSquare(cube: cube), noise: spectrum, planning: planning)
            }
            let timed = model(.measure).chi2(p), untimed = model(.estimate).chi2(p)
            #expect(timed > 1 && abs(untimed / timed - 1) < 1e-6, "\(spectrum == nil ? "white" : "correlated"): \(untimed) vs \(timed)")
        }
    }
}
