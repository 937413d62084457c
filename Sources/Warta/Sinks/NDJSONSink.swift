/// Writes one `warta.doc/1` JSON record per line.
public final class NDJSONSink: WorkerEncodingSink {
    public let output: OutputFile
    private let options: RecordOptions

    public init(output: OutputFile, options: RecordOptions = RecordOptions()) {
        self.output = output
        self.options = options
    }

    public func write(_ document: Document) throws {
        _ = try writeFragment(encode(document))
    }

    public func encode(_ document: Document) throws -> [UInt8] {
        RecordEncoder.encode(document, sha256: document.rawSHA256Hex, options: options)
    }

    /// JSON writing keeps no state between documents: one encoder serves any thread.
    private final class Encoder: WorkerFragmentEncoder {
        let options: RecordOptions
        init(options: RecordOptions) { self.options = options }
        func encode(_ document: Document) throws -> PreEncodedFragment {
            var ranges: [Range<Int>]? = []
            let bytes = RecordEncoder.encode(
                document, sha256: document.rawSHA256Hex, options: options, quoteDecisionRanges: &ranges)
            return PreEncodedFragment(
                bytes: bytes, quoteDecisionRanges: ranges!, encodedDecisions: document.quotes.map(EncodedDecision.init))
        }
    }

    public func makeWorkerEncoder() throws -> WorkerFragmentEncoder { Encoder(options: options) }

    public func complete(_ fragment: PreEncodedFragment, for document: Document) throws -> [UInt8] {
        try fragment.completed(for: document, decisionBytes: RecordEncoder.decisionFields) ?? encode(document)
    }

    public func writeFragment(_ bytes: [UInt8]) throws -> Int {
        let offset = output.bytesWritten
        try output.write(bytes)
        if output.path == nil { try output.flush() } // stdout: a line as soon as it is ready
        return offset
    }

    public func finish() throws { try output.commit() }
}
