/// An annotation layer of `Document`, used by stages to declare what they need and what they add.
public enum Layer: String, Sendable, CaseIterable {
    case text, sentences, tokens, entities, acronyms, quotes, duplicates
}

/// One processing step over one document.
///
/// Contract:
/// - A stage is built once per run from its options and then shared by every worker thread, so it
///   must be immutable after `init` (`Sendable`): compiled rules, lists and matchers live in `let`s.
/// - `process` sees one document at a time and must not touch anything but that document: no
///   global state, no I/O, no threads. The runner owns concurrency and order.
/// - It may only add layers it names in `provides`, and may rely only on layers in `requires` (the
///   pipeline checks the order when it is built). Only `normalize` sets the text.
/// - It throws only for a document it cannot process at all; the runner reports and skips it.
public protocol Stage: Sendable {
    /// The stage's name in pipeline files.
    static var name: String { get }
    static var requires: [Layer] { get }
    static var provides: [Layer] { get }
    /// Reads options; unknown keys and bad values are reported by `StageOptions` with file and line.
    init(options: StageOptions) throws
    func process(_ document: inout Document) throws
}

/// A step that needs the documents one after another in input order, with state carried from one
/// document to the next (which quote came first in the run). The runner calls it on one thread in the
/// ordered hand-off between the parallel stages and the sinks; it is the only place where order matters.
public protocol SequentialStage: AnyObject {
    static var name: String { get }
    static var requires: [Layer] { get }
    static var provides: [Layer] { get }
    /// True when `process` changes nothing but the decision fields of quotes (`duplicate_of`,
    /// `similarity`): the workers may then encode the records before this stage runs, and the hand-off
    /// only splices the decided fields in (`Sinks/WorkerEncoding.swift`). A stage that changes anything
    /// else says false, and the hand-off encodes every record after it.
    static var changesOnlyQuoteDecisions: Bool { get }
    init(options: StageOptions) throws
    func process(_ document: inout Document)
}
