import Foundation
import XCTest

@testable import Warta

/// The regression gate of issue 3: the built `warta` runs the default pipeline over seeds/, and
/// `Scorer` compares the output with gold/seeds.ndjson. Every figure must stay at or above the floor
/// committed in gold/seeds.floors.json. A floor is raised by editing that file when the figures
/// improve, and is never lowered to make a change pass.
final class SeedQualityTests: XCTestCase {

    struct Floors: Decodable {
        var entities_exact_f1: [String: Double]
        var micro_exact_f1: Double
        var acronyms_f1: Double
        var quotes_exact_f1: Double
        var speakers_correct: Int
        var duplicates_recall: Double
        var duplicates_precision: Double
    }

    static let floorsFile = Repo.root.appendingPathComponent("gold/seeds.floors.json")
    static let goldFile = Repo.root.appendingPathComponent("gold/seeds.ndjson")

    func scoreSeeds() throws -> Scorer.Report {
        let binary = try BuiltBinary.require()
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let result = try runProcess(
            binary, ["run", Repo.seedsDirectory.path, "--pipeline", Repo.defaultPipeline.path, "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderrText)
        return try Scorer().score(gold: try Scorer.load(Self.goldFile.path), predicted: try Scorer.load(out.path))
    }

    func testSeedScoresStayAtOrAboveTheCommittedFloors() throws {
        let floors = try JSONDecoder().decode(Floors.self, from: Data(contentsOf: Self.floorsFile))
        let report = try scoreSeeds()
        let current = "current figures:\n" + report.table()
        XCTAssertEqual(report.documents, 5, current)
        XCTAssertEqual(report.missingDocuments, [], current)
        XCTAssertEqual(report.textMismatches, [], "the gold's offsets no longer fit the normalized text")

        let epsilon = 1e-9
        for (type, score) in report.exact where score.support > 0 {
            guard let floor = floors.entities_exact_f1[type] else {
                XCTFail("\(type) is in the gold but has no floor in gold/seeds.floors.json")
                continue
            }
            XCTAssertGreaterThanOrEqual(
                score.f1 + epsilon, floor, "\(type) exact F1 \(score.f1) fell below its floor \(floor)\n\(current)")
        }
        for type in floors.entities_exact_f1.keys where report.exact[type] == nil {
            XCTFail("\(type) has a floor but is not in the gold any more")
        }
        XCTAssertGreaterThanOrEqual(report.microExact.f1 + epsilon, floors.micro_exact_f1, "micro exact F1\n\(current)")
        XCTAssertGreaterThanOrEqual(report.acronyms.f1 + epsilon, floors.acronyms_f1, "acronym pairs F1\n\(current)")
        XCTAssertGreaterThanOrEqual(
            report.quotesExact.f1 + epsilon, floors.quotes_exact_f1, "quotes exact F1\n\(current)")
        XCTAssertGreaterThanOrEqual(report.speakers.correct, floors.speakers_correct, "speakers\n\(current)")
        XCTAssertGreaterThanOrEqual(
            report.duplicates.recall + epsilon, floors.duplicates_recall, "duplicate recall\n\(current)")
        XCTAssertGreaterThanOrEqual(
            report.duplicates.precision + epsilon, floors.duplicates_precision, "duplicate precision\n\(current)")
    }

    func testTheFloorsFileIsComplete() throws {
        let floors = try JSONDecoder().decode(Floors.self, from: Data(contentsOf: Self.floorsFile))
        let goldTypes = Set(try Scorer.load(Self.goldFile.path).flatMap { $0.entities.map(\.type) })
        XCTAssertEqual(Set(floors.entities_exact_f1.keys), goldTypes)
        // The gold follows the clarified guide (nested places and bodies, which the tagger does not yet
        // give: issue 20), so some floors sit far below issue 3's 0.95; they are still fractions.
        for (type, floor) in floors.entities_exact_f1 { XCTAssertTrue((0...1).contains(floor), "\(type): \(floor)") }
        XCTAssertEqual(floors.duplicates_recall, 1)
    }
}
