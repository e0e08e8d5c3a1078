/// The stored output of a sampler: one row per distinct accepted state, with its reduced χ²
/// and a weight — the number of sampler iterations the chain spent in that state (1 for the
/// iteration that accepted it, plus 1 for every later proposal rejected while it was current).
///
/// Expanding every row `weight` times gives the textbook Metropolis chain. A reference
/// GalPaK3D chain has no weights, which is the same as weight 1 on every row.
///
/// Rows are stored in one flat buffer, so appending after ``init(reservingCapacity:)`` does
/// not allocate.
public struct Chain: Equatable, Sendable {
    /// The parameters of each row: the ten, then any optional ones (``GalaxyParameters``).
    public private(set) var names: [ParameterName]
    /// Parameters per row.
    public var parameterCount: Int { names.count }
    /// Values per stored row: the parameters, then the reduced χ².
    private var rowWidth: Int { parameterCount + 1 }

    private var storage: [Double] = []
    /// The weight of each row, in row order.
    public private(set) var weights: [Int] = []
    /// Sum of all weights: the length of the expanded chain.
    public private(set) var totalWeight = 0

    /// An empty chain with room for `capacity` rows of the parameters `names` (the ten first).
    public init(reservingCapacity capacity: Int = 0, names: [ParameterName] = ParameterName.reference) {
        self.names = names
        storage.reserveCapacity(capacity * (names.count + 1))
        weights.reserveCapacity(capacity)
    }

    /// Number of stored rows (distinct states).
    public var count: Int { weights.count }

    /// Whether the chain has no rows.
    public var isEmpty: Bool { weights.isEmpty }

    /// Appends a state. The first row of an empty chain sets ``names`` to its parameters'.
    /// - Precondition: `weight ≥ 1`, and the parameters are the chain's (or the chain is empty).
    public mutating func append(_ parameters: GalaxyParameters, reducedChi2: Double, weight: Int = 1) {
        if isEmpty { names = parameters.names }
        precondition(parameters.names == names, "a chain row needs the chain's parameters")
        append(values: parameters.values, reducedChi2: reducedChi2, weight: weight)
    }

    /// Appends a state given as raw values in the order of ``names``. The first row of an empty
    /// chain with another number of values sets ``names`` to the first that many of
    /// ``ParameterName/known``.
    /// - Precondition: `values.count == parameterCount` (or the chain is empty), `weight ≥ 1`.
    public mutating func append(values: [Double], reducedChi2: Double, weight: Int = 1) {
        if isEmpty, values.count != names.count, values.count <= ParameterName.known.count {
            names = Array(ParameterName.known.prefix(values.count))
        }
        precondition(values.count == parameterCount, "a chain row needs \(parameterCount) parameters")
        precondition(weight >= 1, "a chain row's weight must be at least 1")
        storage.append(contentsOf: values)
        storage.append(reducedChi2)
        weights.append(weight)
        totalWeight += weight
    }

    /// Adds `amount` iterations to the last row (a rejected proposal keeps the last state).
    /// - Precondition: the chain is not empty, `amount ≥ 1`.
    public mutating func addWeightToLast(_ amount: Int = 1) {
        precondition(!weights.isEmpty && amount >= 1)
        weights[weights.count - 1] += amount
        totalWeight += amount
    }

    /// The parameters of row `row`.
    public func parameters(at row: Int) -> GalaxyParameters {
        let start = row * rowWidth
        return GalaxyParameters(Array(storage[start..<start + parameterCount]), names: names)
    }

    /// One parameter of row `row`; NaN for a parameter the chain does not have.
    public func value(_ name: ParameterName, at row: Int) -> Double {
        value(at: row, index: names.firstIndex(of: name))
    }

    /// Parameter number `index` of row `row` (NaN for nil).
    public func value(at row: Int, index: Int?) -> Double {
        index.map { storage[row * rowWidth + $0] } ?? .nan
    }

    /// The reduced χ² of row `row`.
    public func reducedChi2(at row: Int) -> Double {
        storage[row * rowWidth + parameterCount]
    }

    /// The weight of row `row`.
    public func weight(at row: Int) -> Int { weights[row] }

    /// One parameter over all rows, in row order.
    public func column(_ name: ParameterName) -> [Double] {
        (0..<count).map { value(name, at: $0) }
    }

    /// The reduced χ² of all rows, in row order.
    public var reducedChi2s: [Double] {
        (0..<count).map { reducedChi2(at: $0) }
    }

    /// Several chains' rows one after another (chain 0 first), weights kept: for totals and
    /// figures, not for statistics (use the chains themselves).
    public static func pooled(_ chains: [Chain]) -> Chain {
        var pooled = Chain(reservingCapacity: chains.reduce(0) { $0 + $1.count },
                           names: chains.first?.names ?? ParameterName.reference)
        for chain in chains {
            for row in 0..<chain.count {
                pooled.append(chain.parameters(at: row), reducedChi2: chain.reducedChi2(at: row),
                              weight: chain.weight(at: row))
            }
        }
        return pooled
    }
}
