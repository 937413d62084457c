import Foundation

/// Makes SIGINT and SIGTERM end a run within `grace` seconds whatever it is doing.
///
/// The signal handlers set a `CancellationFlag` that the runner checks between documents; but loading
/// a pipeline, one huge document or a rule stuck in a long match does not look at it. So the handler
/// also arms this watchdog: when the run is still going `grace` seconds later, the watchdog removes this
/// run's temporaries in the output folder and exits with 130. The previous outputs stay as they were,
/// as they do after any interruption: nothing is renamed into place before every file is complete, and
/// once the renames have begun (a few microseconds) the watchdog lets the run finish them.
public final class StopWatchdog: @unchecked Sendable {
    public let grace: Double
    private let lock = NSLock()
    private var renaming = false
    private var armed = false
    private var outDirectory: String?
    private let beforeExit: @Sendable () -> Void

    /// `beforeExit` runs just before the exit (a last log line).
    public init(grace: Double = 1.5, beforeExit: @escaping @Sendable () -> Void = {}) {
        self.grace = grace
        self.beforeExit = beforeExit
    }

    /// The output folder whose temporaries of this process are removed at the exit.
    func watch(outDirectory: String) { lock.lock(); self.outDirectory = outDirectory; lock.unlock() }

    /// The run is renaming its finished files into place: let it end by itself.
    func beginRenames() { lock.lock(); renaming = true; lock.unlock() }

    /// Called when a signal asks the run to stop: exits `grace` seconds later unless the run is renaming.
    public func arm() {
        lock.lock()
        defer { lock.unlock() }
        guard !armed else { return }
        armed = true
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in fire() }
    }

    private func fire() {
        lock.lock()
        guard !renaming else { lock.unlock(); return }
        if let outDirectory {
            let pid = "\(getpid())"
            for name in BatchRun.outputNames {
                unlink((outDirectory as NSString).appendingPathComponent(".\(name).tmp-\(pid)"))
            }
        }
        beforeExit()
        _exit(ExitCode.interrupted.rawValue)
    }
}
