import Foundation
import Testing
@testable import GalPaK

/// The beam drawn on the sky maps (``BeamEllipse``): the PSF's FWHM, axis ratio and PA
/// (anticlockwise from +y), in the bottom-left corner.
@Suite struct BeamEllipseTests {
    @Test func theEllipseIsThePSFsHalfMaximumContour() throws {
        let beam = try #require(BeamEllipse(.gaussian(fwhm: 0.8, ba: 0.6, pa: 30)))
        #expect(beam == BeamEllipse(fwhm: 0.8, ba: 0.6, pa: 30))
        let outline = beam.outline(count: 360)
        let lengths = outline.map { ($0 * $0).sum().squareRoot() }
        let far = outline[lengths.firstIndex(of: lengths.max()!)!]
        // The major axis is 30° anticlockwise from +y: towards (−sin 30°, cos 30°), up and left.
        #expect(abs(lengths.max()! - 0.4) < 1e-12 && abs(lengths.min()! - 0.24) < 1e-6)
        #expect(abs(abs(far.x / 0.4) - 0.5) < 1e-9 && abs(abs(far.y / 0.4) - 3.0.squareRoot() / 2) < 1e-9 && far.x * far.y < 0)
        #expect(abs((BeamEllipse(.moffat(fwhm: 1.2, beta: 2.5))?.fwhm ?? 0) - 1.2) < 1e-12)
        #expect(BeamEllipse(.none) == nil)
    }

    /// The ellipse's major axis is the PSF image's: the second moments of the image galpak
    /// convolves with (a Gaussian of b/a 0.5 at PA 30°) have their long axis along the ellipse's.
    @Test func theEllipseLiesAlongThePSFImage() throws {
        let psf = PointSpreadFunction.gaussian(fwhm: 1.0, ba: 0.5, pa: 30)
        let (n, pixscale) = (121, 0.05)  // ±60 pixels: ±7 σ of the major axis, so no truncation tilts the moments
        let image = try psf.image(nx: n, ny: n, pixscale: pixscale)
        var (sxx, syy, sxy) = (0.0, 0.0, 0.0)
        for j in 0..<n {
            for i in 0..<n {
                let (dx, dy) = (Double(i - n / 2), Double(j - n / 2))
                (sxx, syy, sxy) = (sxx + image[j * n + i] * dx * dx, syy + image[j * n + i] * dy * dy, sxy + image[j * n + i] * dx * dy)
            }
        }
        // The long axis of the moments' ellipse, as an angle from +x.
        let moments = 0.5 * atan2(2 * sxy, sxx - syy)
        let major = try #require(BeamEllipse(psf)).axes.major
        let drawn = atan2(major.y, major.x)
        let difference = remainder(moments - drawn, Double.pi)
        #expect(abs(difference) < 1e-4, "moments at \(moments * 180 / .pi)°, ellipse at \(drawn * 180 / .pi)°")
    }

    @Test func theEllipseSitsInTheBottomLeftCornerAndIsDrawn() throws {
        let beam = BeamEllipse(fwhm: 2, ba: 0.5, pa: 90)  // 2″ along x, 1″ along y
        let axes = Axes(x: 50, y: 40, width: 200, height: 200, xRange: -5...5, yRange: -5...5)  // 20 px per arcsec
        let points = beam.deviceOutline(on: axes)
        #expect(abs(points.map(\.0).min()! - (50 + BeamEllipse.margin)) < 0.01)
        #expect(abs(points.map(\.1).max()! - (240 - BeamEllipse.margin)) < 0.01)
        #expect(abs(points.map(\.0).max()! - points.map(\.0).min()! - 40) < 0.01)
        #expect(abs(points.map(\.1).max()! - points.map(\.1).min()! - 20) < 0.01)

        // Drawn on a dark panel: about π·20·10 light pixels, all in the corner.
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let view = SkyMapView(nx: 10, ny: 10, pixscale: 1, centre: (x: 4.5, y: 4.5), beam: beam)
        let canvas = Canvas(width: 300, height: 300)
        let drawn = ImagePanel(values: Array(repeating: 0, count: 100), view: view, colorMap: .viridis, range: 0...1,
                               title: "", unit: "").draw(canvas, x: 0, y: 0, width: 300, height: 300, colorBar: false)
        let path = dir.appendingPathComponent("beam.png").path
        try canvas.write(to: path, format: .png)
        let image = try #require(PNGReader(path: path))
        var light: [(Int, Int)] = []
        for row in Int(drawn.y)..<Int(drawn.y + drawn.height) {
            for column in Int(drawn.x)..<Int(drawn.x + drawn.width) where image.pixels[row * image.width + column] & 0xff > 0xa0 {
                light.append((column, row))
            }
        }
        let area = Double.pi * 0.5 * 2 * drawn.width / 10 * 0.5 * 1 * drawn.height / 10
        #expect(abs(Double(light.count) - area) < 0.15 * area, "\(light.count) light pixels for an ellipse of \(area)")
        #expect(light.allSatisfy { Double($0.0) < drawn.x + drawn.width / 2 && Double($0.1) > drawn.y + drawn.height / 2 })
    }
}
