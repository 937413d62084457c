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
        try (objects.map { try line($0) }.joined(separator: "\n") + "\n").write(
            to: url, atomically: true, encoding: .utf8)
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

    func makeGoldAndPrediction(in dir: URL) throws -> (
        gold: (url: URL, records: [EvalRecord]), predicted: (url: URL, records: [EvalRecord])
    ) {
        let derek = span("Derek Hegemur"), bkn = span("BKN"), jayapura = span("Jayapura")
        let q1 = span("Kami siap,", 1), q2 = span("Kami siap,", 2)
        let gold: [[String: Any]] = [
            [
                "id": "a", "text": Self.text,
                "entities": [
                    entity("PERSON", derek.0, derek.1), entity("ORG", bkn.0, bkn.1, norm: "Badan Kepegawaian Negara"),
                    entity("LOC", jayapura.0, jayapura.1)
                ],
                "acronyms": [["short": ["start": bkn.0, "end": bkn.1], "long": ["start": 0, "end": 5]]],
                "quotes": [
                    quote(q1.0, q1.1, speaker: "Derek Hegemur"),
                    quote(q2.0, q2.1, speaker: "Derek Hegemur", duplicateOf: ("a", 0))
                ]
            ],
            [
                "id": "b", "text": Self.text,
                "entities": [entity("PERSON", derek.0, derek.1)],
                "quotes": [quote(q1.0, q1.1, speaker: "Derek Hegemur", duplicateOf: ("a", 0))]
            ]
        ]
        let predicted: [[String: Any]] = [
            [
                "id": "a", "text": Self.text,
                // PERSON too short (overlap only), ORG exact with a wrong norm, LOC typed ORG.
                "entities": [
                    entity("PERSON", derek.0, derek.0 + 5), entity("ORG", bkn.0, bkn.1, norm: "BKN"),
                    entity("ORG", jayapura.0, jayapura.1)
                ],
                "acronyms": [
                    ["short": ["start": bkn.0, "end": bkn.1], "long": ["start": 0, "end": 5]],
                    ["short": ["start": jayapura.0, "end": jayapura.1], "long": ["start": 0, "end": 5]]
                ],
                // The first quote found with its closing comma dropped (overlap), the wrong speaker on the second.
                "quotes": [
                    quote(q1.0, q1.1 - 1, speaker: "Derek Hegemur"),
                    quote(q2.0, q2.1, speaker: "Derek", duplicateOf: ("a", 0))
                ]
            ],
            [
                "id": "b", "text": Self.text,
                "entities": [entity("PERSON", derek.0, derek.1)],
                // A link to the wrong quote.
                "quotes": [quote(q1.0, q1.1, speaker: "Derek Hegemur", duplicateOf: ("a", 1))]
            ]
        ]
        return (try records(gold, name: "gold.ndjson", in: dir), try records(predicted, name: "pred.ndjson", in: dir))
    }

    func testExactAndOverlapPerType() throws {
        let dir = try temporaryDirectory(self)
        let (gold, predicted) = try makeGoldAndPrediction(in: dir)
        XCTAssertEqual(gold.records.count, 2)
        let report = try Scorer().score(gold: gold.records, predicted: predicted.records)
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
        let report = try Scorer(types: ["PERSON"]).score(gold: gold.records, predicted: predicted.records)
        XCTAssertEqual(Set(report.exact.keys), ["PERSON"])
    }

    func testAcronymsQuotesSpeakersAndDuplicates() throws {
        let dir = try temporaryDirectory(self)
        let (gold, predicted) = try makeGoldAndPrediction(in: dir)
        let report = try Scorer().score(gold: gold.records, predicted: predicted.records)
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
        let gold = try records(
            [["id": "a", "text": "Satu.", "entities": []], ["id": "b", "text": "Dua.", "entities": []]],
            name: "g.ndjson", in: dir
        ).records
        let predicted = try records([["id": "a", "text": "Satu!", "entities": []]], name: "p.ndjson", in: dir).records
        let report = try Scorer().score(gold: gold, predicted: predicted)
        XCTAssertEqual(report.missingDocuments, ["b"])
        XCTAssertEqual(report.textMismatches, ["a"])
        XCTAssertTrue(report.table().contains("1 missing"))
    }

    /// A gold document the predictions lack was skipped, so an empty prediction file scored 1.000: it
    /// is scored as predicting nothing, and predicted documents not in gold are counted.
    func testGoldDocumentsWithoutPredictionAreScoredAsMisses() throws {
        let dir = try temporaryDirectory(self)
        let (gold, _) = try makeGoldAndPrediction(in: dir)
        let predicted =
            gold.records.filter { $0.id == "a" } + [
                EvalRecord(id: "c", text: "", entities: [], acronyms: [], quotes: [])
            ]
        let report = try Scorer().score(gold: gold.records, predicted: predicted)
        XCTAssertEqual(report.documents, 1)
        XCTAssertEqual(report.missingDocuments, ["b"])
        XCTAssertEqual(report.extraDocuments, ["c"])
        // b's PERSON and quote are misses; a is perfect.
        XCTAssertEqual(report.exact["PERSON"], Score(truePositives: 1, falsePositives: 0, falseNegatives: 1))
        XCTAssertEqual(report.quotesExact, Score(truePositives: 2, falsePositives: 0, falseNegatives: 1))
        XCTAssertEqual(report.duplicates, Score(truePositives: 1, falsePositives: 0, falseNegatives: 1))
        let table = report.table()
        XCTAssertTrue(table.contains("1 missing from the predictions (scored as predicting nothing)"), table)
        XCTAssertTrue(table.contains("1 predicted but not in gold"), table)
        let json = report.json()
        XCTAssertEqual(json["missing_documents"] as? [String], ["b"])
        XCTAssertEqual(json["extra_documents"] as? [String], ["c"])
    }

    /// With no document in both files the figures describe nothing: exit 2, not a passing gate.
    func testNoCommonDocumentIsAnError() throws {
        let binary = try BuiltBinary.require()
        let dir = try temporaryDirectory(self)
        let (gold, _) = try makeGoldAndPrediction(in: dir)
        let empty = dir.appendingPathComponent("empty.ndjson")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        let other = try records([["id": "z", "text": Self.text, "entities": []]], name: "other.ndjson", in: dir).url
        for predicted in [empty, other] {
            let result = try runProcess(binary, ["eval", gold.url.path, predicted.path, "--min-f1", "0.9"])
            XCTAssertEqual(result.status, 2, result.stderrText)
            XCTAssertTrue(
                result.stderrText.contains("no document of \(predicted.path) is in \(gold.url.path)"), result.stderrText
            )
        }
        // Partly missing: scored, and the missing document's misses pull F1 below the gate.
        let partial = try records(
            [
                [
                    "id": "b", "text": Self.text,
                    "entities": [entity("PERSON", span("Derek Hegemur").0, span("Derek Hegemur").1)]
                ]
            ],
            name: "partial.ndjson", in: dir
        ).url
        let below = try runProcess(binary, ["eval", gold.url.path, partial.path, "--min-f1", "0.9"])
        XCTAssertEqual(below.status, 1, below.stderrText)
    }

    /// A misspelt type or threshold scored nothing and passed: usage errors (64). Types match in any case.
    func testUnknownTypesAndBadThresholdsAreUsageErrors() throws {
        let binary = try BuiltBinary.require()
        let dir = try temporaryDirectory(self)
        let (gold, predicted) = try makeGoldAndPrediction(in: dir)
        for args in [
            ["--types", "FOO"], ["--types", "PERSON,FOO"], ["--types", ","], ["--min-f1", "nan"], ["--min-f1", "1.5"],
            ["--min-f1=-0.1"]
        ] {
            let result = try runProcess(binary, ["eval", gold.url.path, predicted.url.path] + args)
            XCTAssertEqual(result.status, 64, "\(args): \(result.stderrText)")
            if args.first == "--types" {
                XCTAssertTrue(
                    result.stderrText.contains("PERSON, ROLE, ORG, LOC, FAC, DATE, LAW, EVENT"), result.stderrText)
            }
        }
        let lower = try runProcess(binary, ["eval", gold.url.path, predicted.url.path, "--types", "person", "--json"])
        XCTAssertEqual(lower.status, 0, lower.stderrText)
        let exact = try XCTUnwrap(
            (try jsonObject(lower.stdout)["entities"] as? [String: Any])?["exact"] as? [String: Any])
        XCTAssertEqual(Set(exact.keys), ["PERSON"])
    }

    /// Records are paired by id: a second record under one id was silently dropped.
    func testDuplicateIdsAreErrors() throws {
        let dir = try temporaryDirectory(self)
        let (gold, predicted) = try makeGoldAndPrediction(in: dir)
        let duplicated = dir.appendingPathComponent("dup.ndjson")
        try
            ("{\"id\": \"a\", \"entities\": []}\n{\"id\": \"b\", \"entities\": []}\n\n{\"id\": \"a\", \"entities\": []}\n")
            .write(to: duplicated, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Scorer.load(duplicated.path)) { error in
            XCTAssertTrue(
                "\(error)".hasSuffix(
                    "dup.ndjson:4: duplicate document id 'a' (first on line 1); records are paired by id"), "\(error)")
        }
        let binary = try BuiltBinary.require()
        for command in ["eval", "diff"] {
            for args in [[duplicated.path, predicted.url.path], [gold.url.path, duplicated.path]] {
                let result = try runProcess(binary, [command] + args)
                XCTAssertEqual(result.status, 2, "\(command) \(args): \(result.stderrText)")
                XCTAssertTrue(
                    result.stderrText.contains("dup.ndjson:4: duplicate document id 'a' (first on line 1)"),
                    result.stderrText)
            }
        }
    }

    /// Documents only in OLD or NEW made diff exit 1 under "summary: no differences".
    func testDiffSummaryCountsDocuments() throws {
        let dir = try temporaryDirectory(self)
        let (gold, _) = try makeGoldAndPrediction(in: dir)
        let one = try records(
            [["id": "a", "text": "Satu.", "entities": []], ["id": "c", "text": "Tiga.", "entities": []]],
            name: "one.ndjson", in: dir)
        let diff = ExtractionDiff(old: gold.records, new: gold.records.filter { $0.id == "a" })
        XCTAssertFalse(diff.isEmpty)
        let text = diff.text()
        XCTAssertFalse(text.contains("no differences"), text)
        XCTAssertTrue(text.contains("summary:\n  documents: +0 -1"), text)
        XCTAssertTrue(ExtractionDiff(old: gold.records, new: gold.records).text().hasSuffix("summary: no differences"))
        let binary = try BuiltBinary.require()
        let result = try runProcess(binary, ["diff", gold.url.path, one.url.path])
        XCTAssertEqual(result.status, 1, result.stderrText)
        let out = String(decoding: result.stdout, as: UTF8.self)
        XCTAssertTrue(
            out.contains("- document b") && out.contains("+ document c") && out.contains("  documents: +1 -1"), out)
        XCTAssertFalse(out.contains("no differences"), out)
    }

    func testBadInputNamesTheLine() throws {
        let dir = try temporaryDirectory(self)
        let url = dir.appendingPathComponent("bad.ndjson")
        try "{\"id\": \"a\", \"entities\": []}\nnot json\n".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Scorer.load(url.path)) { error in
            XCTAssertTrue(
                "\(error)".hasSuffix("bad.ndjson:2: not valid JSON (expected one JSON object per line)"), "\(error)")
        }
        // JSON that is no record; a lone surrogate and nesting too deep are no JSON; bytes that are no UTF-8
        // were "cannot read" with no line.
        let cases: [(String, Data, String)] = [
            (
                "noid", Data("{\"id\": \"a\", \"entities\": []}\n[1]\n".utf8),
                "noid.ndjson:2: expected a JSON object with an 'id'"
            ),
            ("surrogate", Data("{\"id\": \"a\", \"text\": \"\\ud800\"}\n".utf8), "surrogate.ndjson:1: not valid JSON"),
            (
                "deep",
                Data(
                    ("{\"id\": \"a\", \"entities\": " + String(repeating: "[", count: 100_000)
                        + String(repeating: "]", count: 100_000) + "}\n").utf8),
                "deep.ndjson:1: not valid JSON"
            ),
            (
                "latin1", Data("{\"id\": \"a\"}\n{\"id\": \"caf".utf8) + Data([0xE9]) + Data("\"}\n".utf8),
                "latin1.ndjson:2: not UTF-8 text: the bytes from column 12 are no UTF-8 character"
            )
        ]
        for (name, bytes, expected) in cases {
            let file = dir.appendingPathComponent("\(name).ndjson")
            try bytes.write(to: file)
            XCTAssertThrowsError(try Scorer.load(file.path)) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }

    func testPerfectPredictionScoresOne() throws {
        let dir = try temporaryDirectory(self)
        let (gold, _) = try makeGoldAndPrediction(in: dir)
        let report = try Scorer().score(gold: gold.records, predicted: gold.records)
        XCTAssertEqual(report.microExact.f1, 1)
        XCTAssertEqual(report.duplicates.recall, 1)
        XCTAssertEqual(report.speakers.correct, report.speakers.total)
        let json = report.json()
        XCTAssertEqual((json["speakers"] as? [String: Any])?["correct"] as? Int, 3)
        XCTAssertEqual((json["speakers"] as? [String: Any])?["accuracy"] as? Double, 1)
        XCTAssertEqual(report.microDocument.f1, 1)
    }

    func testDocumentLevelCountsEachTypeAndSurfaceOncePerDocument() throws {
        let dir = try temporaryDirectory(self)
        let (gold, predicted) = try makeGoldAndPrediction(in: dir)
        let report = try Scorer().score(gold: gold.records, predicted: predicted.records)
        // a: gold "Derek Hegemur", predicted "Derek" (a miss and a false alarm); b: found.
        XCTAssertEqual(report.document["PERSON"], Score(truePositives: 1, falsePositives: 1, falseNegatives: 1))
        XCTAssertEqual(report.document["ORG"], Score(truePositives: 1, falsePositives: 1, falseNegatives: 0))
        XCTAssertEqual(report.document["LOC"], Score(truePositives: 0, falsePositives: 0, falseNegatives: 1))
        XCTAssertEqual(report.microDocument, Score(truePositives: 2, falsePositives: 2, falseNegatives: 2))
        XCTAssertEqual(report.speakerAccuracy, 2.0 / 3.0, accuracy: 1e-12)

        // Repeats of one surface count once; case and white space do not matter; a span elsewhere does.
        let text = "BKN dan bkn serta BKN  Pusat. BKN\nPusat."
        let g = EvalRecord(
            id: "x", text: text,
            entities: [
                .init(type: "ORG", start: 0, end: 3, norm: nil),
                .init(type: "ORG", start: 18, end: 28, norm: nil)
            ], acronyms: [], quotes: [])
        let p = EvalRecord(
            id: "x", text: text,
            entities: [
                .init(type: "ORG", start: 8, end: 11, norm: nil),
                .init(type: "ORG", start: 30, end: 39, norm: nil),
                .init(type: "ORG", start: 99, end: 120, norm: nil)
            ], acronyms: [], quotes: [])
        let r = try Scorer().score(gold: [g], predicted: [p])
        XCTAssertEqual(r.document["ORG"], Score(truePositives: 2, falsePositives: 1, falseNegatives: 0))
        XCTAssertTrue(r.table().contains("document level"), r.table())
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
        let above = try runProcess(
            binary, ["eval", gold.url.path, predicted.url.path, "--types", "PERSON", "--min-f1", "0.5"])
        XCTAssertEqual(above.status, 0, above.stderrText)

        let perfect = try runProcess(binary, ["eval", gold.url.path, gold.url.path, "--min-f1", "1.0", "--json"])
        XCTAssertEqual(perfect.status, 0, perfect.stderrText)
        let json = try jsonObject(perfect.stdout)
        let micro = try XCTUnwrap((json["entities"] as? [String: Any])?["micro_exact"] as? [String: Any])
        XCTAssertEqual(micro["f1"] as? Double, 1)

        let unreadable = try runProcess(
            binary, ["eval", dir.appendingPathComponent("nothing.ndjson").path, predicted.url.path])
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
                let full = try runProcess(
                    sh,
                    [
                        "-c", "\"$0\" \(command) \(json) \"$1\" \"$2\" > /dev/full", binary.path, gold.url.path,
                        predicted.url.path
                    ])
                XCTAssertEqual(full.status, 2, "\(command) \(json): \(full.stderrText)")
                XCTAssertTrue(
                    full.stderrText.contains("warta \(command): cannot write <stdout>: No space left on device"),
                    full.stderrText)
            }
            let closed = try runProcess(
                sh, ["-c", "\"$0\" \(command) \"$1\" \"$2\" >&-", binary.path, gold.url.path, predicted.url.path])
            XCTAssertEqual(closed.status, 2, "\(command): \(closed.stderrText)")
        }
    }
}

extension EvalTests {
    /// Records that `eval` and `diff` would misread were accepted with exit 0: no `entities`, a string
    /// offset, offsets out of range or with no text to check them against, an unknown type. Now refused
    /// with the file and line, exit 2.
    func testMalformedRecordsAreRefusedWithTheirLine() throws {
        let dir = try temporaryDirectory(self)
        let (gold, _) = try makeGoldAndPrediction(in: dir)
        let good = "{\"id\": \"z\", \"text\": \"Satu dua.\", \"entities\": []}"
        let cases: [(String, String)] = [
            ("{\"id\": \"a\", \"text\": \"Satu dua.\"}", "no 'entities' list"),
            (
                "{\"id\": \"a\", \"text\": \"Satu dua.\", \"entities\": [{\"type\": \"PERSON\", \"start\": \"0\", \"end\": 4}]}",
                "entities[0]: 'start' is not a whole number"
            ),
            (
                "{\"id\": \"a\", \"text\": \"Satu dua.\", \"entities\": [{\"type\": \"PERSON\", \"start\": 5, \"end\": 40}]}",
                "entities[0]: offsets 5..<40 are not within the text (9 code points)"
            ),
            (
                "{\"id\": \"a\", \"text\": \"Satu dua.\", \"entities\": [{\"type\": \"PERSON\", \"start\": 3, \"end\": 1}]}",
                "entities[0]: offsets 3..<1 are not within the text"
            ),
            (
                "{\"id\": \"a\", \"text\": \"Satu dua.\", \"entities\": [{\"type\": \"PERSOON\", \"start\": 0, \"end\": 4}]}",
                "entities[0]: unknown type 'PERSOON'"
            ),
            (
                "{\"id\": \"a\", \"text\": \"Satu dua.\", \"entities\": [], \"quotes\": [{\"start\": 0.5, \"end\": 4}]}",
                "quotes[0]: 'start' is not a whole number"
            ),
            // Spans with no text to check them against (an end of 99999 was scored, exit 0).
            (
                "{\"id\": \"a\", \"entities\": [{\"type\": \"PERSON\", \"start\": 0, \"end\": 99999}]}",
                "entities[0] has offsets but the record has no 'text' to check them against"
            )
        ]
        let binary = try BuiltBinary.require()
        for (k, (record, reason)) in cases.enumerated() {
            let url = dir.appendingPathComponent("bad\(k).ndjson")
            try (good + "\n" + record + "\n").write(to: url, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try Scorer.load(url.path)) { error in
                XCTAssertTrue("\(error)".contains("bad\(k).ndjson:2: \(reason)"), "\(error)")
            }
            for args in [["eval", gold.url.path, url.path], ["diff", url.path, gold.url.path]] {
                let result = try runProcess(binary, args)
                XCTAssertEqual(result.status, 2, "\(args): \(result.stderrText)")
                XCTAssertTrue(result.stderrText.contains("bad\(k).ndjson:2: \(reason)"), result.stderrText)
            }
        }
    }
}

extension EvalTests {
    /// The greedy matching as it was written first: every gold span tried against every predicted one.
    static func bruteForceMatch(_ gold: [Range<Int>], _ predicted: [Range<Int>], exact: Bool) -> [(Int, Int)] {
        var candidates: [(Int, Int, Int)] = []
        for (gi, g) in gold.enumerated() {
            for (pi, p) in predicted.enumerated() {
                if exact {
                    if g == p { candidates.append((gi, pi, g.count)) }
                } else if g.overlaps(p) {
                    candidates.append((gi, pi, g.clamped(to: p).count))
                }
            }
        }
        candidates.sort { $0.2 != $1.2 ? $0.2 > $1.2 : ($0.0, $0.1) < ($1.0, $1.1) }
        var usedG = Set<Int>(), usedP = Set<Int>()
        var pairs: [(Int, Int)] = []
        for (gi, pi, _) in candidates where !usedG.contains(gi) && !usedP.contains(pi) {
            usedG.insert(gi); usedP.insert(pi)
            pairs.append((gi, pi))
        }
        return pairs
    }

    /// The sweep finds the same pairs as trying every pair, on random spans: repeated, nested, crossing,
    /// empty, touching.
    func testTheSweepMatchesAsEveryPairDid() {
        var random = SeededGenerator(state: 41)
        for round in 0..<2000 {
            func spans() -> [Range<Int>] {
                (0..<random.below(12)).map { _ in
                    let start = random.below(20)
                    return start..<(start + random.below(random.chance(20) ? 1 : 8))
                }
            }
            let gold = spans(), predicted = random.chance(20) ? gold.shuffled(using: &random) : spans()
            for exact in [true, false] {
                let fast = Scorer.match(gold, predicted, exact: exact).map { "\($0.0)-\($0.1)" }
                let slow = Self.bruteForceMatch(gold, predicted, exact: exact).map { "\($0.0)-\($0.1)" }
                XCTAssertEqual(Set(fast), Set(slow), "round \(round), exact \(exact): \(gold) \(predicted)")
                XCTAssertEqual(fast.count, slow.count)
            }
        }
    }

    /// `warta eval` was quadratic in the entities of a document (every gold span tried against every
    /// predicted one, and each surface reached by walking the text from its start): 10,000 entities took
    /// 2.2 s, 20,000 8.7 s. 8 times the entities must cost at most 14 times the CPU (least of three).
    func testScoringIsNotQuadraticInEntitiesPerDocument() throws {
        func record(_ n: Int) -> EvalRecord {
            let text = String(repeating: "(KPU) ", count: n)
            let entities = (0..<n).map { EvalRecord.Span(type: "ORG", start: $0 * 6 + 1, end: $0 * 6 + 4, norm: nil) }
            let quotes = (0..<n).map {
                EvalRecord.QuoteSpan(start: $0 * 6, end: $0 * 6 + 5, speaker: nil, duplicateOf: nil)
            }
            return EvalRecord(id: "d", text: text, entities: entities, acronyms: [], quotes: quotes)
        }
        func seconds(_ n: Int) throws -> Double {
            let r = record(n)
            var best = Double.infinity
            for _ in 0..<3 {
                let start = LargeDocumentTests.threadCPUSeconds()
                let report = try Scorer().score(gold: [r], predicted: [r])
                best = min(best, LargeDocumentTests.threadCPUSeconds() - start)
                XCTAssertEqual(report.microExact.truePositives, n)
                XCTAssertEqual(report.quotesOverlap.truePositives, n)
            }
            return best
        }
        let small = try seconds(2_500), big = try seconds(20_000)
        print("eval, one document: 2,500 entities \(small) s, 20,000 \(big) s CPU")
        XCTAssertLessThan(big, max(small, 0.02) * 14, "20,000 entities took \(big) s, 2,500 \(small) s: super-linear")
    }

    /// Spans that all cross each other are as many candidate pairs as gold times predicted spans: 4,000
    /// took 5 s and 550 MB. The pairs are counted first (`overlappingPairCount`, the same count as the
    /// sweep lists) and a document past `Scorer.maxOverlapPairs` is an error naming it, in time about
    /// linear in its spans (8 times the spans: at most 14 times the CPU); within the limit it is scored.
    func testADocumentOfSpansThatAllCrossIsBoundedByAPairLimit() throws {
        var random = SeededGenerator(state: 7)
        for _ in 0..<500 {
            func spans() -> [Range<Int>] {
                (0..<random.below(12)).map { _ in
                    let start = random.below(20)
                    return start..<(start + random.below(8))
                }
            }
            let gold = spans(), predicted = spans()
            XCTAssertEqual(
                Scorer.overlappingPairCount(gold, predicted), Scorer.overlappingPairs(gold, predicted).count,
                "\(gold) \(predicted)")
        }
        /// n gold and n predicted ORG spans, each crossing every other: n * n overlapping pairs.
        func record(_ n: Int, id: String) -> EvalRecord {
            let text = String(repeating: "a", count: 2 * n + 2)
            let entities = (0..<n).map { EvalRecord.Span(type: "ORG", start: $0, end: n + 1 + $0, norm: nil) }
            return EvalRecord(id: id, text: text, entities: entities, acronyms: [], quotes: [])
        }
        func seconds(_ n: Int) -> Double {
            let r = record(n, id: "crossing")
            var best = Double.infinity
            for _ in 0..<3 {
                let start = LargeDocumentTests.threadCPUSeconds()
                XCTAssertThrowsError(try Scorer().score(gold: [r], predicted: [r])) { error in
                    XCTAssertTrue(
                        "\(error)".hasPrefix(
                            "document 'crossing': its gold and predicted spans overlap in \(n * n) pairs"),
                        "\(error)")
                    XCTAssertTrue("\(error)".contains("the limit of \(Scorer.maxOverlapPairs) per document"))
                }
                best = min(best, LargeDocumentTests.threadCPUSeconds() - start)
            }
            return best
        }
        let small = seconds(2_000), big = seconds(16_000)
        XCTAssertLessThan(big, max(small, 0.02) * 14, "16,000 crossing spans took \(big) s, 2,000 \(small) s")
        let within = record(1_000, id: "within")
        let report = try Scorer().score(gold: [within], predicted: [within])
        XCTAssertEqual(report.microOverlap.truePositives, 1_000)
    }

    /// `warta diff` split a record's whole text into code points again for each change it wrote (20,000
    /// changed entities in one document: 32 s), and each quote's whole span for its first 60 characters.
    /// Now once per record, and a window of the span: 8 times the changes cost at most 14 times the CPU,
    /// and the opening is the same text as cutting the whole span (characters of several code points
    /// across the window's edge included).
    func testDiffIsNotQuadraticInChangesPerDocument() {
        func records(_ n: Int) -> (EvalRecord, EvalRecord) {
            let text = String(repeating: "(KPU) ", count: n)
            func entities(_ end: Int) -> [EvalRecord.Span] {
                (0..<n).map { EvalRecord.Span(type: "ORG", start: $0 * 6 + 1, end: $0 * 6 + end, norm: nil) }
            }
            let quotes = (0..<n).map {
                EvalRecord.QuoteSpan(start: $0 * 6, end: n * 6, speaker: nil, duplicateOf: nil)
            }
            return (
                EvalRecord(id: "d", text: text, entities: entities(4), acronyms: [], quotes: []),
                EvalRecord(id: "d", text: text, entities: entities(5), acronyms: [], quotes: quotes)
            )
        }
        func seconds(_ n: Int) -> Double {
            let (old, new) = records(n)
            let start = LargeDocumentTests.threadCPUSeconds()
            let diff = ExtractionDiff(old: [old], new: [new])
            XCTAssertEqual(diff.changes.count, 3 * n)
            return LargeDocumentTests.threadCPUSeconds() - start
        }
        let small = seconds(2_500), big = seconds(20_000)
        XCTAssertLessThan(big, max(small, 0.02) * 14, "20,000 changes took \(big) s, 2,500 \(small) s")
        // Accents as combining marks: 600 characters of two code points each, cut at every start.
        let scalars = Array(String(repeating: "e\u{0301}a", count: 300).unicodeScalars)
        for start in stride(from: 0, to: scalars.count, by: 7) {
            for end in [start, min(scalars.count, start + 100), scalars.count] {
                XCTAssertEqual(
                    ExtractionDiff.opening(scalars, start, end),
                    String(ExtractionDiff.slice(scalars, start, end).prefix(60)), "\(start)..<\(end)")
            }
        }
    }
}
