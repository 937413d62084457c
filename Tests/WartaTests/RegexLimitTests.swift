import Foundation
import XCTest

@testable import Warta

/// ICU's regular expressions backtrack: `(a+)+$` on a line of 30 a's took 31 s, `(a+)+b` on a word of
/// 31 letters too. Every matcher has ICU's match limit set; a rule that reaches it on a line or token
/// is taken as not matching there and named in the document's warnings, and the run goes on.
final class RegexLimitTests: XCTestCase, RuleFixtures {
    /// 25 letters: about 3 s of backtracking without the limit (each letter doubles it), well past it.
    static let evil = String(repeating: "a", count: 25)

    func testAFurnitureRuleThatBacktracksWithoutBoundGivesUpAndIsReported() throws {
        let stage = NormalizeStage(furniture: [
            try FurnitureRule(id: "furniture.evil", kind: "boilerplate", scope: .line, pattern: "(a+)+$"),
            try FurnitureRule(id: "furniture.evil-match", kind: "boilerplate", scope: .match, pattern: "(a+)+b")
        ])
        let document = try normalized(Self.evil + "!\nBaris kedua.", stage: stage)
        XCTAssertEqual(
            String(decoding: document.text, as: UTF8.self).split(separator: "\n").first.map(String.init),
            Self.evil + "!",
            "the line is kept")
        XCTAssertTrue(
            document.warnings.contains { $0.hasPrefix("furniture rule 'furniture.evil' gave up on 1 line(s)") },
            "\(document.warnings)")
        XCTAssertTrue(
            document.warnings.contains { $0.hasPrefix("furniture rule 'furniture.evil-match' gave up") },
            "\(document.warnings)")
        // An ordinary line is not affected.
        let plain = try normalized("aaa\n", stage: stage)
        XCTAssertEqual(plain.warnings, [])
        XCTAssertEqual(plain.text.count, 0, "'aaa' is still furniture")
    }

    /// ICU's limit bounds a line, not a document: 200 lines on which one furniture rule gives up took 17 s
    /// (the breaker's report), a 16 MiB file of them hours. After `furnitureGiveUps` lines a rule is not
    /// tried on the rest of the document: the CPU for 8 times the lines is about the same, the warning
    /// says so, and another rule still cuts lines after it.
    func testAFurnitureRuleStopsBeingTriedAfterItGaveUpOnAFewLines() throws {
        let stage = NormalizeStage(furniture: [
            try FurnitureRule(id: "furniture.evil", kind: "boilerplate", scope: .line, pattern: "(a+)+$"),
            try FurnitureRule(id: "furniture.share", kind: "boilerplate", scope: .line, pattern: "Bagikan")
        ])
        func lines(_ n: Int) -> String {
            Array(repeating: Self.evil + "!", count: n).joined(separator: "\n") + "\nBagikan\nBaris terakhir."
        }
        func seconds(_ text: String) throws -> Double {
            let start = LargeDocumentTests.threadCPUSeconds()
            _ = try normalized(text, stage: stage)
            return LargeDocumentTests.threadCPUSeconds() - start
        }
        let document = try normalized(lines(40), stage: stage)
        XCTAssertEqual(
            document.warnings.filter { $0.hasPrefix("furniture rule 'furniture.evil'") },
            [
                "furniture rule 'furniture.evil' gave up on \(NormalizeStage.furnitureGiveUps) line(s) at ICU's regular expression limit (it backtracks too much there); they were not cut, and the rule was not tried on the rest of the document"
            ])
        XCTAssertFalse(String(decoding: document.text, as: UTF8.self).contains("Bagikan"), "the other rule still cuts")
        let few = try seconds(lines(5)), many = try seconds(lines(40))
        XCTAssertLessThan(many, max(0.05, few) * 3, "40 lines took \(many) s against \(few) s for 5")
    }

    /// One token rule whose regex backtracks without bound on a long run of `a`.
    static let evilTokenRules = """
        phases:
          - id: p
            rules:
              - id: token.evil
                type: ORG
                pattern:
                  - {regex: '(a+)+b'}
        """

    func testATokenRegexThatBacktracksWithoutBoundGivesUpAndIsReported() throws {
        let rules = try load(Self.evilTokenRules)
        var document = try tokenized("Kata \(Self.evil) dan \(Self.evil) lagi.")
        try TagStage(rules: rules).process(&document)
        XCTAssertEqual(document.entities.count, 0)
        XCTAssertEqual(
            document.warnings.filter { $0.contains("rule 'token.evil'") }.count, 1,
            "once per rule: \(document.warnings)")
        XCTAssertTrue(
            document.warnings.contains {
                $0.hasPrefix("rule 'token.evil': its regex gave up") && $0.contains(Self.evil)
            },
            "\(document.warnings)")
    }

    /// The answer is kept per word form in the lexeme table with whether ICU gave up: a later document
    /// with the same token is answered from the table, and still warned about, once per rule.
    func testAGaveUpAnswerKeptAcrossDocumentsIsReportedInEach() throws {
        let rules = try load(Self.evilTokenRules)
        let stage = TagStage(rules: rules)
        for text in ["Kata \(Self.evil) dan \(Self.evil) lagi.", "Lain \(Self.evil) lagi.", "Lagi \(Self.evil)."] {
            var document = try tokenized(text)
            try stage.process(&document)
            XCTAssertEqual(document.entities.count, 0)
            XCTAssertEqual(
                document.warnings.filter {
                    $0.hasPrefix("rule 'token.evil': its regex gave up") && $0.contains(Self.evil)
                }.count, 1,
                "\(text): \(document.warnings)")
        }
        var plain = try tokenized("Kata biasa saja.")
        try stage.process(&plain)
        XCTAssertEqual(plain.warnings, [])
    }

    /// ICU's limit bounds a call, not a document: a document of many different long words on which a
    /// token regex backtracks asked ICU once per word (0.3 to 0.6 s each). After
    /// `RegexGiveUps.perExpression` calls that reached the limit, the expression is not asked again in
    /// the document (a warning says so); the CPU for 8 times the words is about the same. The "no" given
    /// without asking is the document's, not the word's: a later document with the same word still
    /// asks ICU and matches.
    func testATokenRegexStopsBeingAskedInADocumentAfterAFewGiveUpsButNotInTheNext() throws {
        let rules = try load(Self.evilTokenRules)
        func text(_ n: Int, from first: Int) -> String {
            // Distinct forms: each is a new word for the lexeme table, each backtracks to the limit.
            let words = (first..<first + n).map { Self.evil + String(repeating: "c", count: $0) }
            return "Kata " + words.joined(separator: " ") + " lalu aab masuk."
        }
        func seconds(_ text: String) throws -> (Double, Document) {
            var document = try tokenized(text)
            let stage = TagStage(rules: rules)
            let start = LargeDocumentTests.threadCPUSeconds()
            try stage.process(&document)
            return (LargeDocumentTests.threadCPUSeconds() - start, document)
        }
        let stage = TagStage(rules: rules)
        var hostile = try tokenized(text(40, from: 1))
        try stage.process(&hostile)
        XCTAssertEqual(hostile.entities.map(\.rule), [], "'aab' was not asked in the hostile document")
        XCTAssertEqual(
            hostile.warnings.filter { $0.hasPrefix("rule 'token.evil'") }.map { String($0.prefix(40)) },
            ["rule 'token.evil': its regex gave up at ", "rule 'token.evil': its regex reached ICU"],
            "\(hostile.warnings)")
        XCTAssertEqual(
            hostile.warnings.last,
            "rule 'token.evil': its regex reached ICU's regular expression limit \(RegexGiveUps.perExpression) times in this document and was not asked on the rest of it; taken as no match there"
        )
        // The same run (the same lexeme table): the word skipped there is asked here, and matches.
        var later = try tokenized("Lalu aab masuk.")
        try stage.process(&later)
        XCTAssertEqual(later.entities.map(\.rule), ["token.evil"])
        XCTAssertEqual(later.warnings, [])
        let (few, _) = try seconds(text(5, from: 100)), (many, _) = try seconds(text(40, from: 200))
        XCTAssertLessThan(many, max(0.05, few) * 3, "40 words took \(many) s against \(few) s for 5")
    }

    /// A document's give-up budget is its own: a give-up known from an earlier document (the run-wide
    /// lexeme table) counts as one asked here, and once spent the answer is no even where one is known.
    /// The reviewer's case: `b` alone matched nothing, after `a` (`--jobs 1`) it matched `aab` (the known
    /// give-ups did not count); here the same bytes whatever the order and the jobs, for a rule whose
    /// expression is its second element and one whose expression starts it (the class step's).
    func testAGiveUpBudgetDependsOnTheDocumentAloneNotOnTheRunsOrder() throws {
        let dir = try temporaryDirectory(self)
        let rules = """
            phases:
              - id: p
                rules:
                  - id: token.second
                    type: ORG
                    pattern:
                      - {text: [Kata]}
                      - {regex: '(a+)+b'}
                  - id: token.first
                    type: LOC
                    pattern:
                      - {regex: '(a+)+d'}
            """
        try rules.write(to: dir.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let pipeline = dir.appendingPathComponent("pipeline.yaml")
        try "name: t\nstages:\n  - normalize: {}\n  - tokenize: {}\n  - tag:\n      rules: rules.yaml\n".write(
            to: pipeline, atomically: true, encoding: .utf8)
        // Three long words on which both expressions give up, then one each matches.
        let long = (1...3).map { "Kata " + Self.evil + String(repeating: "c", count: $0) + "." }.joined(separator: " ")
        let a = long, b = long + " Kata aab. Lalu aad."
        // The records name their input's path: the runs compared byte for byte read the same folder.
        func run(_ files: [String: String], jobs: Int, _ label: String) throws -> Data {
            let input = dir.appendingPathComponent("in-\(files.count)")
            let out = dir.appendingPathComponent("out-" + label)
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            for (name, text) in files {
                try text.write(to: input.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            let options = BatchRunOptions(inputs: [input.path], pipeline: pipeline, outDirectory: out.path, jobs: jobs)
            _ = try BatchRun(options: options, logger: .init(label: "test")).execute()
            return try Data(contentsOf: out.appendingPathComponent("documents.ndjson"))
        }
        /// b's entities and warnings.
        func seen(_ ndjson: Data) throws -> String {
            for line in String(decoding: ndjson, as: UTF8.self).split(separator: "\n") {
                let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                guard "\(record["id"] ?? "")".hasPrefix("b") else { continue }
                let entities = (record["entities"] as? [[String: Any]] ?? []).map { "\($0["rule"] ?? "")" }
                return "\(entities) \(record["warnings"] ?? "")"
            }
            return "b missing"
        }
        let alone = try seen(run(["b.txt": b], jobs: 1, "alone"))
        let one = try run(["a.txt": a, "b.txt": b], jobs: 1, "1")
        XCTAssertEqual(try seen(one), alone, "after a (--jobs 1)")
        XCTAssertEqual(try run(["a.txt": a, "b.txt": b], jobs: 2, "2"), one, "--jobs 2")
        XCTAssertTrue(alone.hasPrefix("[] "), "the budget is spent before aab and aad: \(alone)")
        XCTAssertTrue(alone.contains("not asked on the rest of it"), alone)
    }
}
