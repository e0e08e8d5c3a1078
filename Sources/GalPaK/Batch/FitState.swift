import Foundation

/// How far the fit under a prefix got, judged from its files alone (so a batch can resume
/// after any kind of stop).
public enum FitState: Sendable, Equatable {
    /// Every result file (``OutputFile/Role/result``, ``FitOutputs/all``: figures are not
    /// needed) exists and the parameters read back.
    case complete(FitRecord)
    /// Stopped by a signal: `PREFIX_chain.incomplete.dat` is there.
    case interrupted
    /// Some result files exist, not all (a fit killed while writing them).
    case partial
    /// Nothing yet.
    case absent

    /// The state of the fit writing `outputs`.
    public init(of outputs: FitOutputs) {
        let fm = FileManager.default
        let present = outputs.all.filter { fm.fileExists(atPath: $0) }
        if present.count == outputs.all.count, let record = try? FitRecord.read(path: outputs.parametersJSON) {
            self = .complete(record)
        } else if fm.fileExists(atPath: outputs.incompleteChain) {
            self = .interrupted
        } else {
            self = present.isEmpty ? .absent : .partial
        }
    }

    /// The parameters of a complete fit.
    public var record: FitRecord? {
        if case .complete(let record) = self { return record }
        return nil
    }
}
