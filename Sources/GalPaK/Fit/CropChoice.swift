/// Which voxels a fit evaluates its model on (`--crop auto|none|x0:x1,y0:y1,z0:z1`); the
/// statistics always cover the whole cube (``FitRegion``).
public enum CropChoice: Equatable, Sendable {
    /// The detected emission plus a margin (``AutoCrop``).
    case auto
    /// The whole cube.
    case none
    /// The user's box, in the cube's 0-based inclusive voxel coordinates.
    case box(CropBox)

    /// The spellings, for help and errors.
    public static let syntax = "auto|none|x0:x1,y0:y1,z0:z1"

    /// Parses `auto`, `none` (any letter case) or a box `x0:x1,y0:y1,z0:z1`; nil otherwise.
    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "auto": self = .auto
        case "none": self = .none
        default:
            guard let box = CropBox(argument: text) else { return nil }
            self = .box(box)
        }
    }

    /// The spelling on the command line.
    public var name: String {
        switch self {
        case .auto: "auto"
        case .none: "none"
        case .box(let box): box.description
        }
    }

    /// The box of `cube` (read from `path`) the model is evaluated on: the whole cube for
    /// `none`; for `auto` the ``AutoCrop`` box of `detection()` (the whole cube when nothing is
    /// detected), widened to hold the centre's `bounds`, then to lengths FFTW transforms fast;
    /// the user's box as given.
    /// - Throws: ``GalpakError`` `.badInput` when the user's box reaches beyond the cube or does
    ///   not hold the centre's bounds (a centre outside the box would put the galaxy outside it).
    public func box(of cube: Cube, path: String, detection: () throws -> MomentGuess?, kernel: Kernel3D,
                    correlation: NoiseCorrelation?, bounds: ParameterBounds) throws -> CropBox {
        let (nx, ny, nz) = (cube.nx, cube.ny, cube.nz)
        let whole = CropBox.whole(nx: nx, ny: ny, nz: nz)
        let centre = (x: bounds.min[.x]...bounds.max[.x], y: bounds.min[.y]...bounds.max[.y],
                      z: bounds.min[.z]...bounds.max[.z])
        switch self {
        case .none:
            return whole
        case .auto:
            guard let detection = try detection(),
                  let box = AutoCrop.box(detection: detection, cube: cube, kernel: kernel, correlation: correlation) else {
                return whole
            }
            return AutoCrop.withFastLengths(box.holding(x: centre.x, y: centre.y, z: centre.z, nx: nx, ny: ny, nz: nz),
                                            nx: nx, ny: ny, nz: nz)
        case .box(let box):
            guard box.fits(nx: nx, ny: ny, nz: nz) else {
                throw GalpakError.badInput(path, "--crop \(box) reaches beyond the cube's \(nx)×\(ny)×\(nz) voxels "
                    + "(0-based, inclusive: at most \(nx - 1):\(nx - 1),\(ny - 1):\(ny - 1),\(nz - 1):\(nz - 1))")
            }
            let held = box.holding(x: centre.x, y: centre.y, z: centre.z, nx: nx, ny: ny, nz: nz)
            guard held == box else {
                throw GalpakError.badInput(path, "--crop \(box) does not hold the centre's bounds (x \(bounds.min[.x])..\(bounds.max[.x]), "
                    + "y \(bounds.min[.y])..\(bounds.max[.y]), z \(bounds.min[.z])..\(bounds.max[.z])): widen it to \(held) "
                    + "or narrow the bounds with --min/--max x=..,y=..,z=..")
            }
            return box
        }
    }
}
