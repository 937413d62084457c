/// Receives finished documents in input order. NDJSON, XML and in-memory sinks conform.
public protocol DocumentSink: AnyObject {
    func write(_ document: Document) throws
    /// Called once after the last document; completes the output (closing tags, rename into place).
    func finish() throws
}

/// A sink whose output is the concatenation of per-document fragments (NDJSON lines, XML `<document>`
/// elements, flat lines), so that an incremental run can copy an unchanged document's bytes from the
/// previous output instead of processing it again.
public protocol FragmentSink: DocumentSink {
    /// The file written (its byte count and running hash are read for the manifest).
    var output: OutputFile { get }
    /// The bytes `write(_:)` would add for this document.
    func encode(_ document: Document) throws -> [UInt8]
    /// Writes one document's bytes, from `encode` in this run or an earlier one; returns their offset
    /// in the output file.
    func writeFragment(_ bytes: [UInt8]) throws -> Int
    /// The byte counts before the first fragment and after the last one in a finished file with at
    /// least one fragment, so that a previous manifest's fragments can be checked to tile the file.
    var frame: (header: Int, footer: Int) { get }
}

extension FragmentSink {
    public var frame: (header: Int, footer: Int) { (0, 0) }
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
