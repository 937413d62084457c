import Foundation

/// Differences in extraction between two runs, per document: entities, acronyms and quotes added,
/// removed or changed. Entities are matched by type and span (a changed `norm` is a change), acronyms
/// by their two spans, quotes by span (a changed `speaker` or `duplicate_of` is a change).
public struct ExtractionDiff {
    public struct Change: Equatable {
        public enum Kind: String { case added, removed, changed }
        public var document: String
        public var layer: String // entity type, "ACRONYM" or "QUOTE"
        public var kind: Kind
        public var start: Int
        public var end: Int
        public var text: String
        public var detail: String // what changed, for `changed`
    }

    public var changes: [Change] = []
    public var documentsAdded: [String] = []
    public var documentsRemoved: [String] = []

    public var isEmpty: Bool { changes.isEmpty && documentsAdded.isEmpty && documentsRemoved.isEmpty }

    public init(old: [EvalRecord], new: [EvalRecord]) {
        let oldById = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newById = Dictionary(new.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        documentsRemoved = old.map(\.id).filter { newById[$0] == nil }
        documentsAdded = new.map(\.id).filter { oldById[$0] == nil }
        for n in new {
            guard let o = oldById[n.id] else { continue }
            compare(o, n)
        }
    }

    /// The text of `start..<end` in a record's code points (split once per record: splitting the text
    /// again for each change made `warta diff` quadratic, 20,000 changed entities in one document 32 s).
    static func slice(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        guard start >= 0, end <= scalars.count, start <= end else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    /// The first 60 characters of `start..<end`, read from a window that doubles until it holds more
    /// than 60 characters or the whole span: the same text as cutting the whole span, whose length does
    /// not count (characters end where the next begins, and text after the 61st cannot move the first 60).
    static func opening(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        guard start >= 0, start <= end, end <= scalars.count else { return "" }
        var width = 256
        while true {
            let stop = end - start <= width ? end : start + width
            let text = slice(scalars, start, stop)
            if stop == end || text.count > 60 { return String(text.prefix(60)) }
            width *= 2
        }
    }

    mutating func compare(_ o: EvalRecord, _ n: EvalRecord) {
        let texts = (old: Array(o.text.unicodeScalars), new: Array(n.text.unicodeScalars))
        compareEntities(o, n, texts)
        compareAcronyms(o, n, texts)
        compareQuotes(o, n, texts)
    }

    /// The two records' texts as code points.
    typealias Texts = (old: [Unicode.Scalar], new: [Unicode.Scalar])

    /// Entities added, removed, or whose norm changed (by type and span).
    mutating func compareEntities(_ o: EvalRecord, _ n: EvalRecord, _ texts: Texts) {
        struct Key: Hashable { var type: String; var start: Int; var end: Int }
        let oe = Dictionary(
            o.entities.map { (Key(type: $0.type, start: $0.start, end: $0.end), $0) }, uniquingKeysWith: { a, _ in a })
        let ne = Dictionary(
            n.entities.map { (Key(type: $0.type, start: $0.start, end: $0.end), $0) }, uniquingKeysWith: { a, _ in a })
        for (k, e) in ne.sorted(by: {
            ($0.key.start, $0.key.end, $0.key.type) < ($1.key.start, $1.key.end, $1.key.type)
        }) {
            if let old = oe[k] {
                if old.norm != e.norm {
                    changes.append(
                        Change(
                            document: n.id, layer: k.type, kind: .changed, start: k.start, end: k.end,
                            text: Self.slice(texts.new, k.start, k.end),
                            detail: "norm \(old.norm ?? "null") -> \(e.norm ?? "null")"))
                }
            } else {
                changes.append(
                    Change(
                        document: n.id, layer: k.type, kind: .added, start: k.start, end: k.end,
                        text: Self.slice(texts.new, k.start, k.end), detail: ""))
            }
        }
        for (k, _) in oe.sorted(by: {
            ($0.key.start, $0.key.end, $0.key.type) < ($1.key.start, $1.key.end, $1.key.type)
        }) where ne[k] == nil {
            changes.append(
                Change(
                    document: n.id, layer: k.type, kind: .removed, start: k.start, end: k.end,
                    text: Self.slice(texts.old, k.start, k.end), detail: ""))
        }
    }

    /// Acronym pairs added or removed.
    mutating func compareAcronyms(_ o: EvalRecord, _ n: EvalRecord, _ texts: Texts) {
        let oa = Set(o.acronyms), na = Set(n.acronyms)
        for a in na.subtracting(oa).sorted(by: { $0.short.lowerBound < $1.short.lowerBound }) {
            changes.append(
                Change(
                    document: n.id, layer: "ACRONYM", kind: .added, start: a.short.lowerBound, end: a.short.upperBound,
                    text: Self.slice(texts.new, a.short.lowerBound, a.short.upperBound) + " = "
                        + Self.slice(texts.new, a.long.lowerBound, a.long.upperBound), detail: ""))
        }
        for a in oa.subtracting(na).sorted(by: { $0.short.lowerBound < $1.short.lowerBound }) {
            changes.append(
                Change(
                    document: n.id, layer: "ACRONYM", kind: .removed, start: a.short.lowerBound,
                    end: a.short.upperBound,
                    text: Self.slice(texts.old, a.short.lowerBound, a.short.upperBound) + " = "
                        + Self.slice(texts.old, a.long.lowerBound, a.long.upperBound), detail: ""))
        }
    }

    /// Quotes added, removed, or whose speaker or duplicate link changed (by span).
    mutating func compareQuotes(_ o: EvalRecord, _ n: EvalRecord, _ texts: Texts) {
        func dup(_ q: EvalRecord.QuoteSpan) -> String { q.duplicateOf.map { "\($0.0)#\($0.1)" } ?? "null" }
        var oldQuotes: [Range<Int>: EvalRecord.QuoteSpan] = [:]
        for q in o.quotes { oldQuotes[q.start..<q.end] = q }
        var seen = Set<Range<Int>>()
        for q in n.quotes {
            let r = q.start..<q.end
            seen.insert(r)
            let text = Self.opening(texts.new, q.start, q.end)
            if let old = oldQuotes[r] {
                var details: [String] = []
                if old.speaker != q.speaker {
                    details.append("speaker \(old.speaker ?? "null") -> \(q.speaker ?? "null")")
                }
                if dup(old) != dup(q) { details.append("duplicate_of \(dup(old)) -> \(dup(q))") }
                if !details.isEmpty {
                    changes.append(
                        Change(
                            document: n.id, layer: "QUOTE", kind: .changed, start: q.start, end: q.end, text: text,
                            detail: details.joined(separator: "; ")))
                }
            } else {
                changes.append(
                    Change(
                        document: n.id, layer: "QUOTE", kind: .added, start: q.start, end: q.end, text: text, detail: ""
                    ))
            }
        }
        for q in o.quotes where !seen.contains(q.start..<q.end) {
            changes.append(
                Change(
                    document: n.id, layer: "QUOTE", kind: .removed, start: q.start, end: q.end,
                    text: Self.opening(texts.old, q.start, q.end), detail: ""))
        }
    }

    /// Counts per layer and kind.
    public var summary: [String: [String: Int]] {
        var s: [String: [String: Int]] = [:]
        for c in changes { s[c.layer, default: [:]][c.kind.rawValue, default: 0] += 1 }
        return s
    }

    public func text() -> String {
        var lines: [String] = []
        for d in documentsRemoved { lines.append("- document \(d)") }
        for d in documentsAdded { lines.append("+ document \(d)") }
        var current = ""
        for c in changes {
            if c.document != current { lines.append("@@ \(c.document)"); current = c.document }
            let sign = c.kind == .added ? "+" : c.kind == .removed ? "-" : "~"
            lines.append(
                "\(sign) \(c.layer) \(c.start)-\(c.end) \"\(c.text)\"" + (c.detail.isEmpty ? "" : "  [\(c.detail)]"))
        }
        // Keyed on isEmpty, the exit status's test: documents added or removed are differences too.
        lines.append("summary:" + (isEmpty ? " no differences" : ""))
        if !documentsAdded.isEmpty || !documentsRemoved.isEmpty {
            lines.append("  documents: +\(documentsAdded.count) -\(documentsRemoved.count)")
        }
        for layer in summary.keys.sorted() {
            let k = summary[layer]!
            lines.append("  \(layer): +\(k["added"] ?? 0) -\(k["removed"] ?? 0) ~\(k["changed"] ?? 0)")
        }
        return lines.joined(separator: "\n")
    }

    public func json() -> [String: Any] {
        [
            "equal": isEmpty,
            "documents_added": documentsAdded,
            "documents_removed": documentsRemoved,
            "summary": summary,
            "changes": changes.map {
                [
                    "doc": $0.document, "layer": $0.layer, "kind": $0.kind.rawValue, "start": $0.start, "end": $0.end,
                    "text": $0.text, "detail": $0.detail
                ]
            }
        ]
    }
}
