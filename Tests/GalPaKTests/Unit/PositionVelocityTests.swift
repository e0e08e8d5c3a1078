import Foundation
import Testing
@testable import GalPaK

/// Position–velocity diagrams (``PositionVelocityDiagram``): the cut against independent
/// computations on a simulated disk, the sense of its offsets, and its FITS file
/// (``PositionVelocityFile``).
@Suite struct PositionVelocityTests {
    static let (nx, ny, nz) = (21, 19, 16)
    static let spectral = SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom)
    static let pixscale = 0.2

    /// A disk at PA `pa` centred on the whole pixel (10, 9), rendered and convolved: its data
    /// with noise, and its convolved model without.
    static func simulated(pa: Double) throws -> (data: [Double], model: [Double], parameters: GalaxyParameters) {
        let parameters = GalaxyParameters(x: 10, y: 9, z: 7.3, flux: 500, radius: 3, inclination: 60, pa: pa,
                                          turnoverRadius: 1.2, maximumVelocity: 170, velocityDispersion: 40)
        var spec = SimulationSpec(nx: nx, ny: ny, nz: nz, spectral: spectral, pixscale: pixscale, parameters: parameters,
                                  instrument: Instrument.museWFM.withSeeing(0.7), noise: .peakSNR(10), seed: 5)
        let data = try SimulatedCube(spec).data
        spec.noise = .none
        return (data, try SimulatedCube(spec).data, parameters)
    }

    static func diagram(_ data: [Double], _ model: [Double], _ p: GalaxyParameters, pa: Double, width: Double) -> PositionVelocityDiagram {
        PositionVelocityDiagram(cutting: data, model: model, nx: nx, ny: ny, nz: nz,
                                axis: MajorAxis(x: p.x, y: p.y, pa: pa), width: width, pixscale: pixscale,
                                systemicChannel: p.z, velocityStep: spectral.velocityStep(channels: nz))
    }

    /// The voxel (i, j, k) of a cube.
    static func voxel(_ cube: [Double], _ i: Int, _ j: Int, _ k: Int) -> Double { cube[(k * ny + j) * nx + i] }

    /// At PA 0 the major axis runs down the column x = 10 (receding towards −y) and the minor
    /// axis along the row y = 9 (towards +x): a slit 3 pixels wide is the plain mean of three
    /// columns or rows, a slit 4 pixels wide (lines at ±0.5, ±1.5) the mean of five with
    /// weights 1, 2, 2, 2, 1 (the outer lines halfway between two pixels).
    @Test(arguments: [0.0, 90.0])
    func aSlitAlongAPixelAxisIsTheMeanOfItsRowsOrColumns(_ pa: Double) throws {
        let (data, model, p) = try Self.simulated(pa: pa)
        let (x0, y0) = (Int(p.x), Int(p.y))
        // The pixel of offset r along a slit at angle θ, and the one t pixels across it.
        func pixel(theta: Double, r: Int, t: Int) -> (Int, Int) {
            switch theta {
            case 0: (x0 + t, y0 - r)     // along −y, across +x
            case 90: (x0 + r, y0 + t)    // along +x, across +y
            case 180: (x0 - t, y0 + r)   // along +y, across −x
            default: (x0 - r, y0 - t)    // 270: along −x, across −y
            }
        }
        for theta in [pa, pa + 90] {
            for (width, weights) in [(0.6, [0, 1, 1, 1, 0]), (0.8, [1, 2, 2, 2, 1])] {
                let d = Self.diagram(data, model, p, pa: theta, width: width)
                let along = theta.truncatingRemainder(dividingBy: 180) == 0 ? (y0 - (Self.ny - 1))...y0 : -x0...(Self.nx - 1 - x0)
                let offsets = theta == 0 || theta == 90 ? Array(along) : along.map { -$0 }.reversed()
                #expect(d.offsets == offsets.map(Double.init), "θ = \(theta)")
                #expect(d.linesAcross == (width == 0.6 ? 3 : 4))
                for (o, r) in offsets.enumerated() {
                    for k in 0..<Self.nz {
                        for (cube, cut) in [(data, d.data), (model, d.model)] {
                            var sum = 0.0, total = 0
                            for (t, w) in zip(-2...2, weights) where w > 0 {
                                let (i, j) = pixel(theta: theta, r: r, t: t)
                                guard (0..<Self.nx).contains(i), (0..<Self.ny).contains(j) else { continue }
                                sum += Double(w) * Self.voxel(cube, i, j, k)
                                total += w
                            }
                            let expected = sum / Double(total)
                            #expect(abs(cut[k * offsets.count + o] - expected) <= 1e-12 * Swift.max(1, abs(expected)),
                                    "θ = \(theta), width \(width), r = \(r), k = \(k)")
                        }
                    }
                }
            }
        }
    }

    /// Velocities are (k − z)·dv, and the receding side (positive offsets along the major axis)
    /// has the positive velocities, at any PA; along the minor axis the two sides agree.
    @Test(arguments: [0.0, 37.0, 90.0, 215.0])
    func positiveMajorAxisOffsetsRecede(_ pa: Double) throws {
        let (data, model, p) = try Self.simulated(pa: pa)
        let major = Self.diagram(data, model, p, pa: pa, width: 0.7)
        #expect(major.velocity(channel: 9) == (9 - p.z) * Self.spectral.velocityStep(channels: Self.nz))
        /// The flux-weighted mean velocity of the model at offsets beyond 1 pixel on `side`.
        func meanVelocity(_ d: PositionVelocityDiagram, side: Double) -> Double {
            var weighted = 0.0, flux = 0.0
            for (o, r) in d.offsets.enumerated() where r * side > 1 {
                for k in 0..<d.channels {
                    weighted += d.velocity(channel: k) * d.model[k * d.offsets.count + o]
                    flux += d.model[k * d.offsets.count + o]
                }
            }
            return weighted / flux
        }
        #expect(meanVelocity(major, side: 1) > 50 && meanVelocity(major, side: -1) < -50, "PA \(pa)")
        let minor = Self.diagram(data, model, p, pa: pa + 90, width: 0.7)
        #expect(abs(meanVelocity(minor, side: 1) - meanVelocity(minor, side: -1)) < 10, "PA \(pa)")
    }

    /// A NaN voxel leaves its line's sample out of the mean; a slit wider than the grid is cut
    /// to the grid, one narrower than a pixel is one line.
    @Test func missingVoxelsAndPointsOffTheGridAreLeftOut() throws {
        var (data, model, p) = try Self.simulated(pa: 0)
        data[(4 * Self.ny + 9) * Self.nx + 9] = .nan  // (i 9, j 9, k 4): the line t = −1 at r = 0
        let d = Self.diagram(data, model, p, pa: 0, width: 0.6)
        let zero = try #require(d.offsets.firstIndex(of: 0))
        let expected = (Self.voxel(data, 10, 9, 4) + Self.voxel(data, 11, 9, 4)) / 2
        #expect(abs(d.data[4 * d.offsets.count + zero] - expected) < 1e-12)
        #expect(d.model[4 * d.offsets.count + zero].isFinite)
        // A slit running to the grid's edges keeps a value at every offset.
        let edgeToEdge = Self.diagram(data, model, p, pa: 90, width: 0.6)
        #expect(edgeToEdge.model.allSatisfy { $0.isFinite })
        #expect(PositionVelocityDiagram.linesAcross(width: 1e300, pixscale: Self.pixscale, nx: Self.nx, ny: Self.ny) == Self.nx + Self.ny)
        #expect(PositionVelocityDiagram.linesAcross(width: 0.01, pixscale: Self.pixscale, nx: Self.nx, ny: Self.ny) == 1)
    }

    /// The file holds DATA and MODEL with the stated WCS and the cube's BUNIT, and reads back
    /// as the diagram written.
    @Test func theFileHasTheStatedWCSAndReadsBack() throws {
        let (data, model, p) = try Self.simulated(pa: 30)
        let d = Self.diagram(data, model, p, pa: 30, width: 0.7)
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("pv.fits").path
        let cube = Cube(nx: Self.nx, ny: Self.ny, nz: Self.nz, data: data, spectral: Self.spectral, pixscale: Self.pixscale,
                        wcsCards: [HeaderCard(name: "BUNIT", string: "1e-20 erg/s/cm2/Angstrom")])
        try PositionVelocityFile.write(d, what: "major axis", extraCards: OutputFile.majorAxisPV.unit!.cards(for: cube), to: path)

        let file = try FITSFile(reading: path)
        #expect(try file.hduCount() == 3)
        for (hdu, name, values) in [(2, "DATA", d.data), (3, "MODEL", d.model)] {
            _ = try file.moveTo(hdu: hdu)
            #expect(try file.string("EXTNAME") == name)
            #expect(try file.imageShape() == [d.offsets.count, Self.nz])
            #expect(try file.readImage().elementsEqual(values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
            #expect(try file.string("CTYPE1") == "OFFSET" && file.string("CUNIT1") == "arcsec")
            #expect(try file.string("CTYPE2") == "VELO" && file.string("CUNIT2") == "km/s")
            #expect(try file.double("CRVAL1") == 0 && file.double("CRVAL2") == 0)
            #expect(try file.double("CDELT1") == Self.pixscale)
            #expect(try file.double("CRPIX1") == 1 - d.offsets[0])
            #expect(try file.double("CRPIX2") == p.z + 1)
            #expect(try file.double("CDELT2") == Self.spectral.velocityStep(channels: Self.nz))
            #expect(try file.string("BUNIT") == "1e-20 erg/s/cm2/Angstrom")
            #expect(try file.double("SLITPA") == 30 && file.double("SLITWID") == 0.7)
        }
        // z comes back from CRPIX2 − 1, to rounding.
        var read = try PositionVelocityFile.read(path: path)
        #expect(abs(read.systemicChannel - d.systemicChannel) < 1e-12)
        read.systemicChannel = d.systemicChannel
        #expect(read == d)
    }

    @Test func aFileWithoutTheModelImageIsRefusedNamingIt() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("map.fits").path
        try FITSWriter.write([1, 2, 3, 4], shape: [2, 2], to: path)
        #expect {
            try PositionVelocityFile.read(path: path)
        } throws: { error in
            let message = (error as? GalpakError)?.message ?? ""
            return message.hasPrefix(path) && message.contains("MODEL")
        }
    }
}
