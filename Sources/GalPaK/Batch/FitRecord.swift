import Foundation

/// What a batch summary keeps of a finished fit, read back from its
/// `PREFIX_galaxy_parameters.json` (so a fit done by an earlier run reads the same as a new one).
///
/// Fields the JSON does not have (R̂ needs several chains) stay `nil`.
public struct FitRecord: Sendable, Equatable {
    /// One parameter: value, standard deviation and credible interval.
    public struct Estimate: Sendable, Equatable {
        public var value: Double?
        public var stdev: Double?
        public var lower: Double?
        public var upper: Double?

        public init(value: Double?, stdev: Double?, lower: Double?, upper: Double?) {
            self.value = value
            self.stdev = stdev
            self.lower = lower
            self.upper = upper
        }
    }


    /// Estimates by parameter key (`x`, …, `velocity_dispersion`, then any optional parameter
    /// the fit had: `sersic_index`, `ratio_<wave>`, `psf_fwhm`).
    public var parameters: [String: Estimate]
    /// Reduced χ² at the estimate.
    public var reducedChi2: Double?
    /// Smallest reduced χ² of the chain.
    public var bestReducedChi2: Double?
    /// Accepted steps (summed over chains).
    public var accepted: Int?
    /// Why the sampler stopped (`completed`, `lowAcceptance`, …).
    public var stopReason: String?
    /// Largest split R̂ over the free parameters, when the fit computed R̂.
    public var maxRHat: Double?
    /// Smallest effective sample size over the free parameters, when the fit computed it.
    public var minESS: Double?
    /// How the fit estimated the parameters (the JSON's `estimator`; `mcmc` when absent).
    public var estimator = Estimator.mcmc

    public init(parameters: [String: Estimate], reducedChi2: Double? = nil, bestReducedChi2: Double? = nil,
                accepted: Int? = nil, stopReason: String? = nil, maxRHat: Double? = nil, minESS: Double? = nil) {
        self.parameters = parameters
        self.reducedChi2 = reducedChi2
        self.bestReducedChi2 = bestReducedChi2
        self.accepted = accepted
        self.stopReason = stopReason
        self.maxRHat = maxRHat
        self.minESS = minESS
    }

    /// The keys of the fit's parameters beyond the reference's ten, in ``ordered(_:)`` order.
    public var optionalKeys: [String] {
        Self.ordered(parameters.keys.filter { key in !ParameterName.reference.contains { $0.key == key } })
    }

    /// Optional parameters' keys in one order for every table: the fixed names in
    /// ``ParameterName/known``'s order, then the others (line ratios) by key.
    public static func ordered<S: Sequence<String>>(_ keys: S) -> [String] {
        Set(keys).sorted { a, b in
            let (i, j) = (ParameterName(key: a)?.knownIndex ?? .max, ParameterName(key: b)?.knownIndex ?? .max)
            return i != j ? i < j : a < b
        }
    }

    /// `converged` or `not converged` by ``ConvergenceTarget/standard`` (largest R̂ and smallest
    /// ESS of the free parameters) when R̂ is known, else nil.
    public var convergence: String? {
        maxRHat.map { ConvergenceTarget.standard.passes(rHat: $0, ess: minESS ?? 0) ? "converged" : "not converged" }
    }

    /// Reads `path`.
    /// - Throws: ``GalpakError`` `.badInput` if it cannot be read, is not JSON, lacks any of
    ///   the ten parameters or names an unknown estimator.
    public static func read(path: String) throws -> FitRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GalpakError.badInput(path, "cannot be read")
        }
        guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let parameters = json["parameters"] as? [String: Any] else {
            throw GalpakError.badInput(path, "is not a galpak parameters file")
        }
        var estimates: [String: Estimate] = [:]
        var rHats: [Double] = [], sizes: [Double] = []
        let optional = parameters.keys.compactMap { ParameterName(key: $0) }.filter { !ParameterName.reference.contains($0) }
        for name in ParameterName.reference + optional {
            guard let p = parameters[name.key] as? [String: Any] else {
                if !ParameterName.reference.contains(name) { continue }
                throw GalpakError.badInput(path, "has no parameter \(name.key)")
            }
            estimates[name.key] = Estimate(value: number(p["value"]), stdev: number(p["stdev"]),
                                           lower: number(p["lower"]), upper: number(p["upper"]))
            if p["fixed"] as? Bool != true {
                if let r = number(p["rhat"]) { rHats.append(r) }
                if let e = number(p["ess"]) { sizes.append(e) }
            }
        }
        var record = FitRecord(parameters: estimates, reducedChi2: number(json["reduced_chi2"]),
                               bestReducedChi2: number(json["best_reduced_chi2"]),
                               accepted: number(json["accepted"]).map { Int($0) },
                               stopReason: json["stop_reason"] as? String, maxRHat: rHats.max(), minESS: sizes.min())
        if let name = json["estimator"] as? String {
            guard let estimator = Estimator(rawValue: name) else {
                throw GalpakError.badInput(path, "has an unknown estimator '\(name)' (expected mcmc or laplace)")
            }
            record.estimator = estimator
        }
        return record
    }

    /// A finite number from a JSON value (`null` and non-numbers → nil).
    static func number(_ value: Any?) -> Double? {
        guard let d = (value as? NSNumber)?.doubleValue, d.isFinite else { return nil }
        return d
    }
}
