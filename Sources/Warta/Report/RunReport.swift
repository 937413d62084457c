import Foundation

/// `warta report OUTDIR`: the index of a run and one page per document, as static files.
///
/// Two passes over `documents.ndjson`, a line at a time: the first gathers the counts, the frequent
/// entities and speakers and the statement clusters (bounded aggregates: `BoundedCounter`, and the
/// repeated quotes only); the second writes each document's page as it reads it, then the index and
/// the cluster page. Memory holds one record and those aggregates, whatever the corpus's size. The
/// files go to a temporary folder renamed into place at the end (`ReportFolder`); the bytes depend on
/// the input only (no time, no order of a hash table).
public enum RunReport {
    static let indexPage = "index.html"
    static let clustersPage = "clusters.html"
    static let documentsPage = "documents.html"
    /// How many clusters and documents the index shows before it links to the full pages.
    static let indexRows = 25

    public struct Result {
        public var folder: String
        public var documents: Int
        /// Problems that did not stop the report (a run.json that could not be read).
        public var warnings: [String] = []
    }

    /// The report folder for an input: `DIR/report` for an output folder, `report` beside a file.
    public static func defaultFolder(for input: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
            return (input as NSString).appendingPathComponent("report")
        }
        let parent = (input as NSString).deletingLastPathComponent
        return ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent("report")
    }

    /// Writes the report of `input` (an output folder or an NDJSON file) into `folder`. `stop`: checked
    /// before each batch of records; once requested, the temporary is removed and `ReportError.interrupted`
    /// thrown, the previous report in place.
    @discardableResult
    public static func write(input: String, folder: String? = nil, stop: ReportStop? = nil) throws -> Result {
        let folderPath = folder ?? defaultFolder(for: input)
        try stop?.begin()
        try ReportFolder.refuseNonReport(folderPath)
        var (summary, recordsPath) = try summarize(input, stop: stop)
        let run = RunInfo.load(near: recordsPath)

        let out = try ReportFolder(folderPath, stop: stop)
        do {
            try out.write(ReportStyle.stylesheetName, ReportStyle.css)
            let firstRows = try writeDocumentPages(input, summary: &summary, to: out, stop: stop)
            try IndexPage.writeClustersPage(summary, to: try out.stream(clustersPage))
            try out.write(
                indexPage, IndexPage(summary: summary, run: run, input: input, firstDocuments: firstRows).render())
            try stop?.beginRenames()
            try out.commit()
        } catch {
            stop?.standDown()
            out.abandon()
            throw error
        }
        return Result(
            folder: folderPath, documents: summary.documents,
            warnings: run?.problem.map {
                ["\($0); the report leaves out the run's timings, failures and configuration"]
            } ?? [])
    }

    /// Pass 1: the aggregates (records decoded a batch at a time on every core, added in order), and the
    /// path of the records file read.
    static func summarize(_ input: String, stop: ReportStop? = nil) throws -> (CorpusSummary, String) {
        var summary = CorpusSummary()
        let first = try NDJSONLines(input)
        var lineOfId: [String: Int] = [:]
        while case let batch = try RecordBatches.next(first), !batch.isEmpty {
            try stop?.check()
            for (record, line) in batch {
                try first.claim(record.id, line: line, ids: &lineOfId)
                summary.add(record, page: ReportFolder.pageName(index: summary.documents + 1, id: record.id))
            }
        }
        return (summary, first.path)
    }

    /// Pass 2: a page per document and the list of documents; notes each original statement in
    /// `summary.clusters` in input order. Returns the first rows of the list, for the index.
    ///
    /// Pages are rendered and written on every core, a batch at a time; the last record of a batch
    /// waits for the next batch, which names its "next" page. What depends on order (the list of
    /// documents, the originals of clusters) is done after, in input order.
    static func writeDocumentPages(
        _ input: String, summary: inout CorpusSummary, to out: ReportFolder, stop: ReportStop? = nil
    ) throws -> [String] {
        let second = try NDJSONLines(input)
        let list = try out.stream(documentsPage)
        try list.write(
            ReportStyle.head(
                title: "Documents",
                subtitle: "<a href=\"\(indexPage)\">report index</a> · \(summary.documents) documents", root: "",
                script: true))
        try list.write(
            "<section><h2>Documents</h2><input class=\"filter\" type=\"search\" placeholder=\"filter by id…\" aria-label=\"filter documents\">"
                + IndexPage.documentsTableHead)
        var carried: [PageItem] = []
        var previous: String?
        var index = 0
        var firstRows: [String] = []
        var finished = false
        let clusters = summary.clusters // what the pages read of the clusters is complete after pass 1
        while !finished {
            try stop?.check()
            let batch = try RecordBatches.next(second)
            finished = batch.isEmpty
            var items = carried
            for (record, _) in batch {
                index += 1
                items.append((record, index, ReportFolder.pageName(index: index, id: record.id)))
            }
            let ready = finished ? items.count : items.count - 1
            try writePages(items, ready: ready, previous: previous, clusters: clusters, to: out)
            for item in items.prefix(ready) {
                summary.noteOriginals(item.record, page: item.page)
                let row = IndexPage.documentRow(item.record, index: item.index, page: item.page)
                try list.write(row)
                if firstRows.count < indexRows { firstRows.append(row) }
                previous = item.page
            }
            carried = Array(items.dropFirst(ready))
        }
        try list.write("</tbody></table></section>\n" + ReportStyle.foot(script: true))
        try list.close()
        return firstRows
    }

    typealias PageItem = (record: ReportRecord, index: Int, page: String)

    /// The pages of `items[..<ready]`, on every core; `previous` is the page before the first.
    static func writePages(
        _ items: [PageItem], ready: Int, previous before: String?, clusters: StatementClusters, to out: ReportFolder
    ) throws {
        _ = try RecordBatches.map(Array(0..<ready)) { k in
            let item = items[k]
            let page = DocumentPage(
                record: item.record, index: item.index, page: item.page,
                previous: k == 0 ? before : items[k - 1].page,
                next: k + 1 < items.count ? items[k + 1].page : nil, clusters: clusters)
            try out.write(item.page, page.render())
        }
    }
}

/// What the index shows of a whole run, gathered a record at a time.
struct CorpusSummary {
    var documents = 0
    var entities = 0
    var quotes = 0
    var repeats = 0
    var acronyms = 0
    var reported = 0
    var removed = 0
    var spansOutside = 0
    // Types and rule ids come from the records: counted in bounded counters too (exact for any real
    // pipeline's few hundred rules), and frequent values are kept for the first `typesKept` types.
    var entitiesPerType = BoundedCounter(capacity: 1_000)
    /// Per "TYPE rule" (entities), per quote rule, per furniture rule.
    var entityRules = BoundedCounter(capacity: 10_000)
    var quoteRules = BoundedCounter(capacity: 10_000)
    var furnitureRules = BoundedCounter(capacity: 10_000)
    var topEntities: [String: BoundedCounter] = [:]
    var speakers = BoundedCounter()
    /// Documents with warnings: how many, and the first ones with their warnings.
    var documentsWithWarnings = 0
    var warningExamples: [(id: String, page: String, warnings: [String])] = []
    var clusters = StatementClusters()

    static let warningExamplesKept = 200
    static let typesKept = 64

    mutating func add(_ r: ReportRecord, page: String) {
        documents += 1
        entities += r.entities.count
        quotes += r.quotes.count
        acronyms += r.acronyms.count
        reported += r.reportedSpeech.count
        removed += r.removed.count
        let length = r.text.unicodeScalars.count
        for e in r.entities {
            entitiesPerType.add(e.type)
            entityRules.add("\(e.type) \(e.rule ?? "–")")
            if topEntities[e.type] != nil || topEntities.count < Self.typesKept {
                topEntities[e.type, default: BoundedCounter(capacity: 20_000)].add(e.norm ?? e.text ?? "")
            }
            if !(0 <= e.start && e.start < e.end && e.end <= length) { spansOutside += 1 }
        }
        for (i, q) in r.quotes.enumerated() {
            quoteRules.add(q.rule ?? "–")
            speakers.add(q.speaker ?? "(unknown)")
            if let d = q.duplicateOf {
                repeats += 1
                clusters.addRepeat(
                    .init(
                        doc: r.id, page: page, quote: i, speaker: q.speaker, similarity: q.similarity,
                        outlet: r.outlet, excerpt: Self.excerpt(r.text, q.start, q.end)),
                    of: .init(doc: d.doc, quote: d.quote))
            }
        }
        for m in r.removed { furnitureRules.add("\(m.kind ?? "–") \(m.rule ?? "–")") }
        if !r.warnings.isEmpty {
            documentsWithWarnings += 1
            if warningExamples.count < Self.warningExamplesKept {
                warningExamples.append((r.id, page, Array(r.warnings.prefix(5))))
            }
        }
    }

    /// Notes the record's original statements (quotes that repeat none) for the clusters, in input order.
    mutating func noteOriginals(_ record: ReportRecord, page: String) {
        for (i, q) in record.quotes.enumerated() where q.duplicateOf == nil {
            clusters.noteOriginal(
                .init(
                    doc: record.id, page: page, quote: i, speaker: q.speaker, similarity: nil,
                    outlet: record.outlet, excerpt: CorpusSummary.excerpt(record.text, q.start, q.end)))
        }
    }

    /// The first 300 code points of a span, unescaped (pages escape it).
    static func excerpt(_ text: String, _ start: Int, _ end: Int) -> String {
        let scalars = text.unicodeScalars
        guard start >= 0, start <= end, end <= scalars.count else { return "" }
        let from = scalars.index(scalars.startIndex, offsetBy: start)
        let to = scalars.index(from, offsetBy: min(end - start, 300))
        return String(scalars[from..<to]) + (end - start > 300 ? "…" : "")
    }
}

/// `run.json` beside the records, when there is one (the committed seeds output has none).
struct RunInfo {
    var object: [String: Any]
    /// Why a run.json that is there could not be read (then `object` is empty): the report says so on its
    /// index page and the command warns, where it used to leave the run's part out without a word.
    var problem: String? = nil

    static func load(near documentsFile: String) -> RunInfo? {
        let path = ((documentsFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
            "run.json")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let bytes: [UInt8]
        do {
            // A run.json is a few KB: a larger one is no run's report (16 MiB bounds what is read).
            bytes = try FileBytes.read(path, limit: 16 << 20)
        } catch {
            return RunInfo(object: [:], problem: "\(error)")
        }
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(bytes)) else {
            return RunInfo(object: [:], problem: "\(path): not valid JSON")
        }
        guard let object = parsed as? [String: Any] else {
            return RunInfo(object: [:], problem: "\(path): not a JSON object")
        }
        return RunInfo(object: object)
    }
}
