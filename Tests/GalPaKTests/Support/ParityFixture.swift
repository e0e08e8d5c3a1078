import Foundation
@testable import GalPaK

/// One reference render from `Fixtures/parity` (copied from the shared parity set made by
/// GalPaK3D 1.35.2): its JSON inputs and accessors for its FITS arrays.
struct ParityFixture {
    let name: String
    let json: [String: Any]

    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/parity")
    }

    init(_ name: String) throws {
        self.name = name
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("\(name).json"))
        json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    private var cube: [String: Any] { json["cube"] as! [String: Any] }
    private var model: [String: Any] { json["model"] as! [String: Any] }

    /// (nx, ny, nz).
    var shape: (nx: Int, ny: Int, nz: Int) {
        let s = cube["shape_nx_ny_nz"] as! [Int]
        return (s[0], s[1], s[2])
    }

    var velocityStep: Double { cube["velocity_step_kms"] as! Double }

    var parameters: GalaxyParameters {
        let p = json["params"] as! [String: Double]
        return GalaxyParameters(ParameterName.reference.map { p[$0.key]! })
    }

    /// The model options, or nil when this project has no such option yet.
    var configuration: ModelConfiguration? {
        guard let flux = FluxProfile(name: model["flux_profile"] as! String),
              let rc = RotationCurve(name: model["rotation_curve"] as! String),
              let thickness = ThicknessProfile(rawValue: model["thickness_profile"] as! String),
              let dispersion = DispersionProfile(rawValue: model["dispersion_profile"] as! String)
        else { return nil }
        var line: LineDoublet?
        if let l = model["line"] as? [String: [Double]] {
            line = LineDoublet(blue: l["wave"]![0], red: l["wave"]![1],
                               ratioBlue: l["ratio"]![0], ratioRed: l["ratio"]![1])
        }
        return ModelConfiguration(fluxProfile: flux, rotationCurve: rc, thickness: thickness,
                                  dispersion: dispersion, aspect: model["aspect_q"] as! Double, line: line)
    }

    /// Reads image HDU `hdu` (1 = primary) of `NAME_suffix.fits`.
    func image(_ suffix: String, hdu: Int = 1) throws -> [Double] {
        let file = try FITSFile(reading: Self.directory.appendingPathComponent("\(name)_\(suffix).fits").path)
        try file.moveTo(hdu: hdu)
        return try file.readImage()
    }
}

/// The largest relative L2 error accepted between a render of this project and GalPaK3D's.
/// Achieved (DiskModelParityTests, SimulateParityTests: clean and convolved cubes, kernels and
/// maps of every case): 2.0e-8 to 3.3e-8, the float32 rounding of the stored references
/// (2^-24/√3 ≈ 3.4e-8 RMS), and 7.8e-8 for the Freeman rotation curve's clean cube. The bound
/// is about 2.5 times the worst case, so other compilers, libm or FFT summation orders pass,
/// while a change of the model at the 1e-7 level fails.
let parityTolerance = 2e-7

/// Relative L2 error ‖a − b‖ / ‖b‖ over the entries where `b` is finite.
func relativeL2(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    var num = 0.0, den = 0.0
    for (x, y) in zip(a, b) where y.isFinite {
        num += (x - y) * (x - y)
        den += y * y
    }
    return (num / den).squareRoot()
}

/// A cube from `Fixtures/parity` read on its own (no JSON), e.g. `01_default_kernel.fits.gz`.
struct FixtureCube {
    let nx: Int, ny: Int, nz: Int
    let values: [Double]

    init(_ file: String) throws {
        let url = ParityFixture.directory.appendingPathComponent(file)
        let fits = try FITSFile(reading: url.path)
        try fits.moveTo(hdu: 1)
        let shape = try fits.imageShape()
        (nx, ny, nz) = (shape[0], shape[1], shape[2])
        values = try fits.readImage()
    }
}

/// The base spectral axis of the parity cases: 6540 Å + 1.25 Å per channel, CRPIX3 1.
let parityAxis = SpectralAxis(crval: 6540, crpix: 1, cdelt: 1.25, unit: .angstrom)
