import Foundation
import GalPaK

// Making a model handle. Both return NULL on failure, with the reason in galpak_last_error().

/// A model of the cube in the FITS file `cube_path`, read as `galpak fit` reads it, with the
/// options in `options_json` (a JSON object of `galpak fit` option names, e.g.
/// `{"instrument": "musewfm", "seeing": 0.8}`; NULL or "" for none: ``ModelSettings``).
@_cdecl("galpak_model_open")
public func galpak_model_open(_ cubePath: UnsafePointer<CChar>?, _ optionsJSON: UnsafePointer<CChar>?) -> UnsafeMutableRawPointer? {
    LastError.guarding(nil) {
        let path = try text(cubePath, "cube_path")
        let settings = try ModelSettings(try OptionsObject(json: try optionalText(optionsJSON, "options_json")), cube: true)
        return HandleRegistry.register(try ModelHandle.reading(path: path, settings: settings))
    }
}

/// A model without data of an `nx × ny × nz` cube (pixels, pixels, channels), its spectral
/// axis and pixel scale from the options (`crval3`, `crpix3`, `cdelt3`, `cunit3`,
/// `pixscale`) or the instrument's defaults, as `galpak simulate --shape`: it evaluates cubes
/// but has no χ².
@_cdecl("galpak_model_new")
public func galpak_model_new(_ nx: Int64, _ ny: Int64, _ nz: Int64, _ optionsJSON: UnsafePointer<CChar>?) -> UnsafeMutableRawPointer? {
    LastError.guarding(nil) {
        let settings = try ModelSettings(try OptionsObject(json: try optionalText(optionsJSON, "options_json")), cube: false)
        let limit = Int64(Int32.max)
        guard (1...limit).contains(nx), (1...limit).contains(ny), (1...limit).contains(nz) else {
            throw GalpakError(.badInput, "shape \(nx)×\(ny)×\(nz): each axis must be a positive whole number")
        }
        return HandleRegistry.register(try ModelHandle.making(nx: Int(nx), ny: Int(ny), nz: Int(nz), settings: settings))
    }
}

/// Frees a handle made by galpak_model_open or galpak_model_new: 0, or -1 for a handle that is
/// not live (NULL, freed already). A call on the handle still running in another thread
/// finishes first.
@_cdecl("galpak_model_free")
public func galpak_model_free(_ handle: UnsafeMutableRawPointer?) -> Int32 {
    LastError.guarding(-1) {
        guard HandleRegistry.remove(handle) else {
            _ = try HandleRegistry.handle(handle)
            return -1
        }
        return 0
    }
}

/// The galpak version the library was built from, e.g. "0.1.0".
@_cdecl("galpak_version")
public func galpak_version() -> UnsafePointer<CChar>? {
    UnsafePointer(versionText)
}

nonisolated(unsafe) private let versionText = strdup(Provenance.version)

/// The UTF-8 text at `pointer`, an argument called `name`.
/// - Throws: ``GalpakError`` `.badInput` for NULL or text that is not UTF-8.
func text(_ pointer: UnsafePointer<CChar>?, _ name: String) throws -> String {
    guard let pointer else { throw GalpakError(.badInput, "\(name) is NULL") }
    guard let text = String(validatingCString: pointer) else { throw GalpakError(.badInput, "\(name) is not UTF-8 text") }
    return text
}

/// ``text(_:_:)``, with NULL read as "".
func optionalText(_ pointer: UnsafePointer<CChar>?, _ name: String) throws -> String {
    pointer == nil ? "" : try text(pointer, name)
}
