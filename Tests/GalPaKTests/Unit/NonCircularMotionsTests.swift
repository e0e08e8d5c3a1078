import Foundation
import Testing
@testable import GalPaK

/// `--radial-flow` and `--bisymmetric` (``NonCircularMotions``): the renderer's line-of-sight
/// velocities against values computed by hand from the documented sky conventions (receding
/// half of the major axis towards (sin PA, −cos PA), near side towards (cos PA, sin PA), θ from
/// the receding axis towards the far side) and Spekkens & Sellwood's formula, on a thin disk;
/// the thick disk's moments against a direct sum along the line of sight; and zero flows
/// render the circular disk.
@Suite struct NonCircularMotionsTests {
    static let both = NonCircularMotions(radial: true, bisymmetric: true)
    /// 21 × 21 spaxels: a line of sight of 21 points, the middle one at l = 10.
    static let side = 21

    /// A disk centred on a pixel at 45°: every spaxel's line of sight then has a point exactly in
    /// the mid-plane (Z = (w + dl)/√2 = 0 at dl = −w), and with q = 0.005 (h = 0.02 px) its
    /// neighbours, 0.71 px above and below, weigh e^−540: the velocity map is the velocity of
    /// that one point of the plane.
    static func thinDisk(pa: Double, flows: [ParameterName: Double]) -> GalaxyParameters {
        var p = GalaxyParameters(x: 10, y: 10, z: 12, flux: 100, radius: 5, inclination: 45, pa: pa,
                                 turnoverRadius: 2, maximumVelocity: 150, velocityDispersion: 20)
        for name in both.parameters { p[name] = flows[name] ?? 0 }
        return p
    }

    /// By hand: the spaxel (dx, dy) from the centre lies a = (dx, dy)·(sin PA, −cos PA) along the
    /// receding axis and b = (dx, dy)·(cos PA, sin PA) towards the near side, i.e. at
    /// (a, −b/cos i) in the plane with θ from the receding axis towards the far side; then
    /// v_los = sin i [v cos θ − V2t cos 2(θ−φb) cos θ − V2r sin 2(θ−φb) sin θ + Vr sin θ], every
    /// term with the tanh curve's shape tanh(R/rt).
    static func handVelocity(_ p: GalaxyParameters, dx: Double, dy: Double) -> Double {
        let pa = p.pa * .pi / 180, inc = p.inclination * .pi / 180
        let a = dx * sin(pa) - dy * cos(pa), b = dx * cos(pa) + dy * sin(pa)
        let (x, y) = (a, -b / cos(inc))
        let r = (x * x + y * y).squareRoot(), theta = atan2(y, x), phi = p[.barAngle] * .pi / 180
        let s = tanh(r / p.turnoverRadius)
        return sin(inc) * (p.maximumVelocity * s * cos(theta)
            - p[.barTangential] * s * cos(2 * (theta - phi)) * cos(theta)
            - p[.barRadial] * s * sin(2 * (theta - phi)) * sin(theta)
            + p[.radialVelocity] * s * sin(theta))
    }

    static func thinModel() -> DiskModel {
        DiskModel(nx: side, ny: side, nz: 24, velocityStep: 30,
                  configuration: ModelConfiguration(thickness: .gaussian, aspect: 0.005, motions: both))
    }

    static let spaxels: [(dx: Double, dy: Double)] = [(3, 0), (-3, 0), (2, -3), (-4, 1), (0, 3), (5, -2), (-1, -6), (6, 6)]

    @Test(arguments: [0.0, 90, 270])
    func thinDiskVelocitiesMatchHandComputedValues(pa: Double) {
        let model = Self.thinModel()
        let cases: [[ParameterName: Double]] = [
            [.radialVelocity: -30],
            [.barTangential: 40, .barRadial: 25, .barAngle: 30],
            [.radialVelocity: 45, .barTangential: 60, .barRadial: -35, .barAngle: 125],
        ]
        for flows in cases {
            let p = Self.thinDisk(pa: pa, flows: flows)
            _ = model.render(p)
            for s in Self.spaxels {
                let v = model.velocityMap[(10 + Int(s.dy)) * Self.side + 10 + Int(s.dx)]
                let expected = Self.handVelocity(p, dx: s.dx, dy: s.dy)
                #expect(abs(v - expected) < 1e-9, "PA \(pa) \(flows) spaxel \(s): \(v) vs \(expected)")
            }
        }
    }

    @Test func handValuesAndTheSidesOfAnInflow() {
        // PA 0: approaching +y, receding −y, near side +x. Spaxel (3, 0): on the minor axis,
        // 3/cos 45° = 4.2426 px from the centre on the near side (θ = −90°):
        // v = sin 45° · (−30) · tanh(2.1213) · (−1) = +20.6122 km/s, an inflow seen receding.
        let model = Self.thinModel()
        let inflow = Self.thinDisk(pa: 0, flows: [.radialVelocity: -30])
        _ = model.render(inflow)
        let near = model.velocityMap[10 * Self.side + 13], far = model.velocityMap[10 * Self.side + 7]
        #expect(abs(near - 20.612189433740124) < 1e-9 && abs(far + 20.612189433740124) < 1e-9, "\(near), \(far)")
        // Spaxel (2, −3) with every flow: a = 3, b = 2, R = √17, θ = −43.3139° (computed by hand
        // from the formula above, independently of the renderer's algebra in X and Y).
        let all = Self.thinDisk(pa: 0, flows: [.radialVelocity: -30, .barTangential: 40, .barRadial: 25, .barAngle: 30])
        _ = model.render(all)
        #expect(abs(model.velocityMap[7 * Self.side + 12] - 98.98366107245127) < 1e-9)
        // The rotation alone is unchanged on the major axis: at (0, −3) (receding, θ = 0) v = sin i · v(3).
        _ = model.render(Self.thinDisk(pa: 0, flows: [.radialVelocity: -30]))
        #expect(abs(model.velocityMap[7 * Self.side + 10] - sin(.pi / 4) * 150 * tanh(1.5)) < 1e-9)
    }

    /// The thick disk's intrinsic velocity and dispersion with both flows against a plain sum over
    /// every point of the line of sight: F = Σ f, V = Σ v f / F, S² = Σ v² f / F − V² + Σ σd² f² / Σ f² + σ0²,
    /// f = exp(−b1 (R/Re − 1))·exp(−Z²/2h²), σd = hz·v(R)/R, v from the hand formula per point.
    @Test(arguments: [ModelConfiguration(motions: both), ModelConfiguration(rotationCurve: .arctan, thickness: .exponential,
                                                                           aspect: 0.3, motions: both)])
    func thickDiskMomentsMatchADirectSumAlongTheLineOfSight(configuration: ModelConfiguration) {
        let (nx, ny) = (24, 20)
        let model = DiskModel(nx: nx, ny: ny, nz: 30, velocityStep: 30, configuration: configuration)
        var p = GalaxyParameters(x: 11.3, y: 9.6, z: 15, flux: 100, radius: 4, inclination: 62, pa: 35,
                                 turnoverRadius: 1.5, maximumVelocity: 180, velocityDispersion: 25)
        (p[.radialVelocity], p[.barTangential], p[.barRadial], p[.barAngle]) = (-40, 35, 20, 70)
        _ = model.render(p)
        let depth = (nx + ny + 1) / 2
        let inc = p.inclination * .pi / 180, pa = p.pa * .pi / 180, phi = p[.barAngle] * .pi / 180
        let hz = configuration.aspect * p.radius, h = configuration.thickness.scale(hz: hz)
        func speedShape(_ r: Double) -> Double {
            configuration.rotationCurve == .arctan ? 2 / .pi * atan(r / p.turnoverRadius) : tanh(r / p.turnoverRadius)
        }
        for (i, j) in [(14, 12), (8, 7), (11, 15), (18, 9), (5, 11)] {
            let (dx, dy) = (Double(i) - p.x, Double(j) - p.y)
            let xp = sin(pa) * dx - cos(pa) * dy, w = cos(pa) * dx + sin(pa) * dy
            var f0 = 0.0, f1 = 0.0, f2 = 0.0, ff = 0.0, s2 = 0.0
            for l in 0..<depth {
                let dl = Double(l) - Double(depth - 1) / 2
                let yp = cos(inc) * w - sin(inc) * dl, zp = sin(inc) * w + cos(inc) * dl
                let r = (xp * xp + yp * yp).squareRoot(), theta = atan2(-yp, xp)
                let t = zp / h
                let vertical = configuration.thickness == .gaussian ? exp(-0.5 * t * t) : exp(-abs(t))
                let f = exp(-FluxProfile.bn(index: 1) * (r / p.radius - 1)) * vertical
                let s = speedShape(r)
                let v = sin(inc) * (p.maximumVelocity * s * cos(theta) - p[.barTangential] * s * cos(2 * (theta - phi)) * cos(theta)
                    - p[.barRadial] * s * sin(2 * (theta - phi)) * sin(theta) + p[.radialVelocity] * s * sin(theta))
                let sigmaD = hz * p.maximumVelocity * s / r
                f0 += f; f1 += v * f; f2 += v * v * f; ff += f * f; s2 += sigmaD * sigmaD * f * f
            }
            let velocity = f1 / f0
            let dispersion = (f2 / f0 - velocity * velocity + s2 / ff + p.velocityDispersion * p.velocityDispersion).squareRoot()
            let s = j * nx + i
            #expect(abs(model.velocityMap[s] - velocity) < 1e-5, "spaxel (\(i), \(j)): V \(model.velocityMap[s]) vs \(velocity)")
            #expect(abs(model.dispersionMap[s] - dispersion) < 1e-5, "spaxel (\(i), \(j)): S \(model.dispersionMap[s]) vs \(dispersion)")
        }
    }

    /// Zero flows render the circular disk (every curve, the `mass` curve's shape too), and the
    /// two descriptions of one bisymmetric flow, and a bar angle a period apart, the same cube.
    @Test(arguments: [RotationCurve.tanh, .mass, .freeman])
    func zeroFlowsRenderTheCircularDiskAndEqualFlowsTheSameCube(curve: RotationCurve) {
        let (nx, ny, nz) = (18, 16, 22)
        let circular = DiskModel(nx: nx, ny: ny, nz: nz, velocityStep: 40, configuration: ModelConfiguration(rotationCurve: curve))
        let flowing = DiskModel(nx: nx, ny: ny, nz: nz, velocityStep: 40,
                                configuration: ModelConfiguration(rotationCurve: curve, motions: Self.both))
        var p = TestSupport.truth
        (p[.x], p[.y], p[.z]) = (8.4, 7.3, 10.6)
        let a = circular.render(p)
        for name in Self.both.parameters { p[name] = 0 }
        p[.barAngle] = 63
        let b = flowing.render(p)
        let peak = a.max()!
        #expect(peak > 0 && zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 * peak }, "\(curve.name): zero flows differ")

        (p[.radialVelocity], p[.barTangential], p[.barRadial], p[.barAngle]) = (25, 40, -30, 20)
        let bar = flowing.render(p)
        #expect(zip(a, bar).contains { abs($0 - $1) > 1e-3 * peak }, "the flows change the cube")
        (p[.barTangential], p[.barRadial], p[.barAngle]) = (-40, 30, 110)
        let turned = flowing.render(p)
        p[.barAngle] = 290
        let wrapped = flowing.render(p)
        #expect(zip(bar, turned).allSatisfy { abs($0 - $1) < 1e-10 * peak }, "(V2t, V2r, φ) and (−V2t, −V2r, φ + 90°)")
        #expect(zip(turned, wrapped).allSatisfy { abs($0 - $1) < 1e-10 * peak }, "φ and φ + 180°")
    }

    /// A prior on the bar's angle, whose default bounds span its period, is wrapped by the
    /// nested and ensemble samplers' prior, paired with the angle (not with whatever parameter
    /// sits where it was appended).
    @Test func aWrappedPriorOnTheBarAngleMeetsTheBarAngle() throws {
        let names = ModelConfiguration(motions: Self.both).parameters
        let bounds = ParameterBounds.defaults(nx: 20, ny: 20, nz: 20, fluxEstimate: 100, parameters: names)
        var priors = GaussianPriors()
        priors.set(.barAngle, mean: 175, sigma: 5)
        priors.mean = priors.mean.restricted(to: names)
        priors.sigma = priors.sigma.restricted(to: names)
        let constraints = ParameterConstraints(bounds: bounds, fixed: .missing(names), priors: priors)
        var template = GalaxyParameters.uniform(1, names)
        template[.barAngle] = 5
        let prior = try FreeParameterPrior(constraints: constraints, template: template, free: names.map { _ in true })
        #expect(prior.wrapped.mean.names == names && prior.wrapped.mean[.barAngle] == 175)
        #expect(abs(prior.wrapped.logDensity(template) - (-2)) < 1e-12, "175° and 5° are 10° = 2σ apart")
    }

    /// The nested sampler's prior spans each angle once (PA −40…320, bar angle −20…160 from the
    /// default bounds −40…400 and −20…200), so that no angle counts twice in the prior volume; the
    /// ensemble's keeps the bounds.
    @Test func theNestedPriorSpansEachAngleOnce() throws {
        let names = ModelConfiguration(motions: Self.both).parameters
        let bounds = ParameterBounds.defaults(nx: 20, ny: 20, nz: 20, fluxEstimate: 100, parameters: names)
        let constraints = ParameterConstraints(bounds: bounds, fixed: .missing(names), priors: GaussianPriors())
        let template = GalaxyParameters.uniform(1, names)
        let free = names.map { _ in true }
        let nested = try FreeParameterPrior(constraints: constraints, template: template, free: free, onePeriod: true)
        let ensemble = try FreeParameterPrior(constraints: constraints, template: template, free: free)
        for (k, name) in names.enumerated() {
            let width = bounds.max[name] - bounds.min[name]
            #expect(nested.box.lower[k] == bounds.min[name] && ensemble.box.lower[k] == bounds.min[name])
            #expect(ensemble.box.upper[k] == bounds.max[name])
            #expect(nested.box.upper[k] - nested.box.lower[k] == (name.period.map { Swift.min($0, width) } ?? width), "\(name.key)")
        }
        #expect(nested.box.upper[names.firstIndex(of: .pa)!] == 320)
    }

    @Test func theFlowsAddTheirParametersAfterTheTenAndTheSersicIndex() {
        #expect(NonCircularMotions.none.parameters.isEmpty && NonCircularMotions.none.description == "none")
        #expect(NonCircularMotions(radial: true).parameters == [.radialVelocity])
        #expect(Self.both.description == "radial, bisymmetric")
        let lines = NamedLineSets.named("halpha-nii")!
        #expect(ModelConfiguration(fluxProfile: .sersic, lines: lines, motions: Self.both).parameters
                    == ParameterName.reference + [.sersicIndex] + Self.both.parameters + lines.parameters)
        for name in Self.both.parameters {
            #expect(ParameterName(key: name.key) == name && ParameterName(key: name.shortName) == name)
            #expect(name.descriptor.addedBy == (name == .radialVelocity ? "--radial-flow" : "--bisymmetric"))
        }
    }
}
