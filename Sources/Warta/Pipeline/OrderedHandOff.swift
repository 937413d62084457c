import Dispatch

/// The ordered hand-off of a run, on the thread that called `Runner.run`: the finished documents come
/// in input order (`ReorderBuffer.takeBatch`); the sequential stages run over each, and the sinks (or
/// the incremental run, which records the manifest) write it. The only place where order matters.
///
/// A document the workers encoded for a sink (`fragments`) is written from those bytes, with what the
/// sequential stages decided spliced in (`WorkerEncodingSink`). The first error stops the run: the
/// cancellation is set, and later outcomes are only counted out.
final class OrderedHandOff {
    private let sequentialStages: [any SequentialStage]
    private let sinks: [DocumentSink]
    /// Per sink, itself when it takes worker-encoded fragments, else nil.
    private let encodingSinks: [(any WorkerEncodingSink)?]
    private let incremental: IncrementalRun?
    private let cancellation: CancellationFlag
    /// Runs the parallel stages over a carried-over input again (its bytes already read), when a
    /// sequential stage now decides differently for it.
    private let reprocess: (InputItem, [UInt8]) -> Runner.Outcome
    private(set) var summary = RunSummary()
    private(set) var firstError: Error?
    /// Seconds per parallel stage (from the workers) and per sequential stage, summed over documents.
    private var stageTotals: [Double]
    private var sequentialTotals: [Double]

    init(
        stageCount: Int, sequentialStages: [any SequentialStage], sinks: [DocumentSink],
        encodingSinks: [(any WorkerEncodingSink)?], incremental: IncrementalRun?, cancellation: CancellationFlag,
        reprocess: @escaping (InputItem, [UInt8]) -> Runner.Outcome
    ) {
        self.sequentialStages = sequentialStages
        self.sinks = sinks
        self.encodingSinks = encodingSinks
        self.incremental = incremental
        self.cancellation = cancellation
        self.reprocess = reprocess
        stageTotals = [Double](repeating: 0, count: stageCount)
        sequentialTotals = [Double](repeating: 0, count: sequentialStages.count)
    }

    /// The next outcome in input order.
    func take(_ outcome: Runner.Outcome) {
        guard firstError == nil else { return }
        switch outcome {
        case .done(let document, let seconds, let readSeconds, let fragments, let encodeSeconds):
            for (i, s) in seconds.enumerated() { stageTotals[i] += s }
            summary.readSeconds += readSeconds
            summary.encodeSeconds += encodeSeconds
            takeProcessed(document, fragments: fragments)
        case .carried(let carried):
            takeCarried(carried)
        case .failed(let problem):
            summary.failed.append(problem)
        }
    }

    /// The seconds of each stage by name, parallel ones given by `stageNames` (in pipeline order).
    func stageSeconds(stageNames: [String]) -> [String: Double] {
        var seconds: [String: Double] = [:]
        for (i, name) in stageNames.enumerated() { seconds[name, default: 0] += stageTotals[i] }
        for (i, stage) in sequentialStages.enumerated() {
            seconds[type(of: stage).name, default: 0] += sequentialTotals[i]
        }
        return seconds
    }

    private func takeProcessed(_ processed: Document, fragments: [PreEncodedFragment?]) {
        var document = processed
        for (i, stage) in sequentialStages.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            stage.process(&document)
            sequentialTotals[i] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        summary.documents += 1
        summary.bytes += document.raw.count
        for w in document.warnings { summary.warnings.append((document.id, w)) }
        summary.processed += 1
        let start = DispatchTime.now().uptimeNanoseconds
        defer { summary.outputSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        do {
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
            stop(error)
        }
    }

    private func takeCarried(_ carried: CarriedDocument) {
        summary.documents += 1
        summary.bytes += carried.raw.count
        for w in carried.entry.warnings { summary.warnings.append((carried.entry.id, w)) }
        do {
            let again = try incremental!.writeCarried(carried) { raw in
                let item = InputItem.file(path: carried.entry.path, id: carried.entry.id)
                switch reprocess(item, raw) {
                case .done(let document, _, _, _, _): return document
                case .failed(let problem): throw InputError(path: problem.source, reason: problem.problem)
                case .carried: fatalError("not carried without a manifest")
                }
            }
            if again { summary.reprocessed += 1 } else { summary.carriedOver += 1 }
        } catch {
            stop(error)
        }
    }

    private func stop(_ error: Error) {
        firstError = error
        cancellation.set()
    }
}
