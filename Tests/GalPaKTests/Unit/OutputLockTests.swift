import Foundation
import Testing
@testable import GalPaK

/// The advisory lock of an output prefix: one holder at a time, the holder's PID named, a file
/// left by a dead holder no obstacle, the file removed on release.
@Suite struct OutputLockTests {
    @Test func oneHolderAtATimeAndTheFileGoesWithTheLock() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("g.lock").path
        let lock = try OutputLock(path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "\(getpid())\n")
        do {
            _ = try OutputLock(path: path)
            Issue.record("a second lock on \(path) was granted")
        } catch let error as GalpakError {
            #expect(error.kind == .badInput)
            #expect(error.message.hasPrefix(path + ": another galpak run (PID \(getpid()))"), "\(error.message)")
        }
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: path))
        lock.release()  // a second release does nothing

        // A lock file whose holder is gone (no flock on it) does not block.
        try "999999\n".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let again = try OutputLock(path: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "\(getpid())\n")
            _ = again
        }
        // Released when the holder goes away (deinit).
        #expect(!FileManager.default.fileExists(atPath: path))
        _ = try OutputLock(path: path)
    }
}
