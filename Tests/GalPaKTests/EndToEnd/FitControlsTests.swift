import Foundation
import Testing
@testable import GalPaK

/// The fit's controls on short fits of a small simulated cube: fixed parameters, bounds,
/// initial values, several chains and their reproducibility.
@Suite struct FitControlsTests {
    private func options(in dir: URL, name: String) throws -> FitOptions {
        var options = FitOptions(cubePath: dir.appendingPathComponent("sim.fits").path,
                                 outputPrefix: dir.appendingPathComponent(name).path)
        options.instrument = Instrument.museWFM.withSeeing(0.7)
        options.iterations = 150
        options.sampling = .cauchy  // untuned: this suite is not about the sampler
        options.chains = 2
        options.fixed[.inclination] = 58
        options.fixed[.turnoverRadius] = 1.2
        options.minimum[.maximumVelocity] = 160
        options.maximum[.maximumVelocity] = 175
        options.maximum[.radius] = 3.3
        options.initial[.velocityDispersion] = 30
        options.initial[.maximumVelocity] = 165
        return options
    }

    @Test func fixedBoundsAndInitialValuesAreHonouredAndChainsAreReproducible() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try TestSupport.simulatedCube(in: dir)
        let first = try FitPipeline.run(try options(in: dir, name: "a"))

        #expect(first.runs.count == 2)
        #expect(first.statistics.freeParameters == 8)
        #expect(first.statistics.degreesOfFreedom == first.cube.count - 8 - 1)
        // Chain 0 starts at the given values; chain 1 elsewhere, except for the fixed ones.
        #expect(first.runs[0].start[.velocityDispersion] == 30 && first.runs[0].start[.maximumVelocity] == 165)
        #expect(first.runs[1].start[.velocityDispersion] != 30)
        #expect(first.runs[1].start[.inclination] == 58)
        for chain in first.chains {
            #expect(chain.count == 150)
            for row in 0..<chain.count {
                #expect(chain.value(.inclination, at: row) == 58)
                #expect(chain.value(.turnoverRadius, at: row) == 1.2)
                let v = chain.value(.maximumVelocity, at: row)
                #expect(v >= 160 && v <= 175)
                #expect(chain.value(.radius, at: row) <= 3.3)
            }
        }
        // Fixed parameters have no spread and no convergence numbers.
        #expect(first.summary.estimate.stdev[.inclination] == 0)
        #expect(first.convergence.rHat[.inclination].isNaN)
        #expect(first.convergence.rHat[.x].isFinite && first.convergence.effectiveSampleSize[.x].isFinite)

        // The chain file holds both chains and reads back the same.
        let saved = try ChainFile.read(path: FitOutputs(prefix: dir.appendingPathComponent("a").path).chain)
        #expect(saved.count == 2 && saved[0].count == 150 && saved[1].count == 150)
        #expect(saved[0].weights == first.chains[0].weights)

        // Same seed: the same chains, whatever the thread timing; another seed: other chains.
        let again = try FitPipeline.run(try options(in: dir, name: "b"))
        #expect(again.chains == first.chains)
        var reseeded = try options(in: dir, name: "c")
        reseeded.seed += 1
        #expect(try FitPipeline.run(reseeded).chains != first.chains)
    }

    @Test func inconsistentControlsAreBadInput() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try TestSupport.simulatedCube(in: dir)
        var crossed = try options(in: dir, name: "d")
        crossed.minimum[.radius] = 5  // max 3.3
        #expect { try FitPipeline.run(crossed) } throws: { error in
            (error as? GalpakError)?.kind == .badInput && "\(error)".contains("radius")
        }
        var outside = try options(in: dir, name: "e")
        outside.initial[.maximumVelocity] = 300  // max 175
        #expect { try FitPipeline.run(outside) } throws: { error in
            (error as? GalpakError)?.kind == .badInput && "\(error)".contains("--init maximum_velocity")
        }
    }

    @Test func negativeFixedInclinationIsItsMirrorImage() throws {
        var options = FitOptions(cubePath: "unused.fits")
        options.fixed[.inclination] = -20
        options.initial[.inclination] = -10
        let constraints = try ParameterConstraints(options: options, nx: 20, ny: 20, nz: 24, fluxEstimate: 100)
        #expect(constraints.fixed[.inclination] == 20 && constraints.initial[.inclination] == 20)
        #expect(constraints.bounds.contains(20, for: .inclination))
        #expect(constraints.freeCount == 9)
    }
}
