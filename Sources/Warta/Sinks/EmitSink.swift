/// Writes one flat JSON line per entity or per quote, with its document id, for `jq`, `sort`, `uniq -c`.
///
/// Entity lines: `{"doc","type","start","end","text","norm","rule"}`. Quote lines: `{"doc","quote",
/// "start","end","text","speaker","cue","rule","duplicate_of","similarity"}` (`quote` is its index in
/// the document). Offsets are code points into the document's text.
///
/// Quote-key lines (`quote-keys`): what deduplication on a cluster groups by (`DedupSteps`):
/// `{"doc","quote","line","role","words","exact","index","query"}`. `line` is the document's stdin line
/// number (with `--first-line`), or its position among the run's documents (from 1) for files.
///
/// Statement clusters (`clusters`): one line per statement of the run, written when the run ends, in the
/// order of first occurrences: `{"doc","quote","speaker","text","repeats":[{"doc","quote","similarity",
/// "speaker"}]}`, the first occurrence, its speaker (the first speaker named in the cluster, its fullest
/// name), its text, and every quote whose `duplicate_of` points at it. The clusters are held in memory
/// until the end of the run (about the size of the quotes' text); not with `--incremental`.
///
/// `records`: each document's `warta.doc/1` record line first, then its emitted lines (one stream for a
/// framework that pipes a slice of the input through warta).
public final class EmitSink: FragmentSink {
    public enum Kind: String, CaseIterable, Sendable {
        case entities, quotes
        case quoteKeys = "quote-keys"
        case clusters
    }
    /// A statement and its repeats, in the order they came.
    private struct Cluster {
        var doc: String
        var quote: Int
        var speaker: String?
        var text: String
        var repeats: [(doc: String, quote: Int, similarity: Double?, speaker: String?)] = []
    }
    private var clusters: [Cluster] = []
    private var clusterOf: [QuoteReference: Int] = [:]
    public let output: OutputFile
    private let kind: Kind
    private let rules: DedupRules
    private let records: RecordOptions?
    private var documents = 0

    /// `rules`: the dedup options (quote keys); `records`: also write each document's record first.
    public init(output: OutputFile, kind: Kind, rules: DedupRules = DedupRules(), records: RecordOptions? = nil) {
        self.output = output
        self.kind = kind
        self.rules = rules
        self.records = records
    }

    public func write(_ document: Document) throws {
        _ = try writeFragment(encode(document))
    }

    public func writeFragment(_ bytes: [UInt8]) throws -> Int {
        let offset = output.bytesWritten
        try output.write(bytes)
        if output.path == nil { try output.flush() }
        return offset
    }

    public func encode(_ document: Document) throws -> [UInt8] {
        var w = JSONWriter()
        documents += 1
        var prefix: [UInt8] = []
        if let records { prefix = RecordEncoder.encode(document, sha256: document.rawSHA256Hex, options: records) }
        switch kind {
        case .clusters:
            for (i, q) in document.quotes.enumerated() {
                if let original = q.duplicateOf, let c = clusterOf[original] {
                    clusters[c].repeats.append((document.id, i, q.similarity, q.speaker))
                    if clusters[c].speaker == nil { clusters[c].speaker = q.speaker }
                } else {
                    clusterOf[QuoteReference(document: document.id, quote: i)] = clusters.count
                    clusters.append(
                        Cluster(doc: document.id, quote: i, speaker: q.speaker, text: document.substring(q.range)))
                }
            }
        case .quoteKeys:
            DedupSteps.quoteKeys(document, line: document.metadata.inputLine ?? documents, rules: rules, into: &w)
        case .entities, .quotes:
            var lines = FlatLineVisitor(doc: document.id, w: w)
            try LayerWalker(document).walk(kind == .entities ? .entities : .quotes, with: &lines)
            w = lines.w
        }
        return prefix + w.bytes
    }

    public func finish() throws {
        if kind == .clusters {
            var w = JSONWriter()
            for c in clusters {
                w.beginObject()
                w.field("doc", c.doc); w.field("quote", c.quote); w.field("speaker", c.speaker); w.field("text", c.text)
                w.key("repeats")
                w.beginArray()
                for r in c.repeats {
                    w.beginObject()
                    w.field("doc", r.doc); w.field("quote", r.quote)
                    w.key("similarity"); if let x = r.similarity { w.double(x) } else { w.null() }
                    w.field("speaker", r.speaker)
                    w.endObject()
                }
                w.endArray()
                w.endObject(); w.newline()
            }
            try output.write(w.bytes)
            clusters = []
            clusterOf = [:]
        }
        try output.commit()
    }
}

/// The flat `--emit entities` and `--emit quotes` lines: one JSON line per entity or quote.
struct FlatLineVisitor: PartialLayerVisitor {
    let doc: String
    var w: JSONWriter

    mutating func entity(_ e: Entity, _ s: OutputSpan, text: String) {
        w.beginObject()
        w.field("doc", doc); w.field("type", e.type.rawValue)
        w.field("start", s.start); w.field("end", s.end)
        w.field("text", text); w.field("norm", e.norm); w.field("rule", e.rule)
        w.endObject(); w.newline()
    }

    mutating func quote(_ q: Quote, index: Int, _ s: OutputSpan, text: String) {
        w.beginObject()
        w.field("doc", doc); w.field("quote", index)
        w.field("start", s.start); w.field("end", s.end)
        w.field("text", text); w.field("speaker", q.speaker)
        w.field("cue", q.cue); w.field("rule", q.rule)
        w.key("duplicate_of")
        if let d = q.duplicateOf {
            w.beginObject(); w.field("doc", d.document); w.field("quote", d.quote); w.endObject()
        } else {
            w.null()
        }
        w.key("similarity"); if let x = q.similarity { w.double(x) } else { w.null() }
        w.endObject(); w.newline()
    }
}
