import Foundation
import XCTest

@testable import Warta

/// `PhaseStartIndex` with the start rules' answers kept per token class (`ClassRules`): the candidates
/// are those of the per-(rule, token) path (`canStart` asked at every keyed token of a view without
/// lexemes), with and without the rules' requirements, for random rules over random texts and entities.
final class ClassStartRulesTests: XCTestCase, RuleFixtures {
    func randomRules(_ random: inout SeededGenerator, words: [String]) -> String {
        var yaml = """
            lists:
              title_word: [Menteri Luar Negeri, Menteri, Ketua]
              place: [kota, Jl, di]
            phases:
              - id: p
                rules:

            """
        let shapes = ["upper", "title", "lower", "initial", "none"]
        let kinds = ["word", "number", "punct", "symbol"]
        let types = ["PERSON", "ORG", "LOC", "DATE"]
        func element() -> String {
            var conditions: [String] = []
            func maybe(_ p: Int, _ s: () -> String) { if random.chance(p) { conditions.append(s()) } }
            maybe(20) { "lower: ['\(words[random.below(words.count)].lowercased())']" }
            maybe(30) { "shape: [\(shapes[random.below(5)]), \(shapes[random.below(5)])]" }
            maybe(30) { "kind: [\(kinds[random.below(4)])]" }
            maybe(10) { ["regex: '(19|20)\\d\\d'", "regex: '[Kk]e-\\d+'", "regex: '[A-Z]\\w*'"][random.below(3)] }
            maybe(15) { "not_in: [\(["title_word", "place"][random.below(2)])]" }
            maybe(20) { "not_entity: [\(types[random.below(4)])]" }
            maybe(20) { "space_before: \(random.chance(50))" }
            maybe(20) { "paragraph_start: \(random.chance(50))" }
            maybe(20) { "sentence_start: \(random.chance(50))" }
            if conditions.isEmpty { conditions.append("kind: [word]") }
            let consumer = ["", "", "in: place, ", "entity: [\(types[random.below(4)])], "][random.below(4)]
            let op = ["", "", ", op: '?'", ", op: '+'"][random.below(4)]
            return "{\(consumer)\(conditions.joined(separator: ", "))\(op)}"
        }
        for r in 0..<50 {
            let elements = (0..<(1 + random.below(3))).map { _ in element() }
            yaml +=
                "          - {id: r\(r), type: ORG, pattern: [\(elements.joined(separator: ", ")), {kind: [word]}]}\n"
        }
        return yaml
    }

    func testCandidatesAreThoseOfThePerRuleAndTokenPath() throws {
        var random = SeededGenerator(state: 5)
        let words = [
            "Kota", "kota", "KOTA", "di", "Di", "Bank", "bank", "2024", "1999", "12", "A", "Jl", ",", ".", "(", ")",
            "Menteri", "menteri", "Luar", "Negeri", "ke-3", "Ke-12", "yang", "PT", "Rp1.000", "-"
        ]
        var checked = 0
        for round in 0..<4 {
            let rules = try load(randomRules(&random, words: words))
            let stage = TagStage(rules: rules)
            for _ in 0..<4 {
                var text = ""
                for p in 0..<(2 + random.below(3)) {
                    if p > 0 { text += "\n\n" }
                    for _ in 0..<(10 + random.below(30)) { text += words[random.below(words.count)] + " " }
                    text += ". " + (0..<6).map { _ in words[random.below(words.count)] }.joined(separator: " ")
                }
                let document = try tokenized(text)
                let n = document.tokens.count
                var entities: [(start: Int, end: Int, type: EntityType)] = []
                for _ in 0..<(n / 5) {
                    let start = random.below(n)
                    entities.append(
                        (start, min(n, start + 1 + random.below(3)), [.PERSON, .ORG, .LOC, .DATE][random.below(4)]))
                }
                let view = TokenView(document, lexemes: stage.lexemes)
                let context = MatchContext(view: view, lists: rules.lists)
                let plain = MatchContext(
                    view: TokenView(document), lists: rules.lists, listsStartingWith: rules.listsStartingWith)
                let sentences = TagState(document: document, view: view, rules: rules).sentenceTokenRanges
                let ends = TagStage.sentenceEnds(sentences, tokenCount: n)
                for entitySet in [[], entities] {
                    context.setEntities(entitySet)
                    plain.setEntities(entitySet)
                    for (p, index) in stage.startIndexes.enumerated() {
                        guard let index else { continue }
                        let words = stage.requirements.wordsHeld(context: plain)
                        func check(_ c: MatchContext) -> RequirementCheck? {
                            stage.requirements.check(phase: p, words: words, context: c, sentenceEnds: ends)
                        }
                        let offset = stage.lexemes.ruleWordOffset[p]
                        let byClass = index.candidates(context: context, lexemeRules: offset)
                        let reference = index.candidates(context: plain)
                        XCTAssertTrue(
                            byClass.offsets == reference.offsets,
                            "round \(round), phase \(p): rules' start counts differ")
                        XCTAssertTrue(
                            byClass.positions == reference.positions, "round \(round), phase \(p): starts differ")
                        let filtered = index.candidates(
                            context: context, requirements: check(context), lexemeRules: offset)
                        let filteredReference = index.candidates(context: plain, requirements: check(plain))
                        XCTAssertTrue(
                            filtered.offsets == filteredReference.offsets,
                            "round \(round), phase \(p), requirements: counts differ")
                        XCTAssertTrue(
                            filtered.positions == filteredReference.positions,
                            "round \(round), phase \(p), requirements: starts differ")
                        checked += reference.positions.count
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 1_000, "hardly any rule could start: the test checks little")
    }
}
