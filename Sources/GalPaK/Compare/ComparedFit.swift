import Foundation

/// What `galpak compare` needs of one finished fit, read from its `PREFIX_galaxy_parameters.json`:
/// the goodness-of-fit numbers and the digests of the data and noise model its χ² was
/// computed from (the JSON's `statistics`).
public struct ComparedFit: Sendable {
    /// The fit's prefix, as given.
    public var prefix: String
    /// The cube the fit read (the JSON's `input`).
    public var input: String
    /// The command that made it.
    public var commandLine: String
    /// `mcmc` or `laplace`.
    public var estimator: String
    /// The estimator of the parameters (`--method`).
    public var method: String
    /// k, the free parameters.
    public var freeParameters: Int
    /// χ² at the estimate, not reduced.
    public var chi2: Double
    public var bic: Double
    public var aic: Double
    /// nil for `chi_sorted`.
    public var dic: Double?
    /// N of the BIC: every voxel of the cube.
    public var totalVoxels: Int
    /// The voxels χ² summed over.
    public var usedVoxels: Int
    /// The χ² statistic (`--chi-stat`).
    public var statistic: String
    /// The noise model's description (the JSON's `noise.method`), or `independent voxels`.
    public var noise: String
    /// ln Z and its standard error, for a nested-sampling fit (the JSON's `evidence`).
    public var evidence: (value: Double, error: Double)?
    /// ``LikelihoodDigest/data(_:nx:ny:nz:)`` of the fit.
    public var dataDigest: String
    /// ``LikelihoodDigest/noise(statistic:correlation:)`` of the fit.
    public var noiseDigest: String

    /// The JSON file of the fit with `prefix`.
    public static func path(prefix: String) -> String { "\(prefix)_galaxy_parameters.json" }

    /// Reads the fit with `prefix`.
    /// - Throws: ``GalpakError`` `.badInput` naming the JSON file when it cannot be read, is not
    ///   a galpak fit's parameters file, or has no `statistics` (written by `galpak chain`, or by
    ///   an older galpak).
    public init(prefix: String) throws {
        let path = Self.path(prefix: prefix)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GalpakError.badInput(path, "cannot be read (is \(prefix) the prefix of a finished galpak fit?)")
        }
        guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              json["parameters"] is [String: Any] else {
            throw GalpakError.badInput(path, "is not a galpak parameters file")
        }
        guard let statistics = json["statistics"] as? [String: Any] else {
            throw GalpakError.badInput(path,
                "has no statistics: it was written by galpak chain or by an older galpak; compare needs the JSON of galpak fit (refit)")
        }
        func number(_ object: [String: Any], _ key: String) throws -> Double {
            guard let value = (object[key] as? NSNumber)?.doubleValue, value.isFinite else {
                throw GalpakError.badInput(path, "has no finite number '\(key)'")
            }
            return value
        }
        func text(_ object: [String: Any], _ key: String) throws -> String {
            guard let value = object[key] as? String else { throw GalpakError.badInput(path, "has no text '\(key)'") }
            return value
        }
        self.prefix = prefix
        input = try text(json, "input")
        commandLine = try text(json, "command_line")
        estimator = (json["estimator"] as? String) ?? "mcmc"
        method = try text(json, "method")
        freeParameters = Int(try number(json, "free_parameters"))
        chi2 = try number(statistics, "chi2_at_estimate")
        bic = try number(statistics, "bic")
        aic = try number(statistics, "aic")
        dic = (statistics["dic"] as? NSNumber).map(\.doubleValue).flatMap { $0.isFinite ? $0 : nil }
        totalVoxels = Int(try number(statistics, "voxels_total"))
        usedVoxels = Int(try number(json, "voxels_used"))
        statistic = try text(json, "chi_stat")
        noise = ((json["noise"] as? [String: Any])?["method"] as? String) ?? "independent voxels"
        if let e = json["evidence"] as? [String: Any] { evidence = (try number(e, "value"), try number(e, "error")) }
        dataDigest = try text(statistics, "data_digest")
        noiseDigest = try text(statistics, "noise_digest")
    }
}
