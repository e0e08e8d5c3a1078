import Foundation
import Testing
@testable import GalPaK

/// The reader on cubes written by the reference tools (see Fixtures/README.md).
@Suite struct ReferenceCubeTests {
    private func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/\(name)").path)
    }

    @Test func tutorialCube() throws {
        var warnings: [String] = []
        let cube = try CubeReader.read(path: try fixture("tutorial/GalPaK_cube_1101_from_paper.fits"),
                                       defaults: TestFITS.muse) { warnings.append($0) }
        #expect((cube.nx, cube.ny, cube.nz) == (30, 30, 30))
        #expect(cube.pixscale == 0.2)
        // The reference's tutorial cube has neither CTYPE3 nor a spatial pixel scale: both are
        // taken from elsewhere, each with its warning.
        #expect(warnings.count == 2)
        #expect(warnings.contains { $0.contains("pixel scale") })
        #expect(warnings.contains { $0.contains("CTYPE3 missing") && $0.contains("Angstrom") })
        #expect(cube.spectral == SpectralAxis(crval: 6564, crpix: 15, cdelt: 1.25, unit: .angstrom))
        #expect(abs(cube.velocityStep - 57.1298) < 1e-3)
        let sigma2 = try #require(cube.variance?.first)
        #expect(abs(sigma2 / 2.236e-39 - 1) < 0.01)
        #expect(cube.varianceSource == CubeReader.estimatedVarianceSource)
        #expect(abs(cube.data.reduce(0, +) / 8.51e-17 - 1) < 0.01)
    }

    @Test func parityCube() throws {
        var warnings: [String] = []
        let cube = try CubeReader.read(path: try fixture("parity/01_default_clean.fits"),
                                       defaults: TestFITS.bare) { warnings.append($0) }
        #expect((cube.nx, cube.ny, cube.nz) == (28, 26, 32))
        #expect(abs(cube.pixscale - 0.2) < 1e-9)
        #expect(abs(cube.velocityStep - 57.1755) < 1e-3)
        #expect(abs(cube.data.reduce(0, +) - 1000) < 1e-2)
        #expect(warnings.isEmpty)
    }
}
