import ArgumentParser
import Foundation
import Warta

/// `warta report`: static HTML pages of a run, or of the differences between two runs.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write a run's report as static HTML (OUTDIR/report/index.html), or with --diff the differences between two runs.",
        discussion: """
            warta report OUTDIR reads OUTDIR/documents.ndjson (and run.json when there is one) and writes \
            OUTDIR/report/: index.html (counts, problems, timings, configuration, frequent entities, top \
            speakers, statement clusters), clusters.html, documents.html and one page per document under doc/. \
            warta report --diff OLD NEW compares two output folders or NDJSON files and writes the pages of \
            the changed documents into NEW/report-diff/ (or --to DIR). The pages need no server and no network. \
            Exit codes: 0 written (with --diff: no differences); 1 with --diff: the runs differ (the report is \
            written); 2 an input cannot be read or the report cannot be written (the previous report stays); \
            130 interrupted by SIGINT or SIGTERM (the temporary removed, the previous report stays).
            """
    )

    @Argument(help: "The output folder (or NDJSON file) to report on; with --diff, OLD and NEW.")
    var inputs: [String]

    @Flag(help: "Compare two runs: OLD NEW.")
    var diff = false

    @Option(help: "The report folder (default: OUTDIR/report; with --diff, NEW/report-diff).")
    var to: String?

    @Flag(help: "No summary line on stderr.")
    var quiet = false

    func validate() throws {
        if diff && inputs.count != 2 {
            throw ValidationError("--diff needs two runs: OLD NEW (output folders or NDJSON files)")
        }
        if !diff && inputs.count != 1 {
            throw ValidationError("give one output folder (or NDJSON file); to compare two runs, use --diff OLD NEW")
        }
    }

    func run() throws {
        // SIGINT/SIGTERM: the report stops before its next batch of records, its temporary folder removed,
        // the previous report in place, exit 130; one still busy 1.5 s later is ended by the watchdog.
        let requested = CancellationFlag()
        let message = "warta report: \(ReportError.interrupted)\n"
        let watchdog = StopWatchdog(beforeExit: { _ in StandardError.write(message) })
        let signalSources = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                requested.set(); watchdog.arm()
            }
            source.resume()
            return source
        }
        defer { signalSources.forEach { $0.cancel() } }
        let stop = ReportStop(requested: requested, watchdog: watchdog)
        do {
            if diff {
                let result = try DiffReport.write(old: inputs[0], new: inputs[1], folder: to, stop: stop)
                if !quiet {
                    writeMessageLine(
                        "warta report: \(result.changedDocuments) of \(result.documents) documents changed (\(result.folder)/index.html)"
                    )
                }
                if result.differs { throw ExitCode(1) }
            } else {
                let result = try RunReport.write(input: inputs[0], folder: to, stop: stop)
                for warning in result.warnings { writeMessageLine("warta report: warning: \(warning)") }
                if !quiet {
                    writeMessageLine("warta report: \(result.documents) documents (\(result.folder)/index.html)")
                }
            }
        } catch let error as ReportError where error.isInterruption || requested.isSet {
            // Once a stop is requested, a page that cannot be written is the watchdog removing the folder.
            writeMessageLine("warta report: \(ReportError.interrupted)")
            throw ExitCode(Warta.ExitCode.interrupted.rawValue)
        } catch let error as ReportError {
            writeMessageLine("warta report: \(error)")
            throw ExitCode(2)
        }
    }
}
