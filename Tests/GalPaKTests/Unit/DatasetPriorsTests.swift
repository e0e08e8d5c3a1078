import Foundation
import Testing
@testable import GalPaK

/// The priors of `simulate --dataset`: the file's forms, its refusals (one line naming the file
/// and the key), and draws that follow the distributions, without writing a cube.
@Suite struct DatasetPriorsTests {
    /// Fixed values for the ten parameters, as a priors file's members.
    static let fixedTen = [("x", "10"), ("y", "10"), ("z", "12"), ("flux", "500"), ("radius", "3"), ("inclination", "60"),
                           ("pa", "30"), ("turnover_radius", "1.2"), ("maximum_velocity", "200"), ("velocity_dispersion", "40")]

    /// The priors `members`, with ``fixedTen``'s members for the names they do not give (none
    /// with `replacing`), for a model of `parameters`.
    static func priors(_ members: String, replacing: Bool = false,
                       parameters: [ParameterName] = ParameterName.reference) throws -> DatasetPriors {
        let rest = replacing ? [] : fixedTen.filter { !members.contains("\"\($0.0)\":") }.map { "\"\($0.0)\": \($0.1)" }
        let text = "{" + (rest + (members.isEmpty ? [] : [members])).joined(separator: ", ") + "}"
        return try DatasetPriors(json: try JSONInput(parsing: Data(text.utf8), source: "p.json"), source: "p.json",
                                 parameters: parameters)
    }

    /// The error message `members` get, or nil when accepted.
    static func refusal(_ members: String, replacing: Bool = false,
                        parameters: [ParameterName] = ParameterName.reference) -> String? {
        do {
            _ = try priors(members, replacing: replacing, parameters: parameters)
            return nil
        } catch let error as GalpakError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func readsEveryFormInTheModelsOrder() throws {
        let q = try Self.priors(#""x": [9, 11], "y": 10, "z": {"normal": [12, 1]}, "flux": {"loguniform": [100, 1000]}, "#
            + #""radius": 3, "incl": {"uniform": [20, 80]}, "pa": 30, "rv": 1.2, "maximum_velocity": 200, "#
            + #""velocity_dispersion": 40, "seeing": [0.6, 1.0], "snr": {"loguniform": [3, 30]}"#, replacing: true)
        #expect(q.entries.map(\.quantity.key) == ["x", "y", "z", "flux", "radius", "inclination", "pa", "turnover_radius",
                                                  "maximum_velocity", "velocity_dispersion", "snr", "seeing"])
        #expect(q.entries.map(\.prior) == [.uniform(9, 11), .fixed(10), .normal(mean: 12, sigma: 1), .logUniform(100, 1000),
                                           .fixed(3), .uniform(20, 80), .fixed(30), .fixed(1.2), .fixed(200), .fixed(40),
                                           .logUniform(3, 30), .uniform(0.6, 1.0)])
        #expect(q.warnings.isEmpty)
    }

    /// Every bad file is refused with one line naming the file and, where there is one, the key.
    @Test(arguments: [
        (#""inclination": [20, 100]"#, "p.json: inclination: uniform [20, 100] reaches outside the valid range; its valid values are in [0, 90] degrees"),
        (#""inclination": [80, 20]"#, "p.json: inclination: uniform [low, high] needs low < high"),
        (#""inclination": {"gauss": [1, 2]}"#, "p.json: inclination: an object gives one distribution, uniform, loguniform, normal (got 'gauss')"),
        (#""inclination": {"uniform": [1, 2], "normal": [1, 2]}"#, "p.json: inclination: an object gives one distribution"),
        (#""inclination": {"normal": [45, 0]}"#, "p.json: inclination: normal [mean, sigma] needs sigma > 0 (got 0)"),
        (#""inclination": {"loguniform": [0, 50]}"#, "p.json: inclination: loguniform [low, high] needs 0 < low < high"),
        (#""inclination": [1, 2, 3]"#, "p.json: inclination: a uniform range [low, high] takes two finite numbers (got a list of 3)"),
        (#""inclination": {"normal": "45,5"}"#, "p.json: inclination: normal takes two finite numbers (got the text '45,5')"),
        (#""inclination": true"#, "p.json: inclination: not a distribution (got true)"),
        (#""inclination": 95"#, "p.json: inclination: 95 is outside the valid range; its valid values are in [0, 90] degrees"),
        (#""velocity_dispersion": {"normal": [-50, 10]}"#, "p.json: velocity_dispersion: normal [-50, 10] puts only"),
        (#""flux": [0, 100]"#, "p.json: flux: uniform [0, 100] reaches outside the valid range"),
        (#""snr": [0, 10]"#, "p.json: snr: uniform [0, 10] reaches outside the valid range"),
        (#""seeing": {"loguniform": [0.5, 4000]}"#, "p.json: seeing: loguniform [0.5, 4000] reaches outside the valid range; its valid values are in (0, 3600] arcsec"),
        (#""snr": 10, "noise_sigma": 1"#, "p.json: give either snr or noise_sigma, not both"),
        (#""wind": 3"#, "p.json: unknown name 'wind'; the names are the model's parameters (x, y, z"),
        (#""sersic_index": 1"#, "p.json: sersic_index: not a parameter of this model (it needs --flux-profile sersic)"),
        (#""incl": 50"#, "p.json: inclination is given twice (as 'incl' and 'inclination')"),
    ])
    func badPriorsAreRefused(members: String, expected: String) {
        let message = Self.refusal(members)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "accepted")")
        #expect(message?.contains("\n") != true)
    }

    @Test func theFileMustBeAnObjectWithEveryParameter() throws {
        #expect(Self.refusal("", replacing: true) == "p.json: no prior for x, y, z, flux, radius, inclination, pa, "
            + "turnover_radius, maximum_velocity, velocity_dispersion; every parameter of the model needs one (a number fixes it)")
        do {
            _ = try DatasetPriors(json: .array([.number(1)]), source: "p.json", parameters: ParameterName.reference)
            Issue.record("a list was accepted")
        } catch let error as GalpakError {
            #expect(error.message.hasPrefix("p.json: must hold a JSON object of distributions by name"))
        }
        #expect(throws: GalpakError.self) { try JSONInput(parsing: Data("{\"x\": ".utf8), source: "p.json") }
        // The model's optional parameters are named like everywhere else.
        let sersic = ParameterName.reference + [.sersicIndex, .lineRatio("6583.45")]
        #expect(Self.refusal(#""sersic_index": [0.5, 4]"#, parameters: sersic)
            == "p.json: no prior for ratio_6583.45; every parameter of the model needs one (a number fixes it)")
        let both = try Self.priors(#""n": [0.5, 4], "ratio_6583.45": {"normal": [0.3, 0.05]}"#, parameters: sersic)
        #expect(both.entries.suffix(2).map(\.quantity.key) == ["sersic_index", "ratio_6583.45"])
    }

    @Test func aCommandLineSettingIsAFixedPriorGivenOnce() throws {
        var p = try Self.priors(#""seeing": [0.6, 1.0]"#)
        try p.fix(.snr, 12, option: "--snr")
        try p.fix(.lsfFWHM, 2.5, option: "--lsf-fwhm")
        #expect(p.entries.suffix(3).map(\.quantity.key) == ["snr", "seeing", "lsf_fwhm"])
        #expect(p.entries.suffix(3).map(\.prior) == [.fixed(12), .uniform(0.6, 1.0), .fixed(2.5)])
        do {
            try p.fix(.seeing, 0.8, option: "--seeing")
            Issue.record("--seeing was accepted beside the file's seeing")
        } catch let error as GalpakError {
            #expect(error.message == "p.json: seeing is given here and --seeing on the command line: give it once")
        }
        var noisy = try Self.priors(#""snr": [3, 30]"#)
        do {
            try noisy.fix(.noiseSigma, 1, option: "--noise-sigma")
            Issue.record("--noise-sigma was accepted beside the file's snr")
        } catch let error as GalpakError {
            #expect(error.message == "p.json: snr is given here and --noise-sigma on the command line: give one noise level")
        }
    }

    /// No name of a setting is also a parameter's (one name, one meaning in a priors file).
    @Test func settingsAndParametersHaveDistinctNames() {
        for setting in SimulationSetting.allCases {
            #expect(ParameterName(key: setting.key) == nil, "\(setting.key) is a parameter's name too")
            #expect(DatasetQuantity(key: setting.key) == .setting(setting))
            #expect(setting.option.dropFirst(2).replacingOccurrences(of: "-", with: "_") == setting.key)
        }
    }

    @Test func theSameSeedDrawsTheSameCubesWhateverTheirNumber() throws {
        let q = try Self.priors(#""x": [9, 11], "y": 10, "z": {"normal": [12, 1]}, "flux": {"loguniform": [100, 1000]}, "#
            + #""radius": 3, "inclination": 60, "pa": 30, "turnover_radius": 1.2, "maximum_velocity": 200, "#
            + #""velocity_dispersion": 40, "snr": [3, 30]"#, replacing: true)
        let ten = q.draw(count: 10, seed: 7)
        #expect(q.draw(count: 10, seed: 7) == ten)
        #expect(Array(q.draw(count: 25, seed: 7).prefix(10)) == ten)
        #expect(q.draw(count: 10, seed: 8).map(\.values) != ten.map(\.values))
        #expect(Set(ten.map(\.noiseSeed)).count == 10)
        #expect(ten.allSatisfy { $0.noiseSeed < 1 << 53 })
        #expect(ten.map(\.index) == Array(0..<10))
    }

    /// 400 draws of each form follow their distribution: every draw inside the prior's range,
    /// the sample mean within 4 standard errors of the distribution's (computed here by hand),
    /// and the Kolmogorov–Smirnov distance to the distribution's CDF below 1.63/√N (the 1 %
    /// critical value).
    @Test func drawsFollowTheDistributions() throws {
        let n = 400
        let p = try Self.priors(#""x": [9, 11], "y": 10, "z": {"normal": [12, 1.5]}, "#
            + #""flux": {"loguniform": [100, 1000]}, "radius": 3, "inclination": {"uniform": [20, 80]}, "pa": 30, "#
            + #""turnover_radius": 1.2, "maximum_velocity": 200, "velocity_dispersion": {"normal": [5, 10]}, "#
            + #""snr": {"loguniform": [3, 30]}"#, replacing: true)
        let draws = p.draw(count: n, seed: 2024)
        func column(_ key: String) -> [Double] {
            let k = p.entries.firstIndex { $0.quantity.key == key }!
            return draws.map { $0.values[k] }
        }
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        func ks(_ v: [Double], _ cdf: (Double) -> Double) -> Double {
            v.sorted().enumerated().map { i, x in
                max(abs(cdf(x) - Double(i) / Double(v.count)), abs(cdf(x) - Double(i + 1) / Double(v.count)))
            }.max()!
        }
        let root = Double(n).squareRoot()
        let critical = 1.63 / root
        func phi(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

        // Uniform [20, 80]: mean 50, σ = 60/√12.
        let incl = column("inclination")
        #expect(incl.allSatisfy { (20...80).contains($0) })
        #expect(abs(mean(incl) - 50) < 4 * (60 / 12.0.squareRoot()) / root, "mean \(mean(incl))")
        #expect(ks(incl) { ($0 - 20) / 60 } < critical)
        let x = column("x")
        #expect(x.allSatisfy { (9...11).contains($0) })
        #expect(abs(mean(x) - 10) < 4 * (2 / 12.0.squareRoot()) / root)

        // Log-uniform [100, 1000]: ln F uniform on [ln 100, ln 1000].
        let flux = column("flux").map { log($0) }
        #expect(column("flux").allSatisfy { (100...1000).contains($0) })
        let (a, b) = (log(100.0), log(1000.0))
        #expect(abs(mean(flux) - (a + b) / 2) < 4 * ((b - a) / 12.0.squareRoot()) / root)
        #expect(ks(flux) { ($0 - a) / (b - a) } < critical)
        // Its mean is (1000 − 100)/ln 10 = 390.87, not the uniform's 550.
        #expect(abs(mean(column("flux")) - 900 / log(10.0)) < 40)

        // Normal (12, 1.5): mean, standard deviation and CDF.
        let z = column("z")
        let zMean = mean(z)
        let zSD = (z.map { ($0 - zMean) * ($0 - zMean) }.reduce(0, +) / Double(n - 1)).squareRoot()
        #expect(abs(zMean - 12) < 4 * 1.5 / root, "mean \(zMean)")
        #expect(abs(zSD - 1.5) < 4 * 1.5 / (2 * Double(n - 1)).squareRoot(), "sd \(zSD)")
        #expect(ks(z) { phi(($0 - 12) / 1.5) } < critical)

        // Normal (5, 10) truncated at 0 (31 % redrawn): the truncated normal's mean,
        // μ + σ φ(α)/(1 − Φ(α)), α = −0.5: 5 + 10 × 0.3520653/0.6914625 = 10.0916; its CDF
        // (Φ((v − 5)/10) − Φ(−0.5))/(1 − Φ(−0.5)).
        let sigma = column("velocity_dispersion")
        #expect(sigma.allSatisfy { $0 >= 0 })
        #expect(abs(mean(sigma) - 10.0916) < 4 * 10 / root, "mean \(mean(sigma))")
        #expect(ks(sigma) { (phi(($0 - 5) / 10) - phi(-0.5)) / (1 - phi(-0.5)) } < critical)
        #expect(p.warnings.count == 1)
        #expect(p.warnings.first?.hasPrefix("p.json: velocity_dispersion: normal [5, 10] puts 30.9 % of its draws outside") == true)

        // Fixed values are drawn as given.
        #expect(column("radius").allSatisfy { $0 == 3 })
    }
}
