import Foundation

/// An advisory lock that keeps two galpak runs from writing the same outputs at once:
/// `flock(2)` on a lock file (`PREFIX.lock` for a fit, one in the output directory for a batch)
/// holding the holder's PID.
///
/// The kernel releases a `flock` when its holder dies however it dies, so a dead holder never
/// blocks a later run, even if its lock file stayed behind. ``release()`` (also on `deinit`)
/// removes the file, while still holding the lock; a run that opened the file just before that
/// finds, once it has the lock, that the path no longer names its file, and starts again.
public final class OutputLock {
    /// The lock file.
    public let path: String
    /// The open lock file, -1 once released.
    private var descriptor: Int32

    /// Takes the lock on `path` (creating the file), without waiting.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` and the holder's PID when another
    ///   process holds it, or when the file cannot be created or locked.
    public init(path: String) throws {
        self.path = path
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw AtomicFile.cannotWrite(path, errno) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let code = errno
                let holder = Self.holder(fd)
                close(fd)
                guard code == EWOULDBLOCK else {
                    throw GalpakError.badInput(path, "cannot be locked (\(String(cString: strerror(code))))")
                }
                throw GalpakError.badInput(path,
                    "another galpak run (\(holder.map { "PID \($0)" } ?? "PID unknown")) is writing these outputs; wait for it to end or write elsewhere")
            }
            // The holder before us may have removed the file between our open and our lock.
            if let ours = FileIdentity(descriptor: fd), ours == FileIdentity(path: path) {
                descriptor = fd
                break
            }
            close(fd)
        }
        let pid = Array("\(getpid())\n".utf8)
        ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit { release() }

    /// Removes the lock file and releases the lock (once; later calls do nothing).
    public func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    /// The PID written in the lock file open as `fd`, if any.
    private static func holder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
