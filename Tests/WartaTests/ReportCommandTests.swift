import Foundation
import XCTest

@testable import Warta

/// `warta report` run as a user runs it, on the committed seeds output and on hostile or edited copies.
final class ReportCommandTests: XCTestCase {

    func warta(_ arguments: [String]) throws -> ProcessResult {
        let binary = try XCTUnwrap(EndToEndTests.binary, "warta is not built: run `swift build` first")
        return try runProcess(binary, arguments)
    }

    /// A copy of the committed `output/` folder (its NDJSON only), so that the report is written elsewhere.
    func seedsCopy() throws -> URL {
        let folder = try temporaryDirectory(self).appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Repo.root.appendingPathComponent("output/documents.ndjson"),
            to: folder.appendingPathComponent("documents.ndjson"))
        return folder
    }

    func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Every file of a folder, by relative path.
    func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                result[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
            }
        }
        return result
    }

    /// Every `href` and `src` of every page points to a file of the report (and an anchor it has).
    func assertLinksStayInside(_ folder: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let all = try files(folder)
        let regex = try NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        for (path, data) in all where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for match in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let link = String(html[Range(match.range(at: 1), in: html)!])
                XCTAssertFalse(link.contains(":"), "\(path): \(link) leaves the report", file: file, line: line)
                XCTAssertFalse(link.hasPrefix("/"), "\(path): \(link)", file: file, line: line)
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                var target = path
                if !parts[0].isEmpty {
                    let resolved = URL(
                        fileURLWithPath: parts[0],
                        relativeTo: folder.appendingPathComponent(path).deletingLastPathComponent()
                    ).standardizedFileURL.path
                    XCTAssertTrue(
                        resolved.hasPrefix(folder.standardizedFileURL.path + "/"), "\(path): \(link) leaves the report",
                        file: file, line: line)
                    target = String(resolved.dropFirst(folder.standardizedFileURL.path.count + 1))
                }
                XCTAssertNotNil(all[target], "\(path): \(link) points to no file", file: file, line: line)
                if parts.count == 2, let page = all[target] {
                    XCTAssertTrue(
                        String(decoding: page, as: UTF8.self).contains("id=\"\(parts[1])\""),
                        "\(path): \(link): no anchor", file: file, line: line)
                }
            }
        }
    }

    /// The elements of a page nest (void elements aside), and no tag's text leaks into the page.
    func assertWellFormed(_ html: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let void: Set<String> = ["meta", "link", "input", "br", "img", "!DOCTYPE"]
        var stack: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            XCTAssertFalse(
                rest[..<open].contains(">"), "\(name): stray '>' before \(rest[open...].prefix(60))", file: file,
                line: line)
            guard let close = rest[open...].firstIndex(of: ">") else {
                XCTFail("\(name): unclosed tag", file: file, line: line); return
            }
            let tag = rest[rest.index(after: open)..<close]
            let tagName = String(tag.prefix { $0 != " " })
            if tagName.hasPrefix("/") {
                XCTAssertEqual(
                    stack.popLast(), String(tagName.dropFirst()), "\(name): at \(rest[open...].prefix(80))", file: file,
                    line: line)
            } else if !void.contains(tagName) {
                stack.append(tagName)
            }
            rest = rest[rest.index(after: close)...]
        }
        XCTAssertEqual(stack, [], "\(name): unclosed", file: file, line: line)
    }

    func testSeedsReport() throws {
        let out = try seedsCopy()
        let result = try warta(["report", out.path])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let report = out.appendingPathComponent("report")
        let index = try read(report.appendingPathComponent("index.html"))
        XCTAssertTrue(index.contains("<div class=\"figure\" data-count=\"documents\"><b>5</b>"), index)
        XCTAssertTrue(index.contains("No <code>run.json</code> beside the records"))
        XCTAssertTrue(index.contains("<td>Derek Hegemur</td><td class=\"n\">5</td>"), "top speaker")
        XCTAssertTrue(index.contains("<code>person.after-role</code>"), "rule counts")
        // Counts per type and the most frequent entities (by norm), from the records themselves.
        let records = try read(out.appendingPathComponent("documents.ndjson")).split(separator: "\n").map {
            try jsonObject(Array($0.utf8))
        }
        let all = records.flatMap { $0["entities"] as! [[String: Any]] }
        let persons = all.filter { $0["type"] as! String == "PERSON" }.count
        XCTAssertTrue(
            index.contains(
                "<tr data-type=\"PERSON\"><td><mark class=\"chip t-PERSON\">PERSON</mark></td><td class=\"n\">\(persons)</td>"
            ))
        let jayapura = all.filter { $0["type"] as! String == "LOC" && $0["norm"] as? String == "Kabupaten Jayapura" }
            .count
        XCTAssertGreaterThan(jayapura, 1)
        XCTAssertTrue(index.contains("<tr><td>Kabupaten Jayapura</td><td class=\"n\">\(jayapura)</td></tr>"))
        // The repeated quote of seed 000 is a cluster: its first occurrence (quote 1) and the repeat (quote 4).
        let clusters = try read(report.appendingPathComponent("clusters.html"))
        XCTAssertTrue(clusters.contains("<div class=\"cluster\" id=\"c1\" data-cluster=\"c1\">"))
        XCTAssertTrue(
            clusters.contains(
                "<tr><td>first</td><td><a href=\"doc/000001-000_d2a72559a5a40c36.html#q1\">000_d2a72559a5a40c36</a>"),
            clusters)
        XCTAssertTrue(
            clusters.contains(
                "<tr><td>repeat</td><td><a href=\"doc/000001-000_d2a72559a5a40c36.html#q4\">000_d2a72559a5a40c36</a>"),
            clusters)
        XCTAssertTrue(clusters.contains("Dengan begitu tidak terpengaruh dengan kegiatan-kegiatan politik"))

        let page = try read(report.appendingPathComponent("doc/000001-000_d2a72559a5a40c36.html"))
        let record = try jsonObject(
            Array(try Data(contentsOf: out.appendingPathComponent("documents.ndjson")).split(separator: 0x0A)[0]))
        // Every entity is marked with its type, rule and (when it has one) norm, and encloses its text.
        for (i, e) in (record["entities"] as! [[String: Any]]).enumerated() {
            let type = e["type"] as! String, rule = e["rule"] as! String
            XCTAssertTrue(
                page.contains("<mark id=\"e\(i)\" class=\"ent t-\(type)\" data-type=\"\(type)\" data-rule=\"\(rule)\""),
                "entity \(i)")
        }
        XCTAssertTrue(page.contains("data-norm=\"Derek Hegemur\""))
        // ROLE "Pelaksana Tugas Sekretaris Daerah (Sekda) Provinsi Papua" holds the LOC "Provinsi Papua": nested marks.
        XCTAssertTrue(
            page.range(
                of:
                    #"data-type="ROLE"[^>]*>Pelaksana Tugas Sekretaris Daerah \(Sekda\) <mark id="e\d+" class="ent t-LOC"[^>]*>Provinsi Papua"#,
                options: .regularExpression) != nil)
        // Quotes carry their speaker and link to their cluster.
        XCTAssertTrue(
            page.contains("<span id=\"q4\" class=\"quote repeat\" data-speaker=\"Derek Hegemur\" data-cluster=\"c1\">"))
        XCTAssertTrue(page.contains("<a class=\"said cluster\" href=\"../clusters.html#c1\""))
        XCTAssertTrue(page.contains("<span class=\"said\">Derek Hegemur</span>"))
        XCTAssertTrue(page.contains("<code>furniture.also-published</code>"), "removed furniture listed")
        XCTAssertTrue(page.contains("<h2>Acronym pairs (5)</h2>"))
        try assertLinksStayInside(report)
        XCTAssertEqual(try files(report).keys.filter { $0.hasPrefix("doc/") }.count, 5)
        for (path, data) in try files(report) where path.hasSuffix(".html") {
            assertWellFormed(
                String(decoding: data, as: UTF8.self).replacingOccurrences(of: ReportStyle.script, with: ""), path)
        }
    }

    func testSameInputSameBytes() throws {
        let out = try seedsCopy()
        // What a killed report leaves (its temporary, the previous report, the watchdog's) is removed by the
        // next one; names that only begin like them are the user's and stay (they were removed as prefixes).
        let stale = [".report.tmp-999999/doc", ".report.old-12", ".report.tmp-7.stopped"]
        let users = [".report.tmp-notes", ".report.old-", ".report.old-12x", ".report.tmp-3.stopped.bak"]
        for name in stale + users {
            try FileManager.default.createDirectory(
                at: out.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        XCTAssertEqual(try warta(["report", out.path]).status, 0)
        let first = try files(out.appendingPathComponent("report"))
        for name in stale {
            let top = String(name.split(separator: "/")[0])
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent(top).path), top)
        }
        for name in users {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        XCTAssertEqual(try warta(["report", out.path, "--to", out.appendingPathComponent("again").path]).status, 0)
        XCTAssertEqual(try files(out.appendingPathComponent("again")), first)
    }

    /// An article holding markup, a closing textarea, quotes and control characters, under an id made of
    /// path parts: all of it shows as text, no element comes from it, and the page name stays inside.
    func testHostileRecordShowsAsText() throws {
        let folder = try temporaryDirectory(self)
        let text = "<script>alert(1)</script></textarea><img src=x onerror=alert(2)> \"Dia\u{1}\" & <b>Derek</b>"
        let scalars = text.unicodeScalars.count
        let record: [String: Any] = [
            "id": "../../x/<script>\"", "text": text,
            "entities": [
                [
                    "type": "PERSON\"><script>alert(3)</script>", "start": 0, "end": 8,
                    "norm": "\"><script>alert(4)</script>", "rule": "<r>"
                ],
                ["type": "PERSON", "start": 60, "end": 99_999, "norm": NSNull(), "rule": "outside"]
            ],
            "quotes": [
                ["start": 76, "end": 80, "speaker": "</span><script>alert(5)</script>", "duplicate_of": NSNull()]
            ],
            "removed": [
                ["kind": "<k>", "rule": "r", "raw_start": 0, "raw_end": 1, "text": "</td><script>alert(6)</script>"]
            ],
            "warnings": ["<script>alert(7)</script>"]
        ]
        XCTAssertLessThan(80, scalars)
        let ndjson = folder.appendingPathComponent("documents.ndjson")
        try JSONSerialization.data(withJSONObject: record).write(to: ndjson)
        let result = try warta(["report", folder.path])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let report = folder.appendingPathComponent("report")
        for (path, data) in try files(report) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            // Only the report's own filter script, on the pages that have it.
            let scripts = html.components(separatedBy: "<script").count - 1
            XCTAssertEqual(scripts, ["index.html", "documents.html"].contains(path) ? 1 : 0, path)
            XCTAssertFalse(html.contains("<img"), path)
            XCTAssertFalse(html.contains("alert(1)</script>"), path)
            XCTAssertFalse(html.contains("\u{1}"), path)
        }
        let pages = try files(report).keys.filter { $0.hasPrefix("doc/") }
        XCTAssertEqual(pages, ["doc/000001-x-script.html"])
        let page = try read(report.appendingPathComponent(pages[0]))
        XCTAssertTrue(page.contains("alert(1)&lt;/script&gt;&lt;/textarea&gt;&lt;img src=x onerror=alert(2)&gt;"), page)
        XCTAssertTrue(page.contains("1 span(s) outside the text or empty were not marked."))
        try assertLinksStayInside(report)
    }

    func testBadInputExitsTwoAndKeepsThePreviousReport() throws {
        let out = try seedsCopy()
        XCTAssertEqual(try warta(["report", out.path]).status, 0)
        let before = try files(out.appendingPathComponent("report"))
        let ndjson = out.appendingPathComponent("documents.ndjson")
        var lines = try read(ndjson)
        lines += "{\"id\": \"broken\", \"entities\": [{\"type\": \"PERSON\"}]}\n"
        try lines.write(to: ndjson, atomically: true, encoding: .utf8)
        let result = try warta(["report", out.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(
            result.stderrText.contains("documents.ndjson:6: missing 'start' at .entities[0]"), result.stderrText)
        XCTAssertEqual(try files(out.appendingPathComponent("report")), before)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }, [],
            "temporaries left")
        let missing = try warta(["report", out.appendingPathComponent("nothing").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderrText.contains("cannot read (No such file or directory)"), missing.stderrText)
        // Records are linked by id: a second record under one id is refused, in a report and in a diff.
        let twice = out.appendingPathComponent("twice.ndjson")
        let first = try read(Repo.root.appendingPathComponent("output/documents.ndjson")).split(separator: "\n")[0]
        try (first + "\n" + first + "\n").write(to: twice, atomically: true, encoding: .utf8)
        for arguments in [["report", twice.path], ["report", "--diff", twice.path, twice.path]] {
            let duplicate = try warta(arguments)
            XCTAssertEqual(duplicate.status, 2)
            XCTAssertTrue(
                duplicate.stderrText.contains(
                    "twice.ndjson:2: duplicate document id '000_d2a72559a5a40c36' (first on line 1)"),
                duplicate.stderrText)
        }
        // A folder that is not a report is never replaced by one (the output folder itself, here).
        let onto = try warta(["report", out.path, "--to", out.path])
        XCTAssertEqual(onto.status, 2)
        XCTAssertTrue(
            onto.stderrText.contains("the folder exists and is not a report (no report.css)"), onto.stderrText)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("documents.ndjson").path))
        // A folder that cannot be made: the message says which and why.
        let underFile = try warta([
            "report", Repo.root.appendingPathComponent("output").path, "--to",
            out.appendingPathComponent("documents.ndjson/report").path
        ])
        XCTAssertEqual(underFile.status, 2)
        XCTAssertTrue(
            underFile.stderrText.contains("documents.ndjson/report: cannot write (cannot create "), underFile.stderrText
        )
        XCTAssertTrue(underFile.stderrText.contains(": Not a directory)"), underFile.stderrText)
        XCTAssertEqual(try warta(["report"]).status, 64)
        XCTAssertEqual(try warta(["report", "--diff", out.path]).status, 64)
    }

    /// A hand-edited copy of the seeds: one entity removed, one added, a norm and a speaker changed.
    func testDiffReportMarksTheChanges() throws {
        let out = try seedsCopy()
        let lines = try read(out.appendingPathComponent("documents.ndjson")).split(separator: "\n").map(String.init)
        var first = try jsonObject(Array(lines[0].utf8))
        var entities = first["entities"] as! [[String: Any]]
        let removed = entities.remove(at: 3)
        entities[1]["norm"] = "Antara News"
        entities.append([
            "type": "ORG", "start": 155, "end": 158, "text": "ASN", "norm": NSNull(), "rule": "test.added",
            "person": NSNull()
        ])
        first["entities"] = entities
        var quotes = first["quotes"] as! [[String: Any]]
        quotes[0]["speaker"] = "Someone Else"
        first["quotes"] = quotes
        let edited = try temporaryDirectory(self).appendingPathComponent("new.ndjson")
        let newLines =
            [String(decoding: try JSONSerialization.data(withJSONObject: first), as: UTF8.self)] + lines.dropFirst()
        try (newLines.joined(separator: "\n") + "\n").write(to: edited, atomically: true, encoding: .utf8)

        let result = try warta([
            "report", "--diff", out.path, edited.path, "--to", out.appendingPathComponent("diff").path
        ])
        XCTAssertEqual(result.status, 1, result.stderrText)
        let diff = out.appendingPathComponent("diff")
        let index = try read(diff.appendingPathComponent("index.html"))
        XCTAssertTrue(index.contains("<div class=\"figure\" data-count=\"changed\"><b>1</b>"))
        XCTAssertTrue(
            index.contains(
                "<code>\(removed["rule"] as! String)</code><td class=\"n k-added\">0</td><td class=\"n k-removed\">1</td>"
            )
                || index.contains(
                    "<code>\(removed["rule"] as! String)</code></td><td class=\"n k-added\">0</td><td class=\"n k-removed\">1</td>"
                ), "per rule")
        XCTAssertTrue(index.contains("<code>test.added</code></td><td class=\"n k-added\">1</td>"))
        let page = try read(diff.appendingPathComponent("doc/000001-000_d2a72559a5a40c36.html"))
        XCTAssertTrue(
            page.contains(
                "<del class=\"d k-removed-mark\" data-kind=\"removed\" data-layer=\"\(removed["type"] as! String)\""))
        XCTAssertTrue(
            page.contains(
                "<ins class=\"d k-added-mark\" data-kind=\"added\" data-layer=\"ORG\" data-mark=\"+ORG\" title=\"added ORG · test.added\">ASN</ins>"
            ), page)
        XCTAssertTrue(
            page.contains("title=\"changed ORG · org.media-domain · norm")
                || page.contains("data-kind=\"changed\" data-layer=\"ORG\""))
        XCTAssertTrue(page.contains("speaker Derek Hegemur -&gt; Someone Else"))
        try assertLinksStayInside(diff)
        for (path, data) in try files(diff) where path.hasSuffix(".html") {
            assertWellFormed(
                String(decoding: data, as: UTF8.self).replacingOccurrences(of: ReportStyle.script, with: ""), path)
        }
        // The same runs: exit 0, as `warta diff`.
        let same = try warta(["report", "--diff", out.path, out.path, "--to", out.appendingPathComponent("same").path])
        XCTAssertEqual(same.status, 0, same.stderrText)
        XCTAssertTrue(try read(out.appendingPathComponent("same/index.html")).contains("No differences."))
        XCTAssertEqual(try warta(["diff", out.path, edited.path]).status, 1)
    }
}

extension ReportCommandTests {
    func testRunWithReport() throws {
        let out = try temporaryDirectory(self).appendingPathComponent("run")
        let result = try warta(["run", "seeds", "--out", out.path, "--report", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let index = try read(out.appendingPathComponent("report/index.html"))
        XCTAssertTrue(index.contains("<th>pipeline</th><td class=\"mono\">default</td>"), "run.json read")
        XCTAssertTrue(index.contains("<td>stage tag</td>"), "timings")
        XCTAssertEqual(try warta(["run", "seeds", "--out", "-", "--report"]).status, 64)
        // A report folder holding something else is refused (exit 2); the run's outputs are in place.
        let other = try temporaryDirectory(self).appendingPathComponent("other")
        let report = other.appendingPathComponent("report")
        try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: report.appendingPathComponent("notes.txt"))
        let refused = try warta(["run", "seeds", "--out", other.path, "--report", "--quiet"])
        XCTAssertEqual(refused.status, 2, refused.stderrText)
        XCTAssertEqual(try read(report.appendingPathComponent("notes.txt")), "mine")
        XCTAssertTrue(FileManager.default.fileExists(atPath: other.appendingPathComponent("documents.ndjson").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: other.appendingPathComponent("run.json").path))
    }
}

extension ReportCommandTests {
    /// Pages are written a batch at a time on every core (RecordBatches): across batch boundaries each
    /// page still links to its neighbours, and the list keeps input order.
    func testPreviousAndNextAcrossBatches() throws {
        let folder = try temporaryDirectory(self)
        let seeds = try read(Repo.root.appendingPathComponent("output/documents.ndjson")).split(separator: "\n").map {
            try jsonObject(Array($0.utf8))
        }
        let count = RecordBatches.size * 2 + 7
        var lines: [String] = []
        for i in 0..<count {
            var record = seeds[i % seeds.count]
            record["id"] = "doc \(i)"
            record["quotes"] = []
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self))
        }
        try (lines.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("documents.ndjson"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try warta(["report", folder.path]).status, 0)
        let names = (1...count).map { ReportFolder.pageName(index: $0, id: "doc \($0 - 1)") }
        for (i, name) in names.enumerated() {
            let page = try read(folder.appendingPathComponent("report").appendingPathComponent(name))
            let file = { (n: String) in String(n.dropFirst("doc/".count)) }
            XCTAssertEqual(page.contains("<a href=\"\(i > 0 ? file(names[i - 1]) : "")\" rel=\"prev\">"), i > 0, name)
            XCTAssertEqual(
                page.contains("<a href=\"\(i + 1 < count ? file(names[i + 1]) : "")\" rel=\"next\">"), i + 1 < count,
                name)
            XCTAssertTrue(page.contains("<title>doc \(i)</title>"), name)
        }
        let list = try read(folder.appendingPathComponent("report/documents.html"))
        let positions = names.map { list.range(of: "href=\"\($0)\"")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
    }
}

extension ReportCommandTests {
    /// What run.json says went wrong, the documents' own warnings and a stdin record's outlet reach the index.
    func testProblemsWarningsAndOutlets() throws {
        let out = try seedsCopy()
        let run: [String: Any] = [
            "pipeline": "default", "configuration_sha256": "abc123", "documents": 5, "failed": 1, "seconds": 1.25,
            "stage_seconds": ["tag": 0.5], "incremental": false,
            "problems": [["source": "in/bad.txt", "problem": "binary file <NUL>"]],
            "warnings": [["id": "x", "warning": "invalid UTF-8: 2 byte sequence(s) replaced by U+FFFD"]],
            "skipped": [["path": "in/loop", "reason": "symlink loop"]]
        ]
        try JSONSerialization.data(withJSONObject: run).write(to: out.appendingPathComponent("run.json"))
        let ndjson = out.appendingPathComponent("documents.ndjson")
        var lines = try read(ndjson).split(separator: "\n").map(String.init)
        var last = try jsonObject(Array(lines[4].utf8))
        last["warnings"] = ["a <warning>"]
        last["meta"] = ["outlet": "Antara <news>"]
        lines[4] = String(decoding: try JSONSerialization.data(withJSONObject: last), as: UTF8.self)
        try (lines.joined(separator: "\n") + "\n").write(to: ndjson, atomically: true, encoding: .utf8)
        XCTAssertEqual(try warta(["report", out.path]).status, 0)
        let index = try read(out.appendingPathComponent("report/index.html"))
        XCTAssertTrue(index.contains("<div class=\"figure\" data-count=\"failed\"><b>1</b>"))
        XCTAssertTrue(
            index.contains(
                "<h3>Inputs that failed (1)</h3><ul><li class=\"warn\">problem: binary file &lt;NUL&gt;, source: in/bad.txt</li>"
            ), index)
        XCTAssertTrue(index.contains("<h3>Warnings (1)</h3>"))
        XCTAssertTrue(
            index.contains("<h3>Inputs skipped (1)</h3><ul><li class=\"warn\">path: in/loop, reason: symlink loop</li>")
        )
        XCTAssertTrue(index.contains("<h3>Documents with warnings (1)</h3>"))
        XCTAssertTrue(index.contains("<span class=\"warn\">a &lt;warning&gt;</span>"))
        XCTAssertTrue(index.contains("<th>incremental</th><td class=\"mono\">false</td>"))
        XCTAssertTrue(index.contains("<td>stage tag</td><td class=\"n\">0.5</td>"))
        XCTAssertTrue(index.contains("<span class=\"muted\">Antara &lt;news&gt;</span>"), "outlet in the document list")
    }

    /// When the text itself changed, what was removed is marked in the old text.
    func testDiffWithAChangedText() throws {
        let out = try seedsCopy()
        let lines = try read(out.appendingPathComponent("documents.ndjson")).split(separator: "\n").map(String.init)
        var first = try jsonObject(Array(lines[0].utf8))
        first["text"] = "Baru. " + (first["text"] as! String)
        first["entities"] = []
        let edited = out.appendingPathComponent("new.ndjson")
        try ([String(decoding: try JSONSerialization.data(withJSONObject: first), as: UTF8.self)] + lines.dropFirst())
            .joined(separator: "\n")
            .write(to: edited, atomically: true, encoding: .utf8)
        XCTAssertEqual(
            try warta(["report", "--diff", out.path, edited.path, "--to", out.appendingPathComponent("diff").path])
                .status, 1)
        let page = try read(out.appendingPathComponent("diff/doc/000001-000_d2a72559a5a40c36.html"))
        let old = try XCTUnwrap(
            page.range(of: "<div class=\"doctext\" id=\"old-text\">").map { String(page[$0.upperBound...]) })
        XCTAssertTrue(old.hasPrefix("<del class=\"d k-removed-mark\" data-kind=\"removed\" data-layer=\"LOC\""), old)
        let oldEntities = (try jsonObject(Array(lines[0].utf8))["entities"] as! [[String: Any]]).count
        XCTAssertEqual(old.components(separatedBy: "<del ").count - 1, oldEntities, "every entity of the old record")
    }
}

extension ReportCommandTests {
    /// A run.json that is there but cannot be read (not JSON, not an object, too large) was left out
    /// without a word, as if there were none (the breaker's report): the report is still written (exit 0),
    /// its index says why the run's part is missing, and stderr warns, also with --quiet.
    func testAnUnreadableRunJSONIsNamed() throws {
        let cases: [(bytes: [UInt8]?, sparse: Bool, reason: String)] = [
            (Array("{\"garbage\": [1,2".utf8), false, "not valid JSON"),
            (Array("[1, 2]".utf8), false, "not a JSON object"),
            (nil, true, "more than the 16777216 bytes a file is read whole with")
        ]
        for c in cases {
            let out = try seedsCopy()
            let runFile = out.appendingPathComponent("run.json")
            if let bytes = c.bytes {
                try Data(bytes).write(to: runFile)
            } else {
                // A sparse file of 32 MiB: over the 16 MiB a run.json may have, without writing it.
                XCTAssertTrue(FileManager.default.createFile(atPath: runFile.path, contents: nil))
                XCTAssertEqual(truncate(runFile.path, 32 << 20), 0)
            }
            let result = try warta(["report", out.path, "--quiet"])
            XCTAssertEqual(result.status, 0, result.stderrText)
            XCTAssertTrue(
                result.stderrText.contains("warta report: warning: \(runFile.path)"),
                "\(c.reason): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains(c.reason), "\(c.reason): \(result.stderrText)")
            XCTAssertTrue(
                result.stderrText.contains("the report leaves out the run's timings, failures and configuration"),
                result.stderrText)
            let index = try read(out.appendingPathComponent("report/index.html"))
            XCTAssertTrue(index.contains("<code>run.json</code> could not be read ("), c.reason)
            XCTAssertFalse(index.contains("No <code>run.json</code> beside the records"), c.reason)
        }
    }
}

extension ReportCommandTests {
    /// Crossing spans (warta writes none) in a document page and a diff page: each is marked up to where
    /// the span it crosses ends, and the page says how many were cut.
    func testCrossingSpansAreCutAndCountedOnThePages() throws {
        let dir = try temporaryDirectory(self)
        func write(_ name: String, entities: String) throws -> URL {
            let url = dir.appendingPathComponent(name)
            let record =
                #"{"id":"x","text":"Rapat Komisi Pemilihan Umum hari ini.","entities":[\#(entities)],"quotes":[],"acronyms":[]}"#
            try Data((record + "\n").utf8).write(to: url)
            return url
        }
        let old = try write("old.ndjson", entities: "")
        let spans = [(6, 27), (13, 32), (23, 36)].map { #"{"type":"ORG","start":\#($0.0),"end":\#($0.1)}"# }
        let new = try write("new.ndjson", entities: spans.joined(separator: ","))
        let note = SpanMarkup.crossingNote(2)
        XCTAssertEqual(try warta(["report", new.path, "--to", dir.appendingPathComponent("r").path]).status, 0)
        let page = try read(dir.appendingPathComponent("r/doc/000001-x.html"))
        XCTAssertTrue(page.contains(note), page)
        let diff = try warta(["report", "--diff", old.path, new.path, "--to", dir.appendingPathComponent("d").path])
        XCTAssertEqual(diff.status, 1, diff.stderrText)
        XCTAssertTrue(try read(dir.appendingPathComponent("d/doc/000001-x.html")).contains(note))
    }
}
