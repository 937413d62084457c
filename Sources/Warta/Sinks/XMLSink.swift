/// Writes all documents into one XML file valid against `schema/warta.xsd`, streamed a document at a time.
public final class XMLSink: DocumentSink {
    private let output: OutputFile
    private let writer: XMLWriter
    private let options: RecordOptions

    public init(output: OutputFile, options: RecordOptions = RecordOptions()) throws {
        self.output = output
        self.options = options
        writer = try XMLWriter()
        try writer.startDocument()
        try writer.start("documents")
        try writer.attribute("schema", RecordEncoder.schema)
    }

    public func write(_ document: Document) throws {
        let spans = SpanConverter(document)
        let w = writer
        func span(_ range: TextRange) throws {
            let s = spans.span(range)
            try w.attribute("start", s.start); try w.attribute("end", s.end)
            try w.attribute("raw_start", s.rawStart); try w.attribute("raw_end", s.rawEnd)
        }
        try w.start("document")
        try w.attribute("id", document.id)
        try w.attribute("source", document.source)
        try w.attribute("sha256", Hashing.sha256Hex(document.raw))
        if let date = document.metadata.date { try w.attribute("date", date) }
        try w.start("text"); try w.text(document.string); try w.end()

        try w.start("removed")
        for r in document.removed {
            try w.start("removal")
            try w.attribute("kind", r.kind); try w.attribute("rule", r.rule)
            try w.attribute("raw_start", r.rawStart); try w.attribute("raw_end", r.rawEnd)
            try w.text(r.text)
            try w.end()
        }
        try w.end()

        try w.start("sentences")
        for s in document.sentences { try w.start("sentence"); try span(s); try w.end() }
        try w.end()

        if options.tokens {
            try w.start("tokens")
            for t in document.tokens { try w.start("token"); try span(t.range); try w.attribute("kind", t.kind.rawValue); try w.end() }
            try w.end()
        }

        try w.start("entities")
        for e in document.entities {
            try w.start("entity")
            try w.attribute("type", e.type.rawValue)
            try span(e.range)
            if let norm = e.norm { try w.attribute("norm", norm) }
            try w.attribute("rule", e.rule)
            if let p = e.person { try w.attribute("person", p) }
            try w.text(document.substring(e.range))
            try w.end()
        }
        try w.end()

        try w.start("acronyms")
        for a in document.acronyms {
            try w.start("acronym")
            for (name, range) in [("short", a.short), ("long", a.long)] {
                try w.start(name); try span(range); try w.text(document.substring(range)); try w.end()
            }
            try w.end()
        }
        try w.end()

        try w.start("quotes")
        for q in document.quotes {
            try w.start("quote")
            try span(q.range)
            if let s = q.speaker { try w.attribute("speaker", s) }
            if let i = q.speakerEntity { try w.attribute("speaker_entity", i) }
            if let c = q.cue { try w.attribute("cue", c) }
            try w.attribute("rule", q.rule)
            if let d = q.duplicateOf { try w.attribute("duplicate_doc", d.document); try w.attribute("duplicate_quote", d.quote) }
            if let s = q.similarity { try w.attribute("similarity", String(format: "%.4f", s)) }
            try w.text(document.substring(q.range))
            try w.end()
        }
        try w.end()

        try w.start("reported_speech")
        for r in document.reportedSpeech {
            try w.start("report")
            try span(r.range)
            if let s = r.speaker { try w.attribute("speaker", s) }
            if let i = r.speakerEntity { try w.attribute("speaker_entity", i) }
            try w.attribute("cue", r.cue)
            try w.attribute("rule", r.rule)
            try w.text(document.substring(r.range))
            try w.end()
        }
        try w.end()

        try w.start("warnings")
        for warning in document.warnings { try w.start("warning"); try w.text(warning); try w.end() }
        try w.end()

        try w.end() // document
        try output.write(w.drain())
    }

    public func finish() throws {
        try writer.end()
        try writer.endDocument()
        try output.write(writer.drain())
        try output.commit()
    }

    /// nil when `file` is valid against the XSD at `schema`, else libxml2's first complaint.
    public static func validate(file: String, schema: String) -> String? { XMLWriter.validate(file: file, schema: schema) }
}

import Foundation
