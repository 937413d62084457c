import Dispatch

/// The worker threads of a run: `jobs` of them on Dispatch, each claiming inputs from a `ReorderBuffer`
/// and depositing their outcomes there until the inputs run out (or the run is cancelled).
///
/// A worker keeps its own `State` (a sink's encoder keeps a libxml2 writer: one per thread), made when
/// it starts. The work function must touch nothing shared but what is safe across threads: the
/// stages are immutable (`Stage`'s contract).
struct WorkerPool {
    private let queue = DispatchQueue(label: "warta.workers", attributes: .concurrent)
    private let group = DispatchGroup()

    /// Starts `jobs` workers, each with the state `makeState()` gives, running `work` on each input it claims.
    func start<State, Outcome>(
        jobs: Int, buffer: ReorderBuffer<Outcome>, makeState: @escaping () -> State,
        work: @escaping (inout State, InputItem) -> Outcome
    ) {
        let makeStateBox = UncheckedSendable(makeState)
        let workBox = UncheckedSendable(work)
        for _ in 0..<jobs {
            queue.async(group: group) {
                let work = workBox.value
                var state = makeStateBox.value()
                while let next = buffer.claim() {
                    buffer.deposit(work(&state, next.item), at: next.index)
                }
            }
        }
    }

    /// Returns once every worker has stopped.
    func wait() { group.wait() }
}

/// Hands a value the compiler cannot prove thread-safe to the workers: the sinks, which the workers
/// only ask for new encoders (`makeWorkerEncoder` reads immutable settings) before they start, and the
/// work function, which reads only immutable stages and settings.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
