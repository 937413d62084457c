import Foundation

/// A quote's place in the global order of a run: the input line (stdin NDJSON; the document's position
/// for files) and its index in the document. Ordered by line, then quote.
public struct QuoteOrder: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var quote: Int
    public init(line: Int, quote: Int) { self.line = line; self.quote = quote }
    public static func < (a: QuoteOrder, b: QuoteOrder) -> Bool { (a.line, a.quote) < (b.line, b.quote) }
    public var description: String { "[\(line),\(quote)]" }
    /// What each of the two numbers must be, in words (for messages).
    static let expected = "two whole numbers, 0 or more"

    /// A `[line, quote]` pair of two whole numbers, neither negative (no run has a line or a quote before
    /// the first: `[3,-1]` was read and reached the patch). Nil for anything else.
    init?(json: Any?) {
        guard let a = json as? [Any], a.count == 2, let l = Self.index(a[0]), let q = Self.index(a[1]) else {
            return nil
        }
        self.init(line: l, quote: q)
    }

    /// A JSON number that is a whole number, 0 or more (and not a string), as an Int.
    static func index(_ any: Any) -> Int? {
        guard !(any is String), let n = any as? NSNumber else { return nil }
        let d = n.doubleValue
        guard d >= 0, d < 1e15, d == d.rounded() else { return nil }
        return n.intValue
    }

    func write(_ w: inout JSONWriter) { w.beginArray(); w.int(line); w.int(quote); w.endArray() }
}

/// A malformed input line of a `warta dedup` step.
public struct DedupInputError: Error, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "stdin line \(line): \(reason)" }
}

/// The steps of deduplication on a cluster (`warta dedup`), each one reading JSON lines and writing JSON
/// lines, so that a framework (Spark) does the grouping and warta does the deciding with the same
/// `DedupRules` and `DedupResolver` as the single-machine stage.
///
/// The data flow (`scale/spark_run.py`):
/// 1. `warta run --emit quote-keys` writes per quote: `{"doc","quote","line","role","words","speaker",
///    "exact","index","query"}` (word, speaker-word and shingle hashes as 16 hex digits).
/// 2. The framework keeps the first occurrence of each `exact` key (smallest `[line, quote]`): every
///    later one gives an exact edge `{"q","c","kind":"exact","cdoc"}`. For each shingle it keeps the
///    postings: the first `max_postings` first occurrences that list it in `index`, earliest first.
/// 3. `candidates`: per first occurrence with a non-empty `query`, `{"q","role","postings"}` (one list
///    of `[line, quote]` per query shingle, in order; an unknown shingle is `[]`) → candidate pairs
///    `{"q","c","kind"}`.
/// 4. `verify`: per pair, `{"q","c","kind","words","cwords","cdoc"}` (and `"speaker","cspeaker"`, the two
///    speaker keys the rendering measure reads; none when absent) → the verified edges
///    `{"q","c","kind","similarity","cdoc"}`.
/// 5. `resolve`: every exact and verified edge, in any order → per duplicate quote
///    `{"line","quote","patch"}`, `patch` being the exact bytes of its record's `"duplicate_of":...,
///    "similarity":...` (the record has `"duplicate_of":null,"similarity":null` there).
public enum DedupSteps {
    /// The options as JSON (what the framework needs: `max_postings`).
    public static func options(_ rules: DedupRules) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("shingle_size", rules.shingleSize)
        w.key("jaccard"); w.double(rules.jaccard)
        w.key("containment"); w.double(rules.containment)
        w.key("edit_similarity"); w.double(rules.editSimilarity)
        w.field("short_words", rules.shortWords)
        w.field("query_shingles", rules.queryShingles)
        w.field("max_postings", rules.maxPostings)
        w.field("piece_min_words", rules.pieceMinWords)
        w.key("rendering"); w.double(rules.rendering)
        w.field("rendering_min_words", rules.renderingMinWords)
        w.key("rendering_same_speaker"); w.bool(rules.renderingSameSpeaker)
        w.endObject(); w.newline()
        return w.bytes
    }

    /// The key line of each quote of a document (none for a quote without words).
    static func quoteKeys(_ document: Document, line: Int, rules: DedupRules, into w: inout JSONWriter) {
        quoteKeys(
            documentID: document.id, line: line, quoteWords: QuoteDedupStage.quoteWords(document),
            quoteSpeakers: QuoteDedupStage.quoteSpeakers(document, rules: rules), rules: rules, into: &w)
    }

    /// The key lines of a document's quotes, given as their hashed words and speaker keys (missing: none).
    public static func quoteKeys(
        documentID: String, line: Int, quoteWords: [[UInt64]], quoteSpeakers: [[UInt64]] = [],
        rules: DedupRules, into w: inout JSONWriter
    ) {
        for (i, words) in quoteWords.enumerated() {
            let role = rules.role(wordCount: words.count)
            guard role != .none else { continue }
            let shingles = rules.shingles(words)
            w.beginObject()
            w.field("doc", documentID); w.field("quote", i); w.field("line", line)
            w.field("role", role.rawValue)
            w.key("words"); hexArray(words, &w)
            w.key("speaker"); hexArray(i < quoteSpeakers.count ? quoteSpeakers[i] : [], &w)
            w.field("exact", hex(DedupRules.exactKey(words)))
            w.key("index"); hexArray(role == .near ? shingles[...] : [], &w)
            w.key("query"); hexArray(rules.queryShingles(role: role, shingles: shingles), &w)
            w.endObject(); w.newline()
        }
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static func hexArray<C: Collection>(_ values: C, _ w: inout JSONWriter) where C.Element == UInt64 {
        w.beginArray()
        for v in values { w.string(hex(v)) }
        w.endArray()
    }

    static func words(_ json: Any?) -> [UInt64]? {
        guard let a = json as? [String] else { return nil }
        var out: [UInt64] = []
        out.reserveCapacity(a.count)
        for s in a { guard let v = UInt64(s, radix: 16) else { return nil }; out.append(v) }
        return out
    }

    /// Reads JSON object lines (blank lines skipped), calling `body` with each and its line number.
    static func forEachObject(_ input: [UInt8], _ body: (DedupLineFields) throws -> Void) throws {
        var number = 0
        for line in input.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) else { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                throw DedupInputError(line: number, reason: "not a JSON object")
            }
            try body(DedupLineFields(object: object, line: number))
        }
    }

    /// Step 3: candidate pairs of each querying quote.
    public static func candidates(_ rules: DedupRules, input: [UInt8]) throws -> [UInt8] {
        var w = JSONWriter()
        try forEachObject(input) { fields in
            let number = fields.line
            let q = try fields.order("q")
            let roleName = try fields.string("role")
            guard let role = DedupRules.Role(rawValue: roleName) else {
                throw DedupInputError(
                    line: number,
                    reason: "\"role\": expected one of \(DedupRules.Role.allNames), found '\(roleName)'")
            }
            let lists = try fields.list("postings")
            // Visible postings: the earlier ones, at most max_postings (the list is the shingle's first ones).
            var postings: [[QuoteOrder]] = []
            for item in lists {
                guard let list = item as? [Any] else {
                    throw DedupInputError(line: number, reason: "postings: expected lists")
                }
                var visible: [QuoteOrder] = []
                for p in list {
                    guard let o = QuoteOrder(json: p) else {
                        throw DedupInputError(
                            line: number,
                            reason:
                                "\"postings\": expected [line, quote], \(QuoteOrder.expected), found \(DedupLineFields.shown(p))"
                        )
                    }
                    if o < q, visible.count < rules.maxPostings { visible.append(o) }
                }
                postings.append(visible.sorted())
            }
            let found: [QuoteOrder]
            switch role {
            case .near: found = DedupRules.nearCandidates(sampleCount: postings.count, postings: postings)
            case .piece: found = rules.pieceCandidates(postings: postings)
            case .none, .exact: found = []
            }
            for c in found {
                w.beginObject()
                w.key("q"); q.write(&w); w.key("c"); c.write(&w); w.field("kind", roleName)
                w.endObject(); w.newline()
            }
        }
        return w.bytes
    }

    /// Step 4: the candidate pairs that are repeats, with their similarity (1 for a piece).
    public static func verify(_ rules: DedupRules, input: [UInt8]) throws -> [UInt8] {
        var w = JSONWriter()
        try forEachObject(input) { fields in
            let number = fields.line
            let q = try fields.order("q")
            let c = try fields.order("c")
            let kind = try fields.string("kind")
            let words = try fields.hashes("words")
            let cwords = try fields.hashes("cwords")
            let cdoc = try fields.string("cdoc")
            // The speaker keys (optional: none when absent).
            let speaker = try fields.hashes("speaker", optional: true)
            let cspeaker = try fields.hashes("cspeaker", optional: true)
            let similarity: Double?
            switch kind {
            case "near":
                similarity = rules.similarity(
                    words, rules.shingles(words), cwords, speaker: speaker, otherSpeaker: cspeaker)
            case "piece": similarity = DedupRules.isPiece(words, of: cwords) ? 1 : nil
            default: throw DedupInputError(line: number, reason: "kind must be near or piece")
            }
            guard let similarity else { return }
            w.beginObject()
            w.key("q"); q.write(&w); w.key("c"); c.write(&w); w.field("kind", kind)
            w.key("similarity"); w.double(similarity); w.field("cdoc", cdoc)
            w.endObject(); w.newline()
        }
        return w.bytes
    }

    /// Step 5: reads every edge, then decides the quotes that have one in global order. Memory: the edges.
    public static func resolve(input: [UInt8]) throws -> [UInt8] {
        struct Edges { var exact: QuoteOrder?; var near: [(QuoteOrder, Double)] = []; var piece: [QuoteOrder] = [] }
        var edges: [QuoteOrder: Edges] = [:]
        var documents: [QuoteOrder: String] = [:]
        try forEachObject(input) { fields in
            let number = fields.line
            let q = try fields.order("q")
            let c = try fields.order("c")
            guard c < q else {
                throw DedupInputError(line: number, reason: "\"c\": expected a quote before \"q\" \(q), found \(c)")
            }
            let kind = try fields.string("kind")
            let cdoc = try fields.string("cdoc")
            documents[c] = cdoc
            switch kind {
            case "exact":
                if let e = edges[q]?.exact, e != c {
                    throw DedupInputError(line: number, reason: "two exact edges for \(q)")
                }
                edges[q, default: Edges()].exact = c
            case "near":
                edges[q, default: Edges()].near.append((c, try fields.fraction("similarity")))
            case "piece": edges[q, default: Edges()].piece.append(c)
            default: throw DedupInputError(line: number, reason: "kind must be exact, near or piece")
            }
        }
        var resolver = DedupResolver<QuoteOrder>()
        var w = JSONWriter()
        for q in edges.keys.sorted() {
            let e = edges[q]!
            guard
                let decision = resolver.resolve(
                    q, exactFirst: e.exact, near: e.near.sorted { $0.0 < $1.0 }, pieceOwners: e.piece)
            else { continue }
            w.beginObject()
            w.field("line", q.line); w.field("quote", q.quote)
            w.field(
                "patch",
                patch(
                    document: documents[decision.original]!, quote: decision.original.quote,
                    similarity: decision.similarity))
            w.endObject(); w.newline()
        }
        return w.bytes
    }

    /// The bytes a record has for a duplicate quote, from `"duplicate_of"` to its similarity.
    public static func patch(document: String, quote: Int, similarity: Double) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("duplicate_of"); w.beginObject(); w.field("doc", document); w.field("quote", quote); w.endObject()
        w.key("similarity"); w.double(similarity)
        w.endObject()
        return String(decoding: w.bytes.dropFirst().dropLast(), as: UTF8.self)
    }
}
