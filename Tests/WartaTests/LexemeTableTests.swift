import Foundation
import XCTest

@testable import Warta

/// `LexemeTable`: what it answers for a token is what the per-token computations answer (the view's
/// features, the lists and gazetteers that may start there, the regular expressions), whether the form
/// is new, already in the table, or met when the table is full; its forms are the distinct byte
/// strings of the tokens (checked against a `Dictionary` of byte arrays).
final class LexemeTableTests: XCTestCase, RuleFixtures {
    func seedDocuments() throws -> [Document] {
        let files = try FileManager.default.contentsOfDirectory(
            at: Repo.seedsDirectory, includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        XCTAssertFalse(files.isEmpty)
        return try files.map { try tokenized(String(contentsOf: $0, encoding: .utf8)) }
            + [try tokenized("Ke-3 \u{212A}ota Ångström ÅNGSTRÖM Straße STRASSE 2024 (19) Rp1.000 e\u{301}")]
    }

    func assertSameFeatures(_ a: TokenView, _ b: TokenView, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a.features, b.features) {
            XCTAssertEqual(x.text, y.text, file: file, line: line)
            XCTAssertEqual(x.folded, y.folded, file: file, line: line)
            XCTAssertEqual(x.shape, y.shape, x.text, file: file, line: line)
            XCTAssertEqual(x.kind, y.kind, file: file, line: line)
            XCTAssertEqual(x.isASCII, y.isASCII, file: file, line: line)
            XCTAssertEqual(x.textHash, y.textHash, file: file, line: line)
            XCTAssertEqual(x.foldedHash, y.foldedHash, file: file, line: line)
            XCTAssertEqual(x.spaceBefore, y.spaceBefore, file: file, line: line)
            XCTAssertEqual(x.paragraphStart, y.paragraphStart, file: file, line: line)
            XCTAssertEqual(x.titleLine, y.titleLine, file: file, line: line)
            XCTAssertEqual(x.sentenceStart, y.sentenceStart, file: file, line: line)
        }
    }

    /// Over the seeds with the real rules: features, list starts and gazetteer starts as computed per
    /// token, for a new table (forms entered), the same table again (forms found), and a table full
    /// after four forms (the rest answered per document).
    func testAnswersAreThoseOfThePerTokenComputations() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        let stage = TagStage(rules: rules)
        let documents = try seedDocuments()
        let tables = [
            stage.lexemes,
            LexemeTable(
                rules: rules, gazetteerStarts: stage.gazetteerStarts, requirements: stage.requirements, capacity: 4)
        ]
        for pass in 0..<2 {
            for table in tables {
                for document in documents {
                    let plain = TokenView(document)
                    let view = TokenView(document, lexemes: table)
                    assertSameFeatures(view, plain)
                    let lexemes = try XCTUnwrap(view.lexemes)
                    // Lists: against a context built without lexemes.
                    let withLexemes = MatchContext(view: view, lists: rules.lists)
                    let reference = MatchContext(
                        view: plain, lists: rules.lists, listsStartingWith: rules.listsStartingWith)
                    for t in 0..<view.count {
                        XCTAssertEqual(
                            withLexemes.listStartMask(at: t), reference.listStartMask(at: t), "pass \(pass), token \(t)"
                        )
                        XCTAssertEqual(withLexemes.listsStarting(at: t), reference.listsStarting(at: t))
                    }
                    // Requirements' word keys: against the per-token lookups (as position lists).
                    let held = stage.requirements.wordsHeld(context: withLexemes)
                    let reference_ = stage.requirements.wordsHeld(context: reference)
                    XCTAssertEqual(held.offsets.count, reference_.offsets.count)
                    for k in 0..<held.offsets.count - 1 {
                        let a = Set(held.positions[Int(held.offsets[k])..<Int(held.offsets[k + 1])])
                        let b = Set(reference_.positions[Int(reference_.offsets[k])..<Int(reference_.offsets[k + 1])])
                        XCTAssertEqual(a, b, "requirement \(k)")
                    }
                    // Gazetteers: against `GazetteerStarts.masks`.
                    for (p, starts) in stage.gazetteerStarts.enumerated() where table.gazetteerSlot[p] >= 0 {
                        XCTAssertEqual(
                            lexemes.gazetteerMasks(slot: table.gazetteerSlot[p]), starts!.masks(plain), "phase \(p)")
                    }
                }
            }
        }
        XCTAssertEqual(tables[1].count, 4)
        // The forms entered are the distinct byte strings of the tokens.
        var distinct: [[UInt8]: Int] = [:]
        for document in documents {
            for t in document.tokens { distinct[Array(document.text[t.range.start..<t.range.end]), default: 0] += 1 }
        }
        XCTAssertEqual(stage.lexemes.count, distinct.count)
    }

    /// Regular expressions: an answer found in one document is kept with the form and given to the
    /// next document's context; answers are those of the expression, table or not.
    func testRegularExpressionAnswersAreKeptPerForm() throws {
        let rules = try load(
            """
            phases:
              - id: dates
                rules:
                  - {id: year, type: DATE, pattern: [{regex: '(19|20)\\d\\d', kind: number}]}
                  - {id: numbered, type: EVENT, pattern: [{regex: '[Kk]e-\\d+'}, {shape: title}]}
            """)
        let stage = TagStage(rules: rules)
        let small = TagStage(rules: rules)
        let text = "Pada 2024 dan 1999, ke-3 Lomba; 2024 lagi, 3000 bukan, Ke-12 Festival."
        var first = try tokenized(text), second = try tokenized(text), plain = try tokenized(text)
        try stage.process(&first)
        let view = TokenView(second, lexemes: stage.lexemes)
        let lexemes = try XCTUnwrap(view.lexemes)
        let year = view.features.firstIndex { $0.text == "2024" }!
        XCTAssertEqual(lexemes.regexKnown[year] & 1, 1, "the answer for 2024 was kept")
        XCTAssertEqual(lexemes.regexYes[year] & 1, 1)
        let notYear = view.features.firstIndex { $0.text == "3000" }!
        XCTAssertEqual(lexemes.regexKnown[notYear] & 1, 1)
        XCTAssertEqual(lexemes.regexYes[notYear] & 1, 0)
        try stage.process(&second)
        try small.process(&plain)
        XCTAssertEqual(first.entities, second.entities)
        XCTAssertEqual(first.entities, plain.entities)
        let found = try tagged(rules, text)
        XCTAssertEqual(found.filter { $0.hasPrefix("DATE") }, ["DATE 2024 year", "DATE 1999 year", "DATE 2024 year"])
    }

    /// The tag stage's entities on the seeds are the same with a table that keeps every form and with
    /// one full after four forms.
    func testAFullTableGivesTheSameEntities() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        let stage = TagStage(rules: rules)
        var full = TagStage(rules: rules)
        full = TagStage(
            rules: rules,
            lexemes: LexemeTable(
                rules: rules, gazetteerStarts: full.gazetteerStarts,
                requirements: full.requirements, capacity: 4))
        for document in try seedDocuments() {
            var a = document, b = document
            try stage.process(&a)
            try full.process(&b)
            XCTAssertEqual(a.entities, b.entities)
        }
        XCTAssertEqual(full.lexemes.count, 4)
    }

    /// Every token test of the real rules at every token of the seeds (with the entities the tag stage
    /// found, for the entity tests): the same answer with the lexemes' form-part bits as evaluated in
    /// full; and every phase's start candidates from the start-rule bits are those from the keys.
    func testFormBitsAndStartRulesGiveTheSameAnswers() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        let stage = TagStage(rules: rules)
        var tests: [TokenTestRef] = []
        for phase in rules.phases {
            guard case .match(_, _, let phaseRules) = phase else { continue }
            for rule in phaseRules { tests += rule.pattern.elements.map(\.testRef) + rule.pattern.context.refs }
        }
        for g in rules.gazetteers { tests += g.context.refs }
        XCTAssertGreaterThan(tests.count, 100)
        XCTAssertTrue(tests.allSatisfy { $0.formID >= 0 && $0.formID < rules.formTestCount })
        var checked = 0
        for var document in try seedDocuments() {
            try stage.process(&document)
            let entities = try document.entities.map { e -> (start: Int, end: Int, type: EntityType) in
                let start = try XCTUnwrap(document.tokens.firstIndex { $0.range.start == e.range.start })
                let end = try XCTUnwrap(document.tokens.firstIndex { $0.range.end == e.range.end })
                return (start, end + 1, e.type)
            }
            let plain = MatchContext(
                view: TokenView(document), lists: rules.lists, listsStartingWith: rules.listsStartingWith)
            let withLexemes = MatchContext(view: TokenView(document, lexemes: stage.lexemes), lists: rules.lists)
            plain.setEntities(entities)
            withLexemes.setEntities(entities)
            for t in 0..<plain.view.count {
                for test in tests {
                    XCTAssertNotNil(withLexemes.formPartHolds(test.formID, t))
                    XCTAssertEqual(
                        test.matches(at: t, context: withLexemes), test.matches(at: t, context: plain),
                        "test \(test.formID) at \(plain.view.features[t].text)")
                    checked += 1
                }
            }
            for (p, index) in stage.startIndexes.enumerated() {
                guard let index else { continue }
                let byKeys = index.candidates(context: withLexemes)
                let byBits = index.candidates(context: withLexemes, lexemeRules: stage.lexemes.ruleWordOffset[p])
                XCTAssertEqual(byKeys.offsets, byBits.offsets, "phase \(p)")
                XCTAssertEqual(byKeys.positions, byBits.positions, "phase \(p)")
                // With the requirements (rules whose requirements failed skipped for the rest of the sentence).
                let sentences = TagState(document: document, view: withLexemes.view, rules: rules).sentenceTokenRanges
                let ends = TagStage.sentenceEnds(sentences, tokenCount: withLexemes.view.count)
                let words = stage.requirements.wordsHeld(context: plain)
                func check() -> RequirementCheck? {
                    stage.requirements.check(phase: p, words: words, context: withLexemes, sentenceEnds: ends)
                }
                let filteredByKeys = index.candidates(context: withLexemes, requirements: check())
                let filteredByBits = index.candidates(
                    context: withLexemes, requirements: check(),
                    lexemeRules: stage.lexemes.ruleWordOffset[p])
                XCTAssertEqual(filteredByKeys.offsets, filteredByBits.offsets, "phase \(p), requirements")
                XCTAssertEqual(filteredByKeys.positions, filteredByBits.positions, "phase \(p), requirements")
            }
        }
        XCTAssertGreaterThan(checked, 100_000)
    }
}
