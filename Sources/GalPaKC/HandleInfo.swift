import Foundation
import GalPaK

/// The description of a model handle that `galpak_model_info` returns, a JSON object:
///
///     {"galpak_version": "0.1.0", "shape_nx_ny_nz": [30, 30, 36], "has_data": true,
///      "dv_kms": 57.15, "pixscale_arcsec": 0.2,
///      "spectral": {"crval3": 6540, "crpix3": 1, "cdelt3": 1.25, "cunit3": "Angstrom"},
///      "instrument": "musewfm", "psf_fwhm_arcsec": 0.8 (null without a PSF or for an image),
///      "model": {"flux_profile": …, "rotation_curve": …, "thickness": …, "dispersion": …, "aspect": …,
///                "radial_flow": false, "bisymmetric": false},
///      "parameters": [{"name": "x", "unit": "pixel", "min": 10, "max": 20}, …],
///      "voxels_used": 32400 (null without data), "warnings": ["…", …]}
///
/// Units are the parameters' JSON units (those of `PREFIX_galaxy_parameters.json`); a bound
/// that is not finite is `null`.
struct HandleInfo {
    let handle: ModelHandle
    let spectral: SpectralAxis
    let pixscale: Double
    let instrument: Instrument
    let model: ModelConfiguration
    let voxelsUsed: Int?
    let warnings: [String]

    /// The object as JSON text (keys sorted).
    var json: String {
        func finite(_ value: Double) -> Any { value.isFinite ? value : NSNull() }
        let parameters: [[String: Any]] = handle.names.enumerated().map { index, name in
            ["name": name.key, "unit": name.jsonUnit, "min": finite(handle.lower[index]), "max": finite(handle.upper[index])]
        }
        let object: [String: Any] = [
            "galpak_version": Provenance.version,
            "shape_nx_ny_nz": [handle.nx, handle.ny, handle.nz],
            "has_data": handle.hasData,
            "dv_kms": finite(spectral.velocityStep(channels: handle.nz)),
            "pixscale_arcsec": pixscale,
            "spectral": ["crval3": spectral.crval, "crpix3": spectral.crpix, "cdelt3": spectral.cdelt,
                         "cunit3": spectral.unit.rawValue],
            "instrument": instrument.name,
            "psf_fwhm_arcsec": (instrument.psf?.fwhm).map { $0 as Any } ?? NSNull(),
            "model": ["flux_profile": model.fluxProfile.name, "rotation_curve": model.rotationCurve.name,
                      "thickness": model.thickness.name, "dispersion": model.dispersion.name, "aspect": model.aspect,
                      "radial_flow": model.motions.radial, "bisymmetric": model.motions.bisymmetric],
            "parameters": parameters,
            "voxels_used": voxelsUsed.map { $0 as Any } ?? NSNull(),
            "warnings": warnings,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }
}
