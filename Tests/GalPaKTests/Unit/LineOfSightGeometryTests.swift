import Foundation
import Testing
@testable import GalPaK

/// The renderer visits only `losRange` of each line of sight: it must contain every point
/// the full line would keep (those within 1e-8 (e^−18.42) of the line's brightest point).
@Suite struct LineOfSightGeometryTests {
    static let models: [ModelConfiguration] = [
        ModelConfiguration(),
        ModelConfiguration(fluxProfile: .deVaucouleurs, thickness: .exponential),
        ModelConfiguration(fluxProfile: .gaussian, thickness: .sech2, aspect: 0.4),
        ModelConfiguration(fluxProfile: .sersic2, thickness: .gaussian, aspect: 0.05),
        ModelConfiguration(thickness: .none),
    ]

    @Test(arguments: models)
    func rangeHoldsEveryPointThatCounts(model: ModelConfiguration) {
        var generator = SeededGenerator(seed: 3)
        let (nx, ny) = (36, 30)
        let depth = (nx + ny + 1) / 2
        for inclination in [0.0, 20, 55, 80, 89.9, 90] {
            let p = GalaxyParameters(x: 17.3, y: 14.1, z: 10, flux: 1, radius: 2 + 4 * generator.nextOpenUnitInterval(),
                                     inclination: inclination, pa: 360 * generator.nextOpenUnitInterval(),
                                     turnoverRadius: 1.5, maximumVelocity: 200, velocityDispersion: 30)
            let geometry = LineOfSightGeometry(p, configuration: model, depth: depth)
            for j in stride(from: 0, to: ny, by: 3) {
                for i in stride(from: 0, to: nx, by: 3) {
                    let (u, w) = geometry.disk.project(dx: Double(i) - p.x, dy: Double(j) - p.y)
                    let logf = (0..<depth).map { l -> Double in
                        let dl = Double(l) - geometry.midPlane
                        let y = geometry.disk.cosI * w - geometry.disk.sinI * dl
                        let z = geometry.disk.sinI * w + geometry.disk.cosI * dl
                        return model.fluxProfile.logIntensity((u * u + y * y).squareRoot(), re: p.radius)
                            + model.thickness.logShape(z * geometry.inverseH)
                    }
                    let peak = logf.max()!
                    let kept = logf.indices.filter { logf[$0] >= peak - DiskModel.negligibleLogRatio }
                    let range = geometry.losRange(x: u, w: w)
                    #expect(!range.isEmpty)
                    #expect(kept.allSatisfy(range.contains), "i=\(inclination) spaxel (\(i),\(j)): kept \(kept.first!)…\(kept.last!) outside \(range)")
                }
            }
        }
    }

    @Test func thinDiskLinesAreMostlySkipped() {
        let p = GalaxyParameters(x: 50, y: 50, z: 10, flux: 1, radius: 10, inclination: 45, pa: 0,
                                 turnoverRadius: 2, maximumVelocity: 200, velocityDispersion: 30)
        let geometry = LineOfSightGeometry(p, configuration: ModelConfiguration(), depth: 100)
        let range = geometry.losRange(x: 3, w: 4)
        #expect(range.count < 40, "visited \(range.count) of 100 points")
    }
}
