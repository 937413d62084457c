import Foundation
import XCTest

@testable import Warta

/// The report as a person sees it: pages rendered by headless Chromium (Debian's `chromium`, which
/// `scripts/test.sh` installs), checked in the DOM the browser built. Four page loads, a few seconds.
/// Without chromium the test is skipped on a workstation and fails in CI (`CI` set), so that CI cannot
/// pass without it.
final class ReportBrowserTests: XCTestCase {
    struct ChromiumMissing: Error, CustomStringConvertible { var message: String; var description: String { message } }

    func chromium() throws -> URL {
        if let found = which("chromium") ?? which("chromium-browser") { return found }
        let message = "chromium is not installed: scripts/ensure-packages.sh chromium (scripts/test.sh does it)"
        if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty, ci != "false" {
            throw ChromiumMissing(message: message) // an error, so the test fails
        }
        throw XCTSkip(message)
    }

    /// The DOM Chromium built for a page, serialized after its scripts ran.
    func dom(_ page: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let process = Process()
        process.executableURL = try chromium()
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=" + (try temporaryDirectory(self).path), "--dump-dom", page.absoluteString
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A hung browser fails the test instead of hanging CI.
        let watchdog = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: watchdog)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        XCTAssertEqual(process.terminationStatus, 0, "chromium on \(page.lastPathComponent)", file: file, line: line)
        return String(decoding: data, as: UTF8.self)
    }

    func warta(_ arguments: [String]) throws -> ProcessResult {
        try runProcess(try XCTUnwrap(EndToEndTests.binary, "warta is not built: run `swift build` first"), arguments)
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func testSeedsReportInChromium() throws {
        _ = try chromium()
        let folder = try temporaryDirectory(self)
        let old = folder.appendingPathComponent("old")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        let seeds = Repo.root.appendingPathComponent("output/documents.ndjson")
        try FileManager.default.copyItem(at: seeds, to: old.appendingPathComponent("documents.ndjson"))
        XCTAssertEqual(try warta(["report", old.path]).status, 0)

        // A document page: the browser's DOM holds a mark per entity, with its type, nested where the
        // record nests them, and the repeated quote linked to its cluster.
        let records = try String(contentsOf: seeds, encoding: .utf8).split(separator: "\n").map {
            try jsonObject(Array($0.utf8))
        }
        let entities = records[0]["entities"] as! [[String: Any]]
        let page = try dom(old.appendingPathComponent("report/doc/000001-000_d2a72559a5a40c36.html"))
        let text = try XCTUnwrap(
            page.range(of: "<div class=\"doctext\" id=\"text\">").map { page[$0.upperBound...] }
                .flatMap { s in s.range(of: "</div>").map { String(s[..<$0.lowerBound]) } })
        XCTAssertEqual(count("<mark id=\"e", in: text), entities.count)
        for type in Set(entities.map { $0["type"] as! String }) {
            XCTAssertEqual(
                count("data-type=\"\(type)\"", in: text), entities.filter { $0["type"] as! String == type }.count, type)
        }
        XCTAssertTrue(
            text.range(
                of:
                    #"data-type="ROLE"[^>]*>Pelaksana Tugas Sekretaris Daerah \(Sekda\) <mark id="e\d+" class="ent t-LOC" data-type="LOC"[^>]*>Provinsi Papua"#,
                options: .regularExpression) != nil, "ROLE holding its LOC")
        XCTAssertTrue(
            text.contains("<span id=\"q4\" class=\"quote repeat\" data-speaker=\"Derek Hegemur\" data-cluster=\"c1\">"))
        XCTAssertEqual(
            count("<a class=\"said cluster\" href=\"../clusters.html#c1\"", in: text), 2,
            "the first quote and its repeat")
        let clusters = try dom(old.appendingPathComponent("report/clusters.html"))
        XCTAssertTrue(clusters.contains("id=\"c1\""))
        XCTAssertTrue(clusters.contains("href=\"doc/000001-000_d2a72559a5a40c36.html#q4\""))

        // The index: its figures, and its filter script ran (the page's policy allows it by hash).
        let index = try dom(old.appendingPathComponent("report/index.html"))
        XCTAssertTrue(index.contains("data-filter=\"on\""), "the inline filter script did not run")
        XCTAssertTrue(index.contains("<div class=\"figure\" data-count=\"statement_clusters\"><b>1</b>"))

        // A diff: an entity removed and one added in a copy.
        var first = records[0]
        var edited = entities
        let removed = edited.remove(at: 3)
        edited.append([
            "type": "ORG", "start": 155, "end": 158, "text": "ASN", "norm": NSNull(), "rule": "test.added",
            "person": NSNull()
        ])
        first["entities"] = edited
        let new = folder.appendingPathComponent("new.ndjson")
        let lines =
            [String(decoding: try JSONSerialization.data(withJSONObject: first), as: UTF8.self)]
            + (try String(contentsOf: seeds, encoding: .utf8)).split(separator: "\n").dropFirst().map(String.init)
        try (lines.joined(separator: "\n") + "\n").write(to: new, atomically: true, encoding: .utf8)
        XCTAssertEqual(
            try warta(["report", "--diff", old.path, new.path, "--to", folder.appendingPathComponent("diff").path])
                .status, 1)
        let diff = try dom(folder.appendingPathComponent("diff/doc/000001-000_d2a72559a5a40c36.html"))
        XCTAssertTrue(
            diff.contains(
                "<ins class=\"d k-added-mark\" data-kind=\"added\" data-layer=\"ORG\" data-mark=\"+ORG\" title=\"added ORG · test.added\">ASN</ins>"
            ))
        XCTAssertTrue(
            diff.contains(
                "<del class=\"d k-removed-mark\" data-kind=\"removed\" data-layer=\"\(removed["type"] as! String)\""))
    }

    /// A hostile article: the browser builds no element from its text, and no script of it runs.
    func testHostileTextBuildsNoElement() throws {
        _ = try chromium()
        let folder = try temporaryDirectory(self)
        let text =
            "<script>document.title='pwned'</script></textarea><img src=x onerror=\"document.title='pwned'\"> \"kutip\u{1}\" & <b>tebal</b>"
        let record: [String: Any] = [
            "id": "../<b>x</b>", "text": text,
            "entities": [
                [
                    "type": "PERSON", "start": 8, "end": 30, "norm": "\"><script>document.title='pwned'</script>",
                    "rule": "r"
                ]
            ]
        ]
        try JSONSerialization.data(withJSONObject: record).write(to: folder.appendingPathComponent("documents.ndjson"))
        XCTAssertEqual(try warta(["report", folder.path]).status, 0)
        let page = try dom(folder.appendingPathComponent("report/doc/000001-b-x-b.html"))
        XCTAssertFalse(page.contains("pwned</title>"))
        XCTAssertEqual(count("<script", in: page), 0)
        XCTAssertEqual(count("<img", in: page), 0)
        XCTAssertEqual(count("<b>", in: page), 0)
        XCTAssertTrue(page.contains("&lt;img src=x onerror=\"document.title='pwned'\"&gt;"), page)
    }
}
