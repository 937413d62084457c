import Foundation
import Logging

/// A whole `warta run`: inputs, pipeline, output folder (or stdout), run.json.
public struct BatchRunOptions {
    public var inputs: [String]
    public var pipeline: URL
    /// Output folder, or nil for NDJSON on stdout.
    public var outDirectory: String?
    public var jobs: Int
    public var record: RecordOptions
    /// Flat lines per entity or quote instead of document records on stdout; with an output folder,
    /// written as `entities.ndjson` / `quotes.ndjson` beside the documents.
    public var emit: EmitSink.Kind?
    /// Seconds to wait for another run's lock on the output folder (0: give up at once).
    public var lockWait: Double
    /// Carry unchanged inputs over from the output folder's previous run (its `manifest.json`).
    public var incremental: Bool
    /// Number of the first stdin line (a slice of a larger input: `--first-line`).
    public var firstLine = 1
    /// Leave `duplicate_of` and `similarity` null: the quotes are deduplicated by `warta dedup`.
    public var skipDedup = false
    /// With `emit` on stdout: each document's record line before its emitted lines.
    public var emitWithRecords = false
    /// Inputs larger than this fail without being read whole (`--max-document-bytes`).
    public var maxDocumentBytes = Runner.defaultMaxDocumentBytes
    /// False (`--no-follow`): symbolic links inside input folders are skipped, and files are opened with
    /// O_NOFOLLOW (a file swapped for a link after discovery fails).
    public var followLinks = true
    /// Any skipped input makes the exit status 1 (`--strict`).
    public var strict = false
    /// Let a run with no input files replace a previous run's documents with none (`--allow-empty`).
    public var allowEmpty = false
    /// Which of stdin and stdout were closed when the process started (nothing read from or written to them).
    public var standardDescriptors = StandardDescriptors()

    public init(
        inputs: [String], pipeline: URL, outDirectory: String?, jobs: Int, record: RecordOptions = RecordOptions(),
        emit: EmitSink.Kind? = nil, lockWait: Double = 0, incremental: Bool = false
    ) {
        self.incremental = incremental
        self.inputs = inputs
        self.pipeline = pipeline
        self.outDirectory = outDirectory
        self.jobs = jobs
        self.record = record
        self.emit = emit
        self.lockWait = lockWait
    }
}

public enum ExitCode: Int32 {
    /// Every input was processed.
    case success = 0
    /// Some inputs failed; they are listed in run.json and on stderr, the others were written.
    case someInputsFailed = 1
    /// Bad usage or configuration (pipeline, rules, lists); nothing was written.
    case configuration = 2
    /// Another run holds the output folder's lock.
    case locked = 3
    /// Stopped by SIGINT or SIGTERM before the end; the previous outputs were left in place.
    case interrupted = 130
}

public final class BatchRun {
    public let options: BatchRunOptions
    let logger: Logger

    public init(options: BatchRunOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    public struct Outcome {
        public var summary: RunSummary
        public var exitCode: ExitCode
        public var seconds: Double
        /// The run's pipeline (compiled rules, gazetteer tries). A process that ends right after the run
        /// keeps it (`warta run`): freeing its hundreds of thousands of objects one by one costs about
        /// 50 M instructions, a twentieth of start-up, for memory the exit gives back anyway.
        public var pipeline: Pipeline?
    }

    public static let documentsFile = "documents.ndjson"
    public static let xmlFile = "documents.xml"
    public static let reportFile = "run.json"
    /// Every file a run writes into its output folder (and so the only names whose temporaries it removes).
    public static var outputNames: Set<String> {
        Set(
            [documentsFile, xmlFile, reportFile, IncrementalRun.manifestFile]
                + EmitSink.Kind.allCases.map { "\($0.rawValue).ndjson" })
    }

    /// Runs; throws `ConfigError` / `InputError` / `OutputError` for problems that stop the whole run.
    /// `cancellation`, when set (by a signal handler installed before the run starts), stops the run:
    /// no new inputs are claimed and the previous outputs are left in place.
    /// `watchdog`, when given, is told the output folder and when the renames begin (see `StopWatchdog`).
    public func execute(
        source: InputSource? = nil, cancellation: CancellationFlag = CancellationFlag(),
        watchdog: StopWatchdog? = nil, onInputCount: ((Int) -> Void)? = nil,
        onDocument: ((Int) -> Void)? = nil
    ) throws -> Outcome {
        let started = Date()
        var pipeline = try Pipeline.load(options.pipeline)
        // The quote keys are what `warta dedup` groups by: the pipeline's dedup options, read as it reads them.
        let quoteKeyRules = options.emit == .quoteKeys ? try DedupRules.load(pipeline: options.pipeline) : DedupRules()
        if options.skipDedup { pipeline = try pipeline.removingStages(providing: [.duplicates]) }
        let configHash = try Hashing.sha256Hex(
            files: pipeline.configurationFiles,
            relativeTo: options.pipeline.deletingLastPathComponent())
        let inputs = try openInputs(source, cancellation: cancellation, onInputCount: onInputCount)

        var folder: OutputFolder? = nil
        let outputs: Outputs
        if let dir = options.outDirectory {
            watchdog?.watch(outDirectory: dir)
            do {
                folder = try OutputFolder(path: dir, lockWait: options.lockWait, cancellation: cancellation)
            } catch is OutputLock.Interrupted {
                var summary = RunSummary()
                summary.interrupted = true
                return Outcome(
                    summary: summary, exitCode: .interrupted, seconds: Date().timeIntervalSince(started),
                    pipeline: pipeline)
            }
            outputs = try openFolderOutputs(
                folder!, pipeline: pipeline, configHash: configHash, inputs: inputs,
                quoteKeyRules: quoteKeyRules)
        } else {
            outputs = standardOutputSinks(quoteKeyRules: quoteKeyRules)
        }

        let summary = try runPipeline(
            pipeline, inputs: inputs.source, outputs: outputs, folder: folder,
            cancellation: cancellation, onDocument: onDocument)
        // A warning, not a debug line: a skipped input (an id already taken, an unreadable entry, a loop)
        // is an input the user may have meant to process, and only run.json said so.
        for s in inputs.skipped { logger.warning("skipped \(s.path): \(s.reason)") }
        for problem in summary.failed { logger.error("\(problem.source): \(problem.problem)") }
        for w in summary.warnings { logger.warning("\(w.id): \(w.warning)") }

        let seconds = Date().timeIntervalSince(started)
        if let folder, !summary.interrupted {
            try refuseToEmpty(folder, summary: summary, incremental: outputs.incremental)
            let report = runReport(
                summary: summary, pipeline: pipeline, configHash: configHash, skipped: inputs.skipped,
                started: started, seconds: seconds)
            try commit(folder, report: report, incremental: outputs.incremental, watchdog: watchdog)
        }
        let exit: ExitCode =
            summary.interrupted
            ? .interrupted
            : summary.failed.isEmpty && !(options.strict && !inputs.skipped.isEmpty) ? .success : .someInputsFailed
        return Outcome(summary: summary, exitCode: exit, seconds: seconds, pipeline: pipeline)
    }

    /// The run's inputs: `source` when given, else stdin (`-`) or the files found under the arguments.
    private struct Inputs {
        var source: InputSource
        var skipped: [(path: String, reason: String)] = []
        var noInputFiles = false
    }

    private func openInputs(
        _ source: InputSource?, cancellation: CancellationFlag,
        onInputCount: ((Int) -> Void)?
    ) throws -> Inputs {
        if let source { return Inputs(source: source) }
        if options.inputs == ["-"] {
            let stdin = StdinInputSource(
                firstLine: options.firstLine, cancellation: cancellation,
                wasClosed: options.standardDescriptors.stdinWasClosed)
            stdin.maxDocumentBytes = options.maxDocumentBytes
            return Inputs(source: stdin)
        }
        let found = try InputDiscovery.fileList(options.inputs, followLinks: options.followLinks)
        onInputCount?(found.files.count)
        return Inputs(source: found.files, skipped: found.skipped, noInputFiles: found.files.count == 0)
    }

    /// Where the documents go: the sinks, or the incremental run that writes through them.
    private struct Outputs {
        var sinks: [DocumentSink]
        var incremental: IncrementalRun? = nil
    }

    /// With `--out -`: the NDJSON records, or the `--emit` lines, on stdout.
    private func standardOutputSinks(quoteKeyRules: DedupRules) -> Outputs {
        let stdout = OutputFile(standardOutput: (), wasClosed: options.standardDescriptors.stdoutWasClosed)
        if let emit = options.emit {
            return Outputs(sinks: [
                EmitSink(
                    output: stdout, kind: emit, rules: quoteKeyRules,
                    records: options.emitWithRecords ? options.record : nil)
            ])
        }
        return Outputs(sinks: [NDJSONSink(output: stdout, options: options.record)])
    }

    /// The folder's sinks (documents.ndjson, documents.xml, the `--emit` file) and the incremental run,
    /// which reads the previous manifest (with `--incremental`) and begins this run's.
    private func openFolderOutputs(
        _ folder: OutputFolder, pipeline: Pipeline, configHash: String, inputs: Inputs,
        quoteKeyRules: DedupRules
    ) throws -> Outputs {
        // An input folder that is empty by mistake (an unmounted share) would replace every record
        // with nothing, in a full run as in an incremental one (which would carry none over): refused
        // unless asked for.
        if inputs.noInputFiles { try refuseToEmpty(folder, because: "no input files") }
        for name in folder.removeStaleTemporaries(names: Self.outputNames) {
            logger.info("removed \(name), left by a run that was killed")
        }
        var named: [IncrementalRun.Output] = [
            .init(
                name: Self.documentsFile,
                sink: NDJSONSink(output: try folder.file(Self.documentsFile), options: options.record)),
            .init(name: Self.xmlFile, sink: try XMLSink(output: try folder.file(Self.xmlFile), options: options.record))
        ]
        if let emit = options.emit {
            let name = "\(emit.rawValue).ndjson"
            named.append(
                .init(name: name, sink: EmitSink(output: try folder.file(name), kind: emit, rules: quoteKeyRules)))
        }
        let incremental = IncrementalRun(
            directory: folder.path, configurationHash: configHash, record: options.record,
            emit: options.emit, outputs: named, sequentialStages: pipeline.sequentialStages)
        if options.incremental {
            if let incremental {
                incremental.loadPrevious()
                if let reason = incremental.fullRunReason {
                    logger.info("incremental: processing every input: \(reason)")
                }
            } else {
                logger.warning(
                    "incremental: a sequential stage of the pipeline cannot be carried over; processing every input")
            }
        }
        try incremental?.beginManifest()
        return Outputs(sinks: named.map(\.sink), incremental: incremental)
    }

    /// Runs the pipeline into the outputs and finishes the sinks; an interrupted or failed run leaves
    /// only the folder's previous files (its temporaries and the new manifest discarded).
    private func runPipeline(
        _ pipeline: Pipeline, inputs: InputSource, outputs: Outputs, folder: OutputFolder?,
        cancellation: CancellationFlag, onDocument: ((Int) -> Void)?
    ) throws -> RunSummary {
        let runner = Runner(pipeline: pipeline, jobs: options.jobs, cancellation: cancellation)
        runner.maxDocumentBytes = options.maxDocumentBytes
        runner.followLinks = options.followLinks
        do {
            let summary = try runner.run(
                inputs, sinks: outputs.sinks, incremental: outputs.incremental, onDocument: onDocument)
            if summary.interrupted {
                folder?.discard()
                outputs.incremental?.discardManifest()
            } else {
                for sink in outputs.sinks { try sink.finish() }
            }
            return summary
        } catch {
            folder?.discard()
            outputs.incremental?.discardManifest()
            throw error
        }
    }

    /// A run that wrote no document (every input failed, stdin held none or was closed) would replace a
    /// previous run's documents with none, as an empty input folder would (`openFolderOutputs`): refused,
    /// the previous outputs left in place, unless `--allow-empty` (the breaker's report).
    private func refuseToEmpty(_ folder: OutputFolder, summary: RunSummary, incremental: IncrementalRun?) throws {
        guard summary.documents == 0 else { return }
        let why = summary.failed.isEmpty ? "no document was read" : "every input failed (\(summary.failed.count))"
        try refuseToEmpty(folder, because: why) {
            folder.discard()
            incremental?.discardManifest()
        }
    }

    /// Throws when the previous run in `folder` has documents and `--allow-empty` was not given (after
    /// `cleanUp`, which drops what this run began to write); `why` says why this run has none.
    private func refuseToEmpty(_ folder: OutputFolder, because why: String, cleanUp: () -> Void = {}) throws {
        guard !options.allowEmpty else { return }
        var info = stat()
        guard stat(folder.child(Self.documentsFile), &info) == 0, info.st_size > 0 else { return }
        cleanUp()
        throw InputError(
            path: options.inputs.joined(separator: " "),
            reason:
                "\(why), and the previous run in \(folder.path) has documents: this run would replace them with none (--allow-empty to do that)"
        )
    }

    /// Puts the run's files in place (`OutputFolder.commit`): the outputs, run.json, and last the manifest,
    /// which describes outputs that are in place (a run killed before that rename leaves the previous
    /// manifest, which no longer matches the outputs' hashes: the next incremental run processes
    /// everything). run.json and the manifest are written and synced before the first rename (they used
    /// to be written after the outputs were renamed: their failure left new outputs beside the old report
    /// and manifest). Then the files of an earlier run that these do not describe are removed: a manifest
    /// when this run keeps none, a flat file of another (or no) `--emit`.
    private func commit(
        _ folder: OutputFolder, report: [UInt8], incremental: IncrementalRun?,
        watchdog: StopWatchdog?
    ) throws {
        do {
            let file = try folder.file(Self.reportFile)
            try file.write(report)
            if let manifest = try incremental?.finishManifest() { folder.adopt(manifest) }
        } catch {
            folder.discard()
            incremental?.discardManifest()
            throw error
        }
        var obsolete = EmitSink.Kind.allCases.filter { $0 != options.emit }.map { "\($0.rawValue).ndjson" }
        if incremental == nil { obsolete.insert(IncrementalRun.manifestFile, at: 0) }
        try folder.commit(beforeRenames: { watchdog?.beginRenames() }, removing: obsolete)
    }

    func runReport(
        summary: RunSummary, pipeline: Pipeline, configHash: String,
        skipped: [(path: String, reason: String)], started: Date, seconds: Double
    ) -> [UInt8] {
        let formatter = ISO8601DateFormatter()
        let report: [String: Any] = [
            "warta_version": WartaInfo.version,
            "build": WartaInfo.buildIdentity,
            "icu_version": ICU.version,
            "pipeline": pipeline.name,
            "pipeline_file": options.pipeline.path,
            "configuration_sha256": configHash,
            "configuration_files": pipeline.configurationFiles.map {
                Hashing.relativePath($0, to: options.pipeline.deletingLastPathComponent())
            },
            "started": formatter.string(from: started),
            "seconds": (seconds * 1000).rounded() / 1000,
            "jobs": options.jobs,
            "documents": summary.documents,
            "incremental": options.incremental,
            "processed": summary.processed,
            "carried_over": summary.carriedOver,
            "reprocessed": summary.reprocessed,
            "failed": summary.failed.count,
            "bytes": summary.bytes,
            "problems": summary.failed.map { ["source": $0.source, "problem": $0.problem] },
            "warnings": summary.warnings.map { ["id": $0.id, "warning": $0.warning] },
            "skipped": skipped.map { ["path": $0.path, "reason": $0.reason] },
            "stage_seconds": summary.stageSeconds.mapValues { ($0 * 1000).rounded() / 1000 },
            "read_seconds": (summary.readSeconds * 1000).rounded() / 1000,
            "output_seconds": (summary.outputSeconds * 1000).rounded() / 1000,
            "encode_seconds": (summary.encodeSeconds * 1000).rounded() / 1000
        ]
        let data =
            (try? JSONSerialization.data(
                withJSONObject: report, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return Array(data) + [0x0A]
    }
}
