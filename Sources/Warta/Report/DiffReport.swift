import Foundation

/// `warta report --diff OLD NEW`: what a rule change altered, as pages. Per document, the entities,
/// acronym pairs and quotes added, removed or changed (`ExtractionDiff`, the comparison `warta diff`
/// prints), marked in the text; on the index, a summary per type and per rule.
///
/// OLD is indexed first (each record's id and where its line is: no record kept), then NEW is read a
/// line at a time and each record is compared with the OLD line of the same id, read back from the
/// file. Memory holds two records, the ids, and the summary.
public enum DiffReport {
    public struct Result {
        public var folder: String
        /// Documents in NEW.
        public var documents: Int
        public var changedDocuments: Int
        /// Whether the runs differ (the exit status of `warta diff`): a change, or a document added or removed.
        public var differs: Bool
    }

    static let listed = 200

    /// The default report folder: `NEW/report-diff` for an output folder, `report-diff` beside a file.
    public static func defaultFolder(new: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: new, isDirectory: &isDirectory), isDirectory.boolValue {
            return (new as NSString).appendingPathComponent("report-diff")
        }
        let parent = (new as NSString).deletingLastPathComponent
        return ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent("report-diff")
    }

    public static func write(old: String, new: String, folder: String? = nil, stop: ReportStop? = nil) throws
        -> Result
    {
        let folderPath = folder ?? defaultFolder(new: new)
        try stop?.begin()
        try ReportFolder.refuseNonReport(folderPath)
        // OLD: where each record's line is.
        let oldLines = try NDJSONLines(old)
        var oldLine: [String: (offset: Int, count: Int, line: Int)] = [:]
        var oldOrder: [String] = []
        var lineOfOld: [String: Int] = [:]
        while let record = try oldLines.nextRecord(ids: &lineOfOld) {
            oldLine[record.id] = (oldLines.lineOffset, oldLines.lineLength, oldLines.lineNumber)
            oldOrder.append(record.id)
        }

        let out = try ReportFolder(folderPath, stop: stop)
        var summary = DiffSummary()
        do {
            try out.write(ReportStyle.stylesheetName, ReportStyle.css)
            let newLines = try NDJSONLines(new)
            var lineOfNew: [String: Int] = [:]
            while let n = try newLines.nextRecord(ids: &lineOfNew) {
                try stop?.check()
                summary.documents += 1
                guard let at = oldLine[n.id] else {
                    summary.added.append(n.id)
                    continue
                }
                let bytes = try oldLines.bytes(at: at.offset, count: at.count)
                let o = try ReportRecord.decode(bytes[...], file: oldLines.path, lineNumber: at.line)
                let changes = ExtractionDiff(old: [o.evalRecord], new: [n.evalRecord]).changes
                guard !changes.isEmpty else { continue }
                let page = ReportFolder.pageName(index: summary.documents, id: n.id)
                summary.add(changes, old: o, new: n, page: page)
                try out.write(page, DiffPage(old: o, new: n, changes: changes, page: page).render())
            }
            summary.removed = oldOrder.filter { lineOfNew[$0] == nil }
            try out.write(RunReport.indexPage, DiffIndexPage(summary: summary, old: old, new: new).render())
            try stop?.beginRenames()
            try out.commit()
        } catch {
            stop?.standDown()
            out.abandon()
            throw error
        }
        return Result(
            folder: folderPath, documents: summary.documents, changedDocuments: summary.changedDocuments,
            differs: summary.changedDocuments > 0 || !summary.added.isEmpty || !summary.removed.isEmpty)
    }
}

extension ReportRecord {
    /// The record as `ExtractionDiff` compares it.
    var evalRecord: EvalRecord {
        EvalRecord(
            id: id, text: text,
            entities: entities.map { .init(type: $0.type, start: $0.start, end: $0.end, norm: $0.norm) },
            acronyms: acronyms.map {
                .init(
                    short: $0.short.start..<max($0.short.start, $0.short.end),
                    long: $0.long.start..<max($0.long.start, $0.long.end))
            },
            quotes: quotes.map {
                .init(
                    start: $0.start, end: $0.end, speaker: $0.speaker,
                    duplicateOf: $0.duplicateOf.map { ($0.doc, $0.quote) })
            })
    }

    /// The rule that found the entity or quote a change is about.
    func rule(of change: ExtractionDiff.Change) -> String {
        switch change.layer {
        case "QUOTE": return quotes.first { $0.start == change.start && $0.end == change.end }?.rule ?? "–"
        case "ACRONYM": return "acronyms"
        default:
            return entities.first { $0.type == change.layer && $0.start == change.start && $0.end == change.end }?.rule
                ?? "–"
        }
    }
}

/// The diff's counts: per layer and kind, per rule and kind, and the documents.
struct DiffSummary {
    var documents = 0
    var changedDocuments = 0
    var added: [String] = []
    var removed: [String] = []
    /// [layer: [kind: count]] and ["layer rule": [kind: count]].
    var perLayer: [String: [String: Int]] = [:]
    var perRule: [String: [String: Int]] = [:]
    /// The changed documents: the first `listed` with their counts.
    var changed: [(id: String, page: String, added: Int, removed: Int, changed: Int)] = []

    mutating func add(_ changes: [ExtractionDiff.Change], old: ReportRecord, new: ReportRecord, page: String) {
        changedDocuments += 1
        var counts = [String: Int]()
        for c in changes {
            perLayer[c.layer, default: [:]][c.kind.rawValue, default: 0] += 1
            let rule = (c.kind == .removed ? old : new).rule(of: c)
            perRule["\(c.layer) \(rule)", default: [:]][c.kind.rawValue, default: 0] += 1
            counts[c.kind.rawValue, default: 0] += 1
        }
        if changed.count < DiffReport.listed {
            changed.append((new.id, page, counts["added"] ?? 0, counts["removed"] ?? 0, counts["changed"] ?? 0))
        }
    }
}

/// One changed document: its text with the changes marked, and the changes as a table.
struct DiffPage {
    var old: ReportRecord
    var new: ReportRecord
    var changes: [ExtractionDiff.Change]
    var page: String

    static func mark(_ c: ExtractionDiff.Change, rule: String) -> SpanMarkup.Span {
        let sign = c.kind == .added ? "+" : c.kind == .removed ? "−" : "~"
        let tag = c.kind == .added ? "ins" : c.kind == .removed ? "del" : "mark"
        let info = "\(c.kind.rawValue) \(c.layer) · \(rule)" + (c.detail.isEmpty ? "" : " · \(c.detail)")
        let attributes =
            "class=\"d k-\(c.kind.rawValue)-mark\" data-kind=\"\(c.kind.rawValue)\" data-layer=\"\(HTML.escape(c.layer))\" data-mark=\"\(sign)\(HTML.escape(c.layer))\" title=\"\(HTML.escape(info))\""
        return .init(start: c.start, end: c.end, open: "<\(tag) \(attributes)>", close: "</\(tag)>")
    }

    func render() -> String {
        let sameText = old.text == new.text
        let oldText = SpanText(sameText ? "" : old.text)
        let newScalars = SpanText(new.text)
        var markup = SpanMarkup()
        var oldMarkup = SpanMarkup()
        for c in changes {
            let rule = (c.kind == .removed ? old : new).rule(of: c)
            if c.kind == .removed && !sameText {
                oldMarkup.add(Self.mark(c, rule: rule), textLength: oldText.count)
            } else {
                markup.add(Self.mark(c, rule: rule), textLength: newScalars.count)
            }
        }
        let subtitle =
            "<a href=\"../\(RunReport.indexPage)\">diff index</a> · \(changes.count) change\(changes.count == 1 ? "" : "s")"
        var html = ReportStyle.head(title: new.id, subtitle: subtitle, root: "../")
        html +=
            "<section><h2>\(sameText ? "Text" : "New text")</h2><p><ins class=\"d\" data-mark=\"+\">added</ins> <del class=\"d\" data-mark=\"−\">removed</del> "
        html +=
            "<mark class=\"d\" data-mark=\"~\">changed</mark> <span class=\"muted\">(hover for the rule and what changed)</span></p>"
        let newMarked = markup.rendered(newScalars)
        if newMarked.crossing > 0 { html += "<p class=\"warn\">\(SpanMarkup.crossingNote(newMarked.crossing))</p>" }
        html += "<div class=\"doctext\" id=\"text\">\(newMarked.html)</div></section>\n"
        if !sameText {
            let oldMarked = oldMarkup.rendered(oldText)
            html +=
                "<section><h2>Old text</h2><p class=\"muted\">The text itself changed, so what was removed is marked in the old one.</p>"
            if oldMarked.crossing > 0 {
                html += "<p class=\"warn\">\(SpanMarkup.crossingNote(oldMarked.crossing))</p>"
            }
            html += "<div class=\"doctext\" id=\"old-text\">\(oldMarked.html)</div></section>\n"
        }
        html +=
            "<section><h2>Changes</h2><table id=\"changes\"><thead><tr><th></th><th>layer</th><th>rule</th><th>offsets</th><th>text</th><th>what changed</th></tr></thead><tbody>\n"
        for c in changes {
            let rule = (c.kind == .removed ? old : new).rule(of: c)
            html +=
                "<tr data-kind=\"\(c.kind.rawValue)\"><td class=\"k-\(c.kind.rawValue)\">\(c.kind.rawValue)</td><td>\(HTML.escape(c.layer))</td><td><code>\(HTML.escape(rule))</code></td>"
            html +=
                "<td>\(DocumentPage.offsets(c.start, c.end))</td><td>\(HTML.escape(c.text))</td><td>\(HTML.escape(c.detail))</td></tr>\n"
        }
        return html + "</tbody></table></section>\n" + ReportStyle.foot()
    }
}

/// The diff's front page: the figures, the summary per type and per rule, the changed documents.
struct DiffIndexPage {
    var summary: DiffSummary
    var old: String
    var new: String

    func render() -> String {
        let s = summary
        var html = ReportStyle.head(
            title: "warta report: diff",
            subtitle: "old <code>\(HTML.escape(old))</code> → new <code>\(HTML.escape(new))</code>", root: "",
            script: true)
        html += "<section><h2>Summary</h2><div class=\"figures\" id=\"counts\">"
        for (label, value) in [
            ("documents", s.documents), ("changed", s.changedDocuments), ("documents added", s.added.count),
            ("documents removed", s.removed.count)
        ] {
            html +=
                "<div class=\"figure\" data-count=\"\(HTML.token(label))\"><b>\(value)</b><span>\(label)</span></div>"
        }
        html += "</div>"
        if s.changedDocuments == 0 && s.added.isEmpty && s.removed.isEmpty { html += "<p>No differences.</p>" }
        html +=
            "<h3>Per type</h3><table id=\"per-type\"><thead><tr><th>layer</th><th class=\"n\">added</th><th class=\"n\">removed</th><th class=\"n\">changed</th></tr></thead><tbody>"
        for layer in IndexPage.orderedTypes(s.perLayer.keys) {
            html +=
                "<tr data-layer=\"\(HTML.escape(layer))\"><td>\(Self.layerChip(layer))</td>"
                + Self.counts(s.perLayer[layer]!) + "</tr>"
        }
        html +=
            "</tbody></table>\n<h3>Per rule</h3><input class=\"filter\" type=\"search\" placeholder=\"filter rules…\" aria-label=\"filter rules\">"
        html +=
            "<table id=\"per-rule\"><thead><tr><th>layer</th><th>rule</th><th class=\"n\">added</th><th class=\"n\">removed</th><th class=\"n\">changed</th></tr></thead><tbody>"
        for key in s.perRule.keys.sorted() {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            html +=
                "<tr><td>\(Self.layerChip(parts[0]))</td><td><code>\(HTML.escape(parts.count > 1 ? parts[1] : ""))</code></td>"
                + Self.counts(s.perRule[key]!) + "</tr>"
        }
        html += "</tbody></table></section>\n"
        html +=
            "<section><h2>Changed documents (\(s.changedDocuments))</h2><table id=\"changed\"><thead><tr><th>document</th><th class=\"n\">added</th><th class=\"n\">removed</th><th class=\"n\">changed</th></tr></thead><tbody>"
        for d in s.changed {
            html +=
                "<tr><td><a href=\"\(HTML.escape(d.page))\">\(HTML.escape(d.id))</a></td><td class=\"n k-added\">\(d.added)</td><td class=\"n k-removed\">\(d.removed)</td><td class=\"n k-changed\">\(d.changed)</td></tr>"
        }
        html += "</tbody></table>"
        if s.changedDocuments > s.changed.count {
            html +=
                "<p class=\"muted\">… and \(s.changedDocuments - s.changed.count) more (their pages are in doc/).</p>"
        }
        html += "</section>\n"
        for (title, ids) in [("Documents only in NEW", s.added), ("Documents only in OLD", s.removed)]
        where !ids.isEmpty {
            html +=
                "<section><h2>\(title) (\(ids.count))</h2><ul>"
                + ids.prefix(DiffReport.listed).map { "<li><code>\(HTML.escape($0))</code></li>" }.joined()
            html +=
                (ids.count > DiffReport.listed
                    ? "<li class=\"muted\">… and \(ids.count - DiffReport.listed) more</li>" : "") + "</ul></section>\n"
        }
        return html + ReportStyle.foot(script: true)
    }

    static func layerChip(_ layer: String) -> String {
        ReportStyle.types.contains { $0.name == layer }
            ? "<mark class=\"chip t-\(layer)\">\(layer)</mark>" : HTML.escape(layer)
    }

    static func counts(_ k: [String: Int]) -> String {
        "<td class=\"n k-added\">\(k["added"] ?? 0)</td><td class=\"n k-removed\">\(k["removed"] ?? 0)</td><td class=\"n k-changed\">\(k["changed"] ?? 0)</td>"
    }
}
