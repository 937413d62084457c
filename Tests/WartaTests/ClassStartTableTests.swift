import Foundation
import XCTest

@testable import Warta

/// The run-wide class table (`LexemeTable.classify`, `PhaseStartIndex` reading a token's class row): the
/// candidates are those of the per-(rule, token) path (`canStart` asked at every keyed token of a view
/// without lexemes), with and without the rules' requirements, for random rules over random texts,
/// flags and entity sets, documents classified by several threads sharing one table, a full class
/// table, and the real rules at every seed token.
final class ClassStartTableTests: XCTestCase, RuleFixtures {
    static let words = [
        "Kota", "kota", "KOTA", "di", "Di", "Bank", "bank", "2024", "1999", "12", "A", "Jl", ",", ".", "(", ")",
        "Menteri", "menteri", "Luar", "Negeri", "ke-3", "Ke-12", "yang", "PT", "Rp1.000", "-", "Ketua", "Budi"
    ]

    func randomRules(_ random: inout SeededGenerator) -> String {
        let words = Self.words
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
            maybe(10) { "text: ['\(words[random.below(words.count)])', '\(words[random.below(words.count)])']" }
            maybe(30) { "shape: [\(shapes[random.below(5)]), \(shapes[random.below(5)])]" }
            maybe(30) { "kind: [\(kinds[random.below(4)]), \(kinds[random.below(4)])]" }
            maybe(8) { ["regex: '(19|20)\\d\\d'", "regex: '[Kk]e-\\d+'", "regex: '[A-Z]\\w*'"][random.below(3)] }
            maybe(15) { "not_in: [\(["title_word", "place"][random.below(2)])]" }
            maybe(25) { "not_entity: [\(types[random.below(4)])]" }
            maybe(20) { "space_before: \(random.chance(50))" }
            maybe(20) { "paragraph_start: \(random.chance(50))" }
            maybe(20) { "title_line: \(random.chance(50))" }
            maybe(20) { "sentence_start: \(random.chance(50))" }
            if conditions.isEmpty { conditions.append("kind: [word]") }
            let consumer = ["", "", "", "in: place, ", "in: title_word, ", "entity: [\(types[random.below(4)])], "][
                random.below(6)]
            let op = ["", "", ", op: '?'", ", op: '+'", ", op: '*'"][random.below(5)]
            return "{\(consumer)\(conditions.joined(separator: ", "))\(op)}"
        }
        for r in 0..<70 {
            let elements = (0..<(1 + random.below(3))).map { _ in element() }
            yaml +=
                "          - {id: r\(r), type: ORG, pattern: [\(elements.joined(separator: ", ")), {kind: [word]}]}\n"
        }
        return yaml
    }

    func randomText(_ random: inout SeededGenerator) -> String {
        let words = Self.words
        var text = ""
        for p in 0..<(2 + random.below(3)) {
            if p > 0 { text += "\n\n" }
            if random.chance(30) {
                // A headline-like paragraph (title_line).
                text +=
                    (0..<(4 + random.below(4))).map { _ in ["Kota", "Bank", "Menteri", "Budi", "PT"][random.below(5)] }
                    .joined(separator: " ") + "\n\n"
            }
            for _ in 0..<(10 + random.below(30)) {
                text += words[random.below(words.count)] + (random.chance(20) ? "" : " ")
            }
            text += ". " + (0..<6).map { _ in words[random.below(words.count)] }.joined(separator: " ")
        }
        return text
    }

    func randomEntities(_ random: inout SeededGenerator, count n: Int) -> [(start: Int, end: Int, type: EntityType)] {
        var entities: [(start: Int, end: Int, type: EntityType)] = []
        for _ in 0..<(n / 4) {
            let start = random.below(n)
            entities.append((start, min(n, start + 1 + random.below(3)), [.PERSON, .ORG, .LOC, .DATE][random.below(4)]))
        }
        return entities
    }

    /// The differences between the candidates of every phase through the stage's class table and those of
    /// the per-(rule, token) path, for one document under each entity set ("" when none), and the number of
    /// candidates checked.
    func compare(_ stage: TagStage, _ document: Document, entitySets: [[(start: Int, end: Int, type: EntityType)]])
        -> (differences: [String], checked: Int)
    {
        let rules = stage.rules
        let view = TokenView(document, lexemes: stage.lexemes)
        let context = MatchContext(view: view, lists: rules.lists)
        let plain = MatchContext(
            view: TokenView(document), lists: rules.lists, listsStartingWith: rules.listsStartingWith)
        let sentences = TagState(document: document, view: view, rules: rules).sentenceTokenRanges
        let ends = TagStage.sentenceEnds(sentences, tokenCount: view.count)
        var differences: [String] = []
        var checked = 0
        for (s, entitySet) in entitySets.enumerated() {
            context.setEntities(entitySet)
            plain.setEntities(entitySet)
            let words = stage.requirements.wordsHeld(context: plain)
            for (p, index) in stage.startIndexes.enumerated() {
                guard let index else { continue }
                func check(_ c: MatchContext) -> RequirementCheck? {
                    stage.requirements.check(phase: p, words: words, context: c, sentenceEnds: ends)
                }
                let offset = stage.lexemes.ruleWordOffset[p]
                let byClass = index.candidates(context: context, lexemeRules: offset)
                let reference = index.candidates(context: plain)
                if byClass.offsets != reference.offsets || byClass.positions != reference.positions {
                    differences.append("entity set \(s), phase \(p): starts differ")
                }
                let filtered = index.candidates(context: context, requirements: check(context), lexemeRules: offset)
                let filteredReference = index.candidates(context: plain, requirements: check(plain))
                if filtered.offsets != filteredReference.offsets || filtered.positions != filteredReference.positions {
                    differences.append("entity set \(s), phase \(p), requirements: starts differ")
                }
                checked += reference.positions.count
            }
        }
        return (differences, checked)
    }

    func testCandidatesThroughTheClassTableAreThoseOfThePerRuleAndTokenPath() throws {
        var random = SeededGenerator(state: 7)
        var checked = 0, classified = 0
        for round in 0..<5 {
            let rules = try load(randomRules(&random))
            let stage = TagStage(rules: rules)
            for d in 0..<5 {
                let document = try tokenized(randomText(&random))
                let result = compare(
                    stage, document, entitySets: [[], randomEntities(&random, count: document.tokens.count)])
                for difference in result.differences { XCTFail("round \(round), document \(d): \(difference)") }
                checked += result.checked
                classified += TokenView(document, lexemes: stage.lexemes).lexemes!.classes.filter { $0 >= 0 }.count
            }
        }
        XCTAssertGreaterThan(checked, 1_000, "hardly any rule could start: the test checks little")
        XCTAssertGreaterThan(classified, 1_000, "hardly any token had a class: the test checks little")
    }

    /// Several threads classify their documents into one table (classes entered by one thread are read
    /// by the others without the lock) and each compares its candidates.
    func testThreadsSharingOneClassTableFindTheSameCandidates() throws {
        var random = SeededGenerator(state: 11)
        let rules = try load(randomRules(&random))
        let stage = TagStage(rules: rules)
        var documents: [[Document]] = []
        var entities: [[[(start: Int, end: Int, type: EntityType)]]] = []
        for _ in 0..<4 {
            var mine: [Document] = [], sets: [[(start: Int, end: Int, type: EntityType)]] = []
            for _ in 0..<8 {
                let document = try tokenized(randomText(&random))
                mine.append(document)
                sets.append(randomEntities(&random, count: document.tokens.count))
            }
            documents.append(mine)
            entities.append(sets)
        }
        let lock = NSLock()
        var differences: [String] = []
        var checked = 0
        DispatchQueue.concurrentPerform(iterations: 4) { k in
            for (d, document) in documents[k].enumerated() {
                let result = compare(stage, document, entitySets: [[], entities[k][d]])
                lock.lock()
                differences += result.differences.map { "thread \(k), document \(d): \($0)" }
                checked += result.checked
                lock.unlock()
            }
        }
        for difference in differences { XCTFail(difference) }
        XCTAssertGreaterThan(checked, 500, "hardly any rule could start: the test checks little")
        XCTAssertGreaterThan(stage.lexemes.classStarts.count, 50)
    }

    /// A class table that fills up: the tokens of the classes met after have none, and their starts are
    /// found through the form's bits, with the same candidates.
    func testAFullClassTableGivesTheSameCandidates() throws {
        var random = SeededGenerator(state: 13)
        let rules = try load(randomRules(&random))
        let probe = TagStage(rules: rules)
        let table = LexemeTable(
            rules: rules, gazetteerStarts: probe.gazetteerStarts, requirements: probe.requirements,
            elementBits: false, classCapacity: 9)
        let stage = TagStage(rules: rules, lexemes: table)
        var unclassified = 0
        for d in 0..<4 {
            let document = try tokenized(randomText(&random))
            let result = compare(
                stage, document, entitySets: [[], randomEntities(&random, count: document.tokens.count)])
            for difference in result.differences { XCTFail("document \(d): \(difference)") }
            unclassified += TokenView(document, lexemes: table).lexemes!.classes.filter { $0 < 0 }.count
        }
        XCTAssertEqual(table.classStarts.count, 9)
        XCTAssertGreaterThan(unclassified, 0)
    }

    /// The real rules at every token of every seed, with the entities of the whole document (as the later
    /// phases see those of the earlier ones) and with none.
    func testTheRealRulesFindTheSameStartsThroughTheClassTableOnTheSeeds() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        let stage = TagStage(rules: rules)
        XCTAssertFalse(Repo.seeds.isEmpty)
        var checked = 0
        for url in Repo.seeds {
            var document = try tokenized(String(decoding: try Data(contentsOf: url), as: UTF8.self))
            let plainDocument = document
            try TagStage(rules: rules).process(&document)
            let tokens = document.tokens
            let entities = document.entities.compactMap { e -> (start: Int, end: Int, type: EntityType)? in
                guard let s = tokens.firstIndex(where: { $0.range.start == e.range.start }),
                    let end = tokens.firstIndex(where: { $0.range.end == e.range.end })
                else { return nil }
                return (s, end + 1, e.type)
            }
            let result = compare(stage, plainDocument, entitySets: [[], entities])
            for difference in result.differences { XCTFail("\(url.lastPathComponent): \(difference)") }
            checked += result.checked
        }
        XCTAssertGreaterThan(checked, 1_000)
    }

    /// `TokenClassMap` against a dictionary.
    func testTheClassMapNumbersKeysAsADictionaryWould() {
        var random = SeededGenerator(state: 3)
        var map = TokenClassMap()
        var reference: [Int64: Int32] = [:]
        for _ in 0..<20_000 {
            let key = TokenClassKey.key(row: Int32(random.below(5_000)), bits: UInt8(random.below(64)))
            if let n = reference[key] {
                XCTAssertEqual(map.number(of: key), n)
            } else {
                XCTAssertNil(map.number(of: key))
                reference[key] = map.insert(key)
                XCTAssertEqual(reference[key], Int32(reference.count - 1))
            }
        }
        XCTAssertEqual(map.count, reference.count)
    }
}
