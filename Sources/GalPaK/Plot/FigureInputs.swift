import CCFITSIO
import Foundation

/// Everything the figures show, read back from a fit's saved files, so that `galpak fit` and
/// `galpak plot PREFIX` draw the same figures from the same data:
///
/// - `PREFIX_chain.dat` (with an optional integer `chain` column when the run had several
///   chains; not for a Laplace fit, whose JSON says `"estimator": "laplace"`), `PREFIX_galaxy_parameters.dat` and `.json` (method, fraction, percentile, input),
///   `PREFIX_stats.dat` (reduced χ², optional);
/// - `PREFIX_convolved_cube.fits`, `_deconvolved_cube.fits`, `_residuals_cube.fits`, the nine
///   map files, `PREFIX_rotcurve.dat` and the position–velocity diagrams `PREFIX_pv_major.fits`,
///   `_pv_minor.fits`, the instrument `PREFIX_instrument.txt` (for the beam);
/// - the input cube's data (given, or read from the path recorded in the JSON, without the
///   voxels the JSON's `mask` and `channels` left out).
public struct FigureInputs {
    /// Name shown in titles (the prefix's file name).
    public var name: String
    /// How the fit estimated the parameters (the JSON's `estimator`); a Laplace fit has no chain.
    public var estimator: Estimator
    /// The chain (empty for a Laplace fit): ``chains`` one after another.
    public var chain: Chain
    /// Every chain on its own, in chain-index order (none for a Laplace fit).
    public var chains: [Chain]
    /// The chain each row belongs to (0-based), or nil for a single chain.
    public var chainIndex: [Int]?
    public var estimate: ParameterEstimate
    public var method: ChainSummary.Method
    public var fraction: Double
    public var percentile: Double
    /// Iterations dropped at the start of every chain before the estimate (the JSON's `burn`, 0 when absent).
    public var burn: Int
    /// Reduced χ² at the estimate, when `PREFIX_stats.dat` has it.
    public var reducedChi2: Double?
    /// Cube shape.
    public var nx: Int, ny: Int, nz: Int
    /// Arcsec per pixel.
    public var pixscale: Double
    /// BUNIT of the cubes ("" when absent).
    public var fluxUnit: String
    /// Data, convolved model, clean model, (data − model)/σ; `nz·ny·nx` each.
    public var data: [Double], convolved: [Double], clean: [Double], residuals: [Double]
    public var intrinsic: KinematicMaps, observed: KinematicMaps, dataMaps: KinematicMaps
    /// The S/N threshold of the data maps.
    public var minimumSNR: Double
    /// The S/N of the Voronoi bins the data maps are made of (`VORSNR`), nil when not binned.
    public var voronoiSNR: Double?
    public var rotationCurve: RotationCurveProfile
    /// The position–velocity diagrams along the major and minor axes (data and convolved model);
    /// nil for a fit written before galpak wrote them (its PV and channel-map figures are not drawn).
    public var positionVelocity: (major: PositionVelocityDiagram, minor: PositionVelocityDiagram)?
    /// The PSF's half-maximum ellipse (`PREFIX_instrument.txt`); nil for a PSF image or none.
    var beam: BeamEllipse?
    /// Where north and east point on the pixel grid at the fitted centre, from the celestial WCS
    /// of the fit's cubes (the input's); nil without one.
    public var skyFrame: LocalSkyFrame?

    /// What a figure's title adds for a fit without a posterior sample: ` (Laplace fit: the
    /// mode, not a posterior)`; empty for MCMC.
    public var titleNote: String { estimator.hasChains ? "" : " (Laplace fit: the mode, not a posterior)" }

    /// Reads the files of the fit `prefix`.
    /// - Parameters:
    ///   - cube: the input cube's data, when the caller has it in memory.
    ///   - cubePath: where to read the input cube when `cube` is nil (default: the `input`
    ///     recorded in `PREFIX_galaxy_parameters.json`, relative to the working directory).
    ///   - chainFile: where to read the chain (default: `PREFIX_chain.dat`; a set being written
    ///     keeps the chain `galpak chain` read under its final name).
    /// - Throws: ``GalpakError`` `.badInput` naming the first file that is missing, unreadable
    ///   or inconsistent with the others.
    public init(prefix: String, cube: [Double]? = nil, cubePath: String? = nil, chainFile: String? = nil) throws {
        let files = FitOutputs(prefix: prefix)
        name = URL(fileURLWithPath: prefix).lastPathComponent
        let json = try Self.json(files.parametersJSON)
        guard let estimator = Estimator(rawValue: json["estimator"] as? String ?? Estimator.mcmc.rawValue) else {
            throw GalpakError.badInput(files.parametersJSON, "has an unknown estimator (expected mcmc or laplace)")
        }
        self.estimator = estimator
        if estimator.hasChains {
            let path = chainFile ?? files.chain
            let chainText = try TextFile.read(path)
            chains = try ChainFile.parse(chainText, source: path)
            chain = Chain.pooled(chains)
            chainIndex = try Self.chainColumn(chainText, source: path)
        } else {
            chains = []
            chain = Chain()
            chainIndex = nil
        }
        estimate = try ParameterFiles.readTable(path: files.parametersTable)

        method = (json["method"] as? String).flatMap(ChainSummary.Method.init(rawValue:)) ?? .last
        fraction = json["fraction"] as? Double ?? 60
        percentile = json["percentile"] as? Double ?? 95
        burn = json["burn"] as? Int ?? 0
        reducedChi2 = try? Self.statistic("chi2_at_p", in: files.statistics)

        let convolvedImage = try FITSImage(path: files.convolvedCube)
        guard convolvedImage.shape.count == 3 else {
            throw GalpakError.badInput(files.convolvedCube, "is not a cube (shape \(convolvedImage.shape))")
        }
        (nx, ny, nz) = (convolvedImage.shape[0], convolvedImage.shape[1], convolvedImage.shape[2])
        convolved = convolvedImage.values
        fluxUnit = convolvedImage.string("BUNIT") ?? ""
        clean = try FITSImage(path: files.deconvolvedCube).values(shape: convolvedImage.shape)
        residuals = try FITSImage(path: files.residualCube).values(shape: convolvedImage.shape)

        let input = cubePath ?? json["input"] as? String
        if let cube {
            precondition(cube.count == convolved.count, "cube data do not match the fit's cubes")
            data = cube
        } else if let input {
            guard cubePath != nil || FileManager.default.fileExists(atPath: input) else {
                throw FitOutputs.missingInput(input, namedIn: files.parametersJSON)
            }
            let image = try CubeReader.dataImage(in: try FITSFile(reading: input))
            guard [image.shape.0, image.shape.1, image.shape.2] == convolvedImage.shape else {
                throw GalpakError.badInput(input, "is \(CubeImage.describe(image.shape)), not the shape of \(files.convolvedCube); give the fitted cube with --cube")
            }
            // The voxels the fit left out (--mask, --channels) are missing here too, as in the fit.
            let selection = VoxelSelection(maskPath: json["mask"] as? String,
                                           channels: (json["channels"] as? [Int]).flatMap { $0.count == 2 && $0[0] <= $0[1] ? $0[0]...$0[1] : nil })
            data = try selection.applying(to: image.data, nx: image.shape.0, ny: image.shape.1, nz: image.shape.2,
                                          cubePath: input).data
        } else {
            throw GalpakError.badInput(files.parametersJSON, "does not name the input cube; give it with --cube")
        }

        intrinsic = try Self.maps("true", files, shape: convolvedImage.shape)
        observed = try Self.maps("obs", files, shape: convolvedImage.shape)
        dataMaps = try Self.maps("data", files, shape: convolvedImage.shape)
        let fluxMap = try FITSImage(path: files.map("true", "flux"))
        guard let scale = fluxMap.number("PIXSCALE"), scale > 0 else {
            throw GalpakError.badInput(files.map("true", "flux"), "has no PIXSCALE card (was it written by galpak fit?)")
        }
        pixscale = scale
        let dataFlux = try FITSImage(path: files.map("data", "flux"))
        minimumSNR = dataFlux.number("SNRMIN") ?? MomentMaps.defaultMinimumSNR
        voronoiSNR = dataFlux.number("VORSNR")
        rotationCurve = try RotationCurveFile.read(path: files.rotationCurve, pixscale: pixscale)
        beam = try Self.beam(files.instrument)
        skyFrame = try Self.celestialWCS(convolvedImage).flatMap {
            LocalSkyFrame(wcs: $0, x: estimate.value.x, y: estimate.value.y)
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: files.majorAxisPV) || fm.fileExists(atPath: files.minorAxisPV) {
            positionVelocity = (try Self.diagram(files.majorAxisPV, channels: nz), try Self.diagram(files.minorAxisPV, channels: nz))
        }
    }

    /// The rows of ``chain`` of each chain (``chainIndex``), in chain order and file order.
    var rowsByChain: [[Int]] {
        let index = chainIndex ?? [Int](repeating: 0, count: chain.count)
        var groups: [Int: [Int]] = [:]
        for (row, c) in index.enumerated() { groups[c, default: []].append(row) }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// The rows of ``chain`` the estimate uses and how many expanded copies of each: the
    /// selection of ``ChainSummary`` with ``method``, ``fraction`` and ``burn``, every chain
    /// of ``rowsByChain`` apart, as the fit made it.
    var estimateRows: [(row: Int, count: Int)] {
        let rows = rowsByChain
        let chains = rows.map { rows in
            var one = Chain(reservingCapacity: rows.count, names: chain.names)
            for row in rows { one.append(chain.parameters(at: row), reducedChi2: chain.reducedChi2(at: row), weight: chain.weight(at: row)) }
            return one
        }
        guard let summary = try? ChainSummary(chains: chains, method: method, fraction: fraction, burn: burn) else { return [] }
        return summary.selection.map { (rows[$0.chain][$0.row], $0.count) }
    }

    /// The beam of the instrument file `path`: nil for a PSF image (`type = custom`, whose
    /// FITS file is not read again: it may not be where the fit found it) or none.
    private static func beam(_ path: String) throws -> BeamEllipse? {
        let psf = InstrumentFile.parse(try TextFile.read(path))["PSF"]
        guard (psf?["type"] ?? psf?["psf_type"])?.lowercased() != "custom" else { return nil }
        return try InstrumentFile.read(path: path).psf.flatMap(BeamEllipse.init)
    }

    /// The celestial WCS (axes 1–2) of `image`'s header; nil without one. (A WCS wcslib
    /// cannot use was reported by the fit; the figures then have no compass.)
    static func celestialWCS(_ image: FITSImage) throws -> CelestialWCS? {
        let file = try FITSFile(reading: image.path)
        _ = try file.moveTo(hdu: image.hdu)
        let records = try file.headerRecords()
        return CelestialWCS.read(header: records.text, count: records.count, path: image.path, warn: { _ in })
    }

    /// The position–velocity diagram in `path`, after checking it has a row per channel.
    private static func diagram(_ path: String, channels: Int) throws -> PositionVelocityDiagram {
        let diagram = try PositionVelocityFile.read(path: path)
        guard diagram.channels == channels else {
            throw GalpakError.badInput(path, "has \(diagram.channels) channels, not the \(channels) of the fit's cubes")
        }
        return diagram
    }

    /// The flux, velocity and dispersion maps of `kind` (`true`, `obs`, `data`) for a cube of `shape`.
    private static func maps(_ kind: String, _ files: FitOutputs, shape: [Int]) throws -> KinematicMaps {
        let mapShape = Array(shape.prefix(2))
        return KinematicMaps(nx: shape[0], ny: shape[1],
                             flux: try FITSImage(path: files.map(kind, "flux")).values(shape: mapShape),
                             velocity: try FITSImage(path: files.map(kind, "vel")).values(shape: mapShape),
                             dispersion: try FITSImage(path: files.map(kind, "disp")).values(shape: mapShape))
    }

    /// The `chain` column of a chain file (0-based chain numbers), nil when absent.
    static func chainColumn(_ text: String, source: String) throws -> [Int]? {
        let table = try FixedWidthTable(parsing: text, source: source)
        guard let c = table.columns.firstIndex(of: "chain") else { return nil }
        return try table.rows.enumerated().map { r, row in
            guard let v = Double(row[c]), v >= 0, v == v.rounded(), v < 1e6 else {
                throw GalpakError.badInput(source, "row \(r + 1), column chain: '\(row[c])' is not a chain number")
            }
            return Int(v)
        }
    }

    private static func json(_ path: String) throws -> [String: Any] {
        let text = try TextFile.read(path)
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw GalpakError.badInput(path, "is not a JSON object")
        }
        return object
    }

    private static func statistic(_ column: String, in path: String) throws -> Double? {
        let table = try FixedWidthTable(parsing: try TextFile.read(path), source: path)
        guard let c = table.columns.firstIndex(of: column), let row = table.rows.first else { return nil }
        return Double(row[c])
    }
}

/// The DATA image of a FITS file written by galpak (or the first image with data).
struct FITSImage {
    let path: String
    /// The HDU read (1-based).
    let hdu: Int
    /// NAXIS1 first.
    let shape: [Int]
    let values: [Double]
    let cards: [HeaderCard]

    init(path: String) throws {
        self.path = path
        let file = try FITSFile(reading: path)
        for hdu in 1...max(1, try file.hduCount()) {
            guard try file.moveTo(hdu: hdu) == IMAGE_HDU else { continue }
            let axes = try file.imageShape()
            guard !axes.isEmpty, !axes.contains(0) else { continue }
            self.hdu = hdu
            shape = axes
            values = try file.readImage()
            cards = try file.cards()
            return
        }
        throw GalpakError.badInput(path, "holds no image")
    }

    /// The values, after checking the image has `expected` shape.
    func values(shape expected: [Int]) throws -> [Double] {
        guard shape == expected else {
            throw GalpakError.badInput(path, "is \(shape.map(String.init).joined(separator: "×")), expected \(expected.map(String.init).joined(separator: "×"))")
        }
        return values
    }

    func string(_ name: String) -> String? { cards.first { $0.name == name }?.text }
    func number(_ name: String) -> Double? { cards.first { $0.name == name }?.number }
}
