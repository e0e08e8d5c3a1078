/// The largest fit galpak agrees to start: documented maxima on the number and length of the
/// chains, and an estimate of the memory the fit needs, checked against the machine's before
/// anything of that size is allocated (a request that cannot fit is refused with one line
/// instead of dying in an allocation hours later).
///
/// Memory, from the sizes the fit allocates (overflow-checked; see ``bytes(chains:length:voxels:)``):
/// - each chain stores up to `length` rows of its parameters, χ² and a weight (96 bytes for the
///   ten parameters), held twice at the end (the chains and their pooled copy for the outputs):
///   ``bytesPerRow`` (192 for ten parameters, counted for every parameter galpak knows);
/// - each chain has its own model: the clean and convolved cubes, the convolution's padded
///   transform buffers and the correlated-noise χ²'s, about ``arraysPerChain`` cube-sized
///   arrays of Double;
/// - shared by all chains: the data, variance, weights, kernel and the output cubes, about
///   ``sharedArrays`` cube-sized arrays.
public enum FitLimits {
    /// `--iterations` and `--max-iterations`: accepted steps per chain.
    public static let chainLengths = ValidRange(.closed(1), .closed(1e8))
    /// `--chains`.
    public static let chainCounts = ValidRange(.closed(1), .closed(1024))
    /// Parameters per chain row counted by the memory estimate: the ten and a few optional ones.
    static let parametersPerRow = 16
    /// Bytes of one chain row, stored and pooled.
    static let bytesPerRow = 2 * (parametersPerRow + 2) * MemoryLayout<Double>.size
    /// Cube-sized Double arrays each chain's model holds.
    static let arraysPerChain = 8
    /// Cube-sized Double arrays the fit holds once.
    static let sharedArrays = 8

    /// Bytes a fit of `chains` chains of at most `length` accepted steps on a cube of `voxels`
    /// voxels needs: chains · (length · ``bytesPerRow`` + voxels · 8 · ``arraysPerChain``) + voxels · 8 ·
    /// ``sharedArrays``; nil when it overflows `Int`.
    public static func bytes(chains: Int, length: Int, voxels: Int) -> Int? {
        let double = MemoryLayout<Double>.size
        guard let rows = MemoryBudget.product([length, bytesPerRow]),
              let model = MemoryBudget.product([voxels, double, arraysPerChain]),
              let shared = MemoryBudget.product([voxels, double, sharedArrays]) else { return nil }
        let (perChain, o1) = rows.addingReportingOverflow(model)
        guard !o1, let all = MemoryBudget.product([chains, perChain]) else { return nil }
        let (total, o2) = all.addingReportingOverflow(shared)
        return o2 ? nil : total
    }

    /// Refuses `options` on a cube of `voxels` voxels when the chains' number or length is out
    /// of range, the burn-in would leave nothing (``checkBurn(_:)``) or the fit needs more than
    /// the machine's memory.
    /// - Throws: ``GalpakError`` `.badInput` naming the option (`--iterations`, `--max-iterations`,
    ///   `--chains`, `--burn`) and, for memory, the sizes.
    public static func check(_ options: FitOptions, voxels: Int) throws {
        let lengthOption = options.iterations == nil ? "--max-iterations" : "--iterations"
        try chainLengths.check(options.chainLength, lengthOption)
        try chainCounts.check(options.chains, "--chains")
        try checkBurn(options)
        try MemoryBudget.check(
            bytes: bytes(chains: options.chains, length: options.chainLength, voxels: voxels),
            for: "a fit of \(options.chains) chains of up to \(options.chainLength) steps (\(lengthOption)) on \(voxels) voxels",
            advice: "ask for fewer or shorter chains (--chains, \(lengthOption)), or crop the cube")
    }

    /// Refuses a `--burn` that certainly leaves nothing: at least the most iterations a chain
    /// of `options` can hold (``SamplerSettings/maxChainIterations``), which would otherwise be
    /// found only once the chains have run. The chain length and acceptance must be in range.
    /// - Throws: ``GalpakError`` `.badInput` naming `--burn`, the limit and the options setting it.
    public static func checkBurn(_ options: FitOptions) throws {
        let most = options.samplerSettings.maxChainIterations
        guard options.burn >= most else { return }
        let length = options.iterations.map { "--iterations \($0)" } ?? "--max-iterations \(options.maxIterations)"
        throw GalpakError(.badInput, "--burn \(options.burn) would leave nothing: with \(length) and --min-acceptance "
            + "\(ValidRange.format(options.minAcceptance)) a chain holds at most \(most) iterations; give a smaller --burn")
    }
}
