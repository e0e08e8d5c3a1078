import Foundation
import Testing
@testable import GalPaK

/// Where the reader takes the variance from.
@Suite struct CubeVarianceTests {
    private let shape = [5, 6, 4]
    private var count: Int { shape.reduce(1, *) }

    private func dataHDU(_ extname: String? = nil) -> TestFITS.HDU {
        .init(shape: shape, values: TestFITS.ramp(nx: 5, ny: 6, nz: 4),
              cards: TestFITS.wcs() + (extname.map { [HeaderCard(name: "EXTNAME", string: $0)] } ?? []))
    }

    @Test(arguments: ["STAT", "variance", "VAR"])
    func varianceExtension(name: String) throws {
        let path = try TestFITS.directory() + "/cube.fits"
        let variance = (0..<count).map { Double($0) + 0.5 }
        try TestFITS.write([.init(shape: []), dataHDU("DATA"),
                            .init(shape: shape, values: variance, cards: [HeaderCard(name: "EXTNAME", string: name)])],
                           to: path)
        var warnings: [String] = []
        let cube = try CubeReader.read(path: path, defaults: TestFITS.bare) { warnings.append($0) }
        #expect(cube.variance == variance)
        #expect(cube.varianceSource == "\(name.uppercased()) extension")
        #expect(warnings.isEmpty)
    }

    @Test func varianceFileWinsAndBadVoxelsAreCounted() throws {
        let dir = try TestFITS.directory()
        var variance = [Double](repeating: 2, count: count)
        variance[0] = 0
        variance[1] = -1
        variance[2] = .nan
        try TestFITS.write([dataHDU(), .init(shape: shape, values: [Double](repeating: 9, count: count),
                                             cards: [HeaderCard(name: "EXTNAME", string: "STAT")])],
                           to: dir + "/cube.fits")
        try TestFITS.write([.init(shape: shape, values: variance)], to: dir + "/var.fits")
        var warnings: [String] = []
        let cube = try CubeReader.read(path: dir + "/cube.fits", variancePath: dir + "/var.fits",
                                       defaults: TestFITS.bare) { warnings.append($0) }
        #expect(cube.varianceSource == "file \(dir)/var.fits")
        #expect(cube.variance?[3] == 2)
        #expect(cube.variance?[0] == 0, "zero variance is kept for the likelihood to exclude")
        #expect(cube.variance?[2].isNaN == true)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("2 zero or negative voxels") == true)
    }

    @Test func varianceShapeMismatchNamesBothShapes() throws {
        let dir = try TestFITS.directory()
        try TestFITS.write([dataHDU()], to: dir + "/cube.fits")
        try TestFITS.write([.init(shape: [5, 6, 3], values: [Double](repeating: 1, count: 90))], to: dir + "/var.fits")
        let message = TestFITS.errorMessage {
            _ = try CubeReader.read(path: dir + "/cube.fits", variancePath: dir + "/var.fits",
                                    defaults: TestFITS.bare) { _ in }
        }
        #expect(message?.hasPrefix("\(dir)/var.fits:") == true)
        #expect(message?.contains("5×6×3") == true)
        #expect(message?.contains("5×6×4") == true)
    }

    @Test func varianceIsEstimatedWhenAbsent() throws {
        let (cube, _) = try TestFITS.roundTrip(shape: [5, 8, 3], cards: TestFITS.wcs())
        let expected = VarianceEstimate.constant(data: cube.data, nx: 5, ny: 8, nz: 3)
        #expect(cube.variance?.allSatisfy { $0 == expected } == true)
        #expect(expected > 0)
    }
}
