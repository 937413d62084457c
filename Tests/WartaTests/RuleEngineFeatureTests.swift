import Foundation
import XCTest

@testable import Warta

/// Rule-engine features beyond plain token patterns: look-around tests on a rule (`preceded_by`,
/// `not_preceded_by`, `followed_by`, `not_followed_by`), the `sentence_start` anchor, veto rules,
/// per-entry gazetteer priorities and gazetteer entries that need context (`context_required`), with
/// the errors of each naming the file and the line.
final class RuleEngineFeatureTests: XCTestCase, RuleFixtures {

    // MARK: Look-around

    func testPrecededByTestsTheTokenBeforeWithoutConsumingIt() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - id: place
                    type: LOC
                    preceded_by: {lower: [di, ke]}
                    pattern: [{shape: title, op: "+", max: 2}]
            """)
        // The preposition is not part of the span; `Ahmad pergi` has no locative before it.
        XCTAssertEqual(
            try tagged(rules, "Ahmad pergi dari di Teheran lalu ke Zintan Utara."),
            ["LOC Teheran place", "LOC Zintan Utara place"])
        // At the start of a sentence there is no token before: a positive test fails.
        XCTAssertEqual(try tagged(rules, "Teheran panas."), [])
    }

    func testNotPrecededByAndTheMatchStartsAfterTheBlockedToken() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - id: name
                    type: PERSON
                    not_preceded_by: {lower: [jalan]}
                    pattern: [{shape: title}]
            """)
        // `Sudirman` follows `jalan`, so no match may start there; `Budi` at the sentence start passes.
        XCTAssertEqual(try tagged(rules, "Budi tinggal di jalan Sudirman."), ["PERSON Budi name"])
    }

    func testFollowedByAndNotFollowedBy() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - id: dateline
                    type: LOC
                    followed_by: {text: ["-"]}
                    pattern: [{shape: upper}]
                  - id: org
                    type: ORG
                    not_followed_by: {lower: [mengatakan]}
                    pattern: [{regex: 'K[A-Z]+'}]
            """)
        XCTAssertEqual(try tagged(rules, "MIMIKA - KPU mengatakan, KPK hadir."), ["LOC MIMIKA dateline", "ORG KPK org"])
    }

    func testLookAroundKeepsTheLongestPassingMatch() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - id: r
                    type: ORG
                    followed_by: {lower: [hadir]}
                    pattern: [{shape: title, op: "+", max: 4}]
            """)
        // The longest match (three words) is followed by `hadir`; shorter ones are not.
        XCTAssertEqual(try tagged(rules, "kemarin Badan Pengawas Pemilu hadir"), ["ORG Badan Pengawas Pemilu r"])
        // When the longest is not followed by the word, a shorter one that is wins.
        let rules2 = try load(
            """
            phases:
              - id: p
                rules:
                  - id: r
                    type: ORG
                    followed_by: {shape: title}
                    pattern: [{shape: title, op: "+", max: 4}]
            """)
        XCTAssertEqual(try tagged(rules2, "kemarin Badan Pengawas Pemilu hadir"), ["ORG Badan Pengawas r"])
    }

    func testSentenceStartAnchor() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - id: inside
                    type: LOC
                    pattern: [{text: Malang, sentence_start: false}]
                  - id: first
                    type: ORG
                    pattern: [{shape: upper, sentence_start: true}]
            """)
        // A quotation mark before the first word does not stop it being the sentence start.
        XCTAssertEqual(
            try tagged(rules, "Malang sekali. Dia tinggal di Malang. \"KPU siap,\" katanya."),
            ["LOC Malang inside", "ORG KPU first"])
    }

    func testLookAroundCanTestListsAndEntities() throws {
        let rules = try load(
            """
            lists:
              prep: [di, ke]
            gazetteers:
              places: {file: places.tsv}
            phases:
              - id: lookup
                gazetteers: [places]
              - id: p
                rules:
                  - id: after-place
                    type: ORG
                    preceded_by: {entity: LOC}
                    pattern: [{shape: upper}]
                  - id: after-prep
                    type: PERSON
                    preceded_by: {in: prep}
                    pattern: [{shape: title, not_entity: [LOC]}]
            """, files: ["places.tsv": "Papua\tLOC\n"])
        XCTAssertEqual(
            try tagged(rules, "di Papua KPU bertemu ke Derek"),
            ["LOC Papua gazetteer.places", "ORG KPU after-place", "PERSON Derek after-prep"])
    }

    // MARK: Veto

    func testVetoRemovesEntitiesOfItsTypesInsideItsSpanFromThenOn() throws {
        let rules = try load(
            """
            gazetteers:
              countries: {file: countries.tsv}
            phases:
              - id: lookup
                gazetteers: [countries]
              - id: vetoes
                rules:
                  - id: veto.language
                    veto: [LOC, PERSON]
                    pattern: [{lower: bahasa}, {entity: LOC, capture: true}]
                  - id: veto.street
                    veto: [PERSON]
                    pattern: [{lower: jalan}, {shape: title, op: "+", max: 3, capture: true}]
              - id: persons
                rules:
                  - id: person
                    type: PERSON
                    pattern: [{shape: title, not_entity: [LOC], op: "+", max: 2}]
            """, files: ["countries.tsv": "Indonesia\tLOC\n"])
        // The earlier LOC inside `bahasa Indonesia` is removed, the other one stays; the later phase's
        // PERSON inside `bahasa Indonesia` and `jalan Dewi Sartika` is forbidden, the one outside is kept.
        XCTAssertEqual(
            try tagged(rules, "dalam bahasa Indonesia di Indonesia, di jalan Dewi Sartika kata Derek"),
            ["LOC Indonesia gazetteer.countries", "PERSON Derek person"])
    }

    func testVetoOnlyForbidsItsOwnTypes() throws {
        let rules = try load(
            """
            gazetteers:
              g: {file: g.tsv}
            phases:
              - id: lookup
                gazetteers: [g]
              - id: v
                rules:
                  - id: veto
                    veto: [PERSON]
                    pattern: [{lower: bahasa}, {entity: LOC, capture: true}]
            """, files: ["g.tsv": "Jepang\tLOC\n"])
        XCTAssertEqual(try tagged(rules, "bahasa Jepang"), ["LOC Jepang gazetteer.g"])
    }

    func testAVetoRuleWithATypeIsRefusedWithItsLine() throws {
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: v
                    type: LOC
                    veto: [LOC]
                    pattern: [{lower: bahasa}]
            """, line: 6, contains: "both 'type' and 'veto'")
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: v
                    veto: [PLACE]
                    pattern: [{lower: bahasa}]
            """, line: 5, contains: "unknown entity type 'PLACE'")
    }

    func testBadLookAroundIsRefusedWithItsLine() throws {
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: r
                    type: LOC
                    preceded_by:
                      op: "+"
                    pattern: [{shape: title}]
            """, line: 7, contains: "unknown key 'op' in 'preceded_by'")
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: r
                    type: LOC
                    followed_by: [{shape: title}]
                    pattern: [{shape: title}]
            """, line: 6, contains: "'followed_by' is one token test")
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: r
                    type: LOC
                    pattern: [{shape: title, sentence_start: maybe}]
            """, line: 6, contains: "'sentence_start' is true or false")
    }

    // MARK: Gazetteer priorities and context

    func testPerEntryPriorityOverridesTheGazetteers() throws {
        let rules = try load(
            """
            gazetteers:
              orgs: {file: orgs.tsv, priority: 1}
              places: {file: places.tsv, priority: 3}
            phases:
              - id: lookup
                gazetteers: [orgs, places]
            """,
            files: [
                "orgs.tsv": "Garuda\tORG\tGaruda Indonesia\t5\nDemokrat\tORG\n",
                "places.tsv": "Garuda\tLOC\nDemokrat\tLOC\n"
            ])
        // Same span: the ORG entry's own priority 5 beats the place gazetteer's 3; without its own
        // priority the ORG entry has its gazetteer's 1 and loses.
        XCTAssertEqual(
            try tagged(rules, "Garuda dan Demokrat"), ["ORG Garuda gazetteer.orgs", "LOC Demokrat gazetteer.places"])
    }

    func testABadEntryPriorityNamesTheGazetteerFileAndLine() throws {
        try assertConfigError(
            """
            gazetteers:
              orgs: {file: orgs.tsv}
            phases:
              - id: lookup
                gazetteers: [orgs]
            """, files: ["orgs.tsv": "# comment\nKPU\tORG\t\t2\nBKN\tORG\t\thigh\n"], file: "orgs.tsv", line: 3,
            contains: "priority")
    }

    func testContextRequiredEntriesNeedTheirContext() throws {
        let rules = try load(
            """
            lists:
              ambiguous: [Malang, Batang]
            gazetteers:
              places:
                file: places.tsv
                context_required:
                  list: ambiguous
                  preceded_by: {lower: [di, ke, kota]}
                  followed_by: {text: [",", "-"]}
            phases:
              - id: lookup
                gazetteers: [places]
            """, files: ["places.tsv": "Malang\tLOC\tKabupaten Malang\nSurabaya\tLOC\nBatang Hari\tLOC\nBatang\tLOC\n"])
        // `Malang sekali`: no context, not a place. `di Malang`: preceded. `Malang, Jawa`: followed by a
        // comma. `Surabaya` is not ambiguous. `Batang Hari` is a longer entry that is not in the list.
        XCTAssertEqual(
            try tagged(
                rules, "Malang sekali nasibnya di Malang dan Surabaya lalu Malang, Jawa Timur. Batang Hari luas."),
            [
                "LOC Malang gazetteer.places", "LOC Surabaya gazetteer.places", "LOC Malang gazetteer.places",
                "LOC Batang Hari gazetteer.places"
            ])
    }

    func testContextRequiredWithoutATestIsRefusedWithItsLine() throws {
        try assertConfigError(
            """
            lists:
              ambiguous: [Malang]
            gazetteers:
              places:
                file: places.tsv
                context_required:
                  list: ambiguous
            phases:
              - id: lookup
                gazetteers: [places]
            """, files: ["places.tsv": "Malang\tLOC\n"], line: 7, contains: "needs 'preceded_by' and/or 'followed_by'")
        try assertConfigError(
            """
            gazetteers:
              places:
                file: places.tsv
                context_required:
                  list: nowhere
                  preceded_by: {lower: di}
            phases:
              - id: lookup
                gazetteers: [places]
            """, files: ["places.tsv": "Malang\tLOC\n"], line: 5, contains: "unknown list 'nowhere'")
    }

    // MARK: Linear matching with look-around

    func testLookAroundOnAHostilePatternOverManyTokensStaysCorrect() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - id: r
                    type: ORG
                    preceded_by: {lower: a}
                    not_followed_by: {lower: b}
                    pattern:
                      - {lower: a, op: "*"}
                      - {lower: a, op: "*"}
                      - {lower: c}
            """)
        // 10,000 `a` then `c`: one match, from the second `a` (the first has nothing before it) to `c`.
        let text = String(repeating: "a ", count: 10_000) + "c d"
        let document = try tokenized(text)
        let view = TokenView(document)
        let context = MatchContext(view: view, lists: rules.lists)
        guard case .match(_, _, let list) = rules.phases[0] else { return XCTFail("no match phase") }
        let ms = PatternMatcher.run(list[0].pattern, over: 0..<view.count, context: context)
        XCTAssertEqual(ms.map(\.start), [1])
        XCTAssertEqual(ms.map(\.end), [10_001])
    }

    func testTheRealRulesFileUsesTheNewFeatures() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let rules = try RuleSet.load(root.appendingPathComponent("pipelines/rules/entities.yaml"))
        XCTAssertNotNil(rules.gazetteers.first { $0.contextList != nil }, "ambiguous places need context")
        var vetoes = 0
        for case .match(_, _, let list) in rules.phases { vetoes += list.filter { !$0.veto.isEmpty }.count }
        XCTAssertGreaterThan(vetoes, 0)
    }
}
