import Foundation
import XCTest

@testable import Warta

/// `PhaseAutomaton` and `AutomatonPass`: the tag stage runs a rule's matcher only from the positions
/// the pass names, so the pass must name every position from which the matcher finds a match. Checked
/// against the reference of running the matcher from every position of every sentence, rule by rule:
/// the same matches (start, end and capture), for hand-made rules with every operator and consumer
/// over random texts, and for the real rules over the seeds and the news dev set.
final class PhaseAutomatonTests: XCTestCase, RuleFixtures {

    struct Counts { var checked = 0, candidates = 0, exactCandidates = 0, everywhere = 0 }

    /// For every rule of every match phase, with `entities` in the context: the matches from the pass's
    /// candidates (from the lexeme table's rows and from the exact rows) equal those from every position;
    /// each position where the matcher started alone finds a match is a candidate; the lexeme
    /// candidates include the exact ones.
    @discardableResult
    func assertPassKeepsEveryMatch(
        _ rules: RuleSet, _ document: Document, entities: [(start: Int, end: Int, type: EntityType)],
        singleStarts: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) -> Counts {
        let stage = TagStage(rules: rules, lexemes: nil, useAutomata: true)
        let view = TokenView(document, lexemes: stage.lexemes)
        let context = MatchContext(view: view, lists: rules.lists, listsStartingWith: rules.listsStartingWith)
        context.setEntities(entities)
        let sentences = TagState(document: document, view: view, rules: rules).sentenceTokenRanges
        var counts = Counts()
        for (p, phase) in rules.phases.enumerated() {
            guard case .match(let id, _, let phaseRules) = phase, let automaton = stage.automata[p] else { continue }
            let lexemeRows = AutomatonPass.tokenElements(
                automaton, context: context, lexemes: view.lexemes!,
                offset: stage.lexemes.elementWordOffset[p])
            let exactRows = AutomatonPass.tokenElements(automaton, context: context)
            // Every bit of the exact rows is in the lexeme rows (they over-approximate).
            for (a, b) in zip(exactRows, lexemeRows) {
                XCTAssertEqual(a & ~b, 0, "phase \(id)", file: file, line: line)
            }
            let fromLexemes = AutomatonPass.candidates(
                automaton, tokenElements: lexemeRows, context: context, sentences: sentences)
            let fromExact = AutomatonPass.candidates(
                automaton, tokenElements: exactRows, context: context, sentences: sentences)
            for (r, rule) in phaseRules.enumerated() {
                let lexemeStarts = fromLexemes.positions[Int(fromLexemes.offsets[r])..<Int(fromLexemes.offsets[r + 1])]
                let exactStarts = fromExact.positions[Int(fromExact.offsets[r])..<Int(fromExact.offsets[r + 1])]
                XCTAssertTrue(
                    Set(exactStarts).isSubset(of: Set(lexemeStarts)), "phase \(id), rule \(rule.id)", file: file,
                    line: line)
                XCTAssertEqual(Array(lexemeStarts), lexemeStarts.sorted(), file: file, line: line)
                counts.candidates += lexemeStarts.count
                counts.exactCandidates += exactStarts.count
                for sentence in sentences {
                    let everywhere = sentence.map { Int32($0) }.withUnsafeBufferPointer {
                        PatternMatcher.run(rule.pattern, over: sentence, starts: $0, context: context)
                    }
                    counts.everywhere += sentence.count
                    for starts in [lexemeStarts, exactStarts] {
                        let inSentence = starts.filter { sentence.contains(Int($0)) }
                        let found = inSentence.withUnsafeBufferPointer {
                            PatternMatcher.run(rule.pattern, over: sentence, starts: $0, context: context)
                        }
                        XCTAssertEqual(
                            found, everywhere, "phase \(id), rule \(rule.id), sentence \(sentence)", file: file,
                            line: line)
                    }
                    counts.checked += everywhere.count
                    guard singleStarts else { continue }
                    for position in sentence {
                        let alone = [Int32(position)].withUnsafeBufferPointer {
                            PatternMatcher.run(rule.pattern, over: sentence, starts: $0, context: context)
                        }
                        if !alone.isEmpty {
                            XCTAssertTrue(
                                exactStarts.contains(Int32(position)),
                                "phase \(id), rule \(rule.id), start \(position)",
                                file: file, line: line)
                        }
                    }
                }
            }
        }
        return counts
    }

    static let handMadeRules = """
        lists:
          places: [Jawa Barat, Kota Bogor, Bogor, Papua Tengah Selatan, Papua Tengah]
          skip: [di]
        phases:
          - id: first
            rules:
              - {id: seq, type: ORG, pattern: [{lower: a}, {lower: b, op: "?"}, {lower: c}]}
              - {id: plus-list, type: LOC, pattern: [{shape: title, not_in: [places], op: "+"}, {in: places}]}
              - {id: list-alone, type: LOC, pattern: [{in: places}]}
              - id: alternatives
                type: ORG
                pattern:
                  - any_of:
                      - {lower: a}
                      - group: [{lower: b}, {lower: c, op: "*"}]
                  - {regex: '[A-Z].*'}
              - id: range
                type: ORG
                pattern: [{lower: pulau}, {shape: title, min: 1, max: 3}]
              - id: looked-around
                type: PERSON
                preceded_by: {lower: [kata, di]}
                not_followed_by: {text: ","}
                pattern: [{shape: title, op: "+", capture: true}]
              - id: veto
                veto: [LOC]
                pattern: [{lower: bukan}, {shape: title}]
              - id: hostile
                type: ORG
                pattern:
                  - {lower: a}
                  - group:
                      - group:
                          - any_of: [{kind: word}, {shape: lower}]
                            op: "*"
                        op: "*"
                      - any_of: [{kind: word}, {lower: c}]
                        op: "*"
                    op: "*"
                  - {lower: b}
          - id: second
            rules:
              - {id: entity-then, type: ROLE, pattern: [{lower: di}, {entity: [LOC, ORG]}, {lower: c, op: "?"}]}
              - {id: entity-first, type: ORG, pattern: [{entity: LOC}, {shape: title, op: "*"}, {text: "."}]}
              - {id: capture-group, type: PERSON, pattern: [{lower: a}, {group: [{shape: title}, {shape: upper}], capture: true}]}
              - {id: paragraph, type: ORG, pattern: [{shape: title, paragraph_start: true}, {kind: word, space_before: true, op: "+"}]}
        """

    static let vocabulary = [
        "a", "b", "c", "A", "B", "Jawa", "Barat", "Kota", "Bogor", "Papua", "Tengah", "Selatan", "di",
        "kata", "pulau", "bukan", "KPU", "Biak", ",", ".", "2024", "(", ")"
    ]

    func testHandMadeRulesOverRandomTexts() throws {
        let rules = try load(Self.handMadeRules)
        var random = SeededGenerator(state: 22)
        var total = Counts()
        for _ in 0..<40 {
            var words: [String] = []
            for _ in 0..<(5 + random.below(60)) {
                words.append(Self.vocabulary[random.below(Self.vocabulary.count)])
                if random.chance(3) { words.append("\n") }
            }
            let document = try tokenized(words.joined(separator: " ").replacingOccurrences(of: " \n ", with: "\n"))
            let n = document.tokens.count
            var entities: [(start: Int, end: Int, type: EntityType)] = []
            for _ in 0..<random.below(5) where n > 0 {
                let start = random.below(n)
                entities.append((start, min(n, start + 1 + random.below(3)), random.chance(50) ? .LOC : .ORG))
            }
            let c = assertPassKeepsEveryMatch(rules, document, entities: entities, singleStarts: true)
            total.checked += c.checked
            total.candidates += c.candidates
            total.everywhere += c.everywhere
        }
        XCTAssertGreaterThan(total.checked, 100, "the random texts hold matches to compare")
        XCTAssertLessThan(total.candidates, total.everywhere, "the pass leaves positions out")
    }

    func testRealRulesOverSeedsAndNewsDevSet() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        let dev = Repo.root.appendingPathComponent("gold/news/dev")
        let devFiles = try FileManager.default.contentsOfDirectory(atPath: dev.path).filter { $0.hasSuffix(".txt") }
            .sorted()
            .prefix(3).map { dev.appendingPathComponent($0) }
        var total = Counts()
        for url in Repo.seeds + devFiles {
            var tagged = try tokenized(String(contentsOf: url, encoding: .utf8))
            let untagged = tagged
            try TagStage(rules: rules).process(&tagged)
            // The entities of the whole document stand for those of the earlier phases (the pass must
            // keep every match whatever the entities are).
            let view = TokenView(untagged)
            let entities = tagged.entities.compactMap { e -> (start: Int, end: Int, type: EntityType)? in
                guard let s = view.tokens.firstIndex(where: { $0.range.start == e.range.start }),
                    let t = view.tokens.firstIndex(where: { $0.range.end == e.range.end })
                else { return nil }
                return (s, t + 1, e.type)
            }
            XCTAssertFalse(entities.isEmpty, url.lastPathComponent)
            let c = assertPassKeepsEveryMatch(rules, untagged, entities: entities)
            total.checked += c.checked
            total.candidates += c.candidates
            total.exactCandidates += c.exactCandidates
            total.everywhere += c.everywhere
        }
        XCTAssertGreaterThan(total.checked, 300)
        // The pass names far fewer starts than there are positions (the matcher ran from each of them).
        XCTAssertLessThan(total.candidates * 20, total.everywhere, "\(total)")
    }

    /// The tag stage with the automaton (`TagStage.useAutomata`) gives the entities of the tag stage
    /// without it (the start index and the rules' requirements, the default).
    func testTagStageGivesTheSameEntitiesWithAndWithoutTheAutomaton() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        let with = TagStage(rules: rules, lexemes: nil, useAutomata: true)
        let without = TagStage(rules: rules)
        // The automata are built only for a stage that uses them (they cost start-up time).
        XCTAssertTrue(with.automata.contains { $0 != nil })
        XCTAssertTrue(without.automata.allSatisfy { $0 == nil })
        var compared = 0
        for url in Repo.seeds {
            let document = try tokenized(String(contentsOf: url, encoding: .utf8))
            var a = document, b = document
            try with.process(&a)
            try without.process(&b)
            XCTAssertEqual(a.entities, b.entities, url.lastPathComponent)
            XCTAssertEqual(a.warnings, b.warnings, url.lastPathComponent)
            compared += a.entities.count
        }
        XCTAssertGreaterThan(compared, 50)
    }

    /// The lexeme table's element bits (`LexemeTable.elementBits`) are, for every token and element of
    /// every phase, the form part of the element's test as the table answers it per test
    /// (`DocumentLexemes.formPartHolds`) and, for an `in:` consumer, an entry of its list that may start
    /// there: with forms new, known, and met when the table is full (the document's own rows).
    func testElementBitsAreTheFormPartsOfTheElements() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        let documents = try Repo.seeds.map { try tokenized(String(contentsOf: $0, encoding: .utf8)) }
        let full = TagStage(rules: rules, lexemes: nil, useAutomata: true)
        let small = TagStage(
            rules: rules,
            lexemes: LexemeTable(
                rules: rules, gazetteerStarts: full.gazetteerStarts,
                requirements: full.requirements, capacity: 4), useAutomata: true)
        var compared = 0, set = 0, mismatches = 0
        var firstMismatch: String?
        for stage in [full, full, small] {
            for document in documents {
                let view = TokenView(document, lexemes: stage.lexemes)
                let lexemes = try XCTUnwrap(view.lexemes)
                let context = MatchContext(view: view, lists: rules.lists, listsStartingWith: rules.listsStartingWith)
                for (p, automaton) in stage.automata.enumerated() {
                    guard let automaton else { continue }
                    let offset = stage.lexemes.elementWordOffset[p]
                    for t in 0..<view.count {
                        for (e, element) in automaton.elements.enumerated() {
                            var expected = element.formID < 0 || lexemes.formPartHolds(Int(element.formID), at: t)
                            if element.kind == .listEntry {
                                expected = expected && context.mayStartEntry(of: Int(element.list), at: t)
                            }
                            let bit = lexemes.elementWord(t, offset + e >> 6) & (1 << UInt64(e & 63)) != 0
                            if bit != expected {
                                mismatches += 1
                                if firstMismatch == nil {
                                    firstMismatch = "phase \(p), element \(e), token \(view.features[t].text)"
                                }
                            }
                            compared += 1
                            if bit { set += 1 }
                        }
                    }
                }
            }
        }
        XCTAssertEqual(mismatches, 0, firstMismatch ?? "")
        XCTAssertGreaterThan(set, 1000)
        XCTAssertLessThan(set, compared / 2)
    }

    /// The Glushkov construction of a small rule: element numbers, sequence edges, other predecessors,
    /// last and start elements.
    func testConstructionOfASmallPhase() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - {id: one, type: ORG, pattern: [{lower: a}, {lower: b, op: "?"}, {lower: c}]}
                  - {id: two, type: ORG, pattern: [{lower: x, op: "+"}]}
            """)
        guard case .match(_, _, let phaseRules) = rules.phases[0] else { return XCTFail() }
        let a = PhaseAutomaton(rules: phaseRules)
        // one: a=0, b=1, c=2; two: x=3 (min 1 copy), x=4 (the loop's copy).
        XCTAssertEqual(a.elementCount, 5)
        XCTAssertEqual(a.elements.map(\.rule), [0, 0, 0, 1, 1])
        func bits(_ mask: [UInt64]) -> [Int] {
            (0..<a.elementCount).filter { mask[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }
        }
        XCTAssertEqual(bits(a.startMask), [0, 3])
        XCTAssertEqual(bits(a.lastMask), [2, 3, 4])
        // a -> b, b -> c, x -> x' (sequence); a -> c, x' -> x' (others).
        XCTAssertEqual(bits(a.sequenceMask), [0, 1, 3])
        XCTAssertEqual(bits(a.otherPredecessorMask), [2, 4])
        let row = { (b: Int) in
            Array(
                a.otherPredecessors[
                    Int(a.otherPredecessorRow[b]) * a.words..<(Int(a.otherPredecessorRow[b]) + 1) * a.words])
        }
        XCTAssertEqual(bits(row(2)), [0])
        XCTAssertEqual(bits(row(4)), [4])
    }

    /// Linear whatever the rules: the hostile rule (nested stars) over 20,000 tokens through the tag
    /// stage finds its one match (a pass quadratic in the tokens would take minutes here).
    func testHostileRuleOverTwentyThousandTokens() throws {
        let rules = try hostileRules()
        let body = Array(repeating: "a", count: 19_998).joined(separator: " ")
        var document = try tokenized("start " + body + " end")
        XCTAssertEqual(document.tokens.count, 20_000)
        try TagStage(rules: rules, lexemes: nil, useAutomata: true).process(&document)
        XCTAssertEqual(document.entities.count, 1)
        XCTAssertEqual(
            document.entities.first?.range, TextRange(document.tokens[0].range.start, document.tokens[19_999].range.end)
        )
    }
}
