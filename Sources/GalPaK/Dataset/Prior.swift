import Foundation

/// The distribution a dataset draws one quantity from, as a priors file writes it:
///
/// | written | distribution | draw |
/// |---|---|---|
/// | `60` | fixed | 60 |
/// | `[20, 80]` or `{"uniform": [20, 80]}` | uniform on [a, b] | a + (b − a)·u |
/// | `{"loguniform": [3, 30]}` | log-uniform on [a, b], 0 < a | exp(ln a + (ln b − ln a)·u) |
/// | `{"normal": [50, 10]}` | normal of mean μ, standard deviation σ > 0 | μ + σ·g, redrawn outside the valid range |
///
/// with u uniform on [0, 1] and g a standard normal deviate (Box–Muller, ``RandomNumberGenerator/nextGaussian()``).
public enum Prior: Sendable, Equatable {
    case fixed(Double)
    case uniform(Double, Double)
    case logUniform(Double, Double)
    case normal(mean: Double, sigma: Double)

    /// The names of the distributions of the object form.
    public static let names = ["uniform", "loguniform", "normal"]

    /// How a distribution is written, for messages and the help.
    public static let forms = "a number (fixed), [low, high] (uniform), {\"uniform\": [low, high]}, "
        + "{\"loguniform\": [low, high]} or {\"normal\": [mean, sigma]}"

    /// The least share of a normal's draws that must fall in the valid range (the rest are
    /// redrawn): below it the prior is refused as mistaken.
    public static let minimumNormalMass = 0.01
    /// The share of a normal's draws outside the valid range above which a warning says that
    /// the distribution drawn is noticeably truncated.
    public static let truncationWarning = 0.001

    /// The prior written `json`.
    /// - Throws: ``GalpakError`` `.badInput` "`source`: `key`: …" for anything that is not one
    ///   of the forms, bounds out of order, a non-positive log-uniform bound or σ.
    public init(json: JSONInput, source: String, key: String) throws {
        func fail(_ problem: String) -> GalpakError { GalpakError.badInput(source, "\(key): \(problem)") }
        func pair(_ value: JSONInput, _ what: String) throws -> (Double, Double) {
            guard case .array(let items) = value, items.count == 2,
                  let a = items[0].number, let b = items[1].number, a.isFinite, b.isFinite else {
                throw fail("\(what) takes two finite numbers (got \(value.described))")
            }
            return (a, b)
        }
        switch json {
        case .number(let v):
            guard v.isFinite else { throw fail("the fixed value must be finite") }
            self = .fixed(v)
        case .array:
            let (a, b) = try pair(json, "a uniform range [low, high]")
            self = try Self.uniform(a, b, fail)
        case .object(let members):
            guard members.count == 1, let member = members.first, Self.names.contains(member.key) else {
                throw fail("an object gives one distribution, \(Self.names.joined(separator: ", ")) (got "
                    + (members.isEmpty ? "an empty object" : members.map { "'\($0.key)'" }.joined(separator: ", ")).escapingControlCharacters() + ")")
            }
            let (a, b) = try pair(member.value, member.key)
            switch member.key {
            case "uniform":
                self = try Self.uniform(a, b, fail)
            case "loguniform":
                guard a > 0, a < b else { throw fail("loguniform [low, high] needs 0 < low < high (got [\(Self.format(a)), \(Self.format(b))])") }
                self = .logUniform(a, b)
            default:
                guard b > 0 else { throw fail("normal [mean, sigma] needs sigma > 0 (got \(Self.format(b)))") }
                self = .normal(mean: a, sigma: b)
            }
        default:
            throw fail("not a distribution (got \(json.described)); give \(Self.forms)")
        }
    }

    private static func uniform(_ a: Double, _ b: Double, _ fail: (String) -> GalpakError) throws -> Prior {
        guard a < b else {
            throw fail("uniform [low, high] needs low < high (got [\(format(a)), \(format(b))]; a fixed value is a plain number)")
        }
        return .uniform(a, b)
    }

    /// Checks that every draw lies in `range`: a fixed value and the ends of a uniform or
    /// log-uniform range must lie in it; a normal must put at least ``minimumNormalMass`` of its
    /// draws in it (those outside are redrawn).
    /// - Returns: a warning when a normal puts more than ``truncationWarning`` of its draws
    ///   outside (the distribution drawn is then a truncated normal), else nil.
    /// - Throws: ``GalpakError`` `.badInput` "`source`: `key`: …, outside the valid range …".
    public func check(in range: ValidRange, source: String, key: String) throws -> String? {
        func fail(_ problem: String) -> GalpakError {
            GalpakError.badInput(source, "\(key): \(problem); its valid values are \(range.description)")
        }
        switch self {
        case .fixed(let v):
            guard range.contains(v) else { throw fail("\(Self.format(v)) is outside the valid range") }
        case .uniform(let a, let b), .logUniform(let a, let b):
            guard range.contains(a), range.contains(b) else { throw fail("\(self) reaches outside the valid range") }
        case .normal(let mean, let sigma):
            let inside = Self.mass(of: range, mean: mean, sigma: sigma)
            guard inside >= Self.minimumNormalMass else {
                throw fail("\(self) puts only \(Self.percent(inside)) of its draws in the valid range")
            }
            if 1 - inside > Self.truncationWarning {
                return "\(source): \(key): \(self) puts \(Self.percent(1 - inside)) of its draws outside the valid values "
                    + "(\(range.description)); they are redrawn, so the values follow a truncated normal"
            }
        }
        return nil
    }

    /// One draw; a normal's draws outside `range` are redrawn (``check(in:source:key:)`` has
    /// made sure that at least ``minimumNormalMass`` of them lie inside).
    public func draw<G: RandomNumberGenerator>(in range: ValidRange, using generator: inout G) -> Double {
        switch self {
        case .fixed(let v):
            return v
        case .uniform(let a, let b):
            return Double.random(in: a...b, using: &generator)
        case .logUniform(let a, let b):
            // Clamped: exp(ln b) may round one ulp past b, which may be the range's end.
            return Swift.min(b, Swift.max(a, exp(Double.random(in: log(a)...log(b), using: &generator))))
        case .normal(let mean, let sigma):
            while true {
                let v = mean + sigma * generator.nextGaussian()
                if range.contains(v) { return v }
            }
        }
    }

    /// The prior as a priors file writes it (`{"uniform": [20, 80]}`), JSON.
    public var json: String {
        func pair(_ name: String, _ a: Double, _ b: Double) -> String { "{\"\(name)\": [\(a), \(b)]}" }
        switch self {
        case .fixed(let v): return "\(v)"
        case .uniform(let a, let b): return pair("uniform", a, b)
        case .logUniform(let a, let b): return pair("loguniform", a, b)
        case .normal(let mean, let sigma): return pair("normal", mean, sigma)
        }
    }

    /// The share of a normal distribution (`mean`, `sigma`) inside `range`:
    /// Φ((hi − μ)/σ) − Φ((lo − μ)/σ), Φ(z) = ½ erfc(−z/√2), an open end counted as closed.
    static func mass(of range: ValidRange, mean: Double, sigma: Double) -> Double {
        func cdf(_ x: Double) -> Double { 0.5 * erfc(-(x - mean) / (sigma * 2.0.squareRoot())) }
        return (range.upper.value.map(cdf) ?? 1) - (range.lower.value.map(cdf) ?? 0)
    }

    private static func percent(_ share: Double) -> String { String(format: "%.3g %%", 100 * share) }

    private static func format(_ v: Double) -> String { ValidRange.format(v) }
}

extension Prior: CustomStringConvertible {
    /// "uniform [20, 80]", "normal [50, 10]", "fixed 60".
    public var description: String {
        switch self {
        case .fixed(let v): "fixed \(ValidRange.format(v))"
        case .uniform(let a, let b): "uniform [\(ValidRange.format(a)), \(ValidRange.format(b))]"
        case .logUniform(let a, let b): "loguniform [\(ValidRange.format(a)), \(ValidRange.format(b))]"
        case .normal(let mean, let sigma): "normal [\(ValidRange.format(mean)), \(ValidRange.format(sigma))]"
        }
    }
}
