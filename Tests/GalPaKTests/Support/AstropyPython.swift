import Foundation

/// A Python that can `import astropy` (Debian's `python3-astropy`, which CI installs, or
/// `GALPAK_TEST_PYTHON`), to read galpak's files with a library independent of galpak's own
/// cfitsio and wcslib calls; nil when there is none.
enum AstropyPython {
    static let path: URL? = {
        let environment = ProcessInfo.processInfo.environment["GALPAK_TEST_PYTHON"].map { [$0] } ?? []
        return (environment + ["/usr/bin/python3", "/usr/local/bin/python3"])
            .filter { FileManager.default.isExecutableFile(atPath: $0) }
            .map { URL(fileURLWithPath: $0) }
            .first { python in
                (try? CommandLineRunner.run(["-c", "import astropy.wcs, astropy.io.fits"], program: python))?.status == 0
            }
    }()

    /// Runs the repository's `scripts/NAME` with `arguments` under ``path``.
    static func runScript(_ name: String, _ arguments: [String]) throws -> CommandLineRunner.Outcome {
        let script = TestSupport.repository.appendingPathComponent("scripts/\(name)").path
        return try CommandLineRunner.run([script] + arguments, program: path ?? URL(fileURLWithPath: "/usr/bin/python3"))
    }
}
