import Foundation

/// The `PREFIX_chain.incomplete.dat` file: the chains of a fit still sampling or interrupted,
/// with what `galpak fit --resume` needs to continue them, as a ``ChainSink``.
///
/// Layout: three comment lines, then a ``ChainFile`` table of every row so far:
///
/// ```
/// # galpak incomplete chain: every row so far; galpak fit ... --resume continues it
/// # fit: {JSON: the fit's context, e.g. what the chain was sampled from}
/// # sampler: {JSON: the sampler's state}
/// | x | … | reduced_chi | weight | chain |
/// ```
///
/// Comment lines are skipped by table readers, so `galpak chain` and `galpak plot` read the
/// file as a chain. Every ``keep(_:state:)`` replaces the whole file atomically
/// (``AtomicFile``): a reader, or a run killed at any moment, sees one complete keep, never a
/// mixture. Checkpoints come at least 10 % of the chain apart (``ChainRunner``), so a run
/// writes at most about eleven times its final chain's bytes in all.
public struct IncompleteChainFile: ChainSink {
    /// The file's path.
    public let path: String
    /// The fit's context, kept on the `# fit:` line.
    public let context: Data

    static let title = "# galpak incomplete chain: every row so far; galpak fit ... --resume continues it"
    static let contextMark = "# fit: "
    static let stateMark = "# sampler: "

    public init(path: String, context: Data) {
        self.path = path
        self.context = context
    }

    public func keep(_ chains: [Chain], state: Data) throws {
        let head = [Self.title, Self.contextMark + String(decoding: context, as: UTF8.self),
                    Self.stateMark + String(decoding: state, as: UTF8.self)].joined(separator: "\n")
        try AtomicFile.write(text: head + "\n" + ChainFile.text(for: chains), to: path)
    }

    /// What a file holds: the context and state of the last keep, and its chains by index.
    public struct Contents: Sendable {
        public var context: Data
        public var state: Data
        public var chains: [Int: Chain]
    }

    /// Reads the file at `path`.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` if it cannot be read, or lacks the
    ///   `# fit:` or `# sampler:` line (e.g. a chain file of another kind), or its table is malformed.
    public static func read(path: String) throws -> Contents {
        let text = String(decoding: try InputFile.contents(path, what: "an incomplete chain"), as: UTF8.self)
        var context: Data?, state: Data?
        for line in text.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false).prefix(3) {
            if line.hasPrefix(contextMark) { context = Data(line.dropFirst(contextMark.count).utf8) }
            if line.hasPrefix(stateMark) { state = Data(line.dropFirst(stateMark.count).utf8) }
        }
        guard let context, let state else {
            throw GalpakError.badInput(path, "holds no sampler state to resume from (not written by a galpak fit that can be resumed)")
        }
        let table = try FixedWidthTable(parsing: text, source: path)
        return Contents(context: context, state: state, chains: try ChainFile.indexedChains(table, source: path))
    }
}
