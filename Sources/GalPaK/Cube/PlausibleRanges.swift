import Foundation

/// Limits outside which a cube's numbers are corrupt rather than unusual, checked once the cube
/// is read so that later stages never meet an overflow (a flux estimate of 1e240 makes the
/// proposal scales infinite; a velocity step of 1e-300 km/s makes the line spread infinitely
/// many channels wide).
///
/// - Data: |value| ≤ ``maximumDataMagnitude`` = 1e38, about the largest float32 (the type of
///   almost every IFU cube); nothing physical comes near it in any flux unit.
/// - Velocity step per channel: ``velocitySteps`` = 1e-4 … 1e5 km/s in magnitude (the finest
///   radio channels are ~0.01 km/s; 1e5 km/s is a third of the speed of light per channel).
/// - Pixel scale: ``pixelScales`` = 1e-6 … 3600 arcsec (VLBI to one-degree pixels).
public enum PlausibleRanges {
    static let maximumDataMagnitude = 1e38
    static let velocitySteps = 1e-4...1e5
    public static let pixelScales = ValidRange(.closed(1e-6), .closed(3600), unit: "arcsec")

    /// - Throws: ``GalpakError`` `.badInput` naming the cube's file and the value.
    static func check(_ cube: Cube) throws {
        if let n = cube.data.firstIndex(where: { $0.isFinite && abs($0) > maximumDataMagnitude }) {
            let (i, j, k) = (n % cube.nx, (n / cube.nx) % cube.ny, n / (cube.nx * cube.ny))
            throw GalpakError.badInput(cube.path, "voxel (x \(i), y \(j), channel \(k)) holds \(cube.data[n]), "
                + "beyond any physical value (|value| > 1e38); the data are corrupt")
        }
        let dv = cube.velocityStep
        guard dv.isFinite, velocitySteps.contains(abs(dv)) else {
            throw GalpakError.badInput(cube.path, "the spectral axis gives \(String(format: "%.3g", dv)) km/s per channel, "
                + "not a channel width galpak can use (\(velocitySteps.lowerBound) to \(Int(velocitySteps.upperBound)) km/s); "
                + "check CDELT3 (or CD3_3), CRVAL3 and CUNIT3, or give --cdelt3, --crval3, --cunit3")
        }
        guard pixelScales.contains(cube.pixscale) else {
            throw GalpakError.badInput(cube.path, "the pixel scale is \(String(format: "%.3g", cube.pixscale))″, "
                + "not a scale galpak can use (\(pixelScales)); "
                + "check CDELT1/2 (or the CD matrix) and CUNIT1/2, or give --pixscale")
        }
    }
}
