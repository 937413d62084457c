/// Encoding a document's output bytes on the worker that processed it, before the ordered hand-off.
///
/// The hand-off runs on one thread for the whole run (the sequential stages need input order), so
/// whatever it does per document limits how much a second job can add. The records do not depend on
/// the order except through what the sequential stage `dedup` decides (each quote's `duplicate_of` and
/// `similarity`), so a worker encodes the whole record and notes where each quote's decision fields
/// are; the hand-off keeps those bytes as they are when the decisions are still the ones encoded (most
/// quotes are no repeat) and otherwise replaces only those fields. The bytes are the same as encoding
/// the finished document in the hand-off, whatever the number of jobs.

/// What the sequential stages may change in a document after a worker encoded it: a quote's decision.
public struct EncodedDecision: Sendable {
    public var duplicateOf: QuoteReference?
    public var similarity: Double?

    init(_ quote: Quote) {
        duplicateOf = quote.duplicateOf
        similarity = quote.similarity
    }

    func isSame(as quote: Quote) -> Bool {
        duplicateOf == quote.duplicateOf && similarity?.bitPattern == quote.similarity?.bitPattern
    }
}

/// One document's bytes for one output, encoded on a worker.
public struct PreEncodedFragment: Sendable {
    /// The layers a sequential stage may change after a worker encoded the record, which `completed`
    /// splices in: each quote's decision fields. When the sequential stages provide any other layer, the
    /// runner has the hand-off encode every record instead.
    public static let spliceableLayers: Set<Layer> = [.duplicates]

    public var bytes: [UInt8]
    /// Per quote, the bytes of its decision fields in `bytes`.
    public var quoteDecisionRanges: [Range<Int>]
    /// Per quote, the decision those bytes say.
    public var encodedDecisions: [EncodedDecision]

    /// The bytes for `document` as it is now: `bytes`, with the decision fields of every quote whose
    /// decision changed since replaced by `decisionBytes(quote)`. Nil when the quotes themselves changed
    /// (the caller encodes the document anew).
    func completed(for document: Document, decisionBytes: (Quote) throws -> [UInt8]) rethrows -> [UInt8]? {
        guard document.quotes.count == encodedDecisions.count, quoteDecisionRanges.count == encodedDecisions.count
        else { return nil }
        var spliced: [UInt8]? = nil
        var copiedUpTo = 0
        for (i, quote) in document.quotes.enumerated() where !encodedDecisions[i].isSame(as: quote) {
            if spliced == nil { spliced = []; spliced!.reserveCapacity(bytes.count + 128) }
            spliced!.append(contentsOf: bytes[copiedUpTo..<quoteDecisionRanges[i].lowerBound])
            spliced!.append(contentsOf: try decisionBytes(quote))
            copiedUpTo = quoteDecisionRanges[i].upperBound
        }
        guard var spliced else { return bytes }
        spliced.append(contentsOf: bytes[copiedUpTo...])
        return spliced
    }
}

/// Encodes documents for one sink on one worker thread (it may keep a libxml2 writer: never shared).
public protocol WorkerFragmentEncoder: AnyObject {
    func encode(_ document: Document) throws -> PreEncodedFragment
}

/// A sink whose fragments can be encoded by the workers.
public protocol WorkerEncodingSink: FragmentSink {
    /// A new encoder, for one worker thread.
    func makeWorkerEncoder() throws -> WorkerFragmentEncoder
    /// In the ordered hand-off, after the sequential stages: the bytes `encode(document)` would give,
    /// from what a worker encoded before them.
    func complete(_ fragment: PreEncodedFragment, for document: Document) throws -> [UInt8]
}

extension WorkerEncodingSink {
    /// Writes `document` from its worker-encoded fragment when there is one; returns the offset and
    /// length of its bytes in the output.
    func write(_ document: Document, preEncoded fragment: PreEncodedFragment?) throws -> (offset: Int, length: Int) {
        let bytes = try fragment.map { try complete($0, for: document) } ?? encode(document)
        return (try writeFragment(bytes), bytes.count)
    }
}

extension FragmentSink {
    /// Writes `document`, from a worker-encoded fragment when the sink takes one.
    func writeFragment(of document: Document, preEncoded fragment: PreEncodedFragment?) throws -> (
        offset: Int, length: Int
    ) {
        if let sink = self as? any WorkerEncodingSink { return try sink.write(document, preEncoded: fragment) }
        let bytes = try encode(document)
        return (try writeFragment(bytes), bytes.count)
    }
}
