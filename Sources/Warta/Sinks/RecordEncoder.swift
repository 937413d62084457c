/// The `warta.doc/1` record of one document as a single JSON line (the README documents it).
///
/// Keys always appear, in this order: schema, id, source, sha256, date, text, removed, sentences,
/// entities, acronyms, quotes, reported_speech, warnings, meta, then tokens with `--tokens`.
/// Spans carry `start`/`end` (code points into `text`, half-open) and `raw_start`/`raw_end` (bytes
/// into the source file).
public enum RecordEncoder {
    public static let schema = "warta.doc/1"

    public static func encode(_ document: Document, sha256: String, options: RecordOptions = RecordOptions()) -> [UInt8] {
        var ranges: [Range<Int>]? = nil
        return encode(document, sha256: sha256, options: options, quoteDecisionRanges: &ranges)
    }

    /// Long (about 100 lines) because it is the record's every field in schema order, read against the
    /// README's "The record" line by line; issue 24's layer walker (item 1, not done yet) is to split it
    /// per layer, shared with the XML encoder.
    ///
    /// The record; with `quoteDecisionRanges` non-nil, appends to it the bytes of each quote's decision
    /// fields (`"duplicate_of":...,"similarity":...`, what `decisionFields` writes).
    static func encode(_ document: Document, sha256: String, options: RecordOptions,
                       quoteDecisionRanges ranges: inout [Range<Int>]?) -> [UInt8] {
        let spans = SpanConverter(document)
        var w = JSONWriter(capacity: document.text.count * 2 + 512)
        w.beginObject()
        w.field("schema", schema)
        w.field("id", document.id)
        w.field("source", document.source)
        w.field("sha256", sha256)
        w.field("date", document.metadata.date)
        w.key("text"); w.string(utf8: document.text)

        w.key("removed"); w.beginArray()
        for r in document.removed {
            w.beginObject()
            w.field("kind", r.kind); w.field("rule", r.rule)
            w.field("raw_start", r.rawStart); w.field("raw_end", r.rawEnd)
            w.field("text", r.text)
            w.endObject()
        }
        w.endArray()

        w.key("sentences"); w.beginArray()
        for s in document.sentences { w.beginObject(); writeSpan(&w, spans.span(s)); w.endObject() }
        w.endArray()

        w.key("entities"); w.beginArray()
        for e in document.entities {
            w.beginObject()
            w.field("type", e.type.rawValue)
            writeSpan(&w, spans.span(e.range))
            w.field("text", document.substring(e.range))
            w.field("norm", e.norm)
            w.field("rule", e.rule)
            w.field("person", e.person)
            w.endObject()
        }
        w.endArray()

        w.key("acronyms"); w.beginArray()
        for a in document.acronyms {
            w.beginObject()
            for (name, range) in [("short" as StaticString, a.short), ("long", a.long)] {
                w.key(name); w.beginObject(); writeSpan(&w, spans.span(range)); w.field("text", document.substring(range)); w.endObject()
            }
            w.endObject()
        }
        w.endArray()

        w.key("quotes"); w.beginArray()
        for q in document.quotes {
            w.beginObject()
            writeSpan(&w, spans.span(q.range))
            w.field("text", document.substring(q.range))
            w.field("speaker", q.speaker)
            w.field("speaker_entity", q.speakerEntity)
            w.field("cue", q.cue)
            w.field("rule", q.rule)
            let start = w.bytes.count + 1 // after the comma that separates them from `rule`
            writeDecision(&w, q)
            ranges?.append(start..<w.bytes.count)
            w.endObject()
        }
        w.endArray()

        w.key("reported_speech"); w.beginArray()
        for r in document.reportedSpeech {
            w.beginObject()
            writeSpan(&w, spans.span(r.range))
            w.field("text", document.substring(r.range))
            w.field("speaker", r.speaker)
            w.field("speaker_entity", r.speakerEntity)
            w.field("cue", r.cue)
            w.field("rule", r.rule)
            w.endObject()
        }
        w.endArray()

        w.key("warnings"); w.beginArray()
        for warning in document.warnings { w.string(warning) }
        w.endArray()

        w.key("meta"); w.beginObject()
        for (key, json) in document.metadata.passthrough { w.key(text: key); w.raw(json) }
        w.endObject()

        if options.tokens {
            w.key("tokens"); w.beginArray()
            for t in document.tokens {
                w.beginObject(); writeSpan(&w, spans.span(t.range)); w.field("kind", t.kind.rawValue); w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        w.newline()
        return w.bytes
    }

    static func writeDecision(_ w: inout JSONWriter, _ q: Quote) {
        w.key("duplicate_of")
        if let d = q.duplicateOf {
            w.beginObject(); w.field("doc", d.document); w.field("quote", d.quote); w.endObject()
        } else { w.null() }
        w.key("similarity"); if let s = q.similarity { w.double(s) } else { w.null() }
    }

    /// A quote's decision fields as they appear in its record (no separator before or after).
    static func decisionFields(_ q: Quote) -> [UInt8] {
        var w = JSONWriter(capacity: 128)
        w.beginObject() // the object the fields belong to; its "{" is not part of them
        writeDecision(&w, q)
        return Array(w.bytes.dropFirst())
    }

    static func writeSpan(_ w: inout JSONWriter, _ s: OutputSpan) {
        w.field("start", s.start); w.field("end", s.end)
        w.field("raw_start", s.rawStart); w.field("raw_end", s.rawEnd)
    }
}
