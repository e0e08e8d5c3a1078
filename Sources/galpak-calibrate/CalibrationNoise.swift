import ArgumentParser
import Foundation
import GalPaK

/// The kinds of noise `calibrate` simulates, each a class of cubes whose coverage is reported
/// separately. The noise's per-voxel rms is always σ = (peak of the convolved model) / (S/N).
enum NoiseClass: String, NamedChoice {
    /// White noise, S/N 5–25, the variance file exact.
    case white
    /// Noise smoothed by a Gaussian beam of FWHM 2–6 px; the variance file holds only the
    /// per-voxel rms² (as interferometer cubes' do).
    case beam
    /// As `beam`, plus a Hanning [¼, ½, ¼] smoothing over channels.
    case beamHanning = "beam+hanning"
    /// White noise at S/N 3–6.
    case lowSNR = "lowsnr"
    /// White noise whose variance file is ×0.8 (even cubes) or ×1.25 (odd cubes) the truth.
    case misscaled

    /// Peak signal-to-noise range drawn from.
    var snrRange: (low: Double, high: Double) { self == .lowSNR ? (3, 6) : (5, 25) }

    /// Whether the noise is smoothed by a beam.
    var hasBeam: Bool { self == .beam || self == .beamHanning }

    /// The cube's size. A beam of up to 6 px FWHM needs a larger field than the 24 × 24 of the
    /// others: there the galaxy (≲ 20 px across after the seeing) would leave too few faint
    /// voxels and too few independent beams (~4 × 4) for the fit to measure the correlation.
    var shape: (nx: Int, ny: Int, nz: Int) { hasBeam ? (40, 40, 32) : (24, 24, 32) }

    /// The given variance over the true one for cube `index` of the class (half each way).
    func varianceFactor(cube index: Int) -> Double {
        guard self == .misscaled else { return 1 }
        return index.isMultiple(of: 2) ? 0.8 : 1.25
    }

    /// Whether this class is fitted with `--variance-scale auto` (its variance is wrong on
    /// purpose); the others with the default, the variance as given.
    var wantsVarianceScaleAuto: Bool { self == .misscaled }

    /// The smoothing of one cube's noise, its beam FWHM drawn from `generator`.
    func smoothing<G: RandomNumberGenerator>(using generator: inout G) -> CorrelatedNoise {
        guard hasBeam else { return .white }
        let fwhm = Double.random(in: 2..<6, using: &generator)
        return CorrelatedNoise(beamFWHM: fwhm, channelKernel: self == .beamHanning ? CorrelatedNoise.hanning : [1])
    }

    /// A comma-separated list of class names (`white,beam`), in the order given.
    static func list(_ text: String) throws -> [NoiseClass] {
        try text.split(separator: ",").map {
            guard let value = NoiseClass(name: $0.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown noise class '\($0)'; choose from \(names.joined(separator: ","))")
            }
            return value
        }
    }
}
