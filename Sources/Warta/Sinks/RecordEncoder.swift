/// The `warta.doc/1` record of one document as a single JSON line (the README documents it).
///
/// Keys always appear, in this order: schema, id, source, sha256, date, text, removed, sentences,
/// entities, acronyms, quotes, reported_speech, warnings, meta, then tokens with `--tokens`.
/// Spans carry `start`/`end` (code points into `text`, half-open) and `raw_start`/`raw_end` (bytes
/// into the source file). The layers are written by `JSONRecordVisitor` over `LayerWalker`.
public enum RecordEncoder {
    public static let schema = "warta.doc/1"

    /// The layers in the record's order (`tokens` after `meta`, with `--tokens`).
    static let layers: [RecordLayer] = [.removed, .sentences, .entities, .acronyms, .quotes, .reportedSpeech, .warnings]

    public static func encode(_ document: Document, sha256: String, options: RecordOptions = RecordOptions()) -> [UInt8]
    {
        var ranges: [Range<Int>]? = nil
        return encode(document, sha256: sha256, options: options, quoteDecisionRanges: &ranges)
    }

    /// The record; with `quoteDecisionRanges` non-nil, appends to it the bytes of each quote's decision
    /// fields (`"duplicate_of":...,"similarity":...`, what `decisionFields` writes).
    static func encode(
        _ document: Document, sha256: String, options: RecordOptions,
        quoteDecisionRanges ranges: inout [Range<Int>]?
    ) -> [UInt8] {
        var v = JSONRecordVisitor(w: JSONWriter(capacity: document.text.count * 2 + 512), ranges: ranges)
        v.w.beginObject()
        v.w.field("schema", schema)
        v.w.field("id", document.id)
        v.w.field("source", document.source)
        v.w.field("sha256", sha256)
        v.w.field("date", document.metadata.date)
        v.w.key("text"); v.w.string(utf8: document.text)
        let walker = LayerWalker(document)
        // The JSON visitor never throws.
        try! walker.walk(layers, with: &v)
        v.w.key("meta"); v.w.beginObject()
        for (key, json) in document.metadata.passthrough { v.w.key(text: key); v.w.raw(json) }
        v.w.endObject()
        if options.tokens { try! walker.walk(.tokens, with: &v) }
        v.w.endObject()
        v.w.newline()
        ranges = v.ranges
        return v.w.bytes
    }

    static func writeDecision(_ w: inout JSONWriter, _ q: Quote) {
        w.key("duplicate_of")
        if let d = q.duplicateOf {
            w.beginObject(); w.field("doc", d.document); w.field("quote", d.quote); w.endObject()
        } else {
            w.null()
        }
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

/// The record's layers as JSON arrays of objects (`RecordEncoder`).
struct JSONRecordVisitor: LayerVisitor {
    var w: JSONWriter
    /// Where each quote's decision fields are, when asked for.
    var ranges: [Range<Int>]?

    mutating func begin(_ layer: RecordLayer) {
        switch layer {
        case .removed: w.key("removed")
        case .sentences: w.key("sentences")
        case .tokens: w.key("tokens")
        case .entities: w.key("entities")
        case .acronyms: w.key("acronyms")
        case .quotes: w.key("quotes")
        case .reportedSpeech: w.key("reported_speech")
        case .warnings: w.key("warnings")
        }
        w.beginArray()
    }

    mutating func end(_ layer: RecordLayer) { w.endArray() }

    mutating func removal(_ r: Removal) {
        w.beginObject()
        w.field("kind", r.kind); w.field("rule", r.rule)
        w.field("raw_start", r.rawStart); w.field("raw_end", r.rawEnd)
        w.field("text", r.text)
        w.endObject()
    }

    mutating func sentence(_ span: OutputSpan) {
        w.beginObject(); RecordEncoder.writeSpan(&w, span); w.endObject()
    }

    mutating func token(_ t: Token, _ span: OutputSpan) {
        w.beginObject(); RecordEncoder.writeSpan(&w, span); w.field("kind", t.kind.rawValue); w.endObject()
    }

    mutating func entity(_ e: Entity, _ span: OutputSpan, text: String) {
        w.beginObject()
        w.field("type", e.type.rawValue)
        RecordEncoder.writeSpan(&w, span)
        w.field("text", text)
        w.field("norm", e.norm)
        w.field("rule", e.rule)
        w.field("person", e.person)
        w.endObject()
    }

    mutating func acronym(short: OutputSpan, shortText: String, long: OutputSpan, longText: String) {
        w.beginObject()
        w.key("short"); w.beginObject(); RecordEncoder.writeSpan(&w, short); w.field("text", shortText); w.endObject()
        w.key("long"); w.beginObject(); RecordEncoder.writeSpan(&w, long); w.field("text", longText); w.endObject()
        w.endObject()
    }

    /// The fields a quote and a report share, in the record's order.
    private mutating func speech(
        _ span: OutputSpan, text: String, speaker: String?, speakerEntity: Int?, cue: String?,
        rule: String
    ) {
        RecordEncoder.writeSpan(&w, span)
        w.field("text", text)
        w.field("speaker", speaker)
        w.field("speaker_entity", speakerEntity)
        w.field("cue", cue)
        w.field("rule", rule)
    }

    mutating func quote(_ q: Quote, index: Int, _ span: OutputSpan, text: String) {
        w.beginObject()
        speech(span, text: text, speaker: q.speaker, speakerEntity: q.speakerEntity, cue: q.cue, rule: q.rule)
        let start = w.bytes.count + 1 // after the comma that separates them from `rule`
        RecordEncoder.writeDecision(&w, q)
        ranges?.append(start..<w.bytes.count)
        w.endObject()
    }

    mutating func reportedSpeech(_ r: ReportedSpeech, _ span: OutputSpan, text: String) {
        w.beginObject()
        speech(span, text: text, speaker: r.speaker, speakerEntity: r.speakerEntity, cue: r.cue, rule: r.rule)
        w.endObject()
    }

    mutating func warning(_ warning: String) { w.string(warning) }
}
