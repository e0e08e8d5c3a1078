import Foundation

/// Writes a result file atomically: the content goes to a temporary file beside the
/// destination, which is renamed over the final name only once it is complete. A crash or
/// an interrupted run therefore never leaves a half-written file under a final name.
public enum AtomicFile {
    /// A temporary path in the same directory as `path` (so the rename stays on one file system).
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        return "\(dir)/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// Calls `write` with a temporary path, then renames it to `path`. If `write` throws,
    /// the temporary file is removed and `path` is left as it was.
    public static func write(to path: String, _ write: (String) throws -> Void) throws {
        let temp = temporaryPath(for: path)
        do {
            try write(temp)
            if rename(temp, path) != 0 {
                let reason = String(cString: strerror(errno))
                throw GalpakError(.badInput, "\(path): cannot be written (\(reason))")
            }
        } catch {
            unlink(temp)
            throw error
        }
    }

    /// Writes `text` to `path` atomically (UTF-8).
    public static func write(text: String, to path: String) throws {
        try write(to: path) { temp in
            guard FileManager.default.createFile(atPath: temp, contents: Data(text.utf8)) else {
                throw GalpakError(.badInput, "\(path): cannot be written (check that the directory exists and is writable)")
            }
        }
    }
}
