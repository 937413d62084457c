/// How a report is asked to stop (SIGINT or SIGTERM): a flag it checks before each batch of records, and
/// the watchdog that ends the process when one batch goes on past the watchdog's grace (the report's
/// temporary folder removed). The previous report stays: nothing is renamed until every page is written.
public struct ReportStop: Sendable {
    /// Set by the signal handlers.
    public let requested: CancellationFlag
    public let watchdog: StopWatchdog?

    public init(requested: CancellationFlag, watchdog: StopWatchdog? = nil) {
        self.requested = requested
        self.watchdog = watchdog
    }

    /// The report begins (the watchdog stops watching the run's outputs); throws once a stop is requested.
    func begin() throws {
        watchdog?.beginReport()
        try check()
    }

    /// Throws `ReportError.interrupted` once a stop is requested.
    func check() throws { if requested.isSet { throw ReportError.interrupted } }

    /// Creates the report's temporary folder `path` with `create`, watched from before it exists: a
    /// forced stop removes it.
    func createTemporary(_ path: String, _ create: () throws -> Void) throws {
        if let watchdog { try watchdog.createReportTemporary(path, create) } else { try create() }
    }

    /// The report stopped by itself (interrupted or failed), before it removes its temporary: waits for
    /// a removal the watchdog has begun (`StopWatchdog.standDown`).
    func standDown() { watchdog?.standDown() }

    /// The pages are complete: the two renames that put them in place are let finish, unless the stop
    /// was requested before them.
    func beginRenames() throws {
        watchdog?.beginRenames()
        try check()
    }
}
