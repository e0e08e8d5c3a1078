import Foundation
import Testing
@testable import GalPaK

/// The Freeman and mass rotation curves and the Bessel functions behind them.
@Suite struct RotationCurveTests {
    /// (y, I0, I1, K0, K1, y²[I0K0 − I1K1]) from SciPy 1.17 (`scipy.special`).
    static let scipy: [(Double, Double, Double, Double, Double, Double)] = [
        (0.01, 1.0000250001562505, 0.005000062500260419, 4.721244730161095, 99.97389411829623, 0.00042214870430311476),
        (0.1, 1.0025015629340956, 0.050062526047092694, 2.4270690247020164, 9.853844780870606, 0.0193983212960636),
        (0.5, 1.0634833707413234, 0.25789430539089636, 0.9244190712276656, 1.6564411200033007, 0.13897939444564794),
        (1.0, 1.2660658777520082, 0.5651591039924851, 0.42102443824070823, 0.6019072301972346, 0.19287132405140078),
        (1.075, 1.3104550269379525, 0.6189734947193991, 0.3786099229089886, 0.5310239853458658, 0.19352270140975553),
        (2.0, 2.279585302336067, 1.5906368546373295, 0.1138938727495334, 0.13986588181652246, 0.14861988808904358),
        (3.75, 9.118945860844567, 7.780015229824416, 0.014774250877128702, 0.016638191754688905, 0.07425293392762439),
        (5.0, 27.239871823604442, 24.335642142450524, 0.0036910983340425942, 0.004044613445452163, 0.05291950236431253),
        (8.0, 427.56411572180474, 399.8731367825599, 0.00014647070522281542, 0.00015536921180500112, 0.03184918232591816),
        (9.5, 1753.480990527323, 1658.4530777821344, 3.005788495793434e-05, 3.160203411042675e-05, 0.02666338370100622),
        (12.0, 18948.92534929631, 18141.348781638833, 2.2008253973114916e-06, 2.290757464767188e-06, 0.021001826592944584),
        (20.0, 43558282.559553534, 42454973.385127775, 5.741237815336524e-10, 5.883057969557038e-10, 0.012535579252567763),
        (40.0, 1.48947747934199e+16, 1.4707396163259354e+16, 8.392861100099567e-19, 8.497131954861038e-19, 0.006254407488920366),
    ]

    @Test func besselFunctionsMatchSciPy() {
        for (y, i0, i1, k0, k1, shape) in Self.scipy {
            #expect(abs(ModifiedBessel.i0(y) / i0 - 1) < 2e-7, "I0(\(y))")
            #expect(abs(ModifiedBessel.i1(y) / i1 - 1) < 2e-7, "I1(\(y))")
            #expect(abs(ModifiedBessel.k0(y) / k0 - 1) < 2e-7, "K0(\(y))")
            #expect(abs(ModifiedBessel.k1(y) / k1 - 1) < 2e-7, "K1(\(y))")
            #expect(abs(ModifiedBessel.freemanShape(y) / shape - 1) < 6e-6, "y²B(\(y))")
        }
        #expect(ModifiedBessel.freemanShape(0) == 0)
    }

    @Test func freemanPeaksNearVmaxAndIgnoresTheTurnoverRadius() {
        let a = RotationCurve.Scales(turnoverRadius: 1, maximumVelocity: 200, radius: 4)
        var b = a
        b.turnoverRadius = 7
        let radii = stride(from: 0.1, through: 40, by: 0.01)
        let peak = radii.map { RotationCurve.freeman.speed($0, a) }.max() ?? 0
        // 0.1934 vs the true peak 0.193523 of y²B: V·√(0.193523/0.1934) = 1.000318 V.
        #expect(abs(peak / 200 - 1.000318) < 1e-5)
        #expect(RotationCurve.freeman.speed(5, a) == RotationCurve.freeman.speed(5, b))
        // Peak at y = 1.075, i.e. R = 2·1.075·Re/1.68 = 5.12 px for Re = 4.
        let argmax = radii.max { RotationCurve.freeman.speed($0, a) < RotationCurve.freeman.speed($1, a) }!
        #expect(abs(argmax - 5.12) < 0.02)
    }

    @Test func massCurvePeakRadiiAreTheMaximaOfTheirShapes() {
        for profile in [FluxProfile.exponential, .gaussian, .deVaucouleurs] {
            let x = profile.enclosedLightPeak
            let g = { (x: Double) in profile.enclosedLight(x) / x }
            #expect(g(x) >= g(x * 1.001) && g(x) >= g(x / 1.001), "\(profile)")
        }
        #expect(abs(FluxProfile.exponential.enclosedLightPeak - 1.06738) < 1e-4)
        #expect(abs(FluxProfile.gaussian.enclosedLightPeak - 1.34916) < 1e-4)
        #expect(!FluxProfile.sersic2.hasEnclosedLight)
    }

    /// The mass curve's maximum over the rendering grid is V, as in the reference, so its
    /// amplitude depends on the grid.
    @Test func massCurveMaximumOverTheGridIsVmax() {
        let config = ModelConfiguration(rotationCurve: .mass)
        let p = GalaxyParameters(x: 14.3, y: 12.7, z: 15.6, flux: 1000, radius: 4, inclination: 60, pa: 50,
                                 turnoverRadius: 1.5, maximumVelocity: 200, velocityDispersion: 60)
        let small = DiskModel(nx: 28, ny: 26, nz: 32, velocityStep: 57, configuration: config)
        let scales = small.rotationScales(for: p)
        // Brute force over the same grid.
        var best = 0.0
        let pa = 50.0 * .pi / 180, inc = 60.0 * .pi / 180
        for j in 0..<26 {
            for i in 0..<28 {
                let dx = Double(i) - p.x, dy = Double(j) - p.y
                let u = sin(pa) * dx - cos(pa) * dy, w = cos(pa) * dx + sin(pa) * dy
                for l in 0..<small.losDepth {
                    let yy = cos(inc) * w - sin(inc) * (Double(l) - Double(small.losDepth - 1) / 2)
                    best = max(best, RotationCurve.mass.speed((u * u + yy * yy).squareRoot(), scales))
                }
            }
        }
        #expect(abs(best - 200) < 1e-9)
        let wide = DiskModel(nx: 60, ny: 60, nz: 32, velocityStep: 57, configuration: config)
        #expect(wide.rotationScales(for: p).massAmplitude != scales.massAmplitude)
    }

    @Test func massCurveRefusesTheSersic2Profile() {
        #expect(ModelConfiguration(fluxProfile: .sersic2, rotationCurve: .mass).problem != nil)
        #expect(ModelConfiguration(fluxProfile: .gaussian, rotationCurve: .mass).problem == nil)
        #expect(ModelConfiguration(fluxProfile: .sersic2, rotationCurve: .freeman).problem == nil)
    }
}
