import Foundation

/// Makes SIGINT and SIGTERM end a run within `grace` seconds whatever it is doing.
///
/// The signal handlers set a `CancellationFlag` that the runner checks between documents; but loading
/// a pipeline, one huge document or a rule stuck in a long match does not look at it. So the handler
/// also arms this watchdog: when the run is still going `grace` seconds later, the watchdog removes this
/// run's temporaries in the output folder and exits with 130. The previous outputs stay as they were,
/// as they do after any interruption: nothing is renamed into place before every file is complete, and
/// once the renames have begun (a few microseconds) the watchdog lets the run finish them.
///
/// A report (`warta report`, or `warta run --report` after the run's outputs are in place) is watched
/// the same way: `beginReport()` starts its phase, `createReportTemporary` names its temporary folder,
/// which a forced stop removes (renamed first to `.NAME.tmp-PID.stopped`: the next report removes what
/// is left of it), and `beginRenames()` lets its two renames finish. A signal that came while the run
/// was renaming is not forgotten: the report's phase then starts with the stop already due.
///
/// The report's temporary is named before it is created (`createReportTemporary`), and a report that
/// stops by itself (it saw the stop flag, or failed) calls `standDown()` before removing it: that waits
/// for a removal the watchdog has begun to end (the watchdog then exits; a main thread that exited at
/// once left half a `.stopped` folder), else keeps the watchdog from starting one.
public final class StopWatchdog: @unchecked Sendable {
    public let grace: Double
    private let lock = NSLock()
    private var renaming = false
    private var armed = false
    /// The watchdog went off while renames were under way and let them finish: still due.
    private var deferred = false
    private var outDirectory: String?
    private var reportTemporary: String?
    private var reporting = false
    /// The report ended by itself (`standDown()`): the watchdog removes nothing and does not exit.
    private var stoodDown = false
    private let beforeExit: @Sendable (_ reporting: Bool) -> Void

    /// `beforeExit` runs just before the exit (a last log line); `reporting`: the stop came while a report
    /// was written (`beginReport()`), after the run's outputs were put in place.
    public init(grace: Double = 1.5, beforeExit: @escaping @Sendable (_ reporting: Bool) -> Void = { _ in }) {
        self.grace = grace
        self.beforeExit = beforeExit
    }

    /// The output folder whose temporaries of this process are removed at the exit.
    func watch(outDirectory: String) { lock.lock(); self.outDirectory = outDirectory; lock.unlock() }

    /// The run (or the report) is renaming its finished files into place: let it end by itself.
    public func beginRenames() { lock.lock(); renaming = true; lock.unlock() }

    /// A report begins, after whatever the run renamed into place: a forced stop no longer touches the
    /// run's outputs, and a stop that was due while the run renamed is scheduled again.
    public func beginReport() {
        lock.lock()
        defer { lock.unlock() }
        reporting = true
        outDirectory = nil
        renaming = false
        if deferred {
            deferred = false
            DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in fire() }
        }
    }

    /// The report is written into `reportTemporary` (a folder), which `create` makes: named before it
    /// exists and made under the lock, so a forced stop either comes first (and exits before it is made)
    /// or removes it.
    public func createReportTemporary(_ reportTemporary: String, _ create: () throws -> Void) rethrows {
        lock.lock()
        defer { lock.unlock() }
        self.reportTemporary = reportTemporary
        do { try create() } catch {
            // Not made (or removed again by `create`): nothing of this name is the report's to remove.
            self.reportTemporary = nil
            throw error
        }
    }

    /// The report stopped by itself: waits for a removal the watchdog has begun (it then exits the
    /// process, its cleanup complete), else keeps it from removing anything or exiting; the caller
    /// removes its temporary and exits.
    public func standDown() { lock.lock(); stoodDown = true; lock.unlock() }

    /// Called when a signal asks the run to stop: exits `grace` seconds later unless the run is renaming.
    public func arm() {
        lock.lock()
        defer { lock.unlock() }
        guard !armed else { return }
        armed = true
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in fire() }
    }

    private func fire() {
        // Held until the exit: a report standing down waits here until the removal is complete.
        lock.lock()
        guard removeTemporaries() else { lock.unlock(); return }
        beforeExit(reporting)
        _exit(ExitCode.interrupted.rawValue)
    }

    /// What a forced stop removes, without the exit (tests): false when it removed nothing (stood down,
    /// or renames under way: then still due).
    func removeTemporariesForTesting() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return removeTemporaries()
    }

    /// Removes this process's temporaries (the lock held); false when it may not (see above).
    private func removeTemporaries() -> Bool {
        if stoodDown { return false }
        guard !renaming else { deferred = true; return false }
        if let reportTemporary {
            // Renamed first, so that no page the report is still writing lands in it (they are opened by
            // path, and the path is gone), then removed.
            let doomed = reportTemporary + ".stopped"
            if rename(reportTemporary, doomed) == 0 { try? FileManager.default.removeItem(atPath: doomed) }
        }
        if let outDirectory {
            let pid = "\(getpid())"
            for name in BatchRun.outputNames {
                unlink((outDirectory as NSString).appendingPathComponent(".\(name).tmp-\(pid)"))
            }
        }
        return true
    }
}
