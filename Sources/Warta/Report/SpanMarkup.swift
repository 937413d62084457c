/// Text with spans marked up as nested elements: the entities, quotes and diff marks of a page.
///
/// Spans are code point offsets into the text, half-open. They are opened outer first (by start, then
/// the longer first), so nested spans become nested elements. Spans that cross (valid records have
/// none) are still written as well-formed HTML: when a span closes, the spans opened inside it that
/// go on are closed with it and reopened right after, with their `continued` tag (no `id`, so ids
/// stay unique). Spans that are empty or outside the text are left out and counted in `skipped`.
///
/// - Complexity: O(n + s log s + s·d) for n code points, s spans and nesting depth d.
public struct SpanMarkup {
    public struct Span {
        public var start: Int
        public var end: Int
        /// The opening tag, already escaped: `<mark class="...">`.
        public var open: String
        /// The opening tag of a piece after a crossing span closed (the same without its `id`).
        public var continued: String
        public var close: String
        public init(start: Int, end: Int, open: String, continued: String? = nil, close: String) {
            self.start = start; self.end = end; self.open = open; self.continued = continued ?? open; self.close = close
        }
    }

    /// HTML put at a position, after the spans that end there are closed (a quote's speaker link).
    public struct Insertion {
        public var at: Int
        public var html: String
        public init(at: Int, html: String) { self.at = at; self.html = html }
    }

    public private(set) var spans: [Span] = []
    public private(set) var insertions: [Insertion] = []
    /// Spans left out: empty, reversed or outside the text.
    public private(set) var skipped = 0

    public init() {}

    public mutating func add(_ span: Span, textLength: Int) {
        guard span.start >= 0, span.start < span.end, span.end <= textLength else { skipped += 1; return }
        spans.append(span)
    }

    public mutating func insert(_ insertion: Insertion, textLength: Int) {
        insertions.append(Insertion(at: min(max(insertion.at, 0), textLength), html: insertion.html))
    }

    /// The escaped text with the spans and insertions.
    public func render(_ scalars: [Unicode.Scalar]) -> String {
        var out = ""
        out.reserveCapacity(scalars.count + spans.count * 80)
        // Stable: spans that start and end together keep the order they were added in.
        let order = spans.indices.sorted { a, b in
            let x = spans[a], y = spans[b]
            if x.start != y.start { return x.start < y.start }
            if x.end != y.end { return x.end > y.end }
            return a < b
        }
        let inserts = insertions.indices.sorted { insertions[$0].at != insertions[$1].at ? insertions[$0].at < insertions[$1].at : $0 < $1 }
        var stack: [Int] = []   // indices into spans, outermost first
        var nextSpan = 0, nextInsert = 0, position = 0
        while true {
            // Close every open span that ends here, and with it those opened inside it that go on.
            if let lowest = stack.firstIndex(where: { spans[$0].end <= position }) {
                var reopen: [Int] = []
                while stack.count > lowest {
                    let s = stack.removeLast()
                    out += spans[s].close
                    if spans[s].end > position { reopen.append(s) }
                }
                for s in reopen.reversed() {
                    out += spans[s].continued
                    stack.append(s)
                }
            }
            while nextInsert < inserts.count, insertions[inserts[nextInsert]].at == position {
                out += insertions[inserts[nextInsert]].html
                nextInsert += 1
            }
            while nextSpan < order.count, spans[order[nextSpan]].start == position {
                out += spans[order[nextSpan]].open
                stack.append(order[nextSpan])
                nextSpan += 1
            }
            guard position < scalars.count else { break }
            // The text up to the next place where something opens, closes or is inserted.
            var next = scalars.count
            if nextSpan < order.count { next = min(next, spans[order[nextSpan]].start) }
            if nextInsert < inserts.count { next = min(next, insertions[inserts[nextInsert]].at) }
            for s in stack { next = min(next, spans[s].end) }
            HTML.append(scalars[position..<next], to: &out)
            position = next
        }
        return out
    }
}
