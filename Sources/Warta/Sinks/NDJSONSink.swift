/// Writes one `warta.doc/1` JSON record per line.
public final class NDJSONSink: FragmentSink {
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

    public func writeFragment(_ bytes: [UInt8]) throws -> Int {
        let offset = output.bytesWritten
        try output.write(bytes)
        if output.path == nil { try output.flush() } // stdout: a line as soon as it is ready
        return offset
    }

    public func finish() throws { try output.commit() }
}
