import Foundation
import Testing
@testable import GalPaK

/// ``SkyResults`` from a chain: the east-of-north angles on north-up and rotated grids, their
/// error, the centre's errors, the systemic velocity and the sizes in arcsec; none without a
/// celestial WCS.
@Suite struct SkyResultsTests {
    static let pixscale = 0.2

    /// Cards of a TAN cube whose CD matrix turns the grid by `rotation` degrees (north at
    /// `rotation` anticlockwise from +y, +y at PA −`rotation`), with a wavelength axis and RESTWAV = Hα.
    static func cards(rotation: Double, celestial: Bool = true) -> [HeaderCard] {
        let s = pixscale / 3600, r = rotation * .pi / 180
        var cards = [
            HeaderCard(name: "CRPIX1", number: 5), HeaderCard(name: "CRPIX2", number: 5),
            HeaderCard(name: "CRVAL1", number: 150.1), HeaderCard(name: "CRVAL2", number: 2.2),
            HeaderCard(name: "CD1_1", number: -s * cos(r)), HeaderCard(name: "CD1_2", number: -s * sin(r)),
            HeaderCard(name: "CD2_1", number: -s * sin(r)), HeaderCard(name: "CD2_2", number: s * cos(r)),
            HeaderCard(name: "CTYPE3", string: "AWAV"), HeaderCard(name: "CUNIT3", string: "Angstrom"),
            HeaderCard(name: "CRPIX3", number: 1), HeaderCard(name: "CRVAL3", number: 6570), HeaderCard(name: "CD3_3", number: 1.25),
            HeaderCard(name: "RESTWAV", number: 6564.614e-10),
        ]
        if celestial {
            cards += [HeaderCard(name: "CTYPE1", string: "RA---TAN"), HeaderCard(name: "CTYPE2", string: "DEC--TAN")]
        } else {
            cards += [HeaderCard(name: "CTYPE1", string: "LINEAR"), HeaderCard(name: "CTYPE2", string: "LINEAR"),
                      HeaderCard(name: "CUNIT1", string: "deg"), HeaderCard(name: "CUNIT2", string: "deg")]
        }
        return cards
    }

    /// A chain of three rows around (x, y, z) = (4.5, 3.5, 2.2) with PA 25°, 30° and 36°.
    static func summary() throws -> (Chain, ChainSummary) {
        var chain = Chain()
        for (n, pa) in [25.0, 30, 36].enumerated() {
            let d = Double(n - 1)
            chain.append(GalaxyParameters(x: 4.5 + 0.1 * d, y: 3.5 - 0.2 * d, z: 2.2 + 0.05 * d, flux: 1,
                                          radius: 3 + 0.1 * d, inclination: 60, pa: pa, turnoverRadius: 1,
                                          maximumVelocity: 200, velocityDispersion: 40), reducedChi2: 1)
        }
        return (chain, try ChainSummary(chain: chain, fraction: 100))
    }

    static func results(rotation: Double, celestial: Bool = true,
                        replacingRest rest: HeaderCard? = nil) throws -> (SkyResults?, ChainSummary) {
        var cards = cards(rotation: rotation, celestial: celestial)
        if let rest { cards = cards.filter { $0.name != "RESTWAV" } + [rest] }
        let (cube, _) = try TestFITS.roundTrip(shape: [9, 8, 6], cards: cards)
        let (chain, summary) = try summary()
        let velocities = try SpectralVelocity(axis: cube.spectral, cards: cube.wcsCards, rest: nil, definition: nil, path: cube.path)
        let spread = ParameterSpread.draws(summary.selection.map { chain.parameters(at: $0.row) },
                                           counts: summary.selection.map(\.count))
        return (SkyResults(cube: cube, summary: summary, spread: spread, velocities: velocities), summary)
    }

    @Test func northUpGridGivesThePixelPAAsTheApproachingSide() throws {
        let (found, summary) = try Self.results(rotation: 0)
        let sky = try #require(found)
        let e = summary.estimate
        #expect(sky.frame == "ICRS" && sky.equinox == nil)
        #expect(sky.isNorthUpEastLeft)
        // To the meridians' convergence between the centre and the reference pixel (~1e-6°).
        #expect(abs(wrapHalfTurn(sky.paEastOfNorthApproaching - e.value[.pa])) < 1e-4)
        #expect(abs(wrapHalfTurn(sky.paEastOfNorth - e.value[.pa] - 180)) < 1e-4)
        #expect(abs(sky.raErrorArcsec - e.stdev[.x] * Self.pixscale) < 1e-9)
        #expect(abs(sky.decErrorArcsec - e.stdev[.y] * Self.pixscale) < 1e-9)
        #expect(abs(sky.radiusArcsec.value - e.value[.radius] * Self.pixscale) < 1e-12)
        #expect(abs(sky.radiusArcsec.stdev - e.stdev[.radius] * Self.pixscale) < 1e-12)
        // Optical velocity of the wavelength at channel z with RESTWAV: c (λ/λ0 − 1).
        let lambda = 6570 + e.value[.z] * 1.25
        #expect(sky.velocityDefinition == .optical)
        #expect(abs(sky.systemicVelocity! - 299_792.458 * (lambda / 6564.614 - 1)) < 1e-6)
        #expect(abs(sky.systemicVelocityError! - 299_792.458 * 1.25 / 6564.614 * e.stdev[.z]) < 1e-6)
        #expect(abs(sky.redshift! - (lambda / 6564.614 - 1)) < 1e-12)
    }

    /// North 30° anticlockwise from +y: the receding side of pixel-frame pa lies at PA pa + 150°
    /// east of north (pa − 30° + 180°), and on this conformal grid the error is pa's stdev.
    @Test func rotatedGridTurnsThePositionAngleAndKeepsItsError() throws {
        let (found, summary) = try Self.results(rotation: 30)
        let sky = try #require(found)
        let pa = summary.estimate.value[.pa]
        #expect(!sky.isNorthUpEastLeft && sky.conformal)
        #expect(abs(sky.yAxisPositionAngle + 30) < 1e-3)
        #expect(abs(wrapHalfTurn(sky.paEastOfNorth - (pa + 150))) < 1e-3)
        #expect(abs(wrapHalfTurn(sky.paEastOfNorthApproaching - (pa - 30))) < 1e-3)
        #expect(abs(sky.paEastOfNorthError - summary.estimate.stdev[.pa]) < 1e-6)
        #expect(sky.paEastOfNorthError > 4)
    }

    /// RESTWAV written in Å instead of the standard's metres (as on the CO cube prepared for the
    /// reference) makes λ/λ0 ≈ 1e-10: no systemic velocity or redshift rather than −c.
    @Test func aRestValueInTheWrongUnitGivesNoVelocity() throws {
        let (found, _) = try Self.results(rotation: 0, replacingRest: HeaderCard(name: "RESTWAV", number: 6564.614))
        let sky = try #require(found)
        #expect(sky.systemicVelocity == nil && sky.redshift == nil && sky.velocityDefinition == nil)
        #expect(try #require(sky.rejectedRedshift) < -0.99)
        let (plain, _) = try Self.results(rotation: 0)
        #expect(plain?.rejectedRedshift == nil)
    }

    @Test func cubeWithoutCelestialAxesHasNoSkyResults() throws {
        let (sky, _) = try Self.results(rotation: 0, celestial: false)
        #expect(sky == nil)
    }

    @Test func velocitiesNeedARestValueAndAKnownDefinition() throws {
        let wave = SpectralAxis(crval: 6570, crpix: 1, cdelt: 1.25, unit: .angstrom)
        let none = try SpectralVelocity(axis: wave, cards: [], rest: nil, definition: nil, path: "c.fits")
        #expect(none.velocity(channel: 2) == nil && none.redshift(channel: 2) == nil)
        let given = try SpectralVelocity(axis: wave, cards: [], rest: 6564.614, definition: .radio, path: "c.fits")
        #expect(abs(given.velocity(channel: 0)! - 299_792.458 * (1 - 6564.614 / 6570)) < 1e-9)

        let velocity = SpectralAxis(crval: 3000, crpix: 1, cdelt: 20, unit: .kilometrePerSecond)
        let message = TestFITS.errorMessage {
            _ = try SpectralVelocity(axis: velocity, cards: [HeaderCard(name: "CTYPE3", string: "VRAD")], rest: 1e9,
                                     definition: nil, path: "c.fits")
        }
        #expect(message?.contains("--rest applies to wavelength and frequency axes") == true)
        let unknown = TestFITS.errorMessage {
            _ = try SpectralVelocity(axis: velocity, cards: [], rest: nil, definition: .optical, path: "c.fits")
        }
        #expect(unknown?.contains("does not say which velocity") == true)
        // VRAD in the radio definition is the axis value; as optical, c·(D − 1) with D = 1/(1 − v/c).
        let radio = try SpectralVelocity(axis: velocity, cards: [HeaderCard(name: "CTYPE3", string: "VRAD")], rest: nil,
                                         definition: .optical, path: "c.fits")
        #expect(abs(radio.velocity(channel: 0)! - 299_792.458 * (1 / (1 - 3000 / 299_792.458) - 1)) < 1e-9)
    }
}
