import Foundation
import Testing
@testable import GalPaK

/// The major axis, the rotation-curve profile and its file, and the angular scale.
@Suite struct RotationCurveProfileTests {
    @Test func majorAxisPointsTowardsTheRecedingSide() {
        let axis = MajorAxis(x: 10, y: 8, pa: 90)
        let p = axis.point(at: 3)
        #expect(abs(p.x - 13) < 1e-12 && abs(p.y - 8) < 1e-12)
        // Offsets stay on the 21 × 17 grid: x from 0 to 20 along PA 90°.
        let offsets = axis.offsets(nx: 21, ny: 17, step: 0.5)
        #expect(offsets.first == -10 && offsets.last == 10 && offsets.contains(0))
        #expect(MajorAxis(x: -5, y: 8, pa: 90).offsets(nx: 21, ny: 17, step: 1).isEmpty)
    }

    @Test func bilinearSamplingIsExactOnAPlane() {
        let (nx, ny) = (9, 7)
        let map = (0..<nx * ny).map { Double($0 % nx) * 2 + Double($0 / nx) * 3 + 1 }
        let axis = MajorAxis(x: 4.3, y: 3.1, pa: 37)
        for r in stride(from: -2.5, through: 2.5, by: 0.5) {
            let p = axis.point(at: r)
            #expect(abs(axis.sample(map, nx: nx, ny: ny, at: r) - (p.x * 2 + p.y * 3 + 1)) < 1e-12)
        }
        #expect(axis.sample(map, nx: nx, ny: ny, at: 40).isNaN)
    }

    private func profile(kpc: Double?) throws -> RotationCurveProfile {
        let best = GalaxyParameters(x: 12, y: 11, z: 10, flux: 100, radius: 3, inclination: 60, pa: 45,
                                    turnoverRadius: 1.5, maximumVelocity: 200, velocityDispersion: 40)
        var chain = Chain()
        for (rt, vmax) in [(1.3, 190.0), (1.5, 200.0), (1.7, 210.0), (1.4, 205.0), (1.6, 195.0)] {
            var p = best
            p[.turnoverRadius] = rt
            p[.maximumVelocity] = vmax
            chain.append(p, reducedChi2: 1, weight: 2)
        }
        let model = DiskModel(nx: 24, ny: 22, nz: 20, velocityStep: 50)
        let intrinsic = KinematicMaps.intrinsic(of: model, at: best)
        let data = DataVelocityMap(velocity: intrinsic.velocity, error: intrinsic.velocity.map { $0.isNaN ? .nan : 5 },
                                   nx: 24, ny: 22, bins: nil, correlation: .white)
        return RotationCurveProfile(
            estimate: best, model: model,
            spread: .draws((0..<chain.count).map { chain.parameters(at: $0) },
                           counts: (0..<chain.count).map { chain.weight(at: $0) }),
            percentile: 95,
            intrinsic: intrinsic, pixscale: 0.2, kpcPerArcsec: kpc, data: data)
    }

    @Test func theBandBracketsTheCurveWhichIsAntisymmetric() throws {
        let p = try profile(kpc: nil)
        #expect(p.radius.count > 20)
        for n in p.radius.indices {
            let r = p.radius[n]
            #expect(p.rotationLower[n] <= p.rotation[n] + 1e-9 && p.rotation[n] <= p.rotationUpper[n] + 1e-9)
            #expect(abs(p.rotation[n] - (r < 0 ? -1 : 1) * 200 * tanh(abs(r) / 1.5)) < 1e-9)
            // The intrinsic line-of-sight velocity has the curve's sign and is smaller (sin i < 1).
            if abs(r) > 2, p.velocity[n].isFinite {
                #expect(p.velocity[n] * r > 0 && abs(p.velocity[n]) < abs(p.rotation[n]))
                #expect(p.dispersion[n] >= 40)
            }
        }
        // Far out the band is the spread of Vmax: 190…210.
        let outer = try #require(p.radius.indices.last)
        #expect(p.rotationLower[outer] > 189 && p.rotationUpper[outer] < 211 && p.rotationUpper[outer] > 205)
        // The data's velocity (here the intrinsic map, errors 5 km/s) is sampled as the intrinsic
        // map is; interpolating between independent spaxels shrinks the error.
        let data = try #require(p.dataVelocity)
        #expect(data.velocity.elementsEqual(p.velocity) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(data.error.allSatisfy { $0.isNaN || ($0 <= 5 + 1e-12 && $0 >= 5 / 2 - 1e-12) })
        #expect(data.error.contains { $0 < 4.9 })
        // The circular speed with pressure support, by hand: sign(r)·√(v² + 2·40²·|r|·1.678/3);
        // no radial flow in this model.
        let circular = try #require(p.circular)
        for n in p.radius.indices {
            let r = p.radius[n]
            let v = 200 * tanh(abs(r) / 1.5)
            #expect(abs(circular[n] - (r < 0 ? -1 : 1) * (v * v + 2 * 1600 * abs(r) * 1.678 / 3).squareRoot()) < 1e-9)
        }
        #expect(p.radial == nil)
    }

    @Test func aRadialFlowHasTheCurvesShapeOnBothSides() {
        var best = GalaxyParameters(x: 12, y: 11, z: 10, flux: 100, radius: 3, inclination: 60, pa: 45,
                                    turnoverRadius: 1.5, maximumVelocity: 200, velocityDispersion: 40)
        best[.radialVelocity] = -25
        let model = DiskModel(nx: 24, ny: 22, nz: 20, velocityStep: 50,
                              configuration: ModelConfiguration(motions: NonCircularMotions(radial: true)))
        let p = RotationCurveProfile(estimate: best, model: model, spread: .draws([best], counts: [1]), percentile: 95,
                                     intrinsic: KinematicMaps.intrinsic(of: model, at: best), pixscale: 0.2, kpcPerArcsec: nil)
        let radial = p.radial ?? []
        #expect(radial.count == p.radius.count)
        #expect(zip(p.radius, radial).allSatisfy { r, v in abs(v - -25 * tanh(abs(r) / 1.5)) < 1e-9 })
    }

    @Test(arguments: [nil, 6.289] as [Double?])
    func fileRoundTrips(kpc: Double?) throws {
        let p = try profile(kpc: kpc)
        let text = RotationCurveFile.text(for: p)
        #expect(text.contains("radius_kpc") == (kpc != nil))
        let path = try TestFITS.directory() + "/g_rotcurve.dat"
        try AtomicFile.write(text: text, to: path)
        let back = try RotationCurveFile.read(path: path, pixscale: 0.2)
        #expect(back.radius == p.radius && back.rotation == p.rotation && back.rotationUpper == p.rotationUpper)
        #expect(back.dispersion.elementsEqual(p.dispersion) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        let data = try #require(back.dataVelocity), written = try #require(p.dataVelocity)
        #expect(data.velocity.elementsEqual(written.velocity) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(data.error.elementsEqual(written.error) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(back.circular == p.circular && back.radial == nil)
        // The data columns, then the circular speed, come last; a file without them (an earlier
        // galpak's) reads without.
        #expect(try FixedWidthTable(parsing: text, source: path).columns.suffix(3)
                    == ["data_velocity_kms", "data_velocity_err_kms", "circular_kms"])
        var older = p
        older.dataVelocity = nil
        older.circular = nil
        try AtomicFile.write(text: RotationCurveFile.text(for: older), to: path)
        let old = try RotationCurveFile.read(path: path, pixscale: 0.2)
        #expect(old.dataVelocity == nil && old.circular == nil)
        if let kpc { #expect(abs(try #require(back.kpcPerArcsec) - kpc) < 1e-12) } else { #expect(back.kpcPerArcsec == nil) }
    }

    /// Against astropy's `Planck15.kpc_proper_per_arcmin(z) / 60` (which adds radiation and
    /// massive neutrinos): within 3e-4.
    @Test(arguments: [(0.1, 1.9045442172176896), (0.5, 6.288231448626935), (1.0, 8.231906774990977),
                      (3.0, 7.890094853175872)])
    func angularScaleMatchesAstropysPlanck15(z: Double, astropy: Double) {
        let ours = FlatLambdaCDM.planck15.kiloparsecsPerArcsecond(redshift: z)
        #expect(abs(ours / astropy - 1) < 3e-4, "z = \(z): \(ours) vs \(astropy)")
    }
}
