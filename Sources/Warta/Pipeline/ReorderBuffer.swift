import Foundation

/// The inputs between the workers and the ordered hand-off: which input a worker takes next, and the
/// finished ones, kept until every earlier one is out.
///
/// A worker `claim`s the next input, whose number fixes its place in the output, processes it and
/// `deposit`s the outcome under that number. The hand-off `takeBatch`es finished outcomes in input order
/// and calls `markEmitted` after writing each. At most `window` inputs are claimed and not emitted, so
/// memory does not grow with the corpus.
///
/// Unsafe: `@unchecked Sendable`; every field is guarded by `condition`, except `source`, which only the
/// holder of `sourceLock` reads from (`exhausted` is set under both). Tested through the runner with
/// several workers against one (`RunnerTests`, `DeterminismTests`) and by `ReorderBufferTests`.
final class ReorderBuffer<Outcome>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Held while a worker takes the next input from `source` (see `claim`).
    private let sourceLock = NSLock()
    private let source: InputSource
    private let window: Int
    private let cancellation: CancellationFlag
    /// The hand-off waits for `handOffBatch` finished outcomes in a row (fewer at the end), and is woken
    /// only when they are there; the workers are woken only when one waits for the window. A wake-up per
    /// document cost a context switch each, and the woken hand-off pre-empted a worker: several percent
    /// more CPU at two jobs than at one (BENCHMARKS.md, "Round 4").
    private let handOffBatch: Int
    private var claimed = 0
    private var emitted = 0
    private var exhausted = false
    private var results: [Int: Outcome] = [:]
    private var workersLeft: Int
    private var handOffWaiting = false
    private var workersWaiting = 0

    /// `workers`: how many workers will claim (the hand-off ends once each has found the inputs exhausted).
    init(source: InputSource, window: Int, workers: Int, handOffBatch: Int, cancellation: CancellationFlag) {
        self.source = source
        self.window = window
        workersLeft = workers
        self.handOffBatch = handOffBatch
        self.cancellation = cancellation
    }

    /// The next input and its number, once the window has room; nil when the inputs are exhausted or the
    /// run is cancelled, and the calling worker is then counted as stopped.
    func claim() -> (index: Int, item: InputItem)? {
        // One reader at a time (`sourceLock`), and the input is read outside `condition`: a worker
        // waiting for the next line of a live stdin must not keep the hand-off from writing what is
        // done. Lock order: `sourceLock`, then `condition`.
        sourceLock.lock()
        condition.lock()
        while claimed - emitted >= window && !cancellation.isSet {
            workersWaiting += 1
            condition.wait()
            workersWaiting -= 1
        }
        let stop = exhausted || cancellation.isSet
        condition.unlock()
        let item = stop ? nil : source.next()
        condition.lock()
        guard let item else {
            exhausted = true
            workersLeft -= 1
            condition.broadcast()
            condition.unlock()
            sourceLock.unlock()
            return nil
        }
        let index = claimed
        claimed += 1
        condition.unlock()
        sourceLock.unlock()
        return (index, item)
    }

    /// The outcome of the input `claim` numbered `index`.
    func deposit(_ outcome: Outcome, at index: Int) {
        condition.lock()
        results[index] = outcome
        if handOffWaiting && readyForHandOff() > 0 { condition.broadcast() }
        condition.unlock()
    }

    /// The next finished outcomes in input order, waiting for them; empty once every worker has stopped
    /// and every claimed input was taken.
    func takeBatch() -> [Outcome] {
        var batch: [Outcome] = []
        condition.lock()
        while true {
            let ready = readyForHandOff()
            if ready > 0 {
                for k in 0..<ready { batch.append(results.removeValue(forKey: emitted + k)!) }
                break
            }
            if workersLeft == 0 && emitted >= claimed { break }
            handOffWaiting = true
            condition.wait()
            handOffWaiting = false
        }
        condition.unlock()
        return batch
    }

    /// The hand-off is done with the next outcome of its batch: its place in the window is free.
    func markEmitted() {
        condition.lock()
        emitted += 1
        if workersWaiting > 0 { condition.broadcast() }
        condition.unlock()
    }

    /// How many finished outcomes in a row, from `emitted`, the hand-off may take now (0: it waits).
    /// Never waits forever: at most `window` documents are claimed and not emitted, and the batch is at
    /// most the window, so the window filling up makes a batch; once the inputs are exhausted, what is
    /// left is enough. Called under `condition`.
    private func readyForHandOff() -> Int {
        var ready = 0
        while ready < handOffBatch && results[emitted + ready] != nil { ready += 1 }
        let need = exhausted ? min(handOffBatch, claimed - emitted) : handOffBatch
        return ready > 0 && ready >= need ? ready : 0
    }
}
