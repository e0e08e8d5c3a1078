/// A set of emission lines that share the disk's kinematics (`--line`, `--line-ratio`,
/// `--z-line`, `--lines`): Hα with [NII], [OIII] with Hβ, …
///
/// Each line has a rest value (a wavelength, or a frequency on a frequency cube, in any unit:
/// only ratios of rest values matter) and a flux rule, in relative flux F_i:
///
/// - a number a: F_i ∝ a, relative to the other numbers;
/// - `free`: F_i = r · F_z, r the fitted parameter `ratio_<wave>` (``ParameterName/lineRatio(_:)``),
///   `<wave>` the rest value as written;
/// - `=<wave>/<k>`: F_i = F(line `<wave>`) / k, the line named being a number or free.
///
/// The z-line (`--z-line`; default the reddest) sits at the `z` channel and must be a number:
/// with F_z = a_z, every line's relative flux follows, and the `flux` parameter is the total
/// over all lines (the reference's doublet convention). Where each line sits on a cube, with its
/// own velocity step and LSF width, is ``LineGrid``'s.
public struct LineSet: Sendable, Equatable {
    /// How a line's flux is set.
    public enum Flux: Sendable, Equatable {
        /// A relative flux.
        case fixed(Double)
        /// F(line) / F(z-line), fitted.
        case free
        /// F(line `wave`) / `divisor`.
        case tied(wave: String, divisor: Double)
    }

    /// One line of a set.
    public struct Line: Sendable, Equatable {
        /// The rest value as written (it names the line: `6583.45`).
        public var wave: String
        /// The rest value, in the cube's spectral unit's quantity (wavelength or frequency).
        public var rest: Double
        /// Its flux rule.
        public var flux: Flux

        public init(wave: String, rest: Double, flux: Flux) {
            self.wave = wave
            self.rest = rest
            self.flux = flux
        }
    }

    /// The lines, in the order given.
    public let lines: [Line]
    /// The `--z-line` given (its rest value as written), nil for the reddest.
    public let zLineWave: String?
    /// For each tied line, the index of the line it is tied to.
    private let tiedTo: [Int?]

    /// The valid rest values and fixed relative fluxes: positive and finite.
    public static let positive = ValidRange(.open(0), .none)

    /// A checked set.
    /// - Throws: ``GalpakError`` `.badInput` naming the option: fewer than two lines, a rest
    ///   value not positive or given twice, a relative flux or divisor not positive, a tie to a
    ///   line not in the set or to a tied line, a `--z-line` not in the set.
    public init(lines: [Line], zLine: String? = nil) throws {
        guard lines.count >= 2 else {
            throw GalpakError(.badInput, "--line needs at least two rest values for a set of lines (got \(lines.count))")
        }
        for line in lines {
            try Self.positive.check(line.rest, "--line \(line.wave)")
            guard lines.filter({ $0.rest == line.rest }).count == 1 else {
                throw GalpakError(.badInput, "--line gives the rest value \(line.wave) twice")
            }
            switch line.flux {
            case .fixed(let a):
                try Self.positive.check(a, "--line-ratio for \(line.wave)")
            case .free:
                break
            case let .tied(wave, divisor):
                try Self.positive.check(divisor, "--line-ratio =\(wave)/k for \(line.wave): k")
                guard let target = lines.first(where: { $0.wave == wave }), target.wave != line.wave else {
                    throw GalpakError(.badInput, "--line-ratio for \(line.wave): =\(wave)/\(divisor) names no other line of --line (\(lines.map(\.wave).joined(separator: ",")))")
                }
                if case .tied = target.flux {
                    throw GalpakError(.badInput, "--line-ratio for \(line.wave): =\(wave)/\(divisor) ties it to a line that is itself tied; tie it to \(wave)'s own line")
                }
            }
        }
        if let zLine, !lines.contains(where: { $0.wave == zLine }) {
            throw GalpakError(.badInput, "--z-line \(zLine) is not one of --line (\(lines.map(\.wave).joined(separator: ",")))")
        }
        self.lines = lines
        zLineWave = zLine
        tiedTo = lines.map { line in
            guard case let .tied(wave, _) = line.flux else { return nil }
            return lines.firstIndex { $0.wave == wave }
        }
    }

    /// The parameters the set adds: `ratio_<wave>` of each free line, in the order of the lines.
    public var parameters: [ParameterName] {
        lines.compactMap { $0.flux == .free ? ParameterName.lineRatio($0.wave) : nil }
    }

    /// The z-line's index: the one `--z-line` names, else the reddest (the largest rest value
    /// on a wavelength axis, the smallest on a frequency axis).
    public func zLineIndex(redderIsLarger: Bool) -> Int {
        if let zLineWave, let k = lines.firstIndex(where: { $0.wave == zLineWave }) { return k }
        let rests = lines.map(\.rest)
        let target = redderIsLarger ? rests.max()! : rests.min()!
        return rests.firstIndex(of: target)!
    }

    /// The relative fluxes of the lines at `parameters` (z-line index `z`), into `out` (one per
    /// line): a number as given, a free line r · a_z, a tied line its target's over k.
    /// - Precondition: the z-line's rule is a number (``LineGrid`` checks it).
    func relativeFluxes(_ parameters: GalaxyParameters, z: Int, into out: UnsafeMutableBufferPointer<Double>) {
        guard case .fixed(let az) = lines[z].flux else { preconditionFailure("the z-line's flux must be a number") }
        func own(_ line: Line) -> Double {
            switch line.flux {
            case .fixed(let a): a
            case .free: parameters[.lineRatio(line.wave)] * az
            case .tied: .nan
            }
        }
        for (i, line) in lines.enumerated() {
            if case let .tied(_, divisor) = line.flux, let target = tiedTo[i] {
                out[i] = own(lines[target]) / divisor
            } else {
                out[i] = own(line)
            }
        }
    }
}
