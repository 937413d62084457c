import Foundation

/// Precision, recall and F1 from counts.
public struct Score: Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public var precision: Double {
        truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var recall: Double {
        truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public var support: Int { truePositives + falseNegatives }

    static func + (a: Score, b: Score) -> Score {
        Score(
            truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
            falseNegatives: a.falseNegatives + b.falseNegatives)
    }
}

/// A record as eval reads it from NDJSON (gold or prediction); only what scoring needs.
public struct EvalRecord {
    public struct Span: Hashable {
        public var type: String; public var start: Int; public var end: Int; public var norm: String?
    }
    public struct Pair: Hashable { public var short: Range<Int>; public var long: Range<Int> }
    public struct QuoteSpan {
        public var start: Int; public var end: Int; public var speaker: String?; public var duplicateOf: (String, Int)?
    }
    public var id: String
    public var text: String
    public var entities: [Span]
    public var acronyms: [Pair]
    public var quotes: [QuoteSpan]
}

public enum EvalError: Error, CustomStringConvertible {
    case unreadable(String)
    case badLine(file: String, line: Int, reason: String)
    case duplicateId(file: String, id: String, first: Int, second: Int)
    /// A document whose gold and predicted spans overlap in more pairs than `Scorer.maxOverlapPairs`.
    case tooManyOverlaps(id: String, pairs: Int, limit: Int)
    public var description: String {
        switch self {
        case .unreadable(let f):
            return "\(f): cannot read (expected an NDJSON file or an output folder with documents.ndjson)"
        case .badLine(let f, let l, let r): return "\(f):\(l): \(r)"
        case .duplicateId(let f, let id, let a, let b):
            return "\(f):\(b): duplicate document id '\(id)' (first on line \(a)); records are paired by id"
        case .tooManyOverlaps(let id, let n, let limit):
            return
                "document '\(id)': its gold and predicted spans overlap in \(n) pairs (entities of one type, or quotes), more than the limit of \(limit) per document; spans that all cross each other are not scored"
        }
    }
}

/// Scores predictions against gold, per entity type (exact span and overlap), acronym pairs,
/// quote spans, speakers and duplicate links. Documents are matched by id; offsets are code points.
public struct Scorer {
    public var types: Set<String>?

    public init(types: Set<String>? = nil) { self.types = types }

    /// The most overlapping (gold, predicted) pairs of one document, summed over its entity types and
    /// its quotes. Matching by overlap ranks every such pair (`match`), so spans that all cross each other
    /// cost the square of their number (4,000 took 5 s and 550 MB); the pairs are counted first, in
    /// O(s log s) (`overlappingPairCount`), and a document past the limit is an error. A warta document
    /// has a few hundred at most; 1,000 crossing spans a side are within it.
    public static let maxOverlapPairs = 1_000_000

    public struct Report {
        public var exact: [String: Score] = [:]
        public var overlap: [String: Score] = [:]
        /// Document level: per document, the set of distinct (type, surface) pairs, the surface
        /// case-folded with white space collapsed, so that an entity found once counts once
        /// however often the document repeats it (what a user indexing documents sees).
        public var document: [String: Score] = [:]
        public var normAccuracy: [String: (correct: Int, total: Int)] = [:]
        public var acronyms = Score()
        public var quotesExact = Score()
        public var quotesOverlap = Score()
        public var speakers = (correct: 0, total: 0)
        public var duplicates = Score()
        public var documents = 0
        /// Gold documents with no prediction; they are scored as predicting nothing.
        public var missingDocuments: [String] = []
        /// Predicted documents not in gold; there is nothing to score them against.
        public var extraDocuments: [String] = []
        public var textMismatches: [String] = []

        public var microExact: Score { exact.values.reduce(Score(), +) }
        public var microDocument: Score { document.values.reduce(Score(), +) }
        /// Speakers right on the quotes matched by overlap; 1 when no quote matched.
        public var speakerAccuracy: Double {
            speakers.total == 0 ? 1 : Double(speakers.correct) / Double(speakers.total)
        }
        public var microOverlap: Score { overlap.values.reduce(Score(), +) }
    }

    public static func load(_ path: String) throws -> [EvalRecord] {
        var file = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            file = (path as NSString).appendingPathComponent(BatchRun.documentsFile)
        }
        guard let bytes = FileBytes.contents(file) else { throw EvalError.unreadable(path) }
        guard let content = String(bytes: bytes, encoding: .utf8) else {
            let (line, column) = ListFile.firstInvalidUTF8(bytes)
            throw EvalError.badLine(
                file: file, line: line, reason: "not UTF-8 text: the bytes from column \(column) are no UTF-8 character"
            )
        }
        var records: [EvalRecord] = []
        // Eval and diff pair records by id: with two records under one id, one of them would be
        // silently dropped and the comparison would look cleaner than it is.
        var lineOfId: [String: Int] = [:]
        for (n, line) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            guard let value = try? JSONSerialization.jsonObject(with: Data(line.utf8)) else {
                // Cut JSON, a lone surrogate escape (`\ud800`), nesting deeper than the parser takes.
                throw EvalError.badLine(
                    file: file, line: n + 1, reason: "not valid JSON (expected one JSON object per line)")
            }
            guard let object = value as? [String: Any], let id = object["id"] as? String else {
                throw EvalError.badLine(file: file, line: n + 1, reason: "expected a JSON object with an 'id'")
            }
            if let first = lineOfId[id] { throw EvalError.duplicateId(file: file, id: id, first: first, second: n + 1) }
            lineOfId[id] = n + 1
            try Self.validate(object, file: file, line: n + 1)
            func int(_ any: Any?) -> Int? { (any as? NSNumber)?.intValue }
            let entities: [EvalRecord.Span] = ((object["entities"] as? [[String: Any]]) ?? []).compactMap { e in
                guard let t = e["type"] as? String, let s = int(e["start"]), let en = int(e["end"]) else { return nil }
                return EvalRecord.Span(type: t, start: s, end: en, norm: e["norm"] as? String)
            }
            let acronyms: [EvalRecord.Pair] = ((object["acronyms"] as? [[String: Any]]) ?? []).compactMap { a in
                guard let sh = a["short"] as? [String: Any], let lo = a["long"] as? [String: Any],
                    let ss = int(sh["start"]), let se = int(sh["end"]), let ls = int(lo["start"]),
                    let le = int(lo["end"])
                else { return nil }
                return EvalRecord.Pair(short: ss..<se, long: ls..<le)
            }
            let quotes: [EvalRecord.QuoteSpan] = ((object["quotes"] as? [[String: Any]]) ?? []).compactMap { q in
                guard let s = int(q["start"]), let e = int(q["end"]) else { return nil }
                var dup: (String, Int)? = nil
                if let d = q["duplicate_of"] as? [String: Any], let doc = d["doc"] as? String, let qi = int(d["quote"])
                {
                    dup = (doc, qi)
                }
                return EvalRecord.QuoteSpan(start: s, end: e, speaker: q["speaker"] as? String, duplicateOf: dup)
            }
            records.append(
                EvalRecord(
                    id: id, text: object["text"] as? String ?? "", entities: entities, acronyms: acronyms,
                    quotes: quotes))
        }
        return records
    }

    /// Refuses a record the comparison would misread: no `entities` list, a span whose offsets are not
    /// whole numbers or not within the text (`0 <= start <= end <= length` in code points), an entity
    /// type that is not one of `EntityType`, a `text`, `acronyms` or `quotes` of the wrong kind. Such
    /// records used to be read as having fewer spans, and scored (exit 0).
    static func validate(_ object: [String: Any], file: String, line: Int) throws {
        func bad(_ reason: String) -> EvalError { .badLine(file: file, line: line, reason: reason) }
        // No text: a span's offsets cannot be checked, so a record with spans must carry its text (one with
        // an end of 99999 was scored).
        var length: Int? = nil
        if let text = object["text"] {
            guard let s = text as? String else { throw bad("'text' is not a string") }
            length = s.unicodeScalars.count
        }
        func span(_ any: Any?, _ what: String) throws {
            guard let s = any as? [String: Any] else { throw bad("\(what) is not an object") }
            var bounds: [Int] = []
            for key in ["start", "end"] {
                guard let number = s[key] as? NSNumber, !(s[key] is String),
                    number.doubleValue == number.doubleValue.rounded(),
                    abs(number.doubleValue) < 1e15
                else {
                    throw bad("\(what): '\(key)' is not a whole number (\(s[key].map { "\($0)" } ?? "missing"))")
                }
                bounds.append(number.intValue)
            }
            guard let length else {
                throw bad("\(what) has offsets but the record has no 'text' to check them against")
            }
            guard 0 <= bounds[0], bounds[0] <= bounds[1], bounds[1] <= length else {
                throw bad(
                    "\(what): offsets \(bounds[0])..<\(bounds[1]) are not within the text (\(length) code points)")
            }
        }
        func list(_ key: String, required: Bool) throws -> [Any] {
            guard let value = object[key] else {
                if required { throw bad("no '\(key)' list (a warta.doc/1 record has one, empty or not)") }
                return []
            }
            guard let items = value as? [Any] else { throw bad("'\(key)' is not a list") }
            return items
        }
        for (k, e) in try list("entities", required: true).enumerated() {
            try span(e, "entities[\(k)]")
            let type = (e as? [String: Any])?["type"]
            guard let t = type as? String, EntityType(rawValue: t) != nil else {
                throw bad(
                    "entities[\(k)]: unknown type \(type.map { "'\($0)'" } ?? "(missing)"); valid types: \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
        }
        for (k, a) in try list("acronyms", required: false).enumerated() {
            try span((a as? [String: Any])?["short"], "acronyms[\(k)].short")
            try span((a as? [String: Any])?["long"], "acronyms[\(k)].long")
        }
        for (k, q) in try list("quotes", required: false).enumerated() { try span(q, "quotes[\(k)]") }
    }

    /// - Throws: `EvalError.tooManyOverlaps` for a document past `maxOverlapPairs`.
    public func score(gold: [EvalRecord], predicted: [EvalRecord]) throws -> Report {
        var report = Report()
        let byId = Dictionary(predicted.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let goldIds = Set(gold.map(\.id))
        report.extraDocuments = predicted.map(\.id).filter { !goldIds.contains($0) }
        // Quote index maps from gold quotes to predicted quotes, for duplicate links across documents.
        var quoteMatch: [String: [Int: Int]] = [:]
        var goldDuplicates: [(String, Int, String, Int)] = []
        var predictedDuplicates: [(String, Int, String, Int)] = []
        for g in gold {
            // A document the system did not output is a document it got wrong, not one to leave out:
            // skipping it let an empty prediction file score 1.000.
            let p: EvalRecord
            if let found = byId[g.id] {
                p = found
                report.documents += 1
            } else {
                report.missingDocuments.append(g.id)
                p = EvalRecord(id: g.id, text: "", entities: [], acronyms: [], quotes: [])
            }
            if !g.text.isEmpty, !p.text.isEmpty, g.text != p.text { report.textMismatches.append(g.id) }
            try checkOverlapPairs(gold: g, predicted: p)
            scoreEntities(gold: g, predicted: p, into: &report)
            let gp = Set(g.acronyms), pp = Set(p.acronyms)
            report.acronyms =
                report.acronyms
                + Score(
                    truePositives: gp.intersection(pp).count, falsePositives: pp.subtracting(gp).count,
                    falseNegatives: gp.subtracting(pp).count)
            quoteMatch[g.id] = Self.scoreQuotes(gold: g, predicted: p, into: &report)
            for (i, q) in g.quotes.enumerated() {
                if let d = q.duplicateOf { goldDuplicates.append((g.id, i, d.0, d.1)) }
            }
            for (i, q) in p.quotes.enumerated() {
                if let d = q.duplicateOf { predictedDuplicates.append((p.id, i, d.0, d.1)) }
            }
        }
        // A gold duplicate link is found when the predicted quote matched to it points at the predicted
        // quote matched to its original.
        let predictedSet = Set(predictedDuplicates.map { "\($0.0)#\($0.1)->\($0.2)#\($0.3)" })
        var tp = 0
        for (doc, q, odoc, oq) in goldDuplicates {
            if let pq = quoteMatch[doc]?[q], let poq = quoteMatch[odoc]?[oq],
                predictedSet.contains("\(doc)#\(pq)->\(odoc)#\(poq)")
            {
                tp += 1
            }
        }
        report.duplicates = Score(
            truePositives: tp, falsePositives: predictedDuplicates.count - tp, falseNegatives: goldDuplicates.count - tp
        )
        return report
    }

    /// Throws when the overlapping pairs of document `g` and its prediction `p` (per entity type, and
    /// of quotes) pass `maxOverlapPairs`.
    func checkOverlapPairs(gold g: EvalRecord, predicted p: EvalRecord) throws {
        var byType: [String: ([Range<Int>], [Range<Int>])] = [:]
        for e in g.entities where types?.contains(e.type) ?? true {
            byType[e.type, default: ([], [])].0.append(e.start..<e.end)
        }
        for e in p.entities where types?.contains(e.type) ?? true {
            byType[e.type, default: ([], [])].1.append(e.start..<e.end)
        }
        var pairs = Self.overlappingPairCount(g.quotes.map { $0.start..<$0.end }, p.quotes.map { $0.start..<$0.end })
        for (gold, predicted) in byType.values { pairs += Self.overlappingPairCount(gold, predicted) }
        if pairs > Self.maxOverlapPairs {
            throw EvalError.tooManyOverlaps(id: g.id, pairs: pairs, limit: Self.maxOverlapPairs)
        }
    }

    /// How many (gold, predicted) pairs overlap (`overlappingPairs` lists them), in O(s log s): a
    /// non-empty predicted span overlaps a gold span when it starts before the gold span's end, less
    /// those that end by its start (they start before it too).
    static func overlappingPairCount(_ gold: [Range<Int>], _ predicted: [Range<Int>]) -> Int {
        let spans = predicted.filter { !$0.isEmpty }
        let starts = spans.map(\.lowerBound).sorted(), ends = spans.map(\.upperBound).sorted()
        /// How many of `sorted` are below `x` (or at most `x` with `orEqual`).
        func count(_ sorted: [Int], below x: Int, orEqual: Bool) -> Int {
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] < x || (orEqual && sorted[mid] == x) { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var n = 0
        for g in gold where !g.isEmpty {
            n += count(starts, below: g.upperBound, orEqual: false) - count(ends, below: g.lowerBound, orEqual: true)
        }
        return n
    }

    /// Adds one document's entity scores (document level, exact, overlap, norms) to `report`, per type.
    func scoreEntities(gold g: EvalRecord, predicted p: EvalRecord, into report: inout Report) {
        let goldEntities = g.entities.filter { types?.contains($0.type) ?? true }
        let predEntities = p.entities.filter { types?.contains($0.type) ?? true }
        // The text as code points once per record: offsetting into the String per span was quadratic.
        let goldScalars = Array(g.text.unicodeScalars), predScalars = Array(p.text.unicodeScalars)
        func surfaces(_ scalars: [Unicode.Scalar], _ entities: [EvalRecord.Span], _ type: String) -> Set<String> {
            Set(entities.filter { $0.type == type }.map { Self.surfaceKey(scalars, $0.start, $0.end) })
        }
        for type in Set(goldEntities.map(\.type) + predEntities.map(\.type)) {
            let gd = surfaces(goldScalars, goldEntities, type), pd = surfaces(predScalars, predEntities, type)
            report.document[type, default: Score()] =
                report.document[type, default: Score()]
                + Score(
                    truePositives: gd.intersection(pd).count, falsePositives: pd.subtracting(gd).count,
                    falseNegatives: gd.subtracting(pd).count)
            let gs = goldEntities.filter { $0.type == type }, ps = predEntities.filter { $0.type == type }
            let exactPairs = Self.match(gs.map { $0.start..<$0.end }, ps.map { $0.start..<$0.end }, exact: true)
            let overlapPairs = Self.match(gs.map { $0.start..<$0.end }, ps.map { $0.start..<$0.end }, exact: false)
            report.exact[type, default: Score()] =
                report.exact[type, default: Score()]
                + Score(
                    truePositives: exactPairs.count, falsePositives: ps.count - exactPairs.count,
                    falseNegatives: gs.count - exactPairs.count)
            report.overlap[type, default: Score()] =
                report.overlap[type, default: Score()]
                + Score(
                    truePositives: overlapPairs.count, falsePositives: ps.count - overlapPairs.count,
                    falseNegatives: gs.count - overlapPairs.count)
            for (gi, pi) in exactPairs where gs[gi].norm != nil {
                var acc = report.normAccuracy[type] ?? (0, 0)
                acc.total += 1
                if gs[gi].norm == ps[pi].norm { acc.correct += 1 }
                report.normAccuracy[type] = acc
            }
        }
    }

    /// Adds one document's quote scores (exact, overlap, speakers) to `report`; returns the overlap
    /// matching, gold quote index to predicted quote index.
    static func scoreQuotes(gold g: EvalRecord, predicted p: EvalRecord, into report: inout Report) -> [Int: Int] {
        let qe = match(g.quotes.map { $0.start..<$0.end }, p.quotes.map { $0.start..<$0.end }, exact: true)
        let qo = match(g.quotes.map { $0.start..<$0.end }, p.quotes.map { $0.start..<$0.end }, exact: false)
        report.quotesExact =
            report.quotesExact
            + Score(
                truePositives: qe.count, falsePositives: p.quotes.count - qe.count,
                falseNegatives: g.quotes.count - qe.count)
        report.quotesOverlap =
            report.quotesOverlap
            + Score(
                truePositives: qo.count, falsePositives: p.quotes.count - qo.count,
                falseNegatives: g.quotes.count - qo.count)
        var map: [Int: Int] = [:]
        for (gi, pi) in qo {
            map[gi] = pi
            report.speakers.total += 1
            if g.quotes[gi].speaker == p.quotes[pi].speaker { report.speakers.correct += 1 }
        }
        return map
    }

    /// The document-level key of a span: its text case-folded, runs of white space made one space.
    /// Offsets out of the text's range give the empty key (a malformed record scores as a miss).
    static func surfaceKey(_ text: String, _ start: Int, _ end: Int) -> String {
        surfaceKey(Array(text.unicodeScalars), start, end)
    }

    /// The same on a text already split into code points (constant time to reach the span).
    static func surfaceKey(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        guard start >= 0, start <= end, end <= scalars.count else { return "" }
        var piece = String.UnicodeScalarView()
        piece.append(contentsOf: scalars[start..<end])
        let words = String(piece).split(whereSeparator: { $0.isWhitespace })
        return words.joined(separator: " ").folding(options: [.caseInsensitive], locale: nil)
    }

    /// One-to-one matching of gold and predicted spans, exact or by overlap (greedy, largest overlap first,
    /// then the lower gold index, then the lower predicted index).
    ///
    /// - Complexity: O((g + p) log (g + p) + k log k) for k candidate pairs (equal spans, or overlapping
    ///   spans): the candidates are found by a sweep over the spans sorted by start, not by trying every
    ///   gold span against every predicted one (that was quadratic: 40,000 entities took over 20 s).
    static func match(_ gold: [Range<Int>], _ predicted: [Range<Int>], exact: Bool) -> [(Int, Int)] {
        var candidates = exact ? equalPairs(gold, predicted) : overlappingPairs(gold, predicted)
        candidates.sort { $0.2 != $1.2 ? $0.2 > $1.2 : ($0.0, $0.1) < ($1.0, $1.1) }
        var usedG = [Bool](repeating: false, count: gold.count)
        var usedP = [Bool](repeating: false, count: predicted.count)
        var pairs: [(Int, Int)] = []
        for (gi, pi, _) in candidates where !usedG[gi] && !usedP[pi] {
            usedG[gi] = true; usedP[pi] = true
            pairs.append((gi, pi))
        }
        return pairs
    }

    /// Every (gold, predicted, length) with equal spans. Only the first `min(count)` pairs of each span
    /// can be chosen by the greedy pass (the k-th gold index takes the k-th predicted index), so only
    /// those are listed: a span repeated n times on both sides gives n candidates, not n².
    static func equalPairs(_ gold: [Range<Int>], _ predicted: [Range<Int>]) -> [(Int, Int, Int)] {
        var predictedAt: [Range<Int>: [Int]] = [:]
        for (pi, p) in predicted.enumerated() { predictedAt[p, default: []].append(pi) }
        var taken: [Range<Int>: Int] = [:]
        var candidates: [(Int, Int, Int)] = []
        for (gi, g) in gold.enumerated() {
            guard let list = predictedAt[g] else { continue }
            let k = taken[g, default: 0]
            guard k < list.count else { continue }
            taken[g] = k + 1
            candidates.append((gi, list[k], g.count))
        }
        return candidates
    }

    /// Every (gold, predicted, overlap length) whose spans overlap (empty spans overlap nothing), by a
    /// sweep in order of start: when a span starts, it overlaps exactly the spans of the other side that
    /// started before it (gold first on a tie) and have not ended yet.
    static func overlappingPairs(_ gold: [Range<Int>], _ predicted: [Range<Int>]) -> [(Int, Int, Int)] {
        // (start, side, index): side 0 is gold, 1 predicted, so on a tie gold comes first.
        var events: [(Int, Int, Int)] = []
        events.reserveCapacity(gold.count + predicted.count)
        for (i, r) in gold.enumerated() where !r.isEmpty { events.append((r.lowerBound, 0, i)) }
        for (i, r) in predicted.enumerated() where !r.isEmpty { events.append((r.lowerBound, 1, i)) }
        events.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        var active: [[Int]] = [[], []]
        var candidates: [(Int, Int, Int)] = []
        for (start, side, index) in events {
            let other = 1 - side
            // A span that ended at or before this start has ended for every later start too: drop it.
            var kept: [Int] = []
            for j in active[other] {
                let r = other == 0 ? gold[j] : predicted[j]
                guard r.upperBound > start else { continue }
                kept.append(j)
                let me = side == 0 ? gold[index] : predicted[index]
                let pair = side == 0 ? (index, j) : (j, index)
                candidates.append((pair.0, pair.1, me.clamped(to: r).count))
            }
            active[other] = kept
            active[side].append(index)
        }
        return candidates
    }
}

extension Scorer.Report {
    /// A readable table.
    public func table() -> String {
        func row(_ name: String, _ e: Score, _ o: Score) -> String {
            String(
                format: "%-10@ %6d %7.3f %7.3f %7.3f   %7.3f %7.3f %7.3f", name as NSString, e.support, e.precision,
                e.recall, e.f1, o.precision, o.recall, o.f1)
        }
        var lines = [
            String(format: "%-10@ %6@ %7@ %7@ %7@   %7@ %7@ %7@", "type", "gold", "P", "R", "F1", "P~", "R~", "F1~")
        ]
        for type in exact.keys.sorted() { lines.append(row(type, exact[type]!, overlap[type] ?? Score())) }
        lines.append(row("micro", microExact, microOverlap))
        lines.append("(P R F1: exact span; P~ R~ F1~: overlapping span, same type)")
        lines.append(String(format: "%-10@ %6@ %7@ %7@ %7@", "document", "gold", "P", "R", "F1"))
        for type in document.keys.sorted() {
            let d = document[type]!
            lines.append(
                String(format: "%-10@ %6d %7.3f %7.3f %7.3f", type as NSString, d.support, d.precision, d.recall, d.f1))
        }
        let md = microDocument
        lines.append(String(format: "%-10@ %6d %7.3f %7.3f %7.3f", "micro", md.support, md.precision, md.recall, md.f1))
        lines.append("(document level: distinct type + case-folded text per document)")
        for type in normAccuracy.keys.sorted() {
            let a = normAccuracy[type]!
            lines.append(
                String(format: "norm %-6@ %d/%d correct on exact matches", type as NSString, a.correct, a.total))
        }
        lines.append(
            String(
                format: "acronym pairs  P %.3f R %.3f F1 %.3f (gold %d)", acronyms.precision, acronyms.recall,
                acronyms.f1, acronyms.support))
        lines.append(
            String(
                format: "quotes exact   P %.3f R %.3f F1 %.3f (gold %d)", quotesExact.precision, quotesExact.recall,
                quotesExact.f1, quotesExact.support))
        lines.append(
            String(
                format: "quotes overlap P %.3f R %.3f F1 %.3f", quotesOverlap.precision, quotesOverlap.recall,
                quotesOverlap.f1))
        lines.append(
            String(
                format: "speakers       %d/%d correct on matched quotes (accuracy %.3f)", speakers.correct,
                speakers.total, speakerAccuracy))
        lines.append(
            String(
                format: "duplicates     P %.3f R %.3f F1 %.3f (gold %d)", duplicates.precision, duplicates.recall,
                duplicates.f1, duplicates.support))
        lines.append(
            "documents      \(documents) in both"
                + (missingDocuments.isEmpty
                    ? "" : ", \(missingDocuments.count) missing from the predictions (scored as predicting nothing)")
                + (extraDocuments.isEmpty ? "" : ", \(extraDocuments.count) predicted but not in gold (not scored)")
                + (textMismatches.isEmpty
                    ? ""
                    : ", \(textMismatches.count) whose text differs from gold (offsets not comparable): \(textMismatches.prefix(5).joined(separator: ", "))")
        )
        return lines.joined(separator: "\n")
    }

    public func json() -> [String: Any] {
        func s(_ x: Score) -> [String: Any] {
            [
                "tp": x.truePositives, "fp": x.falsePositives, "fn": x.falseNegatives,
                "precision": (x.precision * 10000).rounded() / 10000, "recall": (x.recall * 10000).rounded() / 10000,
                "f1": (x.f1 * 10000).rounded() / 10000
            ]
        }
        return [
            "entities": [
                "exact": exact.mapValues(s), "overlap": overlap.mapValues(s), "micro_exact": s(microExact),
                "micro_overlap": s(microOverlap),
                "document": document.mapValues(s), "micro_document": s(microDocument)
            ],
            "norm": normAccuracy.mapValues { ["correct": $0.correct, "total": $0.total] },
            "acronyms": s(acronyms),
            "quotes": ["exact": s(quotesExact), "overlap": s(quotesOverlap)],
            "speakers": [
                "correct": speakers.correct, "total": speakers.total,
                "accuracy": (speakerAccuracy * 10000).rounded() / 10000
            ],
            "duplicates": s(duplicates),
            "documents": documents,
            "missing_documents": missingDocuments,
            "extra_documents": extraDocuments,
            "text_mismatches": textMismatches
        ]
    }
}
