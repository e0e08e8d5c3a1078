import Foundation
@testable import GalPaK

/// A float32 cube from the parity fixtures (copied from /work/shared/reference/parity).
struct FixtureCube {
    let nx: Int, ny: Int, nz: Int
    let values: [Double]

    init(_ name: String) throws {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(name)")
        let file = try FITSFile(reading: url.path)
        try file.moveTo(hdu: 1)
        let shape = try file.imageShape()
        (nx, ny, nz) = (shape[0], shape[1], shape[2])
        values = try file.readImage()
    }
}

/// ‖a − b‖₂ / ‖b‖₂.
func relativeL2(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    var diff = 0.0, norm = 0.0
    for (x, y) in zip(a, b) {
        diff += (x - y) * (x - y)
        norm += y * y
    }
    return (diff / norm).squareRoot()
}

/// The base spectral axis of the parity cases: 6540 Å + 1.25 Å per channel, CRPIX3 1.
let parityAxis = SpectralAxis(crval: 6540, crpix: 1, cdelt: 1.25, unit: .angstrom)
