/// One cube's draws: the values of ``DatasetPriors/entries``, in order, and its noise seed.
public struct DatasetDraw: Sendable, Equatable {
    /// The cube's position in the dataset, 0-based.
    public var index: Int
    public var values: [Double]
    /// The seed of the cube's noise (``SimulationSpec/seed``), below 2⁵³.
    public var noiseSeed: UInt64
}
