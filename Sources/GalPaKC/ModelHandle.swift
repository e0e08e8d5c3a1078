import Foundation
import GalPaK

/// What a C handle points to: the fit's forward model of one cube (``ForwardModel``: the disk
/// rendered by ``DiskModel``, convolved with the instrument's kernel, compared with the data by
/// ``ChiSquare``), or, for a handle made from a shape, the disk and the convolution alone.
///
/// Every buffer is allocated when the handle is made; an evaluation writes the caller's buffer
/// and allocates nothing. One lock per handle: calls on one handle from several threads run one
/// after the other, calls on different handles run in parallel.
final class ModelHandle: @unchecked Sendable {
    /// Cube shape.
    let nx: Int, ny: Int, nz: Int
    /// The model's parameters, in vector order (``ModelConfiguration/parameters``).
    let names: [ParameterName]
    /// The default bounds of a fit of this cube (``ParameterBounds/defaults(nx:ny:nz:fluxEstimate:parameters:)``)
    /// with the flux estimate of the whole cube (a fit may raise the flux maximum to 3 × the
    /// flux of the line it detects); the flux maximum is +∞ for a handle without data.
    let lower: [Double], upper: [Double]
    /// A JSON object describing the handle (``HandleInfo``).
    private(set) var info = ""

    /// ``info`` and the parameters' names as C strings, freed with the handle.
    private(set) var infoText: UnsafeMutablePointer<CChar>?
    private(set) var nameTexts: [UnsafeMutablePointer<CChar>?] = []

    private let lock = NSLock()
    private let disk: DiskModel
    private let convolver: any CubeConvolution
    private let forward: ForwardModel?
    /// The clean cube before the convolution.
    private var clean: [Double]
    /// The parameters of the evaluation under way.
    private var parameters: GalaxyParameters

    /// Voxels in the cube, `nx·ny·nz`.
    var count: Int { nx * ny * nz }
    /// Whether the handle has data to compare with (made from a cube).
    var hasData: Bool { forward != nil }

    private init(disk: DiskModel, convolver: any CubeConvolution, forward: ForwardModel?,
                 bounds: ParameterBounds, flux: Double?, info: (ModelHandle) -> String) {
        self.disk = disk
        self.convolver = convolver
        self.forward = forward
        nx = disk.nx
        ny = disk.ny
        nz = disk.nz
        names = disk.configuration.parameters
        lower = names.map { bounds.min[$0] }
        upper = names.map { $0 == .flux && flux == nil ? .infinity : bounds.max[$0] }
        clean = [Double](repeating: 0, count: disk.nx * disk.ny * disk.nz)
        parameters = GalaxyParameters.uniform(0, names)
        self.info = info(self)
        infoText = strdup(self.info)
        nameTexts = names.map { strdup($0.key) }
    }

    deinit {
        free(infoText)
        nameTexts.forEach { free($0) }
    }

    /// A handle for the cube at `path`, read as `galpak fit` reads it (header values completed
    /// by the instrument's defaults, variance from `variance`, the file's extension or an estimate).
    /// - Throws: ``GalpakError`` naming the file or option for an unusable cube or option.
    static func reading(path: String, settings: ModelSettings) throws -> ModelHandle {
        var warnings: [String] = []
        let cube = try CubeReader.read(path: path, variancePath: settings.variancePath, overrides: settings.overrides,
                                       defaults: settings.instrument.defaults, warn: { warnings.append($0) })
        let (instrument, _) = HeaderBeamPSF.resolve(settings.instrument, origin: settings.psfOrigin, cube: cube,
                                                    warn: { warnings.append($0) })
        let kernel = try kernel(path: path) { try Kernel3D(instrument: instrument, cube: cube) }
        let chiSquare = ChiSquare(cube: cube, statistic: settings.statistic)
        guard chiSquare.validCount > 0 else {
            throw GalpakError.badInput(path, "has no usable voxel (finite data with positive variance)")
        }
        let lines = try settings.model.lineGrid(spectral: cube.spectral, channels: cube.nz, lsf: instrument.lsf)
        let forward = ForwardModel(disk: DiskModel(cube: cube, configuration: settings.model, lines: lines), kernel: kernel,
                                   chiSquare: chiSquare)
        let flux = ParameterBounds.fluxEstimate(of: cube.data)
        let bounds = try ParameterBounds.defaults(for: settings.model, nx: cube.nx, ny: cube.ny, nz: cube.nz,
                                              fluxEstimate: max(flux, 0))
        return ModelHandle(disk: forward.disk, convolver: forward.convolver, forward: forward, bounds: bounds, flux: flux) {
            HandleInfo(handle: $0, spectral: cube.spectral, pixscale: cube.pixscale, instrument: instrument,
                       model: settings.model, voxelsUsed: chiSquare.validCount, warnings: warnings).json
        }
    }

    /// A handle without data for an `nx × ny × nz` cube whose spectral axis and pixel scale
    /// are the header options', else the instrument's defaults (as `galpak simulate --shape`).
    /// - Throws: ``GalpakError`` `.badInput` for a shape below ``CubeReader/minimumShape`` or
    ///   beyond the machine's memory, a missing calibration, or spread functions the grid cannot hold.
    static func making(nx: Int, ny: Int, nz: Int, settings: ModelSettings) throws -> ModelHandle {
        let minimum = CubeReader.minimumShape
        guard nx >= minimum.nx, ny >= minimum.ny, nz >= minimum.nz else {
            throw GalpakError(.badInput, "shape \(nx)×\(ny)×\(nz): each axis needs at least \(min(minimum.nx, minimum.ny, minimum.nz)) pixels or channels")
        }
        try MemoryBudget.check(bytes: MemoryBudget.product([nx, ny, nz, MemoryLayout<Double>.size, arraysAtPeak]),
                               for: "a model of \(nx)×\(ny)×\(nz) voxels", advice: "use a smaller shape")
        let instrument = settings.instrument
        let (spectral, pixscale) = try grid(settings.overrides, instrument: instrument)
        let velocityStep = spectral.velocityStep(channels: nz)
        guard velocityStep.isFinite, velocityStep != 0 else {
            throw GalpakError(.badInput, "the spectral axis (crval3 \(spectral.crval), cdelt3 \(spectral.cdelt) \(spectral.unit.rawValue)) gives no finite velocity step")
        }
        let kernel = try kernel(path: nil) {
            try Kernel3D(instrument: instrument, nx: nx, ny: ny, nz: nz, spectral: spectral, pixscale: pixscale)
        }
        let disk = DiskModel(nx: nx, ny: ny, nz: nz, velocityStep: velocityStep, configuration: settings.model,
                             lines: try settings.model.lineGrid(spectral: spectral, channels: nz, lsf: instrument.lsf))
        let bounds = try ParameterBounds.defaults(for: settings.model, nx: nx, ny: ny, nz: nz, fluxEstimate: 0)
        return ModelHandle(disk: disk, convolver: makeConvolution(kernel: kernel), forward: nil, bounds: bounds, flux: nil) {
            HandleInfo(handle: $0, spectral: spectral, pixscale: pixscale, instrument: instrument,
                       model: settings.model, voxelsUsed: nil, warnings: []).json
        }
    }

    /// Cube-sized Double arrays a handle holds at most: the clean and convolved cubes, the
    /// model's own clean cube, the data, weights and σ of the χ², and the convolution's
    /// buffers (about three cubes for FFTW).
    static let arraysAtPeak = 9

    /// Writes the model at `values` (``names`` order) into `out` (``count`` voxels, x fastest,
    /// then y, then z): convolved with the instrument's kernel, or the clean cube. A disk with
    /// no flux on the grid is all zeros.
    /// - Throws: ``GalpakError`` `.badInput` for values that are not the parameters' (see ``load(_:)``).
    func evaluate(_ values: UnsafeBufferPointer<Double>, convolved: Bool, into out: UnsafeMutableBufferPointer<Double>) throws {
        try lock.withLock {
            try load(values)
            guard convolved else {
                disk.render(parameters, into: out)
                return
            }
            _ = clean.withUnsafeMutableBufferPointer { disk.render(parameters, into: $0) }
            clean.withUnsafeBufferPointer { convolver.convolve($0, into: out) }
        }
    }

    /// χ² of the convolved model at `values` against the cube (the fit's statistic, whole
    /// cube, white noise); +∞ when the disk has no flux on the grid.
    /// - Throws: ``GalpakError`` `.badInput` without data, or for values that are not the parameters'.
    func chi2(_ values: UnsafeBufferPointer<Double>) throws -> Double {
        guard let forward else {
            throw GalpakError(.badInput, "this model was made from a shape and has no data: make it from a cube for chi2 and loglike")
        }
        return try lock.withLock {
            try load(values)
            return forward.chi2(parameters)
        }
    }

    /// Copies `values` into ``parameters``, checking each against its parameter's
    /// ``ParameterName/boundRange`` (what any fit's bounds may reach).
    private func load(_ values: UnsafeBufferPointer<Double>) throws {
        guard values.count == names.count else {
            throw GalpakError(.badInput, "the model has \(names.count) parameters (\(names.map(\.key).joined(separator: ", "))), got \(values.count) values")
        }
        for (index, name) in names.enumerated() {
            let value = values[index]
            guard value.isFinite, name.boundRange.contains(value) else {
                try name.boundRange.check(value, name.key)
                throw GalpakError(.badInput, "\(name.key) must be a finite number (got \(value))")
            }
            parameters.values[index] = value
        }
    }

    /// The kernel `make` builds, refused (naming `path` when given) when it is not finite, as a fit refuses it.
    private static func kernel(path: String?, _ make: () throws -> Kernel3D) throws -> Kernel3D {
        let kernel: Kernel3D
        do {
            kernel = try make()
        } catch let error as GalpakError {
            guard let path, !error.message.hasPrefix(path) else { throw error }
            throw GalpakError(error.kind, "\(path): \(error.message)")
        }
        guard kernel.values.allSatisfy(\.isFinite) else {
            throw GalpakError(.badInput, "\(path.map { "\($0): " } ?? "")the instrument's PSF × LSF cannot be computed on this grid (a width too small or too large for its pixels and channels); check seeing and lsf_fwhm")
        }
        return kernel
    }

    /// The spectral axis and pixel scale of a cube made from a shape: the header options, else
    /// the instrument's defaults converted to the chosen unit.
    private static func grid(_ overrides: HeaderOverrides, instrument: Instrument) throws -> (SpectralAxis, Double) {
        let defaults = instrument.defaults
        let unit = overrides.cunit3 ?? defaults.cunit3 ?? .angstrom
        let defaultUnit = defaults.cunit3 ?? unit
        guard let crval = overrides.crval3 ?? defaults.crval3.flatMap({ defaultUnit.convert($0, to: unit) }),
              let cdelt = overrides.cdelt3 ?? defaults.cdelt3.flatMap({ defaultUnit.convert($0, to: unit) }) else {
            throw GalpakError(.badInput, "instrument \(instrument.name) has no default \(unit.quantity.rawValue) axis: give crval3 and cdelt3 (in \(unit.rawValue))")
        }
        guard let pixscale = overrides.pixscale ?? defaults.pixscale else {
            throw GalpakError(.badInput, "instrument \(instrument.name) has no default pixel scale: give pixscale")
        }
        return (SpectralAxis(crval: crval, crpix: overrides.crpix3 ?? 1, cdelt: cdelt, unit: unit), pixscale)
    }
}
