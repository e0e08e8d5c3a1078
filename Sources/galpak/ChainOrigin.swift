import Foundation
import GalPaK

/// The fit a chain file belongs to, if `galpak chain` can re-derive its products: a chain
/// named `PREFIX_chain.dat` beside the completion record `PREFIX_galaxy_parameters.json` of an
/// MCMC fit (which names the input cube) and its `PREFIX_options.txt` (the fit's options).
enum ChainOrigin {
    /// The fit's files.
    case fit(record: String, optionsFile: String, input: String)
    /// No fit to re-derive: why, a phrase after the chain file's name (for the note).
    case none(String)
    /// The weighted draws of a nested-sampling fit (`--sampling nested`), whose record is given:
    /// every draw counts by its weight; no chain diagnostics.
    case nested(record: String)

    /// The fit beside `chainFile`, or why there is none.
    init(chainFile: String) {
        let suffix = "_" + OutputFile.chain.suffix
        guard chainFile.hasSuffix(suffix) else {
            self = .none("not named PREFIX_\(OutputFile.chain.suffix) as a fit's chain is")
            return
        }
        let fit = FitOutputs(prefix: String(chainFile.dropLast(suffix.count)))
        let record = fit.parametersJSON
        guard FileManager.default.fileExists(atPath: record) else {
            self = .none("no fit's \(record) beside it")
            return
        }
        guard let data = FileManager.default.contents(atPath: record),
              let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let input = json["input"] as? String else {
            self = .none("\(record) beside it is not a fit's (it names no input cube)")
            return
        }
        guard (json["estimator"] as? String).map({ Estimator(rawValue: $0)?.hasChains == true }) ?? true else {
            self = .none("\(record) beside it is a fit without chains (--optimize), not this chain's")
            return
        }
        if json["estimator"] as? String == Estimator.nested.rawValue {
            self = .nested(record: record)
            return
        }
        guard FileManager.default.fileExists(atPath: fit.options) else {
            self = .none("no \(fit.options) beside it (a fit made before galpak recorded its options)")
            return
        }
        self = .fit(record: record, optionsFile: fit.options, input: input)
    }
}
