import Foundation

/// 3D-Barolo's automatic 3DFIT (`BBarolo -f CUBE`, Di Teodoro & Fraternali 2015), timed whole
/// on the same file as galpak, when it is installed: `$BBAROLO`, a `BBarolo` on the PATH, or the
/// executable that `pip install pybbarolo` builds inside the `pyBBarolo` package of the
/// benchmark's Python (``ReferencePython``; `make bench-reference` installs it). galpak never
/// runs it.
struct BBaroloRun {
    /// Wall time of the whole run, seconds.
    let seconds: Double
    /// From its last ring file (`rings_final2.txt`, else `rings_final1.txt`): the median rotation
    /// velocity of the outer half of the rings (km/s), the median PA and inclination (degrees)
    /// and systemic velocity (km/s); nil when no ring file could be read.
    let rings: (vrot: Double, pa: Double, inclination: Double, vsys: Double)?

    /// The executable: `$BBAROLO`, else `BBarolo` on the PATH, else `pyBBarolo/BBarolo` in the
    /// benchmark's Python; nil when none.
    static var executable: String? {
        if let path = ProcessInfo.processInfo.environment["BBAROLO"], !path.isEmpty { return path }
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        if let onPath = paths.map({ "\($0)/BBarolo" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return onPath
        }
        let script = "import os, pyBBarolo; print(os.path.join(os.path.dirname(pyBBarolo.__file__), 'BBarolo'))"
        guard let line = ReferencePython.capture([ReferencePython.executable, "-c", script])?
            .trimmingCharacters(in: .whitespacesAndNewlines),
              FileManager.default.isExecutableFile(atPath: line) else { return nil }
        return line
    }

    static let missing = "3D-Barolo not found (`make bench-reference` or `pip install pybbarolo` in the benchmark's Python, or set BBAROLO): skipped"

    /// Runs `BBarolo -f CUBE` in a new folder under `directory` (it writes `output/` where it
    /// runs). Returns nil and the reason when it is not installed or fails.
    static func run(cube: String, in directory: URL) -> (BBaroloRun?, String) {
        guard let executable else { return (nil, missing) }
        let folder = directory.appendingPathComponent("bbarolo-\(UUID().uuidString.prefix(8))")
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            return (nil, "3D-Barolo: cannot create \(folder.path): skipped")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-f", cube]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = Stopwatch.now()
        do { try process.run() } catch { return (nil, "3D-Barolo (\(executable)) could not be started: skipped") }
        process.waitUntilExit()
        let seconds = Stopwatch.now() - start
        guard process.terminationStatus == 0 else {
            return (nil, "3D-Barolo exited with status \(process.terminationStatus) on \(cube) after \(String(format: "%.1f", seconds)) s: skipped")
        }
        return (BBaroloRun(seconds: seconds, rings: readRings(under: folder)), "")
    }

    /// Parses the last ring file written under `folder`: whitespace-separated columns named by
    /// a `#` header line (VROT(km/s), P.A.(deg), INC(deg), VSYS(km/s)).
    private static func readRings(under folder: URL) -> (vrot: Double, pa: Double, inclination: Double, vsys: Double)? {
        guard let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap({ $0 as? String }) else { return nil }
        guard let file = files.first(where: { $0.hasSuffix("rings_final2.txt") }) ?? files.first(where: { $0.hasSuffix("rings_final1.txt") }),
              let text = try? String(contentsOfFile: folder.appendingPathComponent(file).path, encoding: .utf8)
        else { return nil }
        let lines = text.split(separator: "\n")
        guard let header = lines.first(where: { $0.hasPrefix("#") })?.dropFirst().split(separator: " ").map(String.init) else { return nil }
        let rows = lines.filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ").compactMap { Double($0) } }
            .filter { $0.count == header.count }
        func column(_ prefix: String) -> [Double]? {
            header.firstIndex { $0.hasPrefix(prefix) }.map { i in rows.map { $0[i] } }
        }
        func median(_ v: [Double]) -> Double { let s = v.sorted(); return s.isEmpty ? .nan : s[s.count / 2] }
        guard let vrot = column("VROT"), let pa = column("P.A."), let inc = column("INC"), let vsys = column("VSYS"),
              !rows.isEmpty else { return nil }
        return (median(Array(vrot.suffix(max(1, vrot.count / 2)))), median(pa), median(inc), median(vsys))
    }
}
