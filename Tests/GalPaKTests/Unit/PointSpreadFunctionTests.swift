import Foundation
import Testing
@testable import GalPaK

@Suite struct PointSpreadFunctionTests {
    @Test(arguments: [(28, 26), (27, 25)])
    func peaksAtTheGridCentreWithUnitSum(nx: Int, ny: Int) throws {
        let image = try PointSpreadFunction.gaussian(fwhm: 0.8).image(nx: nx, ny: ny, pixscale: 0.2)
        let peak = image.indices.max { image[$0] < image[$1] }!
        #expect(peak == (ny / 2) * nx + nx / 2)
        #expect(abs(image.reduce(0, +) - 1) < 1e-14)
    }

    @Test func gaussianWidthFollowsFWHMInArcsec() throws {
        // FWHM 0.8" at 0.2"/px = 4 px: two pixels off-centre along x the profile is at half maximum
        // (to the 2e-8 of the reference's rounded 2.35482).
        let image = try PointSpreadFunction.gaussian(fwhm: 0.8).image(nx: 21, ny: 21, pixscale: 0.2)
        let centre = image[10 * 21 + 10]
        #expect(abs(image[10 * 21 + 12] / centre - 0.5) < 1e-7)
        #expect(abs(image[12 * 21 + 10] / centre - 0.5) < 1e-7)
    }

    @Test func ellipticalMajorAxisLiesAtPAFromPlusY() throws {
        // Second moments of an elliptical PSF on a large grid: the major axis is at pa
        // anticlockwise from +y (towards −x), and the axis ratio is ba.
        let (n, pa, ba) = (81, 30.0, 0.7)
        let image = try PointSpreadFunction.gaussian(fwhm: 1.6, ba: ba, pa: pa).image(nx: n, ny: n, pixscale: 0.2)
        var (sxx, syy, sxy) = (0.0, 0.0, 0.0)
        for j in 0..<n {
            for i in 0..<n {
                let (x, y, w) = (Double(i - n / 2), Double(j - n / 2), image[j * n + i])
                sxx += w * x * x
                syy += w * y * y
                sxy += w * x * y
            }
        }
        // Major eigenvector direction, as an angle from +x, then as an angle from +y anticlockwise.
        let theta = 0.5 * atan2(2 * sxy, sxx - syy) * 180 / .pi
        let fromPlusY = (theta - 90 + 360).truncatingRemainder(dividingBy: 180)
        #expect(abs(fromPlusY - pa) < 1e-6)
        let trace = sxx + syy, det = sxx * syy - sxy * sxy
        let root = (trace * trace / 4 - det).squareRoot()
        #expect(abs(((trace / 2 - root) / (trace / 2 + root)).squareRoot() - ba) < 1e-6)
    }

    @Test func moffatFromFWHMMatchesTheReferenceAlpha() {
        // Parity case 19: fwhm 0.8", beta 2.5 → alpha 0.7076510959648599".
        let psf = PointSpreadFunction.moffat(fwhm: 0.8, beta: 2.5)
        guard case let .moffat(alpha, beta, _, _) = psf else { Issue.record("not a Moffat"); return }
        #expect(abs(alpha - 0.7076510959648599) < 1e-15)
        #expect(beta == 2.5)
        #expect(abs(psf.fwhm! - 0.8) < 1e-15)
    }

    @Test func seeingOverrideKeepsShapeAndOrientation() {
        #expect(PointSpreadFunction.gaussian(fwhm: 1, ba: 0.8, pa: 90).withFWHM(0.6)
                == .gaussian(fwhm: 0.6, ba: 0.8, pa: 90))
        let moffat = PointSpreadFunction.moffat(fwhm: 0.8, beta: 2.5, ba: 0.9, pa: 10).withFWHM(1.2)
        #expect(abs(moffat.fwhm! - 1.2) < 1e-15)
        guard case let .moffat(_, beta, ba, pa) = moffat else { Issue.record("not a Moffat"); return }
        #expect((beta, ba, pa) == (2.5, 0.9, 10))
    }
}
