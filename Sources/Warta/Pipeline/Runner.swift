import Dispatch
import Foundation

/// Runs a pipeline over inputs with `jobs` workers and hands documents to the sinks in input order.
///
/// All concurrency lives in its three parts: the `WorkerPool` (workers claim the next input, read it,
/// run the parallel stages and encode its output records for each `WorkerEncodingSink`), the
/// `ReorderBuffer` (finished documents wait there until every earlier one is out; at most `window`
/// are in flight, so memory does not grow with the corpus) and the `OrderedHandOff` on the calling
/// thread (the sequential stages, then the sinks, which only patch what the sequential stages decided
/// into the encoded bytes: the less it does per document, the more a second job adds). Output bytes
/// do not depend on `jobs`.
public final class Runner {
    public let pipeline: Pipeline
    public let jobs: Int
    public let window: Int
    /// Set from a signal handler's thread to stop claiming new inputs; finished ones are still written.
    public let cancellation: CancellationFlag
    /// Inputs larger than this many bytes fail without being read (`--max-document-bytes`).
    public var maxDocumentBytes = Runner.defaultMaxDocumentBytes
    public static let defaultMaxDocumentBytes = 16 << 20
    /// False: input files are opened with O_NOFOLLOW (`--no-follow`).
    public var followLinks = true

    public init(pipeline: Pipeline, jobs: Int, window: Int? = nil, cancellation: CancellationFlag = CancellationFlag())
    {
        self.pipeline = pipeline
        self.cancellation = cancellation
        self.jobs = max(1, jobs)
        self.window = window ?? max(4, self.jobs * 4)
    }

    enum Outcome {
        /// The document, the seconds of each parallel stage, and the seconds spent reading the input;
        /// then, per sink, its bytes as encoded by the worker (nil: encoded in the hand-off), and the
        /// seconds that took.
        case done(Document, [Double], Double, [PreEncodedFragment?], Double)
        case carried(CarriedDocument)
        case failed(InputProblem)
    }

    /// Processes every input; `onDocument` is called after each written document (progress). With
    /// `incremental`, the documents go to its sinks through it (it records the manifest), and unchanged
    /// inputs are carried over when it has a previous manifest.
    public func run(
        _ source: InputSource, sinks: [DocumentSink], incremental: IncrementalRun? = nil,
        onDocument: ((Int) -> Void)? = nil
    ) throws -> RunSummary {
        // A live stream (`tail -f | warta run -`): a document goes out as soon as it is done, not once
        // three more have arrived.
        let batch = source.isLiveStream ? 1 : max(1, min(4, window / 2))
        let buffer = ReorderBuffer<Outcome>(
            source: source, window: window, workers: jobs, handOffBatch: batch,
            cancellation: cancellation)
        let stages = pipeline.stages
        let maxBytes = maxDocumentBytes
        let follow = followLinks
        // The sinks the documents go to, in the order of their fragments (`incremental` writes through
        // its outputs' sinks).
        let encodingSinks = workerEncodingSinks(incremental.map { $0.outputs.map(\.sink) } ?? sinks)
        let encodingSinksBox = UncheckedSendable(encodingSinks)
        let pool = WorkerPool()
        pool.start(
            jobs: jobs, buffer: buffer,
            makeState: {
                // This worker's own encoders. One that cannot be made leaves its sink's encoding to the hand-off.
                encodingSinksBox.value.map { try? $0?.makeWorkerEncoder() }
            },
            work: { encoders, item in
                Runner.encode(
                    Runner.process(
                        item, stages: stages, incremental: incremental, maxBytes: maxBytes,
                        followLinks: follow), with: &encoders)
            })
        let handOff = OrderedHandOff(
            stageCount: stages.count, sequentialStages: pipeline.sequentialStages, sinks: sinks,
            encodingSinks: encodingSinks, incremental: incremental, cancellation: cancellation,
            reprocess: { item, raw in
                Runner.process(
                    item, stages: stages, incremental: nil, raw: raw, maxBytes: maxBytes, followLinks: follow)
            })
        while true {
            let outcomes = buffer.takeBatch()
            if outcomes.isEmpty { break }
            for outcome in outcomes {
                handOff.take(outcome)
                buffer.markEmitted()
                if handOff.firstError == nil { onDocument?(handOff.summary.documents + handOff.summary.failed.count) }
            }
        }
        pool.wait()
        if let error = handOff.firstError { throw error }
        var summary = handOff.summary
        summary.interrupted = cancellation.isSet
        summary.stageSeconds = handOff.stageSeconds(stageNames: stages.map { type(of: $0).name })
        return summary
    }

    /// Per sink, itself when the workers encode its records, else nil: when what the sequential stages
    /// provide can be spliced into encoded bytes (`PreEncodedFragment.spliceableLayers`).
    private func workerEncodingSinks(_ sinks: [DocumentSink]) -> [(any WorkerEncodingSink)?] {
        let changedInHandOff = Set(pipeline.sequentialStages.flatMap { type(of: $0).provides })
        let preEncoding = changedInHandOff.isSubset(of: PreEncodedFragment.spliceableLayers)
        return sinks.map { preEncoding ? $0 as? any WorkerEncodingSink : nil }
    }

    /// On a worker: a processed document's records, encoded by this worker's `encoders` (one per sink,
    /// nil: encoded in the hand-off). An encoding error is left to the hand-off, which encodes that
    /// document again and reports it in order. The encoder that failed is dropped: it may have stopped
    /// inside an element, and its next fragment would carry the rest of this one.
    static func encode(_ outcome: Outcome, with encoders: inout [(any WorkerFragmentEncoder)?]) -> Outcome {
        guard case .done(let document, let seconds, let readSeconds, _, _) = outcome else { return outcome }
        let start = DispatchTime.now().uptimeNanoseconds
        var fragments: [PreEncodedFragment?] = []
        for k in encoders.indices {
            guard let encoder = encoders[k] else { fragments.append(nil); continue }
            do {
                fragments.append(try encoder.encode(document))
            } catch {
                encoders[k] = nil
                fragments.append(nil)
            }
        }
        let encodeSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return .done(document, seconds, readSeconds, fragments, encodeSeconds)
    }

    /// Reads and processes one input; never throws: a failure becomes an `InputProblem`. An unchanged
    /// input that `incremental` can carry over is only read and hashed. `raw`: the file's bytes, already read.
    static func process(
        _ item: InputItem, stages: [any Stage], incremental: IncrementalRun? = nil,
        raw known: [UInt8]? = nil, maxBytes: Int = Runner.defaultMaxDocumentBytes,
        followLinks: Bool = true
    ) -> Outcome {
        var document: Document
        var readSeconds = 0.0
        switch item {
        case .invalid(let source, let problem):
            return .failed(InputProblem(source: source, problem: problem))
        case .file(let path, let id):
            do {
                let readStart = DispatchTime.now().uptimeNanoseconds
                let raw =
                    try known
                    ?? FileBytes.read(path, limit: maxBytes, followLinks: followLinks, reason: FileBytes.tooLarge)
                readSeconds = Double(DispatchTime.now().uptimeNanoseconds - readStart) / 1e9
                if let incremental, let carried = incremental.carried(id: id, path: path, raw: raw) {
                    return .carried(carried)
                }
                document = Document(id: id, source: path, raw: raw)
            } catch {
                // The problem is reported after the source's name: an InputError's own text starts with it.
                return .failed(InputProblem(source: path, problem: (error as? InputError)?.reason ?? "\(error)"))
            }
        case .inline(let id, let source, let raw, let metadata):
            if raw.count > maxBytes {
                return .failed(InputProblem(source: source, problem: FileBytes.tooLarge(raw.count, limit: maxBytes)))
            }
            document = Document(id: id, source: source, raw: raw)
            document.metadata = metadata
        }
        var seconds = [Double](repeating: 0, count: stages.count)
        do {
            for (i, stage) in stages.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                try stage.process(&document)
                seconds[i] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
        } catch {
            return .failed(InputProblem(source: document.source, problem: "\(error)"))
        }
        return .done(document, seconds, readSeconds, [], 0)
    }

    static func readFile(_ path: String) throws -> [UInt8] { try FileBytes.read(path) }
}
