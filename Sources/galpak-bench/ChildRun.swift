import Foundation

/// Starting a child process the way the benchmark needs: posix_spawn + wait4, which (unlike
/// Foundation's Process) reports the child's resource usage, with its standard output
/// discarded.
enum ChildRun {
    /// Runs `arguments` (the first is the program's path) and returns its exit status (−1 when
    /// it could not be started or was killed) and its resource usage.
    static func spawn(_ arguments: [String], environment: [String: String]? = nil) -> (status: Int32, usage: rusage) {
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let started = envp.map { env in
            env.withUnsafeBufferPointer { posix_spawn(&pid, arguments[0], &actions, nil, argv, UnsafeMutablePointer(mutating: $0.baseAddress)) }
        } ?? posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard started == 0 else { return (-1, rusage()) }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : -1, usage)
    }
}
