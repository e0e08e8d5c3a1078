import CProcessControl
import Foundation

/// The tie between a batch and its `galpak fit` children: a child dies with its batch however
/// the batch ends, even by SIGKILL, so that a rerun never fits a cube twice at once.
///
/// The batch names itself to each child in the environment (``variable`` = its PID;
/// ``ChildProcess/start(executable:arguments:log:)``); the child, at its start, asks Linux
/// for SIGTERM when the batch's thread that started it ends (`PR_SET_PDEATHSIG`) — it then
/// stops as on any SIGTERM, keeping its chain — and checks that the batch is still its
/// parent, since the batch may have died before the request was made.
public enum BatchParent {
    /// The environment variable holding the PID of the batch that started a fit.
    static let variable = "GALPAK_BATCH_PARENT"

    /// The child's side: when `environment` names a batch parent, asks for SIGTERM at its
    /// death and, if it is already gone (this process's parent is another), sends SIGTERM to
    /// this process now. Does nothing for a fit not started by a batch. Call it after the
    /// SIGTERM handler is installed.
    public static func follow(environment: [String: String]) {
        guard let parent = environment[variable].flatMap({ pid_t($0) }) else { return }
        _ = galpak_set_parent_death_signal(SIGTERM)
        if getppid() != parent { kill(getpid(), SIGTERM) }
    }
}
