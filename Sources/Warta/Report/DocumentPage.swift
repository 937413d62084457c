/// The page of one document: its normalized text with the entities (nested, by type), the quotes with
/// their speaker and cluster, and reported speech marked; then the quotes, entities, acronym pairs,
/// removed furniture and warnings as tables.
struct DocumentPage {
    var record: ReportRecord
    /// Document number, from 1.
    var index: Int
    var page: String
    var previous: String?
    var next: String?
    var clusters: StatementClusters

    /// A page name relative to this page (pages live one folder down).
    static func up(_ relative: String) -> String { "../" + relative }
    static func sibling(_ page: String) -> String { String(page.split(separator: "/").last ?? Substring(page)) }

    func render() -> String {
        let r = record
        let scalars = SpanText(r.text)
        let markup = marked(scalars)
        let (text, crossing) = markup.rendered(scalars)

        var subtitle = "<a href=\"\(Self.up(RunReport.indexPage))\">report index</a> · document \(index)"
        if let source = r.source { subtitle += " · source <code>\(HTML.escape(source))</code>" }
        if let outlet = r.outlet { subtitle += " · outlet \(HTML.escape(outlet))" }
        if let date = r.date { subtitle += " · date \(HTML.escape(date))" }
        var html = ReportStyle.head(title: r.id, subtitle: subtitle, root: "../")
        html +=
            "<nav class=\"pager\"><span>"
            + (previous.map { "<a href=\"\(HTML.escape(Self.sibling($0)))\" rel=\"prev\">← previous</a>" } ?? "")
        html +=
            "</span><span>"
            + (next.map { "<a href=\"\(HTML.escape(Self.sibling($0)))\" rel=\"next\">next →</a>" } ?? "")
            + "</span></nav>\n"
        html += "<section><h2>Text</h2>\(ReportStyle.legend)"
        html +=
            "<p class=\"muted\">Hover over or focus an entity (Tab) for its rule, norm and code point offsets. Quotes are shaded, with their speaker after them; "
        html += "a dashed quote repeats an earlier one. Reported speech is underlined with dots.</p>\n"
        if markup.skipped > 0 {
            html += "<p class=\"warn\">\(markup.skipped) span(s) outside the text or empty were not marked.</p>\n"
        }
        if crossing > 0 {
            html += "<p class=\"warn\">\(SpanMarkup.crossingNote(crossing))</p>\n"
        }
        html += "<div class=\"doctext\" id=\"text\">\(text)</div></section>\n"
        html += quotesSection(scalars)
        html += entitiesSection()
        html += acronymsSection(scalars)
        html += removedSection()
        if !r.warnings.isEmpty {
            html +=
                "<section><h2>Warnings</h2><ul>"
                + r.warnings.map { "<li class=\"warn\">\(HTML.escape($0))</li>" }.joined() + "</ul></section>\n"
        }
        if let sha = r.sha256 { html += "<p class=\"muted mono\">sha256 \(HTML.escape(sha))</p>\n" }
        return html + ReportStyle.foot()
    }

    /// The spans to mark in the text: entities, quotes with their speaker badge, reported speech.
    func marked(_ scalars: SpanText) -> SpanMarkup {
        let r = record
        var markup = SpanMarkup()
        for (i, e) in r.entities.enumerated() {
            var info = "\(e.type) · \(e.rule ?? "no rule")"
            if let norm = e.norm { info += "\nnorm: \(norm)" }
            info += "\n[\(e.start), \(e.end))"
            let attributes =
                "class=\"ent \(ReportStyle.typeClass(e.type))\" data-type=\"\(HTML.escape(e.type))\" data-rule=\"\(HTML.escape(e.rule ?? ""))\""
                + (e.norm.map { " data-norm=\"\(HTML.escape($0))\"" } ?? "")
                + " data-info=\"\(HTML.escape(info))\" tabindex=\"0\""
            markup.add(
                .init(
                    start: e.start, end: e.end, open: "<mark id=\"e\(i)\" \(attributes)>",
                    continued: "<mark \(attributes)>", close: "</mark>"),
                textLength: scalars.count)
        }
        for (i, q) in r.quotes.enumerated() {
            let cluster = clusters.cluster(of: .init(doc: r.id, quote: i))
            let attributes =
                "class=\"quote\(q.duplicateOf != nil ? " repeat" : "")\" data-speaker=\"\(HTML.escape(q.speaker ?? ""))\""
                + (cluster.map { " data-cluster=\"c\($0)\"" } ?? "")
            markup.add(
                .init(
                    start: q.start, end: q.end, open: "<span id=\"q\(i)\" \(attributes)>",
                    continued: "<span \(attributes)>", close: "</span>"),
                textLength: scalars.count)
            let speaker = HTML.escape(q.speaker ?? "unknown speaker")
            let badge =
                cluster.map {
                    "<a class=\"said cluster\" href=\"\(Self.up(RunReport.clustersPage))#c\($0)\" title=\"statement cluster \($0)\">\(speaker) · cluster \($0)</a>"
                }
                ?? "<span class=\"said\">\(speaker)</span>"
            markup.insert(.init(at: q.end, html: badge), textLength: scalars.count)
        }
        for s in r.reportedSpeech {
            let info = "reported speech · \(s.speaker ?? "unknown speaker") · \(s.rule ?? "")"
            markup.add(
                .init(
                    start: s.start, end: s.end, open: "<span class=\"reported\" title=\"\(HTML.escape(info))\">",
                    close: "</span>"),
                textLength: scalars.count)
        }
        return markup
    }

    static func offsets(_ start: Int, _ end: Int) -> String { "<span class=\"off\">\(start)–\(end)</span>" }

    private func quotesSection(_ scalars: SpanText) -> String {
        guard !record.quotes.isEmpty else { return "" }
        var html =
            "<section><h2>Quotes (\(record.quotes.count))</h2><table><thead><tr><th>#</th><th>offsets</th><th>speaker</th><th>cue</th><th>rule</th><th>repeats</th><th>quote</th></tr></thead><tbody>\n"
        for (i, q) in record.quotes.enumerated() {
            var repeats = ""
            if let d = q.duplicateOf {
                repeats =
                    "<code>\(HTML.escape(d.doc))</code> #\(d.quote)"
                    + (q.similarity.map { " · similarity " + Self.number($0) } ?? "")
            }
            if let c = clusters.cluster(of: .init(doc: record.id, quote: i)) {
                repeats +=
                    (repeats.isEmpty ? "" : "<br>")
                    + "<a href=\"\(Self.up(RunReport.clustersPage))#c\(c)\">cluster \(c)</a>"
            }
            html +=
                "<tr><td><a href=\"#q\(i)\">\(i)</a></td><td>\(Self.offsets(q.start, q.end))</td><td>\(HTML.escape(q.speaker ?? "–"))</td>"
            html +=
                "<td>\(HTML.escape(q.cue ?? "–"))</td><td><code>\(HTML.escape(q.rule ?? ""))</code></td><td>\(repeats)</td>"
            html += "<td>\(scalars.escaped(q.start, q.end, limit: 160))</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    private func entitiesSection() -> String {
        guard !record.entities.isEmpty else { return "" }
        let length = record.text.unicodeScalars.count
        var html =
            "<section><h2>Entities (\(record.entities.count))</h2><table><thead><tr><th>type</th><th>text</th><th>norm</th><th>rule</th><th>offsets</th></tr></thead><tbody>\n"
        for (i, e) in record.entities.enumerated() {
            html += "<tr><td><mark class=\"chip \(ReportStyle.typeClass(e.type))\">\(HTML.escape(e.type))</mark></td>"
            // Only a span the text holds is marked, and so has an anchor.
            let marked = 0 <= e.start && e.start < e.end && e.end <= length
            let text = HTML.escape(e.text ?? "")
            html +=
                "<td>\(marked ? "<a href=\"#e\(i)\">\(text)</a>" : "\(text) <span class=\"warn\">(outside the text)</span>")</td><td>\(HTML.escape(e.norm ?? ""))</td>"
            html += "<td><code>\(HTML.escape(e.rule ?? ""))</code></td><td>\(Self.offsets(e.start, e.end))</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    private func acronymsSection(_ scalars: SpanText) -> String {
        guard !record.acronyms.isEmpty else { return "" }
        var html =
            "<section><h2>Acronym pairs (\(record.acronyms.count))</h2><table><thead><tr><th>short</th><th>long</th><th>offsets</th></tr></thead><tbody>\n"
        for a in record.acronyms {
            html +=
                "<tr><td><b>\(scalars.escaped(a.short.start, a.short.end))</b></td><td>\(scalars.escaped(a.long.start, a.long.end))</td>"
            html +=
                "<td>\(Self.offsets(a.short.start, a.short.end)) · \(Self.offsets(a.long.start, a.long.end))</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    private func removedSection() -> String {
        guard !record.removed.isEmpty else { return "" }
        var html =
            "<section><h2>Removed furniture (\(record.removed.count))</h2><table><thead><tr><th>kind</th><th>rule</th><th>raw bytes</th><th>text</th></tr></thead><tbody>\n"
        for m in record.removed {
            html += "<tr><td>\(HTML.escape(m.kind ?? ""))</td><td><code>\(HTML.escape(m.rule ?? ""))</code></td>"
            html +=
                "<td>\(Self.offsets(m.rawStart ?? 0, m.rawEnd ?? 0))</td><td>\(HTML.escape(m.text ?? ""))</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    /// A similarity or a duration with at most three decimals, the same bytes on every machine.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        guard abs(value) < 1e12 else { return String(value) }
        let thousandths = (value * 1000).rounded()
        var text = String(Int(thousandths) / 1000)
        let fraction = abs(Int(thousandths) % 1000)
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        if value < 0 && text.first != "-" { text = "-" + text }
        return text
    }
}
