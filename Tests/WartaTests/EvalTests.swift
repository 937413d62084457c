import Foundation
import XCTest
@testable import Warta

/// `warta eval`: the scorer on small handmade gold and predictions, and `--min-f1` through the binary.
final class EvalTests: XCTestCase {

    static let text = "Derek Hegemur dari BKN hadir di Jayapura. \"Kami siap,\" ujarnya. \"Kami siap,\" ujarnya lagi."

    func line(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    func entity(_ type: String, _ start: Int, _ end: Int, norm: String? = nil) -> [String: Any] {
        var e: [String: Any] = ["type": type, "start": start, "end": end]
        if let norm { e["norm"] = norm }
        return e
    }

    func quote(_ start: Int, _ end: Int, speaker: String?, duplicateOf: (String, Int)? = nil) -> [String: Any] {
        var q: [String: Any] = ["start": start, "end": end, "speaker": speaker ?? NSNull()]
        if let d = duplicateOf { q["duplicate_of"] = ["doc": d.0, "quote": d.1] }
        return q
    }

    /// Writes records as NDJSON and loads them back through `Scorer.load`.
    func records(_ objects: [[String: Any]], name: String, in dir: URL) throws -> (url: URL, records: [EvalRecord]) {
        let url = dir.appendingPathComponent(name)
        try (objects.map { try line($0) }.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return (url, try Scorer.load(url.path))
    }

    /// Offsets in `text` (code points) of the n-th occurrence of `needle`.
    func span(_ needle: String, _ n: Int = 1) -> (Int, Int) {
        let scalars = Array(Self.text.unicodeScalars), target = Array(needle.unicodeScalars)
        var seen = 0
        for i in 0...(scalars.count - target.count) where Array(scalars[i..<(i + target.count)]) == target {
            seen += 1
            if seen == n { return (i, i + target.count) }
        }
        fatalError("no \(needle)")
    }

    func makeGoldAndPrediction(in dir: URL) throws -> (gold: (url: URL, records: [EvalRecord]), predicted: (url: URL, records: [EvalRecord])) {
        let derek = span("Derek Hegemur"), bkn = span("BKN"), jayapura = span("Jayapura")
        let q1 = span("Kami siap,", 1), q2 = span("Kami siap,", 2)
        let gold: [[String: Any]] = [
            ["id": "a", "text": Self.text,
             "entities": [entity("PERSON", derek.0, derek.1), entity("ORG", bkn.0, bkn.1, norm: "Badan Kepegawaian Negara"),
                          entity("LOC", jayapura.0, jayapura.1)],
             "acronyms": [["short": ["start": bkn.0, "end": bkn.1], "long": ["start": 0, "end": 5]]],
             "quotes": [quote(q1.0, q1.1, speaker: "Derek Hegemur"), quote(q2.0, q2.1, speaker: "Derek Hegemur", duplicateOf: ("a", 0))]],
            ["id": "b", "text": Self.text,
             "entities": [entity("PERSON", derek.0, derek.1)],
             "quotes": [quote(q1.0, q1.1, speaker: "Derek Hegemur", duplicateOf: ("a", 0))]],
        ]
        let predicted: [[String: Any]] = [
            ["id": "a", "text": Self.text,
             // PERSON too short (overlap only), ORG exact with a wrong norm, LOC typed ORG.
             "entities": [entity("PERSON", derek.0, derek.0 + 5), entity("ORG", bkn.0, bkn.1, norm: "BKN"),
                          entity("ORG", jayapura.0, jayapura.1)],
             "acronyms": [["short": ["start": bkn.0, "end": bkn.1], "long": ["start": 0, "end": 5]],
                          ["short": ["start": jayapura.0, "end": jayapura.1], "long": ["start": 0, "end": 5]]],
             // The first quote found with its closing comma dropped (overlap), the wrong speaker on the second.
             "quotes": [quote(q1.0, q1.1 - 1, speaker: "Derek Hegemur"), quote(q2.0, q2.1, speaker: "Derek", duplicateOf: ("a", 0))]],
            ["id": "b", "text": Self.text,
             "entities": [entity("PERSON", derek.0, derek.1)],
             // A link to the wrong quote.
             "quotes": [quote(q1.0, q1.1, speaker: "Derek Hegemur", duplicateOf: ("a", 1))]],
        ]
        return (try records(gold, name: "gold.ndjson", in: dir), try records(predicted, name: "pred.ndjson", in: dir))
    }

    func testExactAndOverlapPerType() throws {
        let dir = try temporaryDirectory(self)
        let (gold, predicted) = try makeGoldAndPrediction(in: dir)
        XCTAssertEqual(gold.records.count, 2)
        let report = Scorer().score(gold: gold.records, predicted: predicted.records)
        XCTAssertEqual(report.documents, 2)
        XCTAssertEqual(report.exact["PERSON"], Score(truePositives: 1, falsePositives: 1, falseNegatives: 1))
        XCTAssertEqual(report.overlap["PERSON"], Score(truePositives: 2, falsePositives: 0, falseNegatives: 0))
        XCTAssertEqual(report.exact["ORG"], Score(truePositives: 1, falsePositives: 1, falseNegatives: 0))
        XCTAssertEqual(report.exact["LOC"], Score(truePositives: 0, falsePositives: 0, falseNegatives: 1))
        XCTAssertEqual(report.microExact, Score(truePositives: 2, falsePositives: 2, falseNegatives: 2))
        XCTAssertEqual(report.exact["PERSON"]!.precision, 0.5)
        XCTAssertEqual(report.exact["PERSON"]!.f1, 0.5)
        XCTAssertEqual(report.overlap["PERSON"]!.f1, 1)
        XCTAssertEqual(report.exact["LOC"]!.f1, 0)
        // Norms are compared on exact matches with a gold norm.
        XCTAssertEqual(report.normAccuracy["ORG"]?.correct, 0)
        XCTAssertEqual(report.normAccuracy["ORG"]?.total, 1)
    }

    func testTypeFilter() throws {
        let dir = try temporaryDirectory(self)
        let (gold, predicted) = try makeGoldAndPrediction(in: dir)
        let report = Scorer(types: ["PERSON"]).score(gold: gold.records, predicted: predicted.records)
        XCTAssertEqual(Set(report.exact.keys), ["PERSON"])
    }

    func testAcronymsQuotesSpeakersAndDuplicates() throws {
        let dir = try temporaryDirectory(self)
        let (gold, predicted) = try makeGoldAndPrediction(in: dir)
        let report = Scorer().score(gold: gold.records, predicted: predicted.records)
        XCTAssertEqual(report.acronyms, Score(truePositives: 1, falsePositives: 1, falseNegatives: 0))
        XCTAssertEqual(report.quotesExact, Score(truePositives: 2, falsePositives: 1, falseNegatives: 1))
        XCTAssertEqual(report.quotesOverlap, Score(truePositives: 3, falsePositives: 0, falseNegatives: 0))
        // Speakers are scored on quotes matched by overlap: 2 of 3 right.
        XCTAssertEqual(report.speakers.correct, 2)
        XCTAssertEqual(report.speakers.total, 3)
        // Gold links: a#1 -> a#0 (found), b#0 -> a#0 (predicted to a#1: wrong).
        XCTAssertEqual(report.duplicates, Score(truePositives: 1, falsePositives: 1, falseNegatives: 1))
    }

    func testMissingDocumentsAndTextMismatches() throws {
        let dir = try temporaryDirectory(self)
        let gold = try records([["id": "a", "text": "Satu."], ["id": "b", "text": "Dua."]], name: "g.ndjson", in: dir).records
        let predicted = try records([["id": "a", "text": "Satu!"]], name: "p.ndjson", in: dir).records
        let report = Scorer().score(gold: gold, predicted: predicted)
        XCTAssertEqual(report.missingDocuments, ["b"])
        XCTAssertEqual(report.textMismatches, ["a"])
        XCTAssertTrue(report.table().contains("1 missing"))
    }

    func testBadInputNamesTheLine() throws {
        let dir = try temporaryDirectory(self)
        let url = dir.appendingPathComponent("bad.ndjson")
        try "{\"id\": \"a\"}\nnot json\n".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Scorer.load(url.path)) { error in
            XCTAssertTrue("\(error)".hasSuffix("bad.ndjson:2: expected a JSON object with an 'id'"), "\(error)")
        }
    }

    func testPerfectPredictionScoresOne() throws {
        let dir = try temporaryDirectory(self)
        let (gold, _) = try makeGoldAndPrediction(in: dir)
        let report = Scorer().score(gold: gold.records, predicted: gold.records)
        XCTAssertEqual(report.microExact.f1, 1)
        XCTAssertEqual(report.duplicates.recall, 1)
        XCTAssertEqual(report.speakers.correct, report.speakers.total)
        let json = report.json()
        XCTAssertEqual((json["speakers"] as? [String: Int])?["correct"], 3)
    }

    // MARK: The command

    func testMinF1ExitStatusThroughTheBinary() throws {
        let binary = try BuiltBinary.require()
        let dir = try temporaryDirectory(self)
        let (gold, predicted) = try makeGoldAndPrediction(in: dir)

        let below = try runProcess(binary, ["eval", gold.url.path, predicted.url.path, "--min-f1", "0.9"])
        XCTAssertEqual(below.status, 1, below.stderrText)
        XCTAssertTrue(below.stderrText.contains("LOC, ORG, PERSON"), below.stderrText)
        XCTAssertTrue(String(decoding: below.stdout, as: UTF8.self).contains("micro"), "the table is printed anyway")

        // Only PERSON scored, and a threshold at its F1 (0.5): passes.
        let above = try runProcess(binary, ["eval", gold.url.path, predicted.url.path, "--types", "PERSON", "--min-f1", "0.5"])
        XCTAssertEqual(above.status, 0, above.stderrText)

        let perfect = try runProcess(binary, ["eval", gold.url.path, gold.url.path, "--min-f1", "1.0", "--json"])
        XCTAssertEqual(perfect.status, 0, perfect.stderrText)
        let json = try jsonObject(perfect.stdout)
        let micro = try XCTUnwrap((json["entities"] as? [String: Any])?["micro_exact"] as? [String: Any])
        XCTAssertEqual(micro["f1"] as? Double, 1)

        let unreadable = try runProcess(binary, ["eval", dir.appendingPathComponent("nothing.ndjson").path, predicted.url.path])
        XCTAssertEqual(unreadable.status, 2)
    }

    /// A report that cannot be written (standard output full or closed) is exit 2 with the reason, for
    /// `eval` and `diff` alike: it was dropped, and `eval` exited 0 with an empty report.
    func testAReportThatCannotBeWrittenIsAnError() throws {
        let binary = try BuiltBinary.require()
        let dir = try temporaryDirectory(self)
        let (gold, predicted) = try makeGoldAndPrediction(in: dir)
        let sh = URL(fileURLWithPath: "/bin/sh")
        for command in ["eval", "diff"] {
            for json in ["", "--json"] {
                let full = try runProcess(sh, ["-c", "\"$0\" \(command) \(json) \"$1\" \"$2\" > /dev/full", binary.path, gold.url.path, predicted.url.path])
                XCTAssertEqual(full.status, 2, "\(command) \(json): \(full.stderrText)")
                XCTAssertTrue(full.stderrText.contains("warta \(command): cannot write <stdout>: No space left on device"), full.stderrText)
            }
            let closed = try runProcess(sh, ["-c", "\"$0\" \(command) \"$1\" \"$2\" >&-", binary.path, gold.url.path, predicted.url.path])
            XCTAssertEqual(closed.status, 2, "\(command): \(closed.stderrText)")
        }
    }
}
