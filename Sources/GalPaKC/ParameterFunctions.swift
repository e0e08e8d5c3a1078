import GalPaK

// What a model handle describes: its shape, parameters, bounds and an info object. Strings are
// owned by the handle and valid until galpak_model_free.

/// Writes the cube shape (nx, ny, nz: pixels, pixels, channels) to `shape[0..2]`: 0, or -1.
@_cdecl("galpak_model_shape")
public func galpak_model_shape(_ handle: UnsafeMutableRawPointer?, _ shape: UnsafeMutablePointer<Int64>?) -> Int32 {
    LastError.guarding(-1) {
        let model = try HandleRegistry.handle(handle)
        guard let shape else { throw GalpakError(.badInput, "shape is NULL") }
        (shape[0], shape[1], shape[2]) = (Int64(model.nx), Int64(model.ny), Int64(model.nz))
        return 0
    }
}

/// The number of parameters (10, plus the model's optional ones), or -1.
@_cdecl("galpak_model_parameter_count")
public func galpak_model_parameter_count(_ handle: UnsafeMutableRawPointer?) -> Int64 {
    LastError.guarding(-1) { Int64(try HandleRegistry.handle(handle).names.count) }
}

/// The name of parameter `index` (0-based, `x` … `velocity_dispersion`, then the model's
/// optional ones: `sersic_index`, the flows', the free line ratios), or NULL.
@_cdecl("galpak_model_parameter_name")
public func galpak_model_parameter_name(_ handle: UnsafeMutableRawPointer?, _ index: Int64) -> UnsafePointer<CChar>? {
    LastError.guarding(nil) {
        let model = try HandleRegistry.handle(handle)
        guard index >= 0, index < Int64(model.names.count) else {
            throw GalpakError(.badInput, "parameter index \(index) is not in 0..<\(model.names.count)")
        }
        return model.nameTexts[Int(index)].map { UnsafePointer($0) }
    }
}

/// Writes the default bounds of each parameter (a fit's, see galpak_model_info) to
/// `lower[0..<count]` and `upper[0..<count]`, `count` the number of parameters: 0, or -1.
/// Without data the flux maximum is +∞.
@_cdecl("galpak_model_bounds")
public func galpak_model_bounds(_ handle: UnsafeMutableRawPointer?, _ lower: UnsafeMutablePointer<Double>?,
                                _ upper: UnsafeMutablePointer<Double>?, _ count: Int64) -> Int32 {
    LastError.guarding(-1) {
        let model = try HandleRegistry.handle(handle)
        guard let lower, let upper, count == Int64(model.names.count) else {
            throw GalpakError(.badInput, lower == nil || upper == nil ? "lower or upper is NULL"
                              : "count is \(count); the model has \(model.names.count) parameters")
        }
        for index in model.names.indices {
            lower[index] = model.lower[index]
            upper[index] = model.upper[index]
        }
        return 0
    }
}

/// A JSON object describing the handle: shape, spectral axis, velocity step, pixel scale,
/// instrument, model, parameters with units and bounds, voxels used, warnings (``HandleInfo``); or NULL.
@_cdecl("galpak_model_info")
public func galpak_model_info(_ handle: UnsafeMutableRawPointer?) -> UnsafePointer<CChar>? {
    LastError.guarding(nil) { try HandleRegistry.handle(handle).infoText.map { UnsafePointer($0) } }
}
