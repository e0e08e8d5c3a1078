import Foundation

/// A program run as a separate process, its stdout and stderr appended to a log file.
///
/// Started with `posix_spawn` (stdin from /dev/null, no signal blocked) in a process group of
/// its own, so that a terminal's signals reach only the caller, which passes them on
/// (``send(_:)``), and watched with `waitpid(pid, WNOHANG)`: only this child is ever waited
/// for, so other children of the same process (Foundation's `Process`, for example) are left
/// alone. The child's environment names the caller as its batch parent (``BatchParent``), so a
/// `galpak fit` child stops when the caller dies.
public struct ChildProcess: Sendable {
    /// How a process ended.
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "killed by signal \(signal)\(Self.signalName(signal).map { " (\($0))" } ?? "")"
            }
        }

        static func signalName(_ signal: Int32) -> String? {
            [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV",
             SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP"][signal]
        }
    }

    /// The process id.
    public let pid: pid_t

    /// Starts `executable` with `arguments`, appending its stdout and stderr to `log` (created
    /// if needed). Call it from a thread that lives as long as the child should (the main
    /// thread): Linux's parent-death signal follows the thread that started the child.
    /// - Throws: ``GalpakError`` `.badInput` if the log cannot be opened or the program cannot
    ///   be started.
    public static func start(executable: String, arguments: [String], log: String) throws -> ChildProcess {
        let fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw GalpakError.badInput(log, "cannot be opened for writing (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fd, 1)
        posix_spawn_file_actions_adddup2(&actions, fd, 2)

        // The child starts with no signal blocked and SIGINT/SIGTERM/SIGHUP at their default
        // action, whatever the calling thread had, so that it can be interrupted.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGHUP)
        posix_spawnattr_setsigdefault(&attributes, &stopSignals)
        posix_spawnattr_setpgroup(&attributes, 0)  // a new group, numbered as the child
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var environment = ProcessInfo.processInfo.environment
        environment[BatchParent.variable] = "\(getpid())"
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in envp { free(p) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw GalpakError.badInput(executable, "cannot be started (\(String(cString: strerror(status))))")
        }
        return ChildProcess(pid: pid)
    }

    /// How the process ended, or nil while it runs. Returns non-nil once only (the process is
    /// then reaped).
    public func poll() -> Termination? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == 0 { return nil }
        if result < 0 {
            // EINTR: ask again next time; anything else (ECHILD) means it is gone.
            return errno == EINTR ? nil : .exited(-1)
        }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// Sends `signal` to the process's group (the process and any child of its own).
    public func send(_ signal: Int32) {
        kill(-pid, signal)
    }

    /// Absolute path of the running program (so a batch can start copies of itself).
    public static var currentExecutable: String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return Bundle.main.executablePath
    }
}
