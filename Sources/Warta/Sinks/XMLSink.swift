import Foundation

/// Writes all documents into one XML file valid against `schema/warta.xsd`, streamed a document at a time.
///
/// The file is the header (declaration and `<documents>` start tag), one fragment per document (its
/// `<document>` element, indented, with its line end), and the footer; a fragment does not depend on
/// the documents around it, so an incremental run can copy it from the previous file. With no document
/// at all, the file is libxml2's own empty form (`<documents .../>`). The header, footer and empty form
/// come from libxml2's writer; the fragments from `XMLBytesWriter`, which writes what libxml2 would.
public final class XMLSink: WorkerEncodingSink {
    public let output: OutputFile
    /// Encodes the documents written through `write`/`encode` in the hand-off.
    private let encoder: XMLFragmentEncoder
    /// libxml2's writer of the whole file, left at the open root element: it writes the empty document
    /// when there is none.
    private let documentWriter: XMLWriter
    private let options: RecordOptions
    private let header: [UInt8]
    private let footer: [UInt8]
    /// The header is in the output.
    private var headerWritten = false

    public init(output: OutputFile, options: RecordOptions = RecordOptions()) throws {
        self.output = output
        self.options = options
        (header, footer) = try XMLFragmentEncoder.libxml2Frame()
        documentWriter = try XMLFragmentEncoder.openDocument()
        encoder = XMLFragmentEncoder(options: options)
    }

    public func write(_ document: Document) throws {
        _ = try writeFragment(encode(document))
    }

    public func writeFragment(_ bytes: [UInt8]) throws -> Int {
        if !headerWritten {
            try output.write(header)
            headerWritten = true
        }
        let offset = output.bytesWritten
        try output.write(bytes)
        return offset
    }

    public var frame: (header: Int, footer: Int) { (header.count, footer.count) }

    public func encode(_ document: Document) throws -> [UInt8] { try encoder.encode(document).bytes }

    public func makeWorkerEncoder() throws -> WorkerFragmentEncoder {
        XMLFragmentEncoder(options: options)
    }

    public func complete(_ fragment: PreEncodedFragment, for document: Document) throws -> [UInt8] {
        try fragment.completed(for: document, decisionBytes: XMLFragmentEncoder.decisionAttributes) ?? encode(document)
    }

    public func finish() throws {
        let writer = documentWriter
        try writer.end()
        try writer.endDocument()
        let rest = writer.drain()
        // With documents, the footer (which is what the writer has left when it wrote one of them); with
        // none, the writer's whole empty document.
        try output.write(headerWritten ? footer : rest)
        try output.commit()
    }

    /// nil when `file` is valid against the XSD at `schema`, else libxml2's first complaint.
    public static func validate(file: String, schema: String) -> String? {
        XMLWriter.validate(file: file, schema: schema)
    }
}

/// Encodes `<document>` elements with its own writer (one per thread: a writer is not shared).
final class XMLFragmentEncoder: WorkerFragmentEncoder {
    private let writer: any XMLMarkupWriter
    private let options: RecordOptions
    /// What the writer writes before its first `<document>`: libxml2's writer the declaration and the
    /// `<documents>` start tag; `XMLBytesWriter` nothing.
    private let header: [UInt8]

    /// The encoder of the output: `XMLBytesWriter`, inside the root element.
    init(options: RecordOptions) {
        self.options = options
        writer = XMLBytesWriter(depth: 1)
        header = []
    }

    /// The same encoding through libxml2's writer: the reference `XMLBytesWriter` is tested against.
    init(libxml2Options options: RecordOptions) throws {
        self.options = options
        writer = try Self.openDocument()
        header = try Self.libxml2Frame().header
        firstDrainHasHeader = true
    }

    /// The first drain of the libxml2 writer starts with `header` (it writes the declaration and the
    /// root's start tag as the first document starts).
    private var firstDrainHasHeader = false

    /// What libxml2's writer writes around the documents, from a probe: the declaration and the root's
    /// start tag up to the first `<document>` (with its line end), and what it writes after the last.
    static func libxml2Frame() throws -> (header: [UInt8], footer: [UInt8]) {
        let probe = try openDocument()
        try probe.start("document")
        let start = probe.drain()
        guard let lineEnd = start.lastIndex(of: 0x0A) else {
            throw OutputError(path: "<xml>", reason: "unexpected XML header")
        }
        try probe.end()
        _ = probe.drain()
        try probe.end()
        try probe.endDocument()
        return (Array(start[...lineEnd]), probe.drain())
    }

    /// A libxml2 writer of the whole file, left at the open root element.
    static func openDocument() throws -> XMLWriter {
        let w = try XMLWriter()
        try w.startDocument()
        try w.start("documents")
        try w.attribute("schema", RecordEncoder.schema)
        return w
    }

    static func writeDecision<W: XMLMarkupWriter>(_ w: W, _ q: Quote) throws {
        if let d = q.duplicateOf {
            try w.attribute("duplicate_doc", d.document); try w.attribute("duplicate_quote", d.quote)
        }
        if let s = q.similarity { try w.attribute("similarity", String(format: "%.4f", s)) }
    }

    /// A quote's decision attributes as they appear in its start tag (with their leading spaces).
    static func decisionAttributes(_ q: Quote) throws -> [UInt8] {
        let w = XMLBytesWriter(depth: 0)
        w.start("q")
        let start = w.writtenCount()
        try writeDecision(w, q)
        return Array(w.drain()[start...])
    }

    func encode(_ document: Document) throws -> PreEncodedFragment {
        // Through the concrete writer where it is the hand one: the generic body is then specialized
        // for it, and its calls are direct (through `any XMLMarkupWriter` each was a witness call).
        var (bytes, ranges) =
            try (writer as? XMLBytesWriter).map { try Self.encode(document, options: options, with: $0) }
            ?? Self.encode(document, options: options, with: writer)
        if firstDrainHasHeader {
            firstDrainHasHeader = false
            guard bytes.starts(with: header) else { throw OutputError(path: "<xml>", reason: "unexpected XML header") }
            bytes.removeFirst(header.count)
            ranges = ranges.map { ($0.lowerBound - header.count)..<($0.upperBound - header.count) }
        }
        return PreEncodedFragment(
            bytes: bytes, quoteDecisionRanges: ranges, encodedDecisions: document.quotes.map(EncodedDecision.init))
    }

    /// The layers in the `<document>` element's order (`tokens` with `--tokens` only).
    static func layers(_ options: RecordOptions) -> [RecordLayer] {
        [.removed, .sentences] + (options.tokens ? [.tokens] : []) + [
            .entities, .acronyms, .quotes, .reportedSpeech, .warnings
        ]
    }

    /// The `<document>` element, and where each quote's decision attributes are in its bytes.
    private static func encode<W: XMLMarkupWriter>(
        _ document: Document, options: RecordOptions,
        with w: W
    ) throws -> (bytes: [UInt8], decisions: [Range<Int>]) {
        try w.start("document")
        try w.attribute("id", document.id)
        try w.attribute("source", document.source)
        try w.attribute("sha256", document.rawSHA256Hex)
        if let date = document.metadata.date { try w.attribute("date", date) }
        try w.start("text"); try w.text(document.string); try w.end()
        var visitor = XMLRecordVisitor(w: w)
        visitor.ranges.reserveCapacity(document.quotes.count)
        try LayerWalker(document).walk(layers(options), with: &visitor)
        try w.end() // document
        return (w.drain(), visitor.ranges)
    }
}

/// The record's layers as XML elements (`XMLFragmentEncoder`), through either writer.
struct XMLRecordVisitor<W: XMLMarkupWriter>: LayerVisitor {
    let w: W
    /// Where each quote's decision attributes are, counted in the writer's buffer, which holds the
    /// header too before the first document (`XMLFragmentEncoder.encode` takes it off).
    var ranges: [Range<Int>] = []

    init(w: W) { self.w = w }

    private func span(_ s: OutputSpan) throws {
        try w.attribute("start", s.start); try w.attribute("end", s.end)
        try w.attribute("raw_start", s.rawStart); try w.attribute("raw_end", s.rawEnd)
    }

    func begin(_ layer: RecordLayer) throws {
        switch layer {
        case .removed: try w.start("removed")
        case .sentences: try w.start("sentences")
        case .tokens: try w.start("tokens")
        case .entities: try w.start("entities")
        case .acronyms: try w.start("acronyms")
        case .quotes: try w.start("quotes")
        case .reportedSpeech: try w.start("reported_speech")
        case .warnings: try w.start("warnings")
        }
    }

    func end(_ layer: RecordLayer) throws { try w.end() }

    func removal(_ r: Removal) throws {
        try w.start("removal")
        try w.attribute("kind", r.kind); try w.attribute("rule", r.rule)
        try w.attribute("raw_start", r.rawStart); try w.attribute("raw_end", r.rawEnd)
        try w.text(r.text)
        try w.end()
    }

    func sentence(_ s: OutputSpan) throws { try w.start("sentence"); try span(s); try w.end() }

    func token(_ t: Token, _ s: OutputSpan) throws {
        try w.start("token"); try span(s); try w.attribute("kind", t.kind.rawValue); try w.end()
    }

    func entity(_ e: Entity, _ s: OutputSpan, text: String) throws {
        try w.start("entity")
        try w.attribute("type", e.type.rawValue)
        try span(s)
        if let norm = e.norm { try w.attribute("norm", norm) }
        try w.attribute("rule", e.rule)
        if let p = e.person { try w.attribute("person", p) }
        try w.text(text)
        try w.end()
    }

    func acronym(short: OutputSpan, shortText: String, long: OutputSpan, longText: String) throws {
        try w.start("acronym")
        try w.start("short"); try span(short); try w.text(shortText); try w.end()
        try w.start("long"); try span(long); try w.text(longText); try w.end()
        try w.end()
    }

    mutating func quote(_ q: Quote, index: Int, _ s: OutputSpan, text: String) throws {
        try w.start("quote")
        try span(s)
        if let speaker = q.speaker { try w.attribute("speaker", speaker) }
        if let i = q.speakerEntity { try w.attribute("speaker_entity", i) }
        if let c = q.cue { try w.attribute("cue", c) }
        try w.attribute("rule", q.rule)
        let start = w.writtenCount()
        try XMLFragmentEncoder.writeDecision(w, q)
        ranges.append(start..<w.writtenCount())
        try w.text(text)
        try w.end()
    }

    func reportedSpeech(_ r: ReportedSpeech, _ s: OutputSpan, text: String) throws {
        try w.start("report")
        try span(s)
        if let speaker = r.speaker { try w.attribute("speaker", speaker) }
        if let i = r.speakerEntity { try w.attribute("speaker_entity", i) }
        try w.attribute("cue", r.cue)
        try w.attribute("rule", r.rule)
        try w.text(text)
        try w.end()
    }

    func warning(_ warning: String) throws { try w.start("warning"); try w.text(warning); try w.end() }
}
