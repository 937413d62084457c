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
}
