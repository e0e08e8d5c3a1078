import GalPaK

// Evaluating a model. Each returns 0, or -1 with the reason in galpak_last_error(); `params`
// holds `n_params` values in the order of galpak_model_parameter_name (units: pixel, channel,
// cube units, pixel, deg, deg, pixel, km/s, km/s, then any optional parameter's), each within
// what a fit's bounds may reach. Nothing is allocated.

/// Writes the model cube at `params` into `out` (`count` = nx·ny·nz doubles, x fastest, then
/// y, then z: a C-order (nz, ny, nx) array): convolved with the instrument's kernel when
/// `convolved` is nonzero, else the clean cube. Cube units; the clean cube sums to `flux`.
@_cdecl("galpak_model_evaluate")
public func galpak_model_evaluate(_ handle: UnsafeMutableRawPointer?, _ params: UnsafePointer<Double>?, _ nParams: Int64,
                                  _ convolved: Int32, _ out: UnsafeMutablePointer<Double>?, _ count: Int64) -> Int32 {
    LastError.guarding(-1) {
        let model = try HandleRegistry.handle(handle)
        let values = try buffer(params, nParams, "params")
        guard let out, count == Int64(model.count) else {
            throw GalpakError(.badInput, out == nil ? "out is NULL"
                              : "out holds \(count) values; the cube has \(model.nx)×\(model.ny)×\(model.nz) = \(model.count)")
        }
        try model.evaluate(values, convolved: convolved != 0, into: UnsafeMutableBufferPointer(start: out, count: model.count))
        return 0
    }
}

/// Writes to `chi2` the χ² of the convolved model at `params` against the cube, Σ (D − M)²/V
/// over its valid voxels (or the `chi_stat` chosen), as a fit computes it on the whole cube
/// with white noise; +∞ when the disk has no flux on the grid. Needs a handle made from a cube.
@_cdecl("galpak_model_chi2")
public func galpak_model_chi2(_ handle: UnsafeMutableRawPointer?, _ params: UnsafePointer<Double>?, _ nParams: Int64,
                              _ chi2: UnsafeMutablePointer<Double>?) -> Int32 {
    writeChi2(handle, params, nParams, into: chi2, named: "chi2") { $0 }
}

/// Writes to `loglike` the log-likelihood ln L = −χ²/2 (``galpak_model_chi2``, up to a
/// constant), the one a fit's sampler uses; −∞ when the disk has no flux on the grid.
@_cdecl("galpak_model_loglike")
public func galpak_model_loglike(_ handle: UnsafeMutableRawPointer?, _ params: UnsafePointer<Double>?, _ nParams: Int64,
                                 _ loglike: UnsafeMutablePointer<Double>?) -> Int32 {
    writeChi2(handle, params, nParams, into: loglike, named: "loglike") { -$0 / 2 }
}

/// Writes `transform(χ²)` at `params` to `out` (the C argument `name`): 0, or -1 with the reason.
private func writeChi2(_ handle: UnsafeMutableRawPointer?, _ params: UnsafePointer<Double>?, _ nParams: Int64,
                       into out: UnsafeMutablePointer<Double>?, named name: String,
                       _ transform: (Double) -> Double) -> Int32 {
    LastError.guarding(-1) {
        let model = try HandleRegistry.handle(handle)
        guard let out else { throw GalpakError(.badInput, "\(name) is NULL") }
        out.pointee = transform(try model.chi2(try buffer(params, nParams, "params")))
        return 0
    }
}

/// The `count` values at `pointer`, an argument called `name`.
/// - Throws: ``GalpakError`` `.badInput` for NULL or a negative count.
func buffer(_ pointer: UnsafePointer<Double>?, _ count: Int64, _ name: String) throws -> UnsafeBufferPointer<Double> {
    guard let pointer, count >= 0, count <= Int64(Int32.max) else {
        throw GalpakError(.badInput, pointer == nil ? "\(name) is NULL" : "\(name) count \(count) is not a valid length")
    }
    return UnsafeBufferPointer(start: pointer, count: Int(count))
}
