import Dispatch
import Foundation

/// What happened to one input that produced no record.
public struct InputProblem: Sendable, Equatable {
    public var source: String
    public var problem: String
}

/// Counts and timings of a run, for run.json and the summary line.
public struct RunSummary {
    public var documents = 0
    public var failed: [InputProblem] = []
    public var warnings: [(id: String, warning: String)] = []
    /// Seconds spent in each stage, summed over documents (CPU time across workers, not wall time);
    /// the sequential stages' time is on the hand-off thread.
    public var stageSeconds: [String: Double] = [:]
    /// Seconds the workers spent reading input files, summed over workers.
    public var readSeconds: Double = 0
    /// Seconds the ordered hand-off spent encoding and writing records (sinks, manifest records).
    public var outputSeconds: Double = 0
    /// Seconds the workers spent encoding records before the hand-off, summed over workers.
    public var encodeSeconds: Double = 0
    public var bytes = 0
    public var interrupted = false
    /// Documents run through the stages because their input is new or changed (every one in a full run).
    public var processed = 0
    /// Documents whose bytes were copied from the previous outputs (`--incremental`, unchanged input).
    public var carriedOver = 0
    /// Unchanged inputs processed again because a sequential stage decided differently for them (a
    /// quote's original changed).
    public var reprocessed = 0
}

/// Runs a pipeline over inputs with `jobs` workers and hands documents to the sinks in input order.
///
/// All concurrency lives here. Workers (Dispatch) claim the next input, read it, run the parallel
/// stages and encode its output records (`WorkerEncodingSink`); finished documents wait in a reorder
/// buffer until every earlier one is out, then the sequential stages run and the sinks write them on the
/// calling thread, which only patches what the sequential stages decided into the encoded bytes (the
/// less it does per document, the more a second job adds). At most `window` documents are in
/// flight, so memory does not grow with the corpus; output bytes do not depend on `jobs`.
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

    public init(pipeline: Pipeline, jobs: Int, window: Int? = nil, cancellation: CancellationFlag = CancellationFlag()) {
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

    /// Processes every input; `onDocument` is called after each written document (progress).
    /// Shared between the workers and the ordered hand-off. Every field is guarded by `condition`, except
    /// `source`, which only the holder of `sourceLock` reads from; `exhausted` is set under both.
    private final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var claimed = 0
        var emitted = 0
        var exhausted = false
        var results: [Int: Outcome] = [:]
        var workersLeft: Int
        let source: InputSource
        /// The hand-off waits for `handOffBatch` finished documents in a row (fewer at the end), and is
        /// woken only when they are there; the workers are woken only when one waits for the window.
        /// A wake-up per document cost a context switch each, and the woken hand-off pre-empted a
        /// worker: several percent more CPU at two jobs than at one (BENCHMARKS.md, "Round 4").
        let handOffBatch: Int
        var handOffWaiting = false
        /// Held while a worker takes the next input from `source` (see the worker loop).
        let sourceLock = NSLock()
        var workersWaiting = 0
        init(workers: Int, source: InputSource, handOffBatch: Int) {
            workersLeft = workers
            self.source = source
            self.handOffBatch = handOffBatch
        }

        /// How many finished outcomes in a row, from `emitted`, the hand-off may take now (0: it waits).
        /// Never waits forever: at most `window` documents are claimed and not emitted, and the batch
        /// is at most the window, so the window filling up makes a batch; once the inputs are
        /// exhausted, what is left is enough.
        func readyForHandOff() -> Int {
            var ready = 0
            while ready < handOffBatch && results[emitted + ready] != nil { ready += 1 }
            let need = exhausted ? min(handOffBatch, claimed - emitted) : handOffBatch
            return ready > 0 && ready >= need ? ready : 0
        }
    }

    /// Processes every input; `onDocument` is called after each written document (progress). With
    /// `incremental`, the documents go to its sinks through it (it records the manifest), and unchanged
    /// inputs are carried over when it has a previous manifest.
    public func run(_ source: InputSource, sinks: [DocumentSink], incremental: IncrementalRun? = nil,
                    onDocument: ((Int) -> Void)? = nil) throws -> RunSummary {
        // A live stream (`tail -f | warta run -`): a document goes out as soon as it is done, not once
        // three more have arrived.
        let batch = source.isLiveStream ? 1 : max(1, min(4, window / 2))
        let shared = Shared(workers: jobs, source: source, handOffBatch: batch)
        let condition = shared.condition
        let stages = pipeline.stages
        let maxBytes = maxDocumentBytes
        let followLinks = followLinks
        let queue = DispatchQueue(label: "warta.workers", attributes: .concurrent)
        let group = DispatchGroup()
        // The sinks the documents go to, in the order of their fragments (`incremental` writes through
        // its outputs' sinks).
        let outputSinks: [any FragmentSink]? = incremental.map { $0.outputs.map(\.sink) }
        let preEncoding = pipeline.sequentialStages.allSatisfy { type(of: $0).changesOnlyQuoteDecisions }
        let encodingSinks: [(any WorkerEncodingSink)?] = (outputSinks ?? sinks).map {
            preEncoding ? $0 as? any WorkerEncodingSink : nil
        }
        let encodingSinksBox = UncheckedSendable(encodingSinks)

        for _ in 0..<jobs {
            queue.async(group: group) { [cancellation, window] in
                // This worker's own encoders (an XML encoder keeps a libxml2 writer: one per thread). One
                // that cannot be made leaves its sink's encoding to the hand-off.
                var encoders = encodingSinksBox.value.map { try? $0?.makeWorkerEncoder() }
                while true {
                    // One reader at a time (`sourceLock`), and the input is read outside the runner's lock:
                    // a worker waiting for the next line of a live stdin must not keep the hand-off from
                    // writing what is done. Lock order: `sourceLock`, then `condition`.
                    shared.sourceLock.lock()
                    condition.lock()
                    while shared.claimed - shared.emitted >= window && !cancellation.isSet {
                        shared.workersWaiting += 1
                        condition.wait()
                        shared.workersWaiting -= 1
                    }
                    let stop = shared.exhausted || cancellation.isSet
                    condition.unlock()
                    let item = stop ? nil : shared.source.next()
                    condition.lock()
                    guard let item else {
                        shared.exhausted = true
                        shared.workersLeft -= 1
                        condition.broadcast()
                        condition.unlock()
                        shared.sourceLock.unlock()
                        return
                    }
                    let index = shared.claimed
                    shared.claimed += 1
                    condition.unlock()
                    shared.sourceLock.unlock()

                    var outcome = Runner.process(item, stages: stages, incremental: incremental, maxBytes: maxBytes, followLinks: followLinks)
                    if case .done(let document, let seconds, let readSeconds, _, _) = outcome {
                        let start = DispatchTime.now().uptimeNanoseconds
                        // An encoding error is left to the hand-off, which encodes that document again
                        // and reports it in order. The encoder that failed is dropped: it may have stopped
                        // inside an element, and its next fragment would carry the rest of this one.
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
                        outcome = .done(document, seconds, readSeconds, fragments, encodeSeconds)
                    }

                    condition.lock()
                    shared.results[index] = outcome
                    if shared.handOffWaiting && shared.readyForHandOff() > 0 { condition.broadcast() }
                    condition.unlock()
                }
            }
        }

        var summary = RunSummary()
        var firstError: Error?
        var stageTotals = [Double](repeating: 0, count: stages.count)
        var sequentialTotals = [Double](repeating: 0, count: pipeline.sequentialStages.count)
        handOff: while true {
            var batch: [Outcome] = []
            condition.lock()
            while true {
                let ready = shared.readyForHandOff()
                if ready > 0 {
                    for k in 0..<ready { batch.append(shared.results.removeValue(forKey: shared.emitted + k)!) }
                    break
                }
                if shared.workersLeft == 0 && shared.emitted >= shared.claimed { break }
                shared.handOffWaiting = true
                condition.wait()
                shared.handOffWaiting = false
            }
            condition.unlock()
            if batch.isEmpty { break handOff }
            for outcome in batch {
                if firstError == nil {
                    switch outcome {
                    case .done(var document, let seconds, let readSeconds, let fragments, let encodeSeconds):
                        for (i, stage) in pipeline.sequentialStages.enumerated() {
                            let start = DispatchTime.now().uptimeNanoseconds
                            stage.process(&document)
                            sequentialTotals[i] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                        }
                        for (i, s) in seconds.enumerated() { stageTotals[i] += s }
                        summary.readSeconds += readSeconds
                        summary.encodeSeconds += encodeSeconds
                        summary.documents += 1
                        summary.bytes += document.raw.count
                        for w in document.warnings { summary.warnings.append((document.id, w)) }
                        summary.processed += 1
                        do {
                            let start = DispatchTime.now().uptimeNanoseconds
                            defer { summary.outputSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
                            if let incremental {
                                try incremental.write(document, preEncoded: fragments)
                            } else {
                                for (k, sink) in sinks.enumerated() {
                                    if let encoding = encodingSinks[k] {
                                        _ = try encoding.write(document, preEncoded: k < fragments.count ? fragments[k] : nil)
                                    } else {
                                        try sink.write(document)
                                    }
                                }
                            }
                        } catch {
                            firstError = error
                            cancellation.set()
                        }
                    case .carried(let carried):
                        summary.documents += 1
                        summary.bytes += carried.raw.count
                        for w in carried.entry.warnings { summary.warnings.append((carried.entry.id, w)) }
                        do {
                            let again = try incremental!.writeCarried(carried) { raw in
                                let item = InputItem.file(path: carried.entry.path, id: carried.entry.id)
                                switch Runner.process(item, stages: stages, incremental: nil, raw: raw, maxBytes: maxBytes, followLinks: followLinks) {
                                case .done(let document, _, _, _, _): return document
                                case .failed(let problem): throw InputError(path: problem.source, reason: problem.problem)
                                case .carried: fatalError("not carried without a manifest")
                                }
                            }
                            if again { summary.reprocessed += 1 } else { summary.carriedOver += 1 }
                        } catch {
                            firstError = error
                            cancellation.set()
                        }
                    case .failed(let problem):
                        summary.failed.append(problem)
                    }
                }
                condition.lock()
                shared.emitted += 1
                if shared.workersWaiting > 0 { condition.broadcast() }
                condition.unlock()
                if firstError == nil { onDocument?(summary.documents + summary.failed.count) }
            }
        }
        group.wait()
        if let firstError { throw firstError }
        summary.interrupted = cancellation.isSet
        for (i, stage) in stages.enumerated() { summary.stageSeconds[type(of: stage).name, default: 0] += stageTotals[i] }
        for (i, stage) in pipeline.sequentialStages.enumerated() {
            summary.stageSeconds[type(of: stage).name, default: 0] += sequentialTotals[i]
        }
        return summary
    }

    /// Reads and processes one input; never throws: a failure becomes an `InputProblem`. An unchanged
    /// input that `incremental` can carry over is only read and hashed. `raw`: the file's bytes, already read.
    static func process(_ item: InputItem, stages: [any Stage], incremental: IncrementalRun? = nil,
                        raw known: [UInt8]? = nil, maxBytes: Int = Runner.defaultMaxDocumentBytes,
                        followLinks: Bool = true) -> Outcome {
        var document: Document
        var readSeconds = 0.0
        switch item {
        case .invalid(let source, let problem):
            return .failed(InputProblem(source: source, problem: problem))
        case .file(let path, let id):
            do {
                let readStart = DispatchTime.now().uptimeNanoseconds
                let raw = try known ?? FileBytes.read(path, limit: maxBytes, followLinks: followLinks)
                readSeconds = Double(DispatchTime.now().uptimeNanoseconds - readStart) / 1e9
                if let incremental, let carried = incremental.carried(id: id, path: path, raw: raw) { return .carried(carried) }
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
        document.cachedRawSHA256 = Hashing.sha256Hex(document.raw)
        return .done(document, seconds, readSeconds, [], 0)
    }

    static func readFile(_ path: String) throws -> [UInt8] { try FileBytes.read(path) }
}

/// A flag set once from any thread (a signal handler's) and read by the workers.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    public init() {}
    public var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    public func set() { lock.lock(); value = true; lock.unlock() }
}

/// Hands a value the compiler cannot prove thread-safe to the workers: the sinks, which the workers
/// only ask for new encoders (`makeWorkerEncoder` reads immutable settings) before they start.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
