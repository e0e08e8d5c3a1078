import Foundation

/// Writes a result file atomically and durably: the content goes to a temporary file beside the
/// destination, is flushed to the disk (`fsync`), and is renamed over the final name only once
/// all of it is there. A crash, a full disk or an interrupted run therefore never leaves a
/// half-written file under a final name. Errors name the destination, never the temporary file.
public enum AtomicFile {
    /// A temporary path in the same directory as `path` (so the rename stays on one file system).
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        return "\(dir)/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// Calls `write` with a temporary path, flushes what it wrote to the disk, then renames it
    /// to `path`. If anything fails, the temporary file is removed and `path` is left as it was.
    public static func write(to path: String, _ write: (String) throws -> Void) throws {
        let temp = temporaryPath(for: path)
        do {
            try write(temp)
            try flushToDisk(temp, naming: path)
            guard rename(temp, path) == 0 else { throw cannotWrite(path, errno) }
        } catch {
            unlink(temp)
            guard var named = error as? GalpakError else { throw error }
            named.message = named.message.replacingOccurrences(of: temp, with: path)
            throw named
        }
    }

    /// Writes `text` to `path` atomically (UTF-8), every write checked.
    public static func write(text: String, to path: String) throws {
        try write(to: path) { temp in try writeBytes(Array(text.utf8), to: temp, naming: path) }
    }

    /// Writes `bytes` to the new file `temp`: every `write(2)` and the `close(2)` checked, so a
    /// full disk is an error, never a short file.
    /// - Throws: ``cannotWrite(_:_:)`` for `path`.
    private static func writeBytes(_ bytes: [UInt8], to temp: String, naming path: String) throws {
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw cannotWrite(path, errno) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += n
            }
        }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 { throw cannotWrite(path, failure) }
    }

    /// `fsync`s the file `temp`: data a write left in the kernel's cache reach the disk, and
    /// an error the disk reports only then (a full disk on NFS) is caught before the rename.
    private static func flushToDisk(_ temp: String, naming path: String) throws {
        let fd = open(temp, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw cannotWrite(path, errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw cannotWrite(path, errno) }
    }

    /// The error for an output `path` that cannot be written, with the system's reason for
    /// `code` (e.g. "No space left on device").
    static func cannotWrite(_ path: String, _ code: Int32) -> GalpakError {
        GalpakError.badInput(path, "cannot be written (\(String(cString: strerror(code))))")
    }
}
