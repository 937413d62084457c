/// Writes one `warta.doc/1` JSON record per line.
public final class NDJSONSink: DocumentSink {
    private let output: OutputFile
    private let options: RecordOptions

    public init(output: OutputFile, options: RecordOptions = RecordOptions()) {
        self.output = output
        self.options = options
    }

    public func write(_ document: Document) throws {
        try output.write(RecordEncoder.encode(document, sha256: Hashing.sha256Hex(document.raw), options: options))
        if output.path == nil { try output.flush() } // stdout: a line as soon as it is ready
    }

    public func finish() throws { try output.commit() }
}
