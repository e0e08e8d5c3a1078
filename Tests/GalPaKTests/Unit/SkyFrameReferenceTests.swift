import Foundation
import Testing
@testable import GalPaK

/// The sky frame against astropy: the values `scripts/sky-reference.py` wrote into
/// `Fixtures/sky/astropy_sky.json` (pixel_to_world in the header's frame, position angles,
/// beam ellipses and velocities) for cubes with a rotated CD matrix, a skewed PC matrix, SIN,
/// TAN and NCP projections, CROTA2, a B1950 FK4 header with Dec along x, galactic axes, a
/// field near the pole and the real CARMA crop. Tolerances: 0.01″, 0.01°, 0.01 km/s.
@Suite struct SkyFrameReferenceTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    /// One header of the fixture, read as `fit` reads it.
    struct Case {
        let name: String
        let expected: [String: Any]
        let cube: Cube
        let velocities: (VelocityDefinition?) throws -> SpectralVelocity
    }

    static func cases() throws -> [Case] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("sky/astropy_sky.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let entries = try #require(root["cases"] as? [[String: Any]])
        let dir = try TestFITS.directory()
        return try entries.map { entry in
            let name = try #require(entry["name"] as? String)
            let path: String
            if let file = entry["file"] as? String {
                path = fixtures.appendingPathComponent(file).path
            } else {
                let shape = try #require(entry["shape"] as? [Int])
                let cards = try #require(entry["cards"] as? [[String]]).map { HeaderCard(name: $0[0], value: $0[1]) }
                path = "\(dir)/\(name).fits"
                try TestFITS.write([TestFITS.HDU(shape: shape, values: TestFITS.ramp(nx: shape[0], ny: shape[1], nz: shape[2]),
                                                 cards: cards)], to: path)
            }
            let cube = try CubeReader.read(path: path, defaults: TestFITS.bare, warn: { _ in })
            let rest = entry["rest"] as? Double
            return Case(name: name, expected: entry, cube: cube, velocities: { definition in
                try SpectralVelocity(axis: cube.spectral, cards: cube.wcsCards, rest: rest, definition: definition, path: path)
            })
        }
    }

    /// The angle between two position angles, degrees in [0, 180].
    static func angleBetween(_ a: Double, _ b: Double) -> Double { abs(wrapHalfTurn(a - b)) }

    @Test func framesAndPositionsMatchAstropy() throws {
        for item in try Self.cases() {
            let wcs = try #require(item.cube.celestial, "\(item.name): no celestial WCS")
            #expect(wcs.frame == item.expected["frame"] as? String, "\(item.name)")
            #expect(wcs.equinox == item.expected["equinox"] as? Double, "\(item.name)")
            for position in try #require(item.expected["positions"] as? [[String: Any]]) {
                let (x, y) = (position["x"] as! Double, position["y"] as! Double)
                let world = try #require(wcs.world(x: x, y: y))
                let (lon, lat) = (position["lon"] as! Double, position["lat"] as! Double)
                let eastError = wrapHalfTurn(world.longitude - lon) * cos(lat * .pi / 180) * 3600
                #expect(abs(eastError) < 0.01 && abs(world.latitude - lat) * 3600 < 0.01,
                        "\(item.name) (\(x), \(y)): \(world) vs astropy (\(lon), \(lat))")
                let back = try #require(wcs.pixel(longitude: lon, latitude: lat))
                #expect(abs(back.x - x) < 1e-6 && abs(back.y - y) < 1e-6, "\(item.name): world → pixel")
                // The local Jacobian (RA·cos Dec and Dec offsets per pixel) that carries x/y errors.
                let local = try #require(LocalSkyFrame(wcs: wcs, x: x, y: y))
                for (key, step) in [("offset_per_pixel_x", SIMD2<Double>(1, 0)), ("offset_per_pixel_y", SIMD2<Double>(0, 1))] {
                    let expected = position[key] as! [Double]
                    let offset = local.skyOffset(ofPixelDisplacement: step)
                    #expect(abs(offset.x - expected[0]) < 1e-4 && abs(offset.y - expected[1]) < 1e-4,
                            "\(item.name) \(key): \(offset) vs astropy \(expected)")
                }
            }
        }
    }

    @Test func positionAnglesEastOfNorthMatchAstropy() throws {
        for item in try Self.cases() {
            let wcs = try #require(item.cube.celestial)
            for row in try #require(item.expected["position_angles"] as? [[String: Any]]) {
                let (x, y, pa) = (row["x"] as! Double, row["y"] as! Double, row["pa_pixel"] as! Double)
                let local = try #require(LocalSkyFrame(wcs: wcs, x: x, y: y))
                let angle = pa * .pi / 180
                let east = local.positionAngle(ofPixelDirection: SIMD2(sin(angle), -cos(angle)))
                let expected = row["pa_east_of_north"] as! Double
                #expect(Self.angleBetween(east, expected) < 0.01, "\(item.name) pa \(pa) at (\(x), \(y)): \(east) vs astropy \(expected)")
            }
        }
    }

    @Test func headerBeamsBecomeThePixelFramePSFAstropyGives() throws {
        var checked = 0
        for item in try Self.cases() {
            guard let expected = item.expected["beam"] as? [String: Any] else {
                #expect(item.cube.beam == nil, "\(item.name)")
                continue
            }
            let beam = try #require(item.cube.beam)
            #expect(abs(beam.major - (expected["bmaj_arcsec"] as! Double)) < 1e-5, "\(item.name)")
            guard case let .gaussian(fwhm, ba, pa) = HeaderBeamPSF.psf(beam, cube: item.cube) else {
                Issue.record("\(item.name): not a Gaussian")
                continue
            }
            #expect(abs(fwhm - (expected["fwhm_arcsec"] as! Double)) < 1e-4, "\(item.name): FWHM \(fwhm)")
            #expect(abs(ba - (expected["ba"] as! Double)) < 1e-5, "\(item.name): b/a \(ba)")
            if ba < 0.999 {  // a round beam has no major axis
                let turned = abs(wrapHalfTurn(2 * (pa - (expected["pa_pixel"] as! Double)))) / 2
                #expect(turned < 0.01, "\(item.name): pa \(pa) vs astropy \(expected["pa_pixel"]!)")
            }
            checked += 1
        }
        #expect(checked == 4)
    }

    @Test func velocitiesAndRedshiftsMatchAstropy() throws {
        for item in try Self.cases() {
            for row in try #require(item.expected["velocities"] as? [[String: Any]]) {
                let definition = try #require(VelocityDefinition(name: row["definition"] as! String))
                let velocities = try item.velocities(definition)
                let k = row["channel"] as! Double
                let v = try #require(velocities.velocity(channel: k), "\(item.name): no velocity")
                #expect(abs(v - (row["kms"] as! Double)) < 0.01, "\(item.name) \(definition) channel \(k): \(v) vs astropy \(row["kms"]!)")
                let z = try #require(velocities.redshift(channel: k))
                #expect(abs(z - (row["redshift"] as! Double)) < 1e-9, "\(item.name) channel \(k): z \(z)")
            }
        }
    }
}
