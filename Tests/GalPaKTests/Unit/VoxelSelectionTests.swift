import Foundation
import Testing
@testable import GalPaK

/// `--mask` and `--channels`: which voxels χ² (and every estimate) sees.
@Suite struct VoxelSelectionTests {
    private static let (nx, ny, nz) = (4, 3, 6)

    /// A cube of ramp data with variance 2 everywhere, written nowhere (`path` names it).
    private func cube() -> Cube {
        Cube(nx: Self.nx, ny: Self.ny, nz: Self.nz, data: TestFITS.ramp(nx: Self.nx, ny: Self.ny, nz: Self.nz),
             variance: [Double](repeating: 2, count: Self.nx * Self.ny * Self.nz),
             spectral: SpectralAxis(crval: 6564, crpix: 1, cdelt: 1.25, unit: .angstrom), pixscale: 0.2,
             path: "cube.fits")
    }

    private func writeMask(_ values: [Double], shape: [Int], in dir: String, name: String = "mask.fits") throws -> String {
        let path = dir + "/" + name
        try TestFITS.write([.init(shape: shape, values: values)], to: path)
        return path
    }

    @Test func maskingTheVoxelWithTheHugeResidualRemovesExactlyItsTerm() throws {
        let dir = try TestFITS.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var data = cube()
        let model = data.data.map { $0 - 1 }  // every residual 1, …
        let bad = data.index(2, 1, 3)
        data.data[bad] += 1e6  // … but one
        var mask = [Double](repeating: 1, count: data.count)
        mask[bad] = 0
        let path = try writeMask(mask, shape: [Self.nx, Self.ny, Self.nz], in: dir)

        let before = ChiSquare(cube: data)
        var masked = data
        #expect(try VoxelSelection(maskPath: path).apply(to: &masked) == 1)
        let after = ChiSquare(cube: masked)
        let term = (data.data[bad] - model[bad]) * (data.data[bad] - model[bad]) / 2
        #expect(after.validCount == before.validCount - 1)
        #expect(after(model) == Double(data.count - 1) / 2)
        #expect(abs(before(model) - after(model) - term) <= 1e-12 * term)
        #expect(masked.data[bad].isNaN)
        #expect(masked.variance == data.variance)
    }

    @Test func channelsEqualTheirThreeDimensionalMask() throws {
        let dir = try TestFITS.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plane = Self.nx * Self.ny
        let mask = (0..<(plane * Self.nz)).map { n in (1...4).contains(n / plane) ? 1.0 : 0 }
        let path = try writeMask(mask, shape: [Self.nx, Self.ny, Self.nz], in: dir)
        var byChannels = cube(), byMask = cube()
        try VoxelSelection(channels: 1...4).apply(to: &byChannels)
        try VoxelSelection(maskPath: path).apply(to: &byMask)
        #expect(byChannels.data.map(\.isNaN) == byMask.data.map(\.isNaN))
        #expect(byChannels.data.filter { !$0.isNaN } == byMask.data.filter { !$0.isNaN })
        let model = [Double](repeating: 3, count: plane * Self.nz)
        #expect(ChiSquare(cube: byChannels)(model) == ChiSquare(cube: byMask)(model))
        #expect(ChiSquare(cube: byChannels).validCount == 4 * plane)
    }

    @Test func aSpatialMaskAppliesToEveryChannelAndLengthOneAxesAreIgnored() throws {
        let dir = try TestFITS.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plane = Self.nx * Self.ny
        let spatial = (0..<plane).map { $0 == 5 ? 0.0 : ($0 == 6 ? .nan : 7) }
        var flat = cube(), withStokes = cube(), full = cube()
        try VoxelSelection(maskPath: try writeMask(spatial, shape: [Self.nx, Self.ny], in: dir)).apply(to: &flat)
        try VoxelSelection(maskPath: try writeMask(spatial, shape: [Self.nx, Self.ny, 1], in: dir, name: "m1.fits"))
            .apply(to: &withStokes)
        let repeated = (0..<Self.nz).flatMap { _ in spatial }
        try VoxelSelection(maskPath: try writeMask(repeated, shape: [Self.nx, Self.ny, 1, Self.nz], in: dir, name: "m4.fits"))
            .apply(to: &full)
        for k in 0..<Self.nz {
            #expect(flat.data[k * plane + 5].isNaN && flat.data[k * plane + 6].isNaN && flat.data[k * plane + 7].isFinite)
        }
        #expect(flat.data.map(\.isNaN) == withStokes.data.map(\.isNaN))
        #expect(flat.data.map(\.isNaN) == full.data.map(\.isNaN))
        #expect(flat.data.filter(\.isNaN).count == 2 * Self.nz)
    }

    @Test func wrongShapesAndRangesAreRefusedNamingTheFile() throws {
        let dir = try TestFITS.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let wrong = try writeMask([Double](repeating: 1, count: 12), shape: [3, 4], in: dir)
        var c = cube()
        let message = TestFITS.errorMessage { try VoxelSelection(maskPath: wrong).apply(to: &c) }
        #expect(message == "\(wrong): the mask (HDU 1) is 3×4 but the cube cube.fits is 4×3×6 (x×y×channels); a mask must be 4×3 (every channel) or 4×3×6")
        let zeros = try writeMask([Double](repeating: 0, count: 12), shape: [4, 3], in: dir, name: "zeros.fits")
        #expect(TestFITS.errorMessage { try VoxelSelection(maskPath: zeros).apply(to: &c) }?
            .hasPrefix("\(zeros): --mask \(zeros) leaves no voxel with data") == true)
        #expect(TestFITS.errorMessage { try VoxelSelection(channels: 4...6).apply(to: &c) }
            == "cube.fits: --channels 4:6 is outside the cube's channels 0:5 (0-based, inclusive)")
        #expect(TestFITS.errorMessage { try VoxelSelection(channels: 2...3).apply(to: &c) }
            == "cube.fits: --channels 2:3 keeps 2 channels; a line needs at least 3")
        #expect(c.data == cube().data)
    }

    @Test func channelRangesParseAndPrint() {
        #expect(VoxelSelection.channels(parsing: "3:7") == 3...7)
        #expect(VoxelSelection.channels(parsing: " 0 : 0 ") == 0...0)
        for bad in ["7:3", "-1:3", "3", "3:", ":3", "a:b", "1:2:3", "1.5:3"] {
            #expect(VoxelSelection.channels(parsing: bad) == nil, "\(bad)")
        }
        #expect(VoxelSelection.text(3...7) == "3:7")
        let cards = VoxelSelection(maskPath: "dir/my mask.fits", channels: 3...7).headerCards
        #expect(cards.map(\.name) == ["FITMASK", "FITCHAN1", "FITCHAN2"])
        #expect(cards.map(\.text) == ["my mask.fits", "4", "8"])
        #expect(VoxelSelection().headerCards.isEmpty)
    }

    @Test func channelsMoveTheBoundsOfZToTheirMiddleThird() throws {
        var options = FitOptions(cubePath: "cube.fits")
        let whole = try ParameterConstraints(options: options, nx: 30, ny: 30, nz: 60, fluxEstimate: 10)
        options.selection.channels = 30...59
        let part = try ParameterConstraints(options: options, nx: 30, ny: 30, nz: 60, fluxEstimate: 10)
        #expect(whole.bounds.min[.z] == 20 && whole.bounds.max[.z] == 40)
        #expect(part.bounds.min[.z] == 40 && part.bounds.max[.z] == 50)
        #expect(part.bounds.min[.x] == whole.bounds.min[.x] && part.bounds.max[.flux] == whole.bounds.max[.flux])
    }
}
