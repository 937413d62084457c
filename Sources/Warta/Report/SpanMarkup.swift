/// Text with spans marked up as nested elements: the entities, quotes and diff marks of a page.
///
/// Spans are code point offsets into the text, half-open. They are opened outer first (by start, then
/// the longer first), so nested spans become nested elements. A span that crosses one opened before it
/// (valid records have none) is marked only up to where that one ends, so the HTML stays well-formed,
/// and counted in `crossing` (the page says so; its tables list the whole span). Such spans used to be
/// closed and reopened around each later end: n spans crossing each other made n² elements (4,000
/// made an 825 MB page). Spans that are empty or outside the text are left out and counted in `skipped`.
///
/// - Complexity: O(n + s log s) time, and an output linear in n + s, for n code points and s spans,
///   however the spans nest or cross.
public struct SpanMarkup {
    public struct Span {
        public var start: Int
        public var end: Int
        /// The opening tag, already escaped: `<mark class="...">`.
        public var open: String
        /// The opening tag without its `id` (kept for callers; a crossing span is no longer reopened).
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

    /// The page's note for `count` crossing spans.
    public static func crossingNote(_ count: Int) -> String {
        "\(count) span(s) cross a span that starts before them: each is marked only up to where that one ends (the tables list it whole)."
    }

    /// The escaped text with the spans and insertions.
    public func render(_ text: SpanText) -> String { rendered(text).html }

    /// The escaped text with the spans and insertions, and how many spans crossed one opened before them
    /// (marked only up to its end).
    public func rendered(_ text: SpanText) -> (html: String, crossing: Int) {
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
        // The open spans, outermost first, each with where its element ends: its end, or the end of the
        // element it is inside when that comes first (a crossing span). These ends never grow toward the
        // top, so the spans to close are always on top.
        var stack: [(span: Int, end: Int)] = []
        var crossing = 0
        var nextSpan = 0, nextInsert = 0, position = 0
        while true {
            while let top = stack.last, top.end <= position {
                emit(spans[top.span].close)
                stack.removeLast()
            }
            while nextInsert < inserts.count, insertions[inserts[nextInsert]].at == position {
                emit(insertions[inserts[nextInsert]].html)
                nextInsert += 1
            }
            while nextSpan < order.count, spans[order[nextSpan]].start == position {
                let s = order[nextSpan]
                var end = spans[s].end
                if let outer = stack.last, outer.end < end {
                    end = outer.end
                    crossing += 1
                }
                emit(spans[s].open)
                stack.append((s, end))
                nextSpan += 1
            }
            guard position < text.count else { break }
            // The text up to the next place where something opens, closes or is inserted.
            var next = text.count
            if nextSpan < order.count { next = min(next, spans[order[nextSpan]].start) }
            if nextInsert < inserts.count { next = min(next, insertions[inserts[nextInsert]].at) }
            if let top = stack.last { next = min(next, top.end) }
            HTML.append(text.bytes(position, next), to: &out)
            position = next
        }
        return (String(decoding: out, as: UTF8.self), crossing)
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
