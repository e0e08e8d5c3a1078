import Testing
@testable import GalPaK

@Suite struct GalaxyParametersTests {
    @Test func namesFollowTheReferenceOrder() {
        #expect(ParameterName.reference.map(\.key) == [
            "x", "y", "z", "flux", "radius", "inclination", "pa",
            "turnover_radius", "maximum_velocity", "velocity_dispersion",
        ])
        #expect(ParameterName(key: "rv") == .turnoverRadius)
        #expect(ParameterName(key: "Vmax") == .maximumVelocity)
        #expect(ParameterName(key: "speed") == nil)
        #expect(ParameterName.known == ParameterName.reference
                    + [.sersicIndex, .radialVelocity, .barTangential, .barRadial, .barAngle, .psfFWHM])
        #expect(ParameterName.known.map(\.knownIndex) == Array(0..<16).map { $0 })
        #expect(ParameterName(key: "psf_fwhm") == .psfFWHM && ParameterName(key: "psf") == .psfFWHM && ParameterName.psfFWHM.unit == "arcsec")
        #expect(ParameterName(key: "ratio_6583.45") == .lineRatio("6583.45") && ParameterName(key: "ratio_") == nil)
        #expect(ParameterName.lineRatio("6583.45").key == "ratio_6583.45")
        #expect(ParameterName(key: "sersic_index") == .sersicIndex && ParameterName(key: "n") == .sersicIndex)
    }

    @Test func aParameterBeyondTheSetReadsMissingAndWritingItLengthensTheSet() {
        var p = GalaxyParameters.missing
        #expect(p.values.count == 10 && p[.sersicIndex].isNaN && p.names.last == .velocityDispersion)
        p[.sersicIndex] = 2.5
        #expect(p.values.count == 11 && p[.sersicIndex] == 2.5 && p.names.last == .sersicIndex)
        #expect(p.restricted(to: ParameterName.reference).values.count == 10)
    }

    @Test func descriptorsGiveTheAnglesAndDefaultBounds() {
        let all = ParameterName.known + [.lineRatio("6583.45")]
        #expect(all.filter { $0.period != nil } == [.pa, .barAngle] && ParameterName.pa.period == 360
                    && ParameterName.barAngle.period == 180)
        // The cheap `period` agrees with every descriptor's (a line ratio's is built, not stored).
        #expect(all.allSatisfy { $0.period == $0.descriptor.period })
        let bounds = ParameterBounds.defaults(nx: 30, ny: 24, nz: 36, fluxEstimate: 100,
                                              parameters: ModelConfiguration(fluxProfile: .sersic).parameters)
        #expect(bounds.min.values == [10, 8, 12, 0, 0.8, -5, -40, 0.01, 10, 0, 0.3])
        #expect(bounds.max.values == [20, 16, 24, 300, 10.125, 90.5, 400, 10.125, 350, 180, 8])
        // An angle is inside when a turn away from its bounds; the Sérsic index is not an angle.
        #expect(bounds.contains(-380, for: .pa) && !bounds.contains(8.5, for: .sersicIndex))
    }

    @Test func sanitizingReflectsNegativeInclinationAndWrapsPA() {
        var p = GalaxyParameters(x: 1, y: 2, z: 3, flux: 4, radius: 5, inclination: -10, pa: 300,
                                 turnoverRadius: 1, maximumVelocity: 100, velocityDispersion: 50)
        #expect(p.sanitized().pa == 300 && p.sanitized().inclination == 10)
        // Sanitising twice changes nothing (the reference's form flips PA again).
        #expect(p.sanitized().sanitized() == p.sanitized())
        p[.inclination] = 10
        p[.pa] = -40
        #expect(p.sanitized().pa == 320)
        p[.pa] = 400
        #expect(p.sanitized().pa == 40)
    }

    @Test func anOptionalAngleHasItsPeriodInTheSamplersLoops() throws {
        let names = ModelConfiguration(fluxProfile: .sersic, motions: NonCircularMotions(radial: true, bisymmetric: true)).parameters
        #expect(names == ParameterName.reference + [.sersicIndex, .radialVelocity, .barTangential, .barRadial, .barAngle])
        #expect(names.indices.map { ParameterName.period(at: $0, in: names) } == names.map(\.period))
        #expect(ParameterName.period(at: 14, in: names) == 180 && ParameterName.period(at: 6, in: names) == 360)
        // Sanitising wraps the bar's angle to [0, 180); PA to [0, 360).
        var p = GalaxyParameters.uniform(1, names)
        (p[.pa], p[.barAngle]) = (-40, 200)
        #expect(p.sanitized()[.barAngle] == 20 && p.sanitized()[.pa] == 320)
        p[.barAngle] = -30
        #expect(p.sanitized()[.barAngle] == 150)
        // Bounds hold an angle a period away; a prior on it measures the wrapped difference.
        let bounds = ParameterBounds.defaults(nx: 30, ny: 24, nz: 36, fluxEstimate: 100, parameters: names)
        #expect(bounds.min[.barAngle] == -20 && bounds.max[.barAngle] == 200)
        #expect(bounds.contains(350, for: .barAngle) && !bounds.contains(350, for: .barRadial))
        var priors = GaussianPriors()
        priors.set(.barAngle, mean: 175, sigma: 5)
        priors.mean = priors.mean.restricted(to: names)
        priors.sigma = priors.sigma.restricted(to: names)
        p[.barAngle] = 5
        #expect(abs(priors.logDensity(p) - (-0.5 * 4)) < 1e-12, "175° and 5° are 10° apart for a period of 180°")
        // A sample straddling 0°/180° has a spread of a few degrees, not ~90°.
        var chain = Chain(names: names)
        for (k, angle) in [178.0, 179, 1, 2, 177, 3].enumerated() {
            var q = GalaxyParameters.uniform(1, names)
            q[.barAngle] = angle
            q[.x] = Double(k)
            chain.append(q, reducedChi2: 1)
        }
        var reference = GalaxyParameters.uniform(1, names)
        reference[.barAngle] = 179
        let spread = ScaleTuner.spread(of: chain, from: reference)
        #expect(spread[14] < 3, "bar_angle spread \(spread[14])")
        let covariance = SampleCovariance.of([chain], reference: reference)
        #expect(covariance[14 * names.count + 14].squareRoot() < 3)
    }

    @Test func velocityStepMatchesTheReferenceDefinition() {
        // Parity case 01: 6540 Å, 1.25 Å, CRPIX3 1, nz 32 → λc 6558.75 Å, dv 57.1755 km/s.
        let axis = SpectralAxis(crval: 6540, crpix: 1, cdelt: 1.25, unit: .angstrom)
        #expect(axis.centralValue(channels: 32) == 6558.75)
        #expect(abs(axis.velocityStep(channels: 32) - 57.17552887364208) < 1e-10)
    }
}
