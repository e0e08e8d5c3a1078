import Foundation
import Testing
@testable import GalPaK

/// `--psf FILE.fits`: reading, re-centring, cropping/padding, normalising, refusing bad shapes.
@Suite struct PSFImageTests {
    /// A Gaussian PSF image of `nx × ny` pixels centred at (cx, cy), unnormalised (peak 7).
    private func gaussian(nx: Int, ny: Int, cx: Int, cy: Int, sigma: Double = 1.5) -> [Double] {
        var values: [Double] = []
        for j in 0..<ny {
            for i in 0..<nx {
                let r2 = Double((i - cx) * (i - cx) + (j - cy) * (j - cy))
                values.append(7 * exp(-0.5 * r2 / (sigma * sigma)))
            }
        }
        return values
    }

    private func write(_ hdus: [TestFITS.HDU]) throws -> String {
        let path = try TestFITS.directory() + "/psf.fits"
        try TestFITS.write(hdus, to: path)
        return path
    }

    @Test func offCentreImageOfAnotherSizeIsMovedOntoTheKernelCentre() throws {
        // 15×11 image peaking at (4, 7), placed on a 28×26 grid: peak at (14, 13), unit sum, and
        // the same as the analytic Gaussian of the same width there.
        let path = try write([TestFITS.HDU(shape: [15, 11], values: gaussian(nx: 15, ny: 11, cx: 4, cy: 7))])
        let psf = try PSFImage.read(path: path)
        #expect(psf.peak == (4, 7))
        let placed = try PointSpreadFunction.image(psf).image(nx: 28, ny: 26, pixscale: 0.2)
        #expect(placed.indices.max { placed[$0] < placed[$1] } == 13 * 28 + 14)
        #expect(abs(placed.reduce(0, +) - 1) < 1e-14)
        #expect(abs(placed[13 * 28 + 16] / placed[13 * 28 + 14] - exp(-0.5 * 4 / 2.25)) < 1e-12)
        // Cropped where the image reaches beyond the grid: an image larger than the cube works.
        let small = try psf.placed(nx: 5, ny: 5, pixscale: 0.2)
        #expect(small.count == 25 && small[12] == small.max() && abs(small.reduce(0, +) - 1) < 1e-14)
    }

    @Test func singlePlaneCubeAndExtensionAreAccepted() throws {
        let path = try write([TestFITS.HDU(shape: []),
                              TestFITS.HDU(shape: [9, 9, 1], values: gaussian(nx: 9, ny: 9, cx: 4, cy: 4))])
        #expect(try PSFImage.read(path: path).nx == 9)
    }

    @Test func unusableImagesAreRefusedWithTheReason() throws {
        let cube = try write([TestFITS.HDU(shape: [5, 5, 3], values: [Double](repeating: 1, count: 75))])
        #expect(TestFITS.errorMessage { _ = try PSFImage.read(path: cube) }?.contains("no 2-D image") == true)
        var nan = gaussian(nx: 5, ny: 5, cx: 2, cy: 2)
        nan[3] = .nan
        let withNaN = try write([TestFITS.HDU(shape: [5, 5], values: nan)])
        #expect(TestFITS.errorMessage { _ = try PSFImage.read(path: withNaN) }?.contains("NaN") == true)
        let empty = try write([TestFITS.HDU(shape: [5, 5], values: [Double](repeating: 0, count: 25))])
        #expect(TestFITS.errorMessage { _ = try PSFImage.read(path: empty) }?.contains("no positive flux") == true)
    }

    @Test func pixelScaleMustMatchTheCube() throws {
        let cards = [HeaderCard(name: "CTYPE1", string: "RA---TAN"), HeaderCard(name: "CTYPE2", string: "DEC--TAN"),
                     HeaderCard(name: "CDELT1", number: -0.1 / 3600), HeaderCard(name: "CDELT2", number: 0.1 / 3600)]
        let path = try write([TestFITS.HDU(shape: [9, 9], values: gaussian(nx: 9, ny: 9, cx: 4, cy: 4), cards: cards)])
        let psf = try PSFImage.read(path: path)
        #expect(abs(psf.pixscale! - 0.1) < 1e-9)
        _ = try psf.placed(nx: 10, ny: 10, pixscale: 0.1)
        #expect(TestFITS.errorMessage { _ = try psf.placed(nx: 10, ny: 10, pixscale: 0.2) }?.contains("resample") == true)
    }
}
