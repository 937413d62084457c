/// Receives finished documents in input order. NDJSON, XML and in-memory sinks conform.
public protocol DocumentSink: AnyObject {
    func write(_ document: Document) throws
    /// Called once after the last document; completes the output (closing tags, rename into place).
    func finish() throws
}

/// What the sinks put in a record besides the always-present layers.
public struct RecordOptions: Sendable {
    public var tokens: Bool
    public init(tokens: Bool = false) { self.tokens = tokens }
}

/// Keeps documents in memory; for tests and for callers that want the model itself.
public final class MemorySink: DocumentSink {
    public private(set) var documents: [Document] = []
    public private(set) var finished = false
    public init() {}
    public func write(_ document: Document) throws { documents.append(document) }
    public func finish() throws { finished = true }
}
