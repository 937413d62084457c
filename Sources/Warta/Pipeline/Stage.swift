/// An annotation layer of `Document`, used by stages to declare what they need and what they add.
///
/// `text` is the text with what comes with it (`encoding`, `offsetMap`, `removed`); `quotes` covers
/// `reportedSpeech` too; `duplicates` is each quote's `duplicateOf` and `similarity`; `warnings` are the
/// notes a stage adds for the user.
public enum Layer: String, Sendable, CaseIterable {
    case text, sentences, tokens, entities, acronyms, quotes, duplicates, warnings
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
/// - Its options are read through `StageOptions`, so that an unknown key is refused.
///
/// `Tests/WartaTests/StageConformanceTests.swift` checks this for every stage in `StageRegistry`.
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
    /// What `process` may change, and nothing else. The runner reads it to decide whether the workers'
    /// encoded records can take the change by splicing (`PreEncodedFragment.spliceableLayers`: dedup's
    /// `duplicates`) or must be encoded again in the hand-off after this stage.
    static var provides: [Layer] { get }
    init(options: StageOptions) throws
    func process(_ document: inout Document)
}
