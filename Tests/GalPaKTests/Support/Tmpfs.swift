import Foundation
import Testing

/// A small tmpfs, mounted for a test as a nearly full disk.
///
/// Mounting needs root with CAP_SYS_ADMIN, which a CI container may not have: tests that need
/// one are enabled only when ``available``.
struct Tmpfs {
    /// The mount point.
    let path: URL

    /// Whether this process can mount a tmpfs (tried once, on a throw-away directory).
    static let available: Bool = {
        guard let dir = try? TestSupport.temporaryDirectory() else { return false }
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let probe = try? Tmpfs(at: dir.appendingPathComponent("probe"), kilobytes: 16) else { return false }
        probe.unmount()
        return true
    }()

    /// Why tests that need a tmpfs are skipped when ``available`` is false.
    static let unavailable: Comment = "mounting a tmpfs needs root with CAP_SYS_ADMIN; the injected-failure tests cover the rollback"

    /// Creates `path` and mounts a tmpfs of `kilobytes` KiB there.
    /// - Throws: when `mount` fails (the directory is then removed).
    init(at path: URL, kilobytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path.path]) else {
            try? FileManager.default.removeItem(at: path)
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    /// Unmounts it and removes the mount point.
    func unmount() {
        _ = Self.run("/bin/umount", [path.path])
        try? FileManager.default.removeItem(at: path)
    }

    /// Every name in the file system, hidden ones included.
    func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path.path)) ?? []).sorted()
    }

    private static func run(_ program: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
