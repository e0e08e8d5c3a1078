import Foundation

/// How far the fit under a prefix got, judged from its files alone (so a batch can resume
/// after any kind of stop).
public enum FitState: Sendable, Equatable {
    /// The completion record, `PREFIX_galaxy_parameters.json`, is valid: the parameters read
    /// back, it lists every result file of its estimator (``FitOutputs/required(for:)``: a
    /// Laplace fit has no chain or convergence file; figures are not needed; nor are the files
    /// an earlier galpak did not write), and every file it lists but the figures is there with
    /// the size it lists (``CompletionRecord``): `galpak plot --overwrite` may redraw them, in
    /// other formats too, and a set without them is complete.
    case complete(FitRecord)
    /// Stopped by a signal: `PREFIX_chain.incomplete.dat` is there.
    case interrupted
    /// Some outputs exist but do not make a complete set (a fit killed while writing them,
    /// or files truncated, emptied or removed since).
    case partial
    /// Nothing yet.
    case absent

    /// The state of the fit writing `outputs`.
    public init(of outputs: FitOutputs) {
        let fm = FileManager.default
        if let record = try? FitRecord.read(path: outputs.parametersJSON),
           CompletionRecord.isComplete(record: outputs.parametersJSON, requiring: outputs.required(for: record.estimator),
                                       unchecked: FitOutputs(prefix: outputs.prefix, figureFormats: FigureFormat.allCases).figures) {
            self = .complete(record)
        } else if fm.fileExists(atPath: outputs.incompleteChain) {
            self = .interrupted
        } else {
            self = outputs.possibleFiles(plots: true).contains { fm.fileExists(atPath: $0) } ? .partial : .absent
        }
    }

    /// The parameters of a complete fit.
    public var record: FitRecord? {
        if case .complete(let record) = self { return record }
        return nil
    }
}
