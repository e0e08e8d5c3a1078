import Foundation

/// Where a sampler's chains are stored as they grow, apart from the sampling itself (as in
/// emcee, whose backends store what its ensemble samples): the sampler hands over its chains
/// and the state that continuing them needs, and the sink keeps them (``ChainRunner`` does so
/// at every checkpoint and when the chains are stopped; a file sink makes them survive the
/// process).
///
/// Guarantee asked of an implementation: after ``keep(_:state:)`` returns, what it keeps is
/// exactly `chains` and `state`, replacing what an earlier call kept, and a reader never sees
/// a mixture of two calls.
public protocol ChainSink: Sendable {
    /// Keeps `chains` (every row, in chain order) and `state` (opaque to the sink: the
    /// sampler's own encoding of what continuing the chains needs).
    /// - Throws: ``GalpakError`` when they cannot be stored (e.g. a full disk).
    func keep(_ chains: [Chain], state: Data) throws
}
