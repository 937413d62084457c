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
    public func render(_ text: SpanText) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + spans.count * 120)
        @inline(__always) func emit(_ s: String) { out.append(contentsOf: s.utf8) }
        // Stable: spans that start and end together keep the order they were added in.
        let order = spans.indices.sorted { a, b in
            let x = spans[a], y = spans[b]
            if x.start != y.start { return x.start < y.start }
            if x.end != y.end { return x.end > y.end }
            return a < b
        }
        let inserts = insertions.indices.sorted {
            insertions[$0].at != insertions[$1].at ? insertions[$0].at < insertions[$1].at : $0 < $1
        }
        var stack: [Int] = [] // indices into spans, outermost first
        var nextSpan = 0, nextInsert = 0, position = 0
        while true {
            // Close every open span that ends here, and with it those opened inside it that go on.
            if let lowest = stack.firstIndex(where: { spans[$0].end <= position }) {
                var reopen: [Int] = []
                while stack.count > lowest {
                    let s = stack.removeLast()
                    emit(spans[s].close)
                    if spans[s].end > position { reopen.append(s) }
                }
                for s in reopen.reversed() {
                    emit(spans[s].continued)
                    stack.append(s)
                }
            }
            while nextInsert < inserts.count, insertions[inserts[nextInsert]].at == position {
                emit(insertions[inserts[nextInsert]].html)
                nextInsert += 1
            }
            while nextSpan < order.count, spans[order[nextSpan]].start == position {
                emit(spans[order[nextSpan]].open)
                stack.append(order[nextSpan])
                nextSpan += 1
            }
            guard position < text.count else { break }
            // The text up to the next place where something opens, closes or is inserted.
            var next = text.count
            if nextSpan < order.count { next = min(next, spans[order[nextSpan]].start) }
            if nextInsert < inserts.count { next = min(next, insertions[inserts[nextInsert]].at) }
            for s in stack { next = min(next, spans[s].end) }
            HTML.append(text.bytes(position, next), to: &out)
            position = next
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A text as UTF-8 bytes with where each code point starts: spans are code point offsets, and the
/// bytes between two of them are copied as they are.
public struct SpanText {
    public let utf8: [UInt8]
    /// The byte offset of each code point, then the length in bytes.
    private let starts: [Int]

    public init(_ text: String) {
        utf8 = Array(text.utf8)
        var starts: [Int] = []
        starts.reserveCapacity(utf8.count + 1)
        for (i, b) in utf8.enumerated() where b & 0xC0 != 0x80 { starts.append(i) }
        starts.append(utf8.count)
        self.starts = starts
    }

    /// The number of code points.
    public var count: Int { starts.count - 1 }

    /// The bytes of code points `start..<end` (clamped to the text).
    public func bytes(_ start: Int, _ end: Int) -> ArraySlice<UInt8> {
        let s = min(max(start, 0), count), e = min(max(end, s), count)
        return utf8[starts[s]..<starts[e]]
    }

    /// Code points `start..<end`, escaped; at most `limit` of them, then `…`. Empty when out of bounds.
    public func escaped(_ start: Int, _ end: Int, limit: Int = .max) -> String {
        guard start >= 0, start <= end, end <= count else { return "" }
        var out: [UInt8] = []
        HTML.append(bytes(start, end - start > limit ? start + limit : end), to: &out)
        return String(decoding: out, as: UTF8.self) + (end - start > limit ? "…" : "")
    }
}
