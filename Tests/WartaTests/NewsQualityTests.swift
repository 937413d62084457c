import Foundation
import XCTest

@testable import Warta

/// The regression gate of the news set (gold/news/, issue 18): the built `warta` runs the default
/// pipeline over each split, `Scorer` compares the output with gold/news.SPLIT.ndjson, and every
/// figure must stay at or above the floor committed in gold/news.floors.json. A floor is raised when
/// the figures improve and never lowered to make a change pass. The test split is gated too, so that a
/// change cannot quietly lose what it had; its errors are still not read to write rules.
final class NewsQualityTests: XCTestCase {

    struct Floors: Decodable {
        var micro_document_f1: Double
        var micro_exact_f1: Double
        var entities_document_f1: [String: Double]
        var acronyms_f1: Double
        var quotes_recall: Double
        var speaker_accuracy: Double
        var duplicates_precision: Double
        var duplicates_recall: Double
    }

    static let newsDirectory = Repo.root.appendingPathComponent("gold/news")
    static let floorsFile = Repo.root.appendingPathComponent("gold/news.floors.json")
    /// Every split gated by the floors: dev and test (issue 18), and dev2, a second development split of
    /// 24 articles from 23 outlets in neither (written once dev's rules had been tuned), and dev3, a third
    /// of 24 articles from 24 outlets in none of them, dev4, a fourth, dev5, a fifth (tuned on since the
    /// third session of 2026-12-07), dev6, a sixth (tuned on since its fourth session), dev7 and dev8, a
    /// seventh and an eighth (kept unseen until the fifth session, tuned on since, all four together), and
    /// dev9, a ninth (written in that fourth session), and dev10, a tenth (written in the fifth), both scored
    /// once and tuned on since the sixth session, and dev11, an eleventh (written at the fifth's end), and dev12, a
    /// twelfth (written in the sixth), kept unseen.
    static let splits = [
        "dev", "test", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11",
        "dev12"
    ]
    /// The splits no rule is tuned on: a failing floor there names the split and the figure's kind only,
    /// never the figures, so that a change that fails it is dropped without its author reading the split's
    /// scores (the lead scores them with `scripts/eval_news.sh SPLIT` at the end of a change).
    static let heldOut: Set<String> = ["test", "dev11", "dev12"]
    /// The splits of issue 18's promise on size and shape (two thirds of it dev).
    static let issue18Splits = ["dev", "test"]

    static func goldFile(_ split: String) -> URL { Repo.root.appendingPathComponent("gold/news.\(split).ndjson") }

    static func articles(_ split: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(
            at: newsDirectory.appendingPathComponent(split), includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
    }

    func score(_ split: String) throws -> Scorer.Report {
        let binary = try BuiltBinary.require()
        let out = try temporaryDirectory(self).appendingPathComponent("out-\(split)")
        let result = try runProcess(
            binary,
            [
                "run", Self.newsDirectory.appendingPathComponent(split).path,
                "--pipeline", Repo.defaultPipeline.path, "--out", out.path
            ])
        XCTAssertEqual(result.status, 0, result.stderrText)
        return try Scorer().score(
            gold: try Scorer.load(Self.goldFile(split).path), predicted: try Scorer.load(out.path))
    }

    func testNewsScoresStayAtOrAboveTheCommittedFloors() throws {
        let all = try JSONDecoder().decode(
            [String: Floors].self, from: Data(contentsOf: Self.floorsFile).filteringComment())
        for split in Self.splits {
            guard let floors = all[split] else { XCTFail("gold/news.floors.json has no '\(split)'"); continue }
            let report = try score(split)
            let hidden = Self.heldOut.contains(split)
            let current =
                hidden
                ? "(\(split) is held out: its figures are not printed)" : "\(split) figures:\n" + report.table()
            XCTAssertEqual(report.documents, try Self.articles(split).count, current)
            XCTAssertEqual(report.missingDocuments, [], current)
            XCTAssertEqual(
                report.textMismatches, [],
                "\(split): the gold's offsets no longer fit the normalized text (scripts/news_gold.sh)")
            // XCTAssertGreaterThanOrEqual would print both values: a held-out split's figure stays unprinted.
            func atLeast(_ value: Double, _ floor: Double, _ what: String) {
                XCTAssertTrue(
                    value + 1e-9 >= floor,
                    Self.belowFloor(split: split, what: what, value: value, floor: floor, figures: current))
            }
            for (type, score) in report.document where score.support > 0 {
                guard let floor = floors.entities_document_f1[type] else {
                    XCTFail("\(split): \(type) is in the gold but has no floor"); continue
                }
                atLeast(score.f1, floor, "\(type) document F1")
            }
            atLeast(report.microDocument.f1, floors.micro_document_f1, "document micro F1")
            atLeast(report.microExact.f1, floors.micro_exact_f1, "exact micro F1")
            atLeast(report.acronyms.f1, floors.acronyms_f1, "acronym pairs F1")
            atLeast(report.quotesOverlap.recall, floors.quotes_recall, "quote recall")
            atLeast(report.speakerAccuracy, floors.speaker_accuracy, "speaker accuracy")
            atLeast(report.duplicates.precision, floors.duplicates_precision, "duplicate precision")
            atLeast(report.duplicates.recall, floors.duplicates_recall, "duplicate recall")
        }
    }

    /// The message of a figure below its floor: the value only for a split that is tuned on; for a held-out
    /// split its kind and floor only (`figures` is then the held-out notice, not the table).
    static func belowFloor(split: String, what: String, value: Double, floor: Double, figures: String) -> String {
        "\(split): \(what) \(heldOut.contains(split) ? "" : "\(value) ")fell below its floor \(floor)\n\(figures)"
    }

    func testAHeldOutSplitsFailureNamesTheFigureButNotItsValue() {
        let held = Self.belowFloor(
            split: "test", what: "speaker accuracy", value: 0.8712, floor: 0.87, figures: "(held out)")
        XCTAssertTrue(held.contains("test: speaker accuracy fell below its floor 0.87"), held)
        XCTAssertFalse(held.contains("0.8712"), held)
        let tuned = Self.belowFloor(
            split: "dev6", what: "speaker accuracy", value: 0.8712, floor: 0.9, figures: "table")
        XCTAssertTrue(tuned.contains("dev6: speaker accuracy 0.8712 fell below its floor 0.9"), tuned)
    }

    /// What issue 18 asks of the set: at least 90 articles of at least 200 words, at least 300 quotes
    /// and 30 quotes that repeat one in another article; dev about two thirds; gold for every article.
    func testTheNewsSetHasTheSizeAndShapeItPromises() throws {
        var articles = 0, quotes = 0, crossDocumentRepeats = 0
        var perSplit: [String: Int] = [:]
        for split in Self.issue18Splits {
            let files = try Self.articles(split)
            perSplit[split] = files.count
            articles += files.count
            for file in files {
                let words = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: { $0.isWhitespace })
                    .count
                XCTAssertGreaterThanOrEqual(words, 200, "\(file.lastPathComponent) has \(words) words")
            }
            let gold = try Scorer.load(Self.goldFile(split).path)
            XCTAssertEqual(
                Set(gold.map(\.id)), Set(files.map { $0.deletingPathExtension().lastPathComponent }),
                "\(split): gold and articles must name the same documents")
            for record in gold {
                quotes += record.quotes.count
                crossDocumentRepeats +=
                    record.quotes.filter { ($0.duplicateOf?.0).map { $0 != record.id } ?? false }.count
            }
        }
        XCTAssertGreaterThanOrEqual(articles, 90)
        XCTAssertGreaterThanOrEqual(quotes, 300)
        XCTAssertGreaterThanOrEqual(crossDocumentRepeats, 30)
        let devShare = Double(perSplit["dev", default: 0]) / Double(max(articles, 1))
        XCTAssertTrue((0.6...0.72).contains(devShare), "dev holds \(devShare) of the articles; two thirds wanted")
    }

    /// The gold resolver's own self-test (scripts/make_gold.py): nesting, occurrence lists, errors.
    func testTheGoldResolverPassesItsSelfTest() throws {
        guard let python = which("python3") else { throw XCTSkip("python3 is not on the PATH") }
        let result = try runProcess(
            python, [Repo.root.appendingPathComponent("scripts/make_gold.py").path, "--selftest"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("selftest ok"), result.stderrText)
    }
}

private extension Data {
    /// The floors file carries a `_comment` string beside the splits; decoding wants only the splits.
    func filteringComment() throws -> Data {
        guard var object = try JSONSerialization.jsonObject(with: self) as? [String: Any] else { return self }
        object.removeValue(forKey: "_comment")
        return try JSONSerialization.data(withJSONObject: object)
    }
}
