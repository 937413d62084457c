/// The annotation layers of a record, as the output formats list them.
///
/// A new layer is: its case here, its method in `LayerVisitor` (each format's visitor then has to say
/// how it writes it: the compiler lists them), its lines in `schema/warta.xsd` and README's "The record",
/// and one test.
public enum RecordLayer: Sendable, CaseIterable {
    case removed, sentences, tokens, entities, acronyms, quotes, reportedSpeech, warnings
}

/// What a format does with each element of each layer, called by `LayerWalker` in the order the format
/// asks for. Spans come converted to the output contract (`OutputSpan`: code points and raw bytes), and
/// texts cut from the document's text.
protocol LayerVisitor {
    /// Before the first element of `layer` (also for an empty one).
    mutating func begin(_ layer: RecordLayer) throws
    /// After the last element of `layer`.
    mutating func end(_ layer: RecordLayer) throws
    mutating func removal(_ removal: Removal) throws
    mutating func sentence(_ span: OutputSpan) throws
    mutating func token(_ token: Token, _ span: OutputSpan) throws
    mutating func entity(_ entity: Entity, _ span: OutputSpan, text: String) throws
    mutating func acronym(short: OutputSpan, shortText: String, long: OutputSpan, longText: String) throws
    /// `index`: the quote's place in the document (what `duplicate_of` points at).
    mutating func quote(_ quote: Quote, index: Int, _ span: OutputSpan, text: String) throws
    mutating func reportedSpeech(_ report: ReportedSpeech, _ span: OutputSpan, text: String) throws
    mutating func warning(_ warning: String) throws
}

/// The one walk over a document's layers that every output format shares: the NDJSON record
/// (`RecordEncoder`), the XML `<document>` (`XMLFragmentEncoder`) and the flat `--emit` lines
/// (`EmitSink`) are visitors of it.
struct LayerWalker {
    let document: Document
    let spans: SpanConverter

    init(_ document: Document) {
        self.document = document
        spans = SpanConverter(document)
    }

    /// Visits `layers` in the order given.
    func walk<V: LayerVisitor>(_ layers: [RecordLayer], with visitor: inout V) throws {
        for layer in layers { try walk(layer, with: &visitor) }
    }

    func walk<V: LayerVisitor>(_ layer: RecordLayer, with visitor: inout V) throws {
        let d = document
        try visitor.begin(layer)
        switch layer {
        case .removed:
            for r in d.removed { try visitor.removal(r) }
        case .sentences:
            for s in d.sentences { try visitor.sentence(spans.span(s)) }
        case .tokens:
            for t in d.tokens { try visitor.token(t, spans.span(t.range)) }
        case .entities:
            for e in d.entities { try visitor.entity(e, spans.span(e.range), text: d.substring(e.range)) }
        case .acronyms:
            for a in d.acronyms {
                try visitor.acronym(
                    short: spans.span(a.short), shortText: d.substring(a.short),
                    long: spans.span(a.long), longText: d.substring(a.long))
            }
        case .quotes:
            for (i, q) in d.quotes.enumerated() {
                try visitor.quote(q, index: i, spans.span(q.range), text: d.substring(q.range))
            }
        case .reportedSpeech:
            for r in d.reportedSpeech { try visitor.reportedSpeech(r, spans.span(r.range), text: d.substring(r.range)) }
        case .warnings:
            for w in d.warnings { try visitor.warning(w) }
        }
        try visitor.end(layer)
    }
}

/// A visitor for formats that write only some layers (the `--emit` lines): every element it does not
/// name is skipped.
protocol PartialLayerVisitor: LayerVisitor {}

extension PartialLayerVisitor {
    mutating func begin(_ layer: RecordLayer) throws {}
    mutating func end(_ layer: RecordLayer) throws {}
    mutating func removal(_ removal: Removal) throws {}
    mutating func sentence(_ span: OutputSpan) throws {}
    mutating func token(_ token: Token, _ span: OutputSpan) throws {}
    mutating func entity(_ entity: Entity, _ span: OutputSpan, text: String) throws {}
    mutating func acronym(short: OutputSpan, shortText: String, long: OutputSpan, longText: String) throws {}
    mutating func quote(_ quote: Quote, index: Int, _ span: OutputSpan, text: String) throws {}
    mutating func reportedSpeech(_ report: ReportedSpeech, _ span: OutputSpan, text: String) throws {}
    mutating func warning(_ warning: String) throws {}
}
