import Foundation

/// Forward models shared by the threads of a parallel sampler: each evaluation takes an idle
/// model (making one when none is idle, so there are at most as many as threads evaluating at
/// once), and gives it back.
///
/// Each model keeps its own parameter set, a copy of `template` whose `free` components an
/// evaluation overwrites in place, so an evaluation allocates nothing. Each χ² function is kept
/// in a class instance: a bare closure taken out of and put back into a generic container gains
/// a reabstraction thunk on every round trip, and after ~10⁵ evaluations the nested thunks
/// overflow the stack.
final class ForwardModelPool: @unchecked Sendable {
    private final class Model {
        let chi2: (GalaxyParameters) -> Double
        var parameters: GalaxyParameters
        init(_ chi2: @escaping (GalaxyParameters) -> Double, parameters: GalaxyParameters) {
            self.chi2 = chi2
            self.parameters = parameters
        }
    }

    private let make: @Sendable () -> (GalaxyParameters) -> Double
    private let template: GalaxyParameters
    private let free: [Int]
    private var idle: [Model] = []
    private let lock = NSLock()

    /// Models made by `make`, evaluated at `template` with the components `free` (indices in
    /// the vector) taken from each call's values.
    init(template: GalaxyParameters, free: [Int], make: @escaping @Sendable () -> (GalaxyParameters) -> Double) {
        self.template = template
        self.free = free
        self.make = make
    }

    /// `combine(p, χ²(p))` for `p` the template with its free components set to `theta`, on a
    /// model no other thread is using.
    func evaluate(_ theta: [Double], combine: (GalaxyParameters, Double) -> Double) -> Double {
        let model = lock.withLock { idle.popLast() } ?? Model(make(), parameters: template)
        defer { lock.withLock { idle.append(model) } }
        for (k, i) in free.enumerated() { model.parameters.values[i] = theta[k] }
        return combine(model.parameters, model.chi2(model.parameters))
    }
}
