import Foundation
import XCTest

@testable import Warta

/// `TokenClassAnswers`: a token test answered by the token's class (kept for the document) gives what
/// the test evaluated in full at that token gives (`TokenTestRef.evaluate`, and the same test on a view
/// without lexemes), for random rules over random texts and for every test of the real rules at every
/// seed token, with the entities changing between phases as in the tag stage.
final class TokenClassAnswersTests: XCTestCase, RuleFixtures {
    /// Every test of every rule (elements and look-around) and of every gazetteer's context.
    func allTests(_ rules: RuleSet) -> [TokenTestRef] {
        var tests: [TokenTestRef] = []
        for phase in rules.phases {
            guard case .match(_, _, let phaseRules) = phase else { continue }
            for rule in phaseRules { tests += rule.pattern.elements.map(\.testRef) + rule.pattern.context.refs }
        }
        for g in rules.gazetteers { tests += g.context.refs }
        return tests
    }

    /// Asks every test at every token in a shuffled order, twice (the second time mostly from kept
    /// answers), under each entity set in turn, and compares with the full evaluation on a context of
    /// its own and on a view without lexemes. Returns how many answers came from a kept class.
    @discardableResult
    func assertClassAnswersAreEvaluations(
        _ rules: RuleSet, _ document: Document, entitySets: [[(start: Int, end: Int, type: EntityType)]],
        table: LexemeTable, seed: UInt64, file: StaticString = #filePath, line: UInt = #line
    ) -> Int {
        let tests = allTests(rules)
        let view = TokenView(document, lexemes: table)
        let context = MatchContext(view: view, lists: rules.lists)
        let reference = MatchContext(view: view, lists: rules.lists)
        let plain = MatchContext(
            view: TokenView(document), lists: rules.lists, listsStartingWith: rules.listsStartingWith)
        var random = SeededGenerator(state: seed)
        var fromClasses = 0
        for entities in entitySets {
            context.setEntities(entities)
            reference.setEntities(entities)
            plain.setEntities(entities)
            for _ in 0..<2 {
                var order = Array(0..<view.count)
                order.shuffle(using: &random)
                let testOrder = tests.shuffled(using: &random)
                for t in order {
                    for test in testOrder {
                        let kept = context.testClass(t, readsCovering: true).flatMap { c in
                            context.classAnswer(c, test.formID)
                        }
                        let answer = test.matches(at: t, context: context)
                        if kept != nil { fromClasses += 1 }
                        let full = test.evaluate(at: t, context: reference)
                        XCTAssertEqual(
                            answer, full, "test \(test.formID) at token \(t) '\(view.features[t].text)'",
                            file: file, line: line)
                        XCTAssertEqual(
                            full, test.evaluate(at: t, context: plain), "without lexemes, test \(test.formID)",
                            file: file, line: line)
                    }
                }
            }
        }
        XCTAssertEqual(context.regexGaveUp.map(\.owner), reference.regexGaveUp.map(\.owner), file: file, line: line)
        return fromClasses
    }

    /// Random single-element rules: every kind of condition a test may hold, over texts of repeated
    /// words in varied shapes, kinds and positions, with random entities.
    func testRandomRulesOverRandomTexts() throws {
        var random = SeededGenerator(state: 22)
        let words = [
            "Kota", "kota", "KOTA", "di", "Di", "Bank", "bank", "2024", "1999", "12", "A", "Jl", ",", ".",
            "(", ")", "Menteri", "menteri", "Luar", "Negeri", "ke-3", "Ke-12", "yang", "PT", "Rp1.000", "-"
        ]
        var yaml = """
            lists:
              title_word: [Menteri Luar Negeri, Menteri, Ketua]
              place: [kota, Jl, di]
            phases:
              - id: p
                rules:

            """
        let shapes = ["upper", "title", "lower", "initial", "none"], kinds = ["word", "number", "punct", "symbol"]
        let types = ["PERSON", "ORG", "LOC", "DATE"]
        for r in 0..<60 {
            var conditions: [String] = []
            func maybe(_ p: Int, _ s: () -> String) { if random.next() % 100 < UInt64(p) { conditions.append(s()) } }
            maybe(20) { "text: ['\(words[Int(random.next() % 26)])', '\(words[Int(random.next() % 26)])']" }
            maybe(20) { "lower: ['\(words[Int(random.next() % 26)].lowercased())']" }
            maybe(30) { "shape: [\(shapes[Int(random.next() % 5)]), \(shapes[Int(random.next() % 5)])]" }
            maybe(30) { "kind: [\(kinds[Int(random.next() % 4)])]" }
            maybe(15) {
                ["regex: '(19|20)\\d\\d'", "regex: '[Kk]e-\\d+'", "regex: '[A-Z]\\w*'"][Int(random.next() % 3)]
            }
            maybe(15) { "not_in: [\(["title_word", "place"][Int(random.next() % 2)])]" }
            maybe(20) { "not_entity: [\(types[Int(random.next() % 4)])]" }
            maybe(20) { "space_before: \(random.next() % 2 == 0)" }
            maybe(20) { "paragraph_start: \(random.next() % 2 == 0)" }
            maybe(20) { "sentence_start: \(random.next() % 2 == 0)" }
            maybe(10) { "title_line: \(random.next() % 2 == 0)" }
            if conditions.isEmpty { conditions.append("kind: [word]") }
            let consumer = ["", "in: place, ", "entity: [\(types[Int(random.next() % 4)])], "][Int(random.next() % 3)]
            yaml +=
                "          - {id: r\(r), type: ORG, pattern: [{\(consumer)\(conditions.joined(separator: ", "))}]}\n"
        }
        let rules = try load(yaml)
        let table = TagStage(rules: rules).lexemes
        var fromClasses = 0
        for d in 0..<12 {
            var text = ""
            for p in 0..<(2 + Int(random.next() % 3)) {
                if p > 0 { text += "\n\n" }
                for _ in 0..<(8 + Int(random.next() % 20)) { text += words[Int(random.next() % 26)] + " " }
                text += ". " + (0..<6).map { _ in words[Int(random.next() % 26)] }.joined(separator: " ")
            }
            let document = try tokenized(text)
            let n = document.tokens.count
            var sets: [[(start: Int, end: Int, type: EntityType)]] = [[]]
            for _ in 0..<2 {
                var set: [(start: Int, end: Int, type: EntityType)] = []
                for _ in 0..<(n / 4) {
                    let start = Int(random.next() % UInt64(n))
                    let end = min(n, start + 1 + Int(random.next() % 3))
                    set.append((start, end, [EntityType.PERSON, .ORG, .LOC, .DATE][Int(random.next() % 4)]))
                }
                set.sort { ($0.start, $1.end) < ($1.start, $0.end) }
                sets.append(set)
            }
            fromClasses += assertClassAnswersAreEvaluations(
                rules, document, entitySets: sets, table: table, seed: UInt64(d))
        }
        XCTAssertGreaterThan(fromClasses, 10_000, "the kept answers were hardly asked: the test checks little")
    }

    /// The real rules at every seed token: no entities, then the entities the tag stage found.
    func testRealRulesAtEverySeedToken() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        let stage = TagStage(rules: rules)
        let files = try FileManager.default.contentsOfDirectory(
            at: Repo.seedsDirectory, includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        var fromClasses = 0
        for (k, file) in files.prefix(2).enumerated() {
            var document = try tokenized(String(contentsOf: file, encoding: .utf8))
            let plain = document
            try stage.process(&document)
            let entities = try document.entities.map { e -> (start: Int, end: Int, type: EntityType) in
                let start = try XCTUnwrap(document.tokens.firstIndex { $0.range.start == e.range.start })
                let end = try XCTUnwrap(document.tokens.firstIndex { $0.range.end == e.range.end })
                return (start, end + 1, e.type)
            }
            // A fresh table too: every form new, the regular expressions asked in this document.
            let fresh = TagStage(rules: rules).lexemes
            fromClasses += assertClassAnswersAreEvaluations(
                rules, plain, entitySets: [[], entities], table: k % 2 == 0 ? stage.lexemes : fresh, seed: UInt64(k))
        }
        XCTAssertGreaterThan(fromClasses, 50_000)
    }

    /// Two tokens of the same form differ in class when their kind, a flag or (for an entity test) the
    /// covering type differ, and agree otherwise.
    func testTheClassHoldsFlagsAndCoveringType() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - {id: a, type: ORG, pattern: [{lower: [kota], not_entity: [LOC]}]}
            """)
        let table = TagStage(rules: rules).lexemes
        let document = try tokenized("Ada Kota besar. Kota besar di Kota.")
        let context = MatchContext(view: TokenView(document, lexemes: table), lists: rules.lists)
        XCTAssertEqual(
            context.view.features.map(\.text), ["Ada", "Kota", "besar", ".", "Kota", "besar", "di", "Kota", "."])
        // Tokens 1 and 7: "Kota" inside a sentence; 4: "Kota" at a sentence start.
        XCTAssertEqual(context.testClass(1, readsCovering: false), context.testClass(7, readsCovering: false))
        XCTAssertNotEqual(context.testClass(1, readsCovering: false), context.testClass(4, readsCovering: false))
        XCTAssertNotEqual(context.testClass(1, readsCovering: false), context.testClass(2, readsCovering: false))
        context.setEntities([(7, 8, .LOC)])
        XCTAssertNotEqual(context.testClass(1, readsCovering: true), context.testClass(7, readsCovering: true))
        XCTAssertEqual(context.testClass(1, readsCovering: false), context.testClass(7, readsCovering: false))
        let test = allTests(rules)[0]
        XCTAssertTrue(test.matches(at: 1, context: context))
        XCTAssertFalse(test.matches(at: 7, context: context))
        XCTAssertTrue(test.matches(at: 1, context: context))
    }
}
