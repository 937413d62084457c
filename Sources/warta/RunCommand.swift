import ArgumentParser
import Dispatch
import Foundation
import Logging
import Warta

extension Logger.Level: @retroactive ExpressibleByArgument {}
extension LogSetup.Format: ExpressibleByArgument {}
extension EmitSink.Kind: ExpressibleByArgument {}

struct RunCommand: WartaSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline over articles.",
        discussion: """
            Exit codes: 0 all inputs processed; 1 some inputs failed (listed in run.json and on stderr, the \
            others written); 2 configuration or output error (nothing written); 3 another run holds the output \
            folder's lock; 64 invalid arguments; 130 interrupted by SIGINT or SIGTERM (previous outputs left in place; \
            during --report's report, the new outputs and the previous report).
            """
    )

    @Argument(
        help:
            "Input .txt files or folders (searched recursively for *.txt), or - for stdin (NDJSON lines {\"id\", \"text\", ...} or plain text)."
    )
    var inputs: [String] = ["seeds"]

    @Option(
        help:
            "Pipeline file (default: $WARTA_PIPELINE, else share/warta/pipelines/default.yaml of an installed warta, else pipelines/default.yaml in the current folder)."
    )
    var pipeline: String?

    @Option(help: "Output folder, or - for NDJSON on stdout.")
    var out: String = "output"

    @Option(help: "Documents processed in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Include tokens in the records.")
    var tokens = false

    @Option(
        help:
            "Write one flat line per entity or quote (entities, quotes), one line per statement cluster with its repeats at the end of the run (clusters), or the dedup keys of each quote for `warta dedup` (quote-keys): on stdout with --out -, else as FOLDER/<kind>.ndjson."
    )
    var emit: EmitSink.Kind?

    @Flag(help: "With --emit and --out -: each document's record line before its emitted lines (one stream for Spark).")
    var withRecords = false

    @Flag(
        help:
            "Do not deduplicate quotes (duplicate_of and similarity stay null): for runs over a slice of the input whose quotes `warta dedup` deduplicates."
    )
    var skipDedup = false

    @Option(
        help:
            "Number of the first stdin line (a slice of a larger NDJSON input keeps its line numbers: sources <stdin>:LINE, quote keys)."
    )
    var firstLine: Int = 1

    @Option(
        help:
            "Wait up to this many seconds for another run's lock on the output folder (default: fail at once, exit 3).")
    var wait: Double = 0

    @Flag(
        help:
            "Process only new or changed inputs; copy the others' records from the output folder's previous run (its manifest.json). The result is the same bytes as a full run."
    )
    var incremental = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    @Option(help: "Log format on stderr: text or json.")
    var logFormat: LogSetup.Format = .text

    @Flag(help: "Only errors on stderr: no summary line, no progress bar (for cron).")
    var quiet = false

    @Flag(help: "Also write the run's HTML report into OUT/report (as `warta report OUT` does) after the outputs.")
    var report = false

    @Flag(
        help:
            "Exit with 1 when any input was skipped (an unreadable entry, a link loop, a FIFO, a name that is not UTF-8), not only when one failed."
    )
    var strict = false

    @Flag(help: "Let a run with no input files replace the previous run's documents with none (refused without it).")
    var allowEmpty = false

    @Flag(
        help:
            "Do not follow symbolic links inside input folders (skipped and reported): for runs over folders others can write to."
    )
    var noFollow = false

    @Option(help: "Inputs larger than this many bytes fail without being read (1 to 2^40; default 16 MiB).")
    var maxDocumentBytes: Int = Runner.defaultMaxDocumentBytes

    func validate() throws {
        // Bounded so that nothing computed from them overflows (a huge --jobs or --first-line trapped):
        // more workers than this is no use, and line numbers stay exact in JSON (below 2^53).
        guard (1...4096).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 4096") }
        guard (1...(1 << 52)).contains(firstLine) else { throw ValidationError("--first-line must be from 1 to 2^52") }
        guard wait >= 0 else { throw ValidationError("--wait must be 0 or more seconds") }
        guard (1...(1 << 40)).contains(maxDocumentBytes) else {
            throw ValidationError("--max-document-bytes must be from 1 to 2^40")
        }
        if inputs.contains("-") && inputs.count > 1 {
            throw ValidationError("'-' (stdin) cannot be combined with other inputs")
        }
        if withRecords && (emit == nil || out != "-") {
            throw ValidationError("--with-records needs --emit and --out -")
        }
        if incremental && (skipDedup || emit == .quoteKeys || emit == .clusters) {
            throw ValidationError(
                "--incremental cannot be combined with --skip-dedup, --emit quote-keys or --emit clusters")
        }
        if report && out == "-" { throw ValidationError("--report needs an output folder (not --out -)") }
        if incremental && (out == "-" || inputs == ["-"]) {
            throw ValidationError("--incremental needs input files and an output folder (not - for stdin or stdout)")
        }
        if out.isEmpty { throw ValidationError("--out needs a folder, or - for stdout; it is empty") }
        if out != "-",
            let problem = OutputFolderChoice.problem(
                out: out, inputs: inputs.filter { $0 != "-" }, homes: OutputFolderChoice.processHomes())
        {
            throw ValidationError(TextLogHandler.escaped(problem)) // paths: one line, no escape codes
        }
    }

    /// The run's options, from the arguments.
    func batchRunOptions(_ context: ProcessContext) -> BatchRunOptions {
        var options = BatchRunOptions(
            inputs: inputs, pipeline: URL(fileURLWithPath: PipelineLocation.resolve(explicit: pipeline)),
            outDirectory: out == "-" ? nil : out, jobs: jobs,
            record: RecordOptions(tokens: tokens), emit: emit, lockWait: wait,
            incremental: incremental)
        options.firstLine = firstLine
        options.skipDedup = skipDedup
        options.emitWithRecords = withRecords
        options.maxDocumentBytes = maxDocumentBytes
        options.followLinks = !noFollow
        options.strict = strict
        options.allowEmpty = allowEmpty
        options.standardDescriptors = context.descriptors
        return options
    }

    func run(in context: ProcessContext) throws {
        LogSetup.bootstrap(level: quiet ? .error : logLevel, format: logFormat)
        let logger = Logger(label: "warta")
        let options = batchRunOptions(context)
        let progress = !quiet && ProgressBar.isTerminal ? ProgressBar(total: nil) : nil
        // SIGINT/SIGTERM, from the first moment: stop claiming inputs, discard the unfinished outputs.
        let cancellation = CancellationFlag()
        // Set by the signals only: the run also sets `cancellation` itself, to stop its workers when
        // the stdout reader is gone.
        let signalled = CancellationFlag()
        // A stop the run does not notice within a second and a half (loading the pipeline, one huge
        // document) is forced: the run's temporaries removed, exit 130.
        let watchdog = StopWatchdog(beforeExit: { [logger] reporting in
            logger.error(reporting ? "\(Self.interruptedReport)" : "interrupted: previous outputs left in place")
        })
        let signalSources = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                signalled.set(); cancellation.set(); watchdog.arm()
            }
            source.resume()
            return source
        }
        defer { signalSources.forEach { $0.cancel() } }
        do {
            let outcome = try BatchRun(options: options, logger: logger).execute(
                cancellation: cancellation, watchdog: watchdog, onInputCount: { progress?.total = $0 },
                onDocument: { progress?.update($0) })
            // Never released: the process exits right after the run (see `BatchRun.Outcome`).
            if let pipeline = outcome.pipeline { context.keepUntilExit(pipeline) }
            progress?.finish()
            if outcome.exitCode == .interrupted {
                logger.error("interrupted: previous outputs left in place")
            } else if !quiet {
                writeSummaryLine(outcome)
            }
            if report && outcome.exitCode != .interrupted {
                // The run's outputs are in place whatever happens here; a report that cannot be written is
                // exit 2, one stopped by SIGINT or SIGTERM exit 130 (no half report: the previous one stays).
                do {
                    try RunReport.write(input: out, stop: ReportStop(requested: signalled, watchdog: watchdog))
                } catch let error as ReportError {
                    // Once a stop is requested, a page that cannot be written is the watchdog removing the folder.
                    guard error.isInterruption || signalled.isSet else {
                        logger.error("report: \(error)")
                        throw ExitCode(Warta.ExitCode.configuration.rawValue)
                    }
                    logger.error("\(Self.interruptedReport)")
                    throw ExitCode(Warta.ExitCode.interrupted.rawValue)
                }
            }
            if outcome.exitCode != .success { throw ExitCode(outcome.exitCode.rawValue) }
        } catch {
            try endRun(after: error, signalled: signalled, logger: logger)
        }
    }

    /// The last line of a run stopped while it wrote its report.
    static let interruptedReport =
        "interrupted during the report: the run's outputs are in place, the previous report is left in place"

    /// How a run that threw ends: the exit status for each kind of error, after logging it.
    private func endRun(after error: Error, signalled: CancellationFlag, logger: Logger) throws {
        do {
            throw error
        } catch is BrokenPipe {
            // The reader is gone (`| head`): a quiet stop, unless a signal asked for the stop first (the
            // writes were blocked on a full pipe until the reader went): then it is an interruption.
            if signalled.isSet { throw ExitCode(Warta.ExitCode.interrupted.rawValue) }
            return
        } catch let error as OutputLock.Held {
            logger.error("\(error)")
            throw ExitCode(Warta.ExitCode.locked.rawValue)
        } catch let error as ConfigError {
            logger.error("\(error)")
            throw ExitCode(Warta.ExitCode.configuration.rawValue)
        } catch let error as InputError {
            logger.error("\(error)")
            throw ExitCode(Warta.ExitCode.configuration.rawValue)
        } catch let error as OutputError {
            logger.error("\(error)")
            throw ExitCode(Warta.ExitCode.configuration.rawValue)
        }
    }

    /// The summary line on stderr: plain text, or one JSON object with `--log-format json`.
    private func writeSummaryLine(_ outcome: BatchRun.Outcome) {
        let s = outcome.summary
        let carried =
            incremental
            ? " (\(s.processed) processed, \(s.carriedOver) carried over, \(s.reprocessed) processed again for dedup)"
            : ""
        let line = String(
            format: "warta: %d documents%@, %d failed, %.1f MB in %.2f s (%@)",
            s.documents, carried, s.failed.count, Double(s.bytes) / 1e6, outcome.seconds,
            out == "-" ? "stdout" : out)
        guard logFormat == .json else { return StandardError.write(TextLogHandler.escaped(line) + "\n") }
        // One JSON object like every other stderr line of `--log-format json`, with the figures as
        // numbers for the collector (the plain line broke a JSON-lines reader).
        var fields: [String: Any] = [
            "documents": s.documents, "failed": s.failed.count, "bytes": s.bytes,
            "seconds": outcome.seconds, "output": out == "-" ? "stdout" : out
        ]
        if incremental {
            fields["processed"] = s.processed
            fields["carried_over"] = s.carriedOver
            fields["reprocessed"] = s.reprocessed
        }
        JSONLogHandler.write(
            level: "notice", logger: "warta", message: String(line.dropFirst("warta: ".count)), fields: fields)
    }
}
