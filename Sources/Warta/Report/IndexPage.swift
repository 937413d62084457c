import Foundation

/// The report's front page (what a run found: counts, problems, timings, configuration, frequent
/// entities, top speakers, the widest statement clusters), the page of every cluster and the rows of
/// the document list.
struct IndexPage {
    var summary: CorpusSummary
    var run: RunInfo?
    var input: String
    var firstDocuments: [String]

    static let listedProblems = 200

    func render() -> String {
        let s = summary
        var subtitle = "<code>\(HTML.escape(input))</code>"
        if let pipeline = run?.object["pipeline"] as? String {
            subtitle += " · pipeline <b>\(HTML.escape(pipeline))</b>"
        }
        if let hash = run?.object["configuration_sha256"] as? String {
            subtitle += " · configuration <code>\(HTML.escape(String(hash.prefix(12))))</code>"
        }
        var html = ReportStyle.head(title: "warta report", subtitle: subtitle, root: "", script: true)
        let failed = (run?.object["failed"] as? NSNumber)?.intValue
        html += "<section><h2>Run</h2><div class=\"figures\" id=\"counts\">"
        let figures: [(String, Int?)] = [
            ("documents", s.documents), ("failed", failed), ("entities", s.entities), ("quotes", s.quotes),
            ("repeated quotes", s.repeats), ("statement clusters", s.clusters.clusters.count),
            ("acronym pairs", s.acronyms), ("furniture removed", s.removed)
        ]
        for (label, value) in figures {
            html +=
                "<div class=\"figure\" data-count=\"\(HTML.token(label))\"><b>\(value.map(String.init) ?? "–")</b><span>\(label)</span></div>"
        }
        html += "</div>\n"
        html += runSection()
        html += "</section>\n"
        // What a cron run found, then who said what, then what the rules did.
        html += problemsSection()
        html += clustersSection()
        html += speakersSection()
        html += frequentSection()
        html += typesSection()
        html += rulesSection()
        html += "<section><h2>Documents</h2>" + Self.documentsTableHead
        html += firstDocuments.joined()
        html += "</tbody></table>"
        html +=
            "<p><a href=\"\(RunReport.documentsPage)\">All \(s.documents) documents</a>, with a filter.</p></section>\n"
        return html + ReportStyle.foot(script: true)
    }

    /// The configuration and timings from run.json.
    private func runSection() -> String {
        if let problem = run?.problem {
            return
                "<p class=\"muted\"><code>run.json</code> could not be read (\(HTML.escape(problem))): timings, failures and the configuration are unknown.</p>\n"
        }
        guard let o = run?.object else {
            return
                "<p class=\"muted\">No <code>run.json</code> beside the records: timings, failures and the configuration are unknown.</p>\n"
        }
        var html = "<div class=\"columns\"><div><h3>Configuration</h3><table><tbody>"
        for key in [
            "pipeline", "pipeline_file", "configuration_sha256", "warta_version", "icu_version", "started", "jobs",
            "incremental",
            "processed", "carried_over", "reprocessed", "bytes"
        ] {
            guard let value = o[key] else { continue }
            html += "<tr><th>\(key)</th><td class=\"mono\">\(HTML.escape(Self.plain(value)))</td></tr>"
        }
        html +=
            "</tbody></table></div>\n<div><h3>Timings (seconds)</h3><table><thead><tr><th>step</th><th class=\"n\">seconds</th></tr></thead><tbody>"
        var timings: [(String, Any)] = [("whole run", o["seconds"] as Any)]
        if let stages = o["stage_seconds"] as? [String: Any] {
            timings += stages.keys.sorted().map { ("stage \($0)", stages[$0] as Any) }
        }
        timings += ["read_seconds", "encode_seconds", "output_seconds"].compactMap { k in
            o[k].map { (k.replacingOccurrences(of: "_seconds", with: ""), $0) }
        }
        for (label, value) in timings where !(value is NSNull) {
            html += "<tr><td>\(HTML.escape(label))</td><td class=\"n\">\(HTML.escape(Self.plain(value)))</td></tr>"
        }
        return html + "</tbody></table></div></div>\n"
    }

    /// A JSON value as one line of text.
    static func plain(_ value: Any) -> String {
        switch value {
        case let s as String: return s
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return n.boolValue ? "true" : "false" }
            return n.doubleValue == n.doubleValue.rounded() && abs(n.doubleValue) < 1e15
                ? String(n.int64Value) : DocumentPage.number(n.doubleValue)
        case let d as [String: Any]: return d.keys.sorted().map { "\($0): \(plain(d[$0]!))" }.joined(separator: ", ")
        case let a as [Any]: return a.map(plain).joined(separator: ", ")
        default: return ""
        }
    }

    private func problemsSection() -> String {
        let o = run?.object ?? [:]
        var html = "<section><h2>Problems and warnings</h2>"
        var any = false
        for (key, title) in [
            ("problems", "Inputs that failed"), ("warnings", "Warnings"), ("skipped", "Inputs skipped")
        ] {
            guard let items = o[key] as? [Any], !items.isEmpty else { continue }
            any = true
            html += "<h3>\(title) (\(items.count))</h3><ul>"
            html += items.prefix(Self.listedProblems).map { "<li class=\"warn\">\(HTML.escape(Self.plain($0)))</li>" }
                .joined()
            if items.count > Self.listedProblems {
                html += "<li class=\"muted\">… and \(items.count - Self.listedProblems) more in run.json</li>"
            }
            html += "</ul>"
        }
        if summary.documentsWithWarnings > 0 {
            any = true
            html += "<h3>Documents with warnings (\(summary.documentsWithWarnings))</h3><ul>"
            for w in summary.warningExamples {
                html +=
                    "<li><a href=\"\(HTML.escape(w.page))\">\(HTML.escape(w.id))</a>: <span class=\"warn\">\(HTML.escape(w.warnings.joined(separator: "; ")))</span></li>"
            }
            if summary.documentsWithWarnings > summary.warningExamples.count {
                html +=
                    "<li class=\"muted\">… and \(summary.documentsWithWarnings - summary.warningExamples.count) more</li>"
            }
            html += "</ul>"
        }
        if summary.spansOutside > 0 {
            any = true
            html +=
                "<p class=\"warn\">\(summary.spansOutside) entities have offsets outside their text; their pages leave them unmarked.</p>"
        }
        if !any { html += "<p class=\"muted\">None.</p>" }
        return html + "</section>\n"
    }

    private func typesSection() -> String {
        var html =
            "<section><h2>Entities per type</h2>\(ReportStyle.legend)<table id=\"types\"><thead><tr><th>type</th><th class=\"n\">entities</th><th class=\"n\">distinct</th></tr></thead><tbody>"
        for type in Self.orderedTypes(summary.entitiesPerType.counts.keys) {
            let distinct =
                summary.topEntities[type].map { $0.pruned ? "≥ \($0.counts.count)" : String($0.counts.count) } ?? "0"
            html +=
                "<tr data-type=\"\(HTML.escape(type))\"><td><mark class=\"chip \(ReportStyle.typeClass(type))\">\(HTML.escape(type))</mark></td><td class=\"n\">\(summary.entitiesPerType.counts[type]!)</td><td class=\"n\">\(distinct)</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    /// The legend's types first, in its order, then any other in code point order.
    static func orderedTypes<S: Sequence>(_ types: S) -> [String] where S.Element == String {
        let known = ReportStyle.types.map(\.name)
        let present = Set(types)
        return known.filter(present.contains) + present.subtracting(known).sorted()
    }

    private func rulesSection() -> String {
        var html = "<section><h2>Rules</h2><p class=\"muted\">How often each rule fired over the run.</p>"
        html += "<input class=\"filter\" type=\"search\" placeholder=\"filter rules…\" aria-label=\"filter rules\">"
        html +=
            "<table id=\"rules\"><thead><tr><th>layer</th><th>rule</th><th class=\"n\">count</th></tr></thead><tbody>"
        func rows(_ counter: BoundedCounter, layer: (String) -> (String, String)) {
            let counts = counter.counts
            for key in counts.keys.sorted() {
                let (l, rule) = layer(key)
                html +=
                    "<tr><td>\(l)</td><td><code>\(HTML.escape(rule))</code></td><td class=\"n\">\(counts[key]!)</td></tr>"
            }
        }
        rows(summary.entityRules) { key in
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            return (
                "<mark class=\"chip \(ReportStyle.typeClass(parts[0]))\">\(HTML.escape(parts[0]))</mark>",
                parts.count > 1 ? parts[1] : ""
            )
        }
        rows(summary.quoteRules) { ("quote", $0) }
        rows(summary.furnitureRules) { key in
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            return ("removed (\(HTML.escape(parts[0])))", parts.count > 1 ? parts[1] : "")
        }
        return html + "</tbody></table></section>\n"
    }

    private func frequentSection() -> String {
        var html =
            "<section><h2>Most frequent entities</h2><p class=\"muted\">Per type, by norm (else text).</p><div class=\"grid\">"
        for type in Self.orderedTypes(summary.topEntities.keys) {
            let counter = summary.topEntities[type]!
            html +=
                "<div><h3><mark class=\"chip \(ReportStyle.typeClass(type))\">\(HTML.escape(type))</mark></h3><table><tbody>"
            for (value, count) in counter.top(10) {
                html += "<tr><td>\(HTML.escape(value))</td><td class=\"n\">\(count)</td></tr>"
            }
            html += "</tbody></table></div>"
        }
        var note = ""
        if summary.topEntities.values.contains(where: \.pruned) {
            note =
                "<p class=\"muted\">Very many distinct values: names seen once were dropped on the way, so counts are lower bounds.</p>"
        }
        return html + "</div>\(note)</section>\n"
    }

    private func speakersSection() -> String {
        var html =
            "<section><h2>Top speakers</h2><table id=\"speakers\"><thead><tr><th>speaker</th><th class=\"n\">quotes</th></tr></thead><tbody>"
        for (speaker, count) in summary.speakers.top(20) {
            html += "<tr><td>\(HTML.escape(speaker))</td><td class=\"n\">\(count)</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    private func clustersSection() -> String {
        let all = summary.clusters.bySpread
        var html =
            "<section id=\"clusters\"><h2>Statement clusters (\(all.count))</h2><p class=\"muted\">A quote and every repeat of it, widest spread (most documents) first.</p>"
        if all.isEmpty { return html + "<p class=\"muted\">No quote is repeated.</p></section>\n" }
        html += all.prefix(RunReport.indexRows).map { Self.cluster($0, anchor: false, rows: 10) }.joined()
        return html + "<p><a href=\"\(RunReport.clustersPage)\">All clusters (\(all.count))</a></p></section>\n"
    }

    /// One cluster: the statement, then where it appears.
    /// One cluster: the statement, then where it appears (the first `rows` repeats).
    static func cluster(_ c: StatementClusters.Cluster, anchor: Bool, rows: Int = .max) -> String {
        var html = "<div class=\"cluster\"\(anchor ? " id=\"c\(c.number)\"" : "") data-cluster=\"c\(c.number)\">"
        html +=
            "<h3><a href=\"\(RunReport.clustersPage)#c\(c.number)\">Cluster \(c.number)</a> · \(c.spread) document\(c.spread == 1 ? "" : "s") · \(c.repeats.count) repeat\(c.repeats.count == 1 ? "" : "s")</h3>"
        html += "<blockquote>\(HTML.escape(c.first?.excerpt ?? c.repeats.first?.excerpt ?? ""))</blockquote>"
        html +=
            "<table><thead><tr><th></th><th>document</th><th>outlet</th><th>speaker</th><th class=\"n\">similarity</th></tr></thead><tbody>"
        func row(_ label: String, _ m: StatementClusters.Member) -> String {
            "<tr><td>\(label)</td><td><a href=\"\(HTML.escape(m.page))#q\(m.quote)\">\(HTML.escape(m.doc))</a> <span class=\"off\">quote \(m.quote)</span></td>"
                + "<td>\(HTML.escape(m.outlet ?? "–"))</td><td>\(HTML.escape(m.speaker ?? "–"))</td><td class=\"n\">\(m.similarity.map(DocumentPage.number) ?? "–")</td></tr>"
        }
        if let first = c.first {
            html += row("first", first)
        } else {
            html +=
                "<tr><td>first</td><td><code>\(HTML.escape(c.original.doc))</code> <span class=\"off\">quote \(c.original.quote)</span> (not in these records)</td><td></td><td></td><td></td></tr>"
        }
        for m in c.repeats.prefix(rows) { html += row("repeat", m) }
        if c.repeats.count > rows {
            html +=
                "<tr><td></td><td colspan=\"4\"><a href=\"\(RunReport.clustersPage)#c\(c.number)\">… and \(c.repeats.count - rows) more repeats</a></td></tr>"
        }
        return html + "</tbody></table></div>"
    }

    /// Every cluster, written a cluster at a time.
    static func writeClustersPage(_ summary: CorpusSummary, to page: PageStream) throws {
        let all = summary.clusters.bySpread
        try page.write(
            ReportStyle.head(
                title: "Statement clusters",
                subtitle:
                    "<a href=\"\(RunReport.indexPage)\">report index</a> · \(all.count) clusters, widest spread first",
                root: ""))
        try page.write("<section>")
        if all.isEmpty { try page.write("<p class=\"muted\">No quote is repeated.</p>") }
        for c in all { try page.write(cluster(c, anchor: true)) }
        try page.write("</section>\n" + ReportStyle.foot())
        try page.close()
    }

    static let documentsTableHead =
        "<table id=\"documents\"><thead><tr><th class=\"n\">#</th><th>document</th><th class=\"n\">entities</th><th class=\"n\">quotes</th><th class=\"n\">repeats</th><th class=\"n\">warnings</th></tr></thead><tbody>\n"

    static func documentRow(_ r: ReportRecord, index: Int, page: String) -> String {
        let repeats = r.quotes.filter { $0.duplicateOf != nil }.count
        return
            "<tr><td class=\"n\">\(index)</td><td><a href=\"\(HTML.escape(page))\">\(HTML.escape(r.id))</a>\(r.outlet.map { " <span class=\"muted\">\(HTML.escape($0))</span>" } ?? "")</td>"
            + "<td class=\"n\">\(r.entities.count)</td><td class=\"n\">\(r.quotes.count)</td><td class=\"n\">\(repeats)</td><td class=\"n\">\(r.warnings.count)</td></tr>\n"
    }
}
