/// Fits of one cube with different models, ranked by their information criteria
/// (`galpak compare`).
///
/// Only fits whose χ² are sums over the same terms can be compared: the same data, variances
/// and voxels (equal ``ComparedFit/dataDigest``) and the same statistic and noise model (equal
/// ``ComparedFit/noiseDigest``: with correlated noise the χ² depends on the noise spectrum, and
/// spectra measured from two fits' residuals differ). Then, for each criterion
/// C ∈ {BIC, AIC, DIC}, the model with the smallest C is preferred and `ΔC = C − C_min`; the BIC
/// difference grades the preference on the Kass & Raftery scale (``BayesFactorScale``). When
/// every fit is a nested-sampling fit, the evidences give the Bayes factors themselves,
/// `ln B = ln Z_best − ln Z_i` (the likelihood's constant cancels: same data, same noise model),
/// graded on the Jeffreys scale (``JeffreysScale``).
public struct ModelComparison: Sendable {
    /// The fits, in the order given.
    public let fits: [ComparedFit]
    /// Index of the fit with the smallest BIC (the first on a tie).
    public let preferredByBIC: Int
    /// Index of the fit with the smallest AIC.
    public let preferredByAIC: Int
    /// Index of the fit with the smallest DIC, nil when a fit has none (`chi_sorted`).
    public let preferredByDIC: Int?
    /// Index of the fit with the largest evidence, nil unless every fit has one (`--sampling nested`).
    public let preferredByEvidence: Int?

    /// - Throws: ``GalpakError`` `.badInput` when fewer than two fits are given, two prefixes
    ///   are the same fit, or two fits did not compute their χ² from the same data or with the
    ///   same likelihood (naming both and what differs).
    public init(_ fits: [ComparedFit]) throws {
        guard fits.count >= 2 else {
            throw GalpakError(.badInput, "compare needs the prefixes of at least two fits (got \(fits.count))")
        }
        var seen: [String: String] = [:]
        for fit in fits {
            let path = ComparedFit.path(prefix: fit.prefix)
            let key = FileIdentity(path: path).map { "\($0.device):\($0.inode)" } ?? path
            if let earlier = seen[key] {
                throw GalpakError.badInput(path, "is the same fit as \(ComparedFit.path(prefix: earlier)): give each fit once")
            }
            seen[key] = fit.prefix
        }
        let first = fits[0]
        for fit in fits.dropFirst() {
            if fit.dataDigest != first.dataDigest || fit.totalVoxels != first.totalVoxels {
                throw GalpakError(.badInput,
                    "\(fit.prefix) and \(first.prefix) did not fit the same data (\(fit.input), \(fit.usedVoxels) voxels used; \(first.input), \(first.usedVoxels) voxels used): the cube, its variance (or --variance-scale), --mask or --channels differ, so their χ² are sums over different terms and cannot be compared")
            }
            if fit.statistic != first.statistic {
                throw GalpakError(.badInput,
                    "\(fit.prefix) and \(first.prefix) used different χ² statistics (--chi-stat \(fit.statistic) and \(first.statistic)): their χ² cannot be compared")
            }
            if fit.noiseDigest != first.noiseDigest {
                throw GalpakError(.badInput,
                    "\(fit.prefix) and \(first.prefix) used different noise models (\(fit.noise); \(first.noise)): χ² depends on the noise model, and a correlation measured from each fit's own residuals differs a little between fits, which changes χ² by more than the models do; fit both with the same --noise-correlation none or --noise-correlation <voxels>")
            }
        }
        self.fits = fits
        func smallest(_ value: (ComparedFit) -> Double) -> Int {
            fits.indices.min { (value(fits[$0]), $0) < (value(fits[$1]), $1) }!
        }
        preferredByBIC = smallest(\.bic)
        preferredByAIC = smallest(\.aic)
        preferredByDIC = fits.allSatisfy { $0.dic != nil } ? smallest { $0.dic! } : nil
        preferredByEvidence = fits.allSatisfy { $0.evidence != nil } ? smallest { -$0.evidence!.value } : nil
    }

    /// Reads the fits with `prefixes` and compares them.
    /// - Throws: as ``ComparedFit/init(prefix:)`` and ``init(_:)``.
    public init(prefixes: [String]) throws {
        try self.init(try prefixes.map(ComparedFit.init(prefix:)))
    }

    /// `BIC_i − BIC_min` of fit `i` (≈ 2 ln B in favour of the preferred fit).
    public func deltaBIC(_ i: Int) -> Double { fits[i].bic - fits[preferredByBIC].bic }

    /// `AIC_i − AIC_min` of fit `i`.
    public func deltaAIC(_ i: Int) -> Double { fits[i].aic - fits[preferredByAIC].aic }

    /// `DIC_i − DIC_min` of fit `i`, nil without DIC.
    public func deltaDIC(_ i: Int) -> Double? {
        guard let best = preferredByDIC, let dic = fits[i].dic, let minimum = fits[best].dic else { return nil }
        return dic - minimum
    }

    /// `ln B = ln Z_best − ln Z_i` of fit `i` against the fit of largest evidence, and its
    /// standard error `√(σ_best² + σ_i²)`; nil unless every fit has an evidence.
    public func logBayesFactor(_ i: Int) -> (value: Double, error: Double)? {
        guard let best = preferredByEvidence, let a = fits[best].evidence, let b = fits[i].evidence else { return nil }
        return (a.value - b.value, (a.error * a.error + b.error * b.error).squareRoot())
    }

    /// How strongly the BIC prefers the preferred fit over fit `i`.
    public func grade(_ i: Int) -> BayesFactorScale { BayesFactorScale(twiceLogBayesFactor: deltaBIC(i)) }
}
