import Foundation
import Testing
@testable import GalPaK

/// The first guess of a set of lines (``LineTemplateFit``) and the placement on a frequency axis.
@Suite struct LineTemplateFitTests {
    /// Gaussian lines of σ = `width` channels and the given fluxes at `channels`, on `nz` channels.
    static func spectrum(nz: Int, channels: [Double], fluxes: [Double], width: Double) -> [Double] {
        (0..<nz).map { k in
            zip(channels, fluxes).reduce(0) { sum, line in
                sum + line.1 * exp(-0.5 * pow((Double(k) - line.0) / width, 2)) / (width * (2 * Double.pi).squareRoot())
            }
        }
    }

    /// The case: Hα three times brighter than the z-line [NII]6583 (the reddest). The
    /// brightest channel is Hα's; the template puts z on 6583.45 and measures the ratio.
    @Test func zLandsOnTheZLineNotOnTheBrightestLine() throws {
        let axis = SpectralAxis(crval: 6540, crpix: 1, cdelt: 1.25, unit: .angstrom)
        let set = try #require(try LineSet.parse(waves: "6562.80,6583.45", ratios: "free,1", zLine: nil))
        let grid = try LineGrid(set, spectral: axis, channels: 48)
        // By hand: z = 34.6 puts 6583.45 at 6540 + 1.25·34.6 = 6583.25 Å, so Hα at
        // 6562.80 · 6583.25/6583.45 = 6562.6006 Å, channel 18.08.
        let hAlpha = (6562.80 * 6583.25 / 6583.45 - 6540) / 1.25
        let flux = Self.spectrum(nz: 48, channels: [hAlpha, 34.6], fluxes: [300, 100], width: 1.6)
        let fit = try #require(LineTemplateFit(flux: flux, variance: [Double](repeating: 1, count: 48), lines: grid))
        #expect(abs(fit.z - 34.6) < 0.05, "z \(fit.z)")
        #expect(fit.ratios.count == 1 && fit.ratios[0].name == .lineRatio("6562.80") && abs(fit.ratios[0].value - 3) < 0.05,
                "ratio \(fit.ratios)")
        #expect(abs(fit.totalFlux - 400) < 4, "total \(fit.totalFlux)")
        #expect(fit.zLineWindow.contains(35) && !fit.zLineWindow.contains(26) && fit.span.contains(14) && fit.span.contains(38))
    }

    /// On a frequency axis the reddest line has the lowest frequency, and a positive CDELT3 is a
    /// negative velocity step.
    @Test func aFrequencyAxisPlacesTheRedderLineAtTheLowerFrequency() throws {
        let axis = SpectralAxis(crval: 114.9, crpix: 1, cdelt: 0.002, unit: .gigahertz)
        let set = try #require(try LineSet.parse(waves: "115.271,115.1", ratios: "1,0.5", zLine: nil))
        let grid = try LineGrid(set, spectral: axis, channels: 100)
        #expect(grid.zLine == 1)
        // By hand: z = 40 is 114.9 + 0.002·40 = 114.98 GHz for 115.1; the other line at
        // 115.271 · 114.98 / 115.1 = 115.150824 GHz, channel (115.150824 − 114.9)/0.002 = 125.41.
        let other = grid.placement(z: 40, line: 0), own = grid.placement(z: 40, line: 1)
        #expect(abs(other.channel - (115.271 * 114.98 / 115.1 - 114.9) / 0.002) < 1e-6)
        #expect(abs(own.channel - 40) < 1e-9)
        #expect(abs(own.velocityStep / (-3e5 * 0.002 / 114.98) - 1) < 1e-12 && other.velocityStep < 0)
    }
}
