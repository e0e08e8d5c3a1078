import Foundation
@testable import GalPaK

/// The inputs the option and manifest fuzz start from, made once: a small simulated cube
/// (`c.fits`, 10×10×10, MUSE-like), a short fit of it (`base/fit_*`, for `chain` and `plot`),
/// a one-line cube list (`list.txt`, for `batch`), and every awkward path that
/// ``OptionValueMutator/paths`` names.
struct FuzzFixtures {
    /// The cheap fit every fit of the fuzz starts from (a short untuned chain, no moments, no figures).
    static let cheapFitOptions = ["--iterations", "20", "--sampling", "cauchy", "--first-guess", "reference",
                                  "--chains", "1", "--quiet", "--no-plots"]
    /// The parameters of the simulated cube (`--params`).
    static let parameters = "x=4.6,y=5.2,z=4.8,flux=100,radius=2,inclination=50,pa=30,turnover_radius=1,"
        + "maximum_velocity=150,velocity_dispersion=40"

    let cube: Data
    /// The base fit's files, by path relative to the working directory.
    let fit: [String: Data]

    /// Simulates the cube and fits it once (a few seconds).
    init() throws {
        let scratch = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let simulate = try CommandLineRunner.run(
            ["simulate", "--shape", "10,10,10", "--params", Self.parameters, "--snr", "10", "-o", "c.fits"],
            in: scratch, timeLimit: 120)
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("base"), withIntermediateDirectories: false)
        let fit = try CommandLineRunner.run(["fit", "c.fits"] + Self.cheapFitOptions + ["-o", "base/fit"],
                                            in: scratch, timeLimit: 300)
        guard simulate.status == 0, fit.status == 0 else {
            throw GalpakError(.fitFailed, "fuzz fixtures: \(simulate.stderr) \(fit.stderr)")
        }
        cube = try Data(contentsOf: scratch.appendingPathComponent("c.fits"))
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("base").path) {
            files["base/" + name] = try Data(contentsOf: scratch.appendingPathComponent("base/" + name))
        }
        self.fit = files
    }

    /// Writes everything into the empty directory `dir`.
    func populate(_ dir: URL) throws {
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        for name in ["base", "dir", "out"] {
            try FileManager.default.createDirectory(atPath: path(name), withIntermediateDirectories: false)
        }
        for (name, bytes) in [("c.fits", cube), ("-dash.fits", cube), ("unreadable.fits", cube), ("empty.fits", Data()),
                              ("text.txt", Data("hello\n".utf8)), ("list.txt", Data("c.fits\n".utf8))] + fit.map({ ($0.key, $0.value) }) {
            try bytes.write(to: URL(fileURLWithPath: path(name)))
        }
        chmod(path("unreadable.fits"), 0)
        guard mkfifo(path("fifo"), 0o644) == 0 else { throw GalpakError(.badInput, "fuzz fixtures: mkfifo failed") }
        for (link, target) in [("dangling", "nowhere.fits"), ("loop", "loop"), ("zero", "/dev/zero"), ("null", "/dev/null")] {
            try FileManager.default.createSymbolicLink(atPath: path(link), withDestinationPath: target)
        }
    }
}
