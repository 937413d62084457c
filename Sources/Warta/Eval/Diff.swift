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

    static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        guard start >= 0, end <= scalars.count, start <= end else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    mutating func compare(_ o: EvalRecord, _ n: EvalRecord) {
        compareEntities(o, n)
        compareAcronyms(o, n)
        compareQuotes(o, n)
    }

    /// Entities added, removed, or whose norm changed (by type and span).
    mutating func compareEntities(_ o: EvalRecord, _ n: EvalRecord) {
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
                            text: Self.slice(n.text, k.start, k.end),
                            detail: "norm \(old.norm ?? "null") -> \(e.norm ?? "null")"))
                }
            } else {
                changes.append(
                    Change(
                        document: n.id, layer: k.type, kind: .added, start: k.start, end: k.end,
                        text: Self.slice(n.text, k.start, k.end), detail: ""))
            }
        }
        for (k, _) in oe.sorted(by: {
            ($0.key.start, $0.key.end, $0.key.type) < ($1.key.start, $1.key.end, $1.key.type)
        }) where ne[k] == nil {
            changes.append(
                Change(
                    document: n.id, layer: k.type, kind: .removed, start: k.start, end: k.end,
                    text: Self.slice(o.text, k.start, k.end), detail: ""))
        }
    }

    /// Acronym pairs added or removed.
    mutating func compareAcronyms(_ o: EvalRecord, _ n: EvalRecord) {
        let oa = Set(o.acronyms), na = Set(n.acronyms)
        for a in na.subtracting(oa).sorted(by: { $0.short.lowerBound < $1.short.lowerBound }) {
            changes.append(
                Change(
                    document: n.id, layer: "ACRONYM", kind: .added, start: a.short.lowerBound, end: a.short.upperBound,
                    text: Self.slice(n.text, a.short.lowerBound, a.short.upperBound) + " = "
                        + Self.slice(n.text, a.long.lowerBound, a.long.upperBound), detail: ""))
        }
        for a in oa.subtracting(na).sorted(by: { $0.short.lowerBound < $1.short.lowerBound }) {
            changes.append(
                Change(
                    document: n.id, layer: "ACRONYM", kind: .removed, start: a.short.lowerBound,
                    end: a.short.upperBound,
                    text: Self.slice(o.text, a.short.lowerBound, a.short.upperBound) + " = "
                        + Self.slice(o.text, a.long.lowerBound, a.long.upperBound), detail: ""))
        }
    }

    /// Quotes added, removed, or whose speaker or duplicate link changed (by span).
    mutating func compareQuotes(_ o: EvalRecord, _ n: EvalRecord) {
        func dup(_ q: EvalRecord.QuoteSpan) -> String { q.duplicateOf.map { "\($0.0)#\($0.1)" } ?? "null" }
        var oldQuotes: [Range<Int>: EvalRecord.QuoteSpan] = [:]
        for q in o.quotes { oldQuotes[q.start..<q.end] = q }
        var seen = Set<Range<Int>>()
        for q in n.quotes {
            let r = q.start..<q.end
            seen.insert(r)
            let text = String(Self.slice(n.text, q.start, q.end).prefix(60))
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
                    text: String(Self.slice(o.text, q.start, q.end).prefix(60)), detail: ""))
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
