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
