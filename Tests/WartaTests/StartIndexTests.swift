import Foundation
import XCTest

@testable import Warta

/// `PhaseStartIndex`: the tag stage runs a rule only at the positions the index names, so the index
/// must name every position where the rule's start elements can pass (`PatternMatcher.canStart`), for
/// every kind of start element, and the matches must be those of testing every position.
final class StartIndexTests: XCTestCase, RuleFixtures {

    /// For every rule of every match phase: the index's candidates are the positions where `canStart`
    /// holds when every token is tested, and the matches from them are those of `run(_:over:context:)`.
    func assertIndexFindsEveryStart(
        _ rules: RuleSet, _ document: Document, entities: [(start: Int, end: Int, type: EntityType)],
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let view = TokenView(document)
        let context = MatchContext(view: view, lists: rules.lists, listsStartingWith: rules.listsStartingWith)
        context.setEntities(entities)
        let stage = TagStage(rules: rules)
        let sentences = TagState(document: document, view: view, rules: rules).sentenceTokenRanges
        let sentenceEnds = TagStage.sentenceEnds(sentences, tokenCount: view.count)
        let wordsHeld = stage.requirements.wordsHeld(context: context)
        var checked = 0
        for (p, phase) in rules.phases.enumerated() {
            guard case .match(let id, _, let phaseRules) = phase, let index = stage.startIndexes[p] else { continue }
            let candidates = index.candidates(context: context)
            let filtered = index.candidates(
                context: context,
                requirements: stage.requirements.check(
                    phase: p, words: wordsHeld, context: context, sentenceEnds: sentenceEnds))
            for (r, rule) in phaseRules.enumerated() {
                let indexed = candidates.positions[Int(candidates.offsets[r])..<Int(candidates.offsets[r + 1])]
                let scanned = (0..<view.count).filter {
                    PatternMatcher.canStart(rule.pattern, at: $0, context: context)
                }
                XCTAssertEqual(indexed.map(Int.init), scanned, "phase \(id), rule \(rule.id)", file: file, line: line)
                checked += scanned.count
                for sentence in sentences {
                    let starts = indexed.filter { sentence.contains(Int($0)) }
                    let fromIndex = starts.withUnsafeBufferPointer {
                        PatternMatcher.run(rule.pattern, over: sentence, starts: $0, context: context)
                    }
                    XCTAssertEqual(
                        fromIndex, PatternMatcher.run(rule.pattern, over: sentence, context: context),
                        "phase \(id), rule \(rule.id), sentence \(sentence)", file: file, line: line)
                    // And those of a matcher started at every position, with no `canStart` at all: a
                    // `canStart` that refused a position where a match begins would lose that match.
                    let everywhere = sentence.map { Int32($0) }.withUnsafeBufferPointer {
                        PatternMatcher.run(rule.pattern, over: sentence, starts: $0, context: context)
                    }
                    XCTAssertEqual(
                        fromIndex, everywhere, "phase \(id), rule \(rule.id), sentence \(sentence), every start",
                        file: file, line: line)
                    // The positions left after the rule's requirements give the same matches.
                    let kept = filtered.positions[Int(filtered.offsets[r])..<Int(filtered.offsets[r + 1])].filter {
                        sentence.contains(Int($0))
                    }
                    XCTAssertTrue(
                        Set(kept).isSubset(of: Set(starts)), "phase \(id), rule \(rule.id)", file: file, line: line)
                    let fromRequirements = kept.withUnsafeBufferPointer {
                        PatternMatcher.run(rule.pattern, over: sentence, starts: $0, context: context)
                    }
                    XCTAssertEqual(
                        fromRequirements, everywhere,
                        "phase \(id), rule \(rule.id), sentence \(sentence), requirements",
                        file: file, line: line)
                }
            }
        }
        XCTAssertGreaterThan(
            checked, 0, "no rule could start anywhere: the test checks nothing", file: file, line: line)
    }

    func testEveryKindOfStartElementIsIndexed() throws {
        let rules = try load(
            """
            lists:
              title_word: [Menteri Luar Negeri, Ketua]
              other: [sebuah]
            phases:
              - id: first
                rules:
                  - id: org
                    type: ORG
                    pattern: [{text: [KPU]}]
              - id: second
                rules:
                  - id: list-first
                    type: ROLE
                    pattern: [{in: title_word}, {shape: title}]
                  - id: entity-first
                    type: ORG
                    pattern: [{entity: ORG}, {lower: pusat}]
                  - id: lower-first
                    type: LOC
                    pattern: [{lower: [di, ke]}, {shape: title}]
                  - id: text-first
                    type: ORG
                    pattern: [{text: [Bank]}, {shape: upper}]
                  - id: kelvin-sign
                    type: ORG
                    pattern: [{text: ["\\u212A"]}]
                  - id: shape-only
                    type: ORG
                    pattern: [{shape: upper}, {shape: title}]
                  - id: kind-only
                    type: DATE
                    pattern: [{kind: number}]
                  - id: regex-only
                    type: DATE
                    pattern: [{regex: '\\d+'}]
                  - id: optional-first
                    type: PERSON
                    pattern: [{lower: [pak], op: "?"}, {shape: title, kind: word, not_in: [title_word, other]}]
                  - id: star-first
                    type: PERSON
                    pattern: [{shape: initial, op: "*"}, {text: "."}]
                  - id: any-of-first
                    type: PERSON
                    pattern:
                      - any_of: [{in: title_word}, {entity: ORG}, {lower: [dr]}, {regex: '\\d+'}, {group: [{text: "("}, {shape: title}]}]
                      - {shape: title}
                  - id: preceded
                    type: PERSON
                    preceded_by: {lower: kata}
                    pattern: [{shape: title, not_entity: [ORG]}]
                  - id: veto
                    veto: [PERSON]
                    pattern: [{lower: [sebuah]}, {shape: title}]
            """)
        let text = """
            Menteri Luar Negeri Retno datang ke Jakarta, kata Pak Budi. KPU pusat dan Bank BRI (Senin) di Bandung.
            Ketua KPU, Dr Hasyim, di 2024 membuka sebuah Kantor; kata K dan J. Ahmad ke Surabaya (Jawa Timur) 17.
            """
        let document = try tokenized(text)
        let kpu = document.tokens.indices.filter { document.tokenText($0..<$0 + 1) == "KPU" }
        XCTAssertEqual(kpu.count, 2)
        assertIndexFindsEveryStart(rules, document, entities: kpu.map { ($0, $0 + 1, .ORG) })
    }

    /// A rule that begins with `entity: LOC` is a candidate where a LOC starts, not where any entity does
    /// (the rules that extend or chain entities were tried at every entity).
    func testAnEntityStartIsACandidateOnlyForRulesOfItsType() throws {
        let rules = try load(
            """
            phases:
              - id: only
                rules:
                  - id: compass
                    type: LOC
                    pattern: [{entity: LOC}, {text: [Utara]}]
            """)
        let document = try tokenized("Budi ke Sulawesi Utara dan Budi Utara.")
        let text = document.tokens.indices.map { document.tokenText($0..<$0 + 1) }
        let sulawesi = text.firstIndex(of: "Sulawesi")!, budi = text.lastIndex(of: "Budi")!
        let entities: [(start: Int, end: Int, type: EntityType)] = [
            (sulawesi, sulawesi + 1, .LOC), (budi, budi + 1, .PERSON)
        ]
        let view = TokenView(document)
        let context = MatchContext(view: view, lists: rules.lists, listsStartingWith: rules.listsStartingWith)
        context.setEntities(entities)
        let candidates = TagStage(rules: rules).startIndexes[0]!.candidates(context: context)
        XCTAssertEqual(candidates.positions, [Int32(sulawesi)])
        assertIndexFindsEveryStart(rules, document, entities: entities)
        guard case .match(_, _, let phaseRules) = rules.phases[0] else { return XCTFail("no match phase") }
        let matches = PatternMatcher.run(phaseRules[0].pattern, over: 0..<view.count, context: context)
        XCTAssertEqual(matches.map { document.tokenText($0.span) }, ["Sulawesi Utara"])
    }

    /// The elements on every path of a pattern are its required ones; optional, repeated-from-zero and
    /// alternative elements are not.
    func testRequiredElementsAreThoseEveryMatchConsumes() throws {
        let rules = try load(
            """
            lists:
              degree: [S.H., M.H.]
            phases:
              - id: only
                rules:
                  - id: before-degree
                    type: PERSON
                    pattern:
                      - {shape: title, op: "+", max: 2}
                      - {lower: [juga], op: "?"}
                      - {shape: initial, op: "*"}
                      - any_of: [{text: ","}, {text: ";"}]
                      - {in: degree}
            """)
        guard case .match(_, _, let phaseRules) = rules.phases[0] else { return XCTFail("no match phase") }
        let pattern = phaseRules[0].pattern
        // Elements in program order: title, title (optional copy), juga, initial, ",", ";", degree.
        XCTAssertEqual(pattern.requiredElements, [0, 6])
    }

    /// A position is kept only when every requirement's key holds later in the same sentence.
    func testAStartIsDroppedWhenWhatTheRuleNeedsIsNotAheadInItsSentence() throws {
        let rules = try load(
            """
            lists:
              degree: [S.H., M.H.]
            phases:
              - id: only
                rules:
                  - id: before-degree
                    type: PERSON
                    pattern: [{shape: title}, {text: ","}, {in: degree}]
            """)
        let document = try tokenized("Budi Santoso, S.H. hadir. Lalu Ani datang. Hasan, M.H. dan Rudi pulang.")
        let (candidates, kept) = startsOfTheFirstPhase(rules, document, entities: [])
        // Every title-case word can start the rule; only those with `, S.H.`/`, M.H.` later in their
        // sentence are kept (Rudi comes after the last degree, Lalu and Ani have none in theirs).
        XCTAssertEqual(candidates, ["Budi", "Santoso", "Lalu", "Ani", "Hasan", "Rudi"])
        XCTAssertEqual(kept, ["Budi", "Santoso", "Hasan"])
        assertIndexFindsEveryStart(rules, document, entities: [])
    }

    /// An entity requirement is looked up among the entity starts of the phase, by type.
    func testAnEntityRequirementNeedsAnEntityOfItsTypeAhead() throws {
        let rules = try load(
            """
            phases:
              - id: only
                rules:
                  - id: list-before
                    type: LOC
                    pattern: [{shape: title}, {text: [dan]}, {entity: LOC}]
            """)
        let document = try tokenized("Ke Bogor dan Depok pergi Budi dan Ani.")
        let text = document.tokens.indices.map { document.tokenText($0..<$0 + 1) }
        let depok = text.firstIndex(of: "Depok")!, ani = text.firstIndex(of: "Ani")!
        let entities: [(start: Int, end: Int, type: EntityType)] = [(depok, depok + 1, .LOC), (ani, ani + 1, .PERSON)]
        XCTAssertEqual(startsOfTheFirstPhase(rules, document, entities: entities).kept, ["Ke", "Bogor"])
        assertIndexFindsEveryStart(rules, document, entities: entities)
    }

    /// The texts of the tokens where the first phase's rules may start: all candidates of the start
    /// index, and those kept by the rules' requirements.
    func startsOfTheFirstPhase(
        _ rules: RuleSet, _ document: Document, entities: [(start: Int, end: Int, type: EntityType)]
    )
        -> (candidates: [String], kept: [String])
    {
        let view = TokenView(document)
        let context = MatchContext(view: view, lists: rules.lists, listsStartingWith: rules.listsStartingWith)
        context.setEntities(entities)
        let stage = TagStage(rules: rules)
        let sentenceEnds = TagStage.sentenceEnds(
            TagState(document: document, view: view, rules: rules).sentenceTokenRanges,
            tokenCount: view.count)
        let check = stage.requirements.check(
            phase: 0, words: stage.requirements.wordsHeld(context: context),
            context: context, sentenceEnds: sentenceEnds)
        let texts = { (found: PositionsByID) in found.positions.map { document.tokenText(Int($0)..<Int($0) + 1) } }
        return (
            texts(stage.startIndexes[0]!.candidates(context: context)),
            texts(stage.startIndexes[0]!.candidates(context: context, requirements: check))
        )
    }

    func testTheRealRulesFindTheSameStartsOnTheSeeds() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        XCTAssertFalse(Repo.seeds.isEmpty)
        for url in Repo.seeds {
            var document = try tokenized(String(decoding: try Data(contentsOf: url), as: UTF8.self))
            try TagStage(rules: rules).process(&document)
            // The entities of the whole document, as the later phases see those of the earlier ones.
            let tokens = document.tokens
            let entities = document.entities.compactMap { e -> (start: Int, end: Int, type: EntityType)? in
                guard let s = tokens.firstIndex(where: { $0.range.start == e.range.start }),
                    let end = tokens.firstIndex(where: { $0.range.end == e.range.end })
                else { return nil }
                return (s, end + 1, e.type)
            }
            XCTAssertFalse(entities.isEmpty, url.lastPathComponent)
            assertIndexFindsEveryStart(rules, document, entities: entities)
        }
    }
}
