import Foundation
import XCTest

@testable import Warta

/// The pattern engine (Sources/Warta/Rules): rule files compiled by `RuleSet.load`, token tests and
/// operators, captures, leftmost-longest matching, linear time on hostile patterns, and errors that
/// name the file and the line.
final class PatternEngineTests: XCTestCase, RuleFixtures {

    // MARK: Fixtures

    func rule(_ rules: RuleSet, _ id: String) throws -> EntityRule {
        for case .match(_, _, let list) in rules.phases {
            if let r = list.first(where: { $0.id == id }) { return r }
        }
        throw ConfigError(file: rules.file, "no rule \(id)")
    }

    /// The matches of one rule over the whole document: the captured text of each, in order.
    func matches(_ rules: RuleSet, _ id: String, in text: String, entities: [(String, EntityType)] = []) throws
        -> [String]
    {
        let document = try tokenized(text)
        return try matches(rules, id, in: document, entities: entities).map { document.tokenText($0.span) }
    }

    func matches(_ rules: RuleSet, _ id: String, in document: Document, entities: [(String, EntityType)] = []) throws
        -> [PatternMatch]
    {
        let view = TokenView(document)
        let context = MatchContext(view: view, lists: rules.lists)
        var spans: [(start: Int, end: Int, type: EntityType)] = []
        for (surface, type) in entities {
            let range = try document.range(of: surface)
            let s = document.tokens.firstIndex { $0.range.start == range.start }!
            let e = document.tokens.firstIndex { $0.range.end == range.end }! + 1
            spans.append((s, e, type))
        }
        context.setEntities(spans)
        return PatternMatcher.run(try rule(rules, id).pattern, over: 0..<view.count, context: context)
    }

    // MARK: Token tests

    func testTextIsExactAndLowerIsCaseless() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - id: exact
                    type: ORG
                    pattern: [{text: [KPU, Bawaslu]}]
                  - id: caseless
                    type: ORG
                    pattern: [{lower: bawaslu}]
            """)
        XCTAssertEqual(try matches(rules, "exact", in: "KPU dan Bawaslu, bukan kpu atau BAWASLU."), ["KPU", "Bawaslu"])
        XCTAssertEqual(
            try matches(rules, "caseless", in: "KPU dan Bawaslu, bukan kpu atau BAWASLU."), ["Bawaslu", "BAWASLU"])
    }

    func testShapesAndKinds() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - {id: upper, type: ORG, pattern: [{shape: upper}]}
                  - {id: title, type: PERSON, pattern: [{shape: title}]}
                  - {id: initial, type: PERSON, pattern: [{shape: initial}]}
                  - {id: number, type: DATE, pattern: [{kind: number}]}
                  - {id: punct, type: DATE, pattern: [{kind: punct}]}
            """)
        let text = "Ketua BKN A Wahyu hadir 27 kali."
        XCTAssertEqual(try matches(rules, "upper", in: text), ["BKN"])
        XCTAssertEqual(try matches(rules, "title", in: text), ["Ketua", "Wahyu"])
        XCTAssertEqual(try matches(rules, "initial", in: text), ["A"])
        XCTAssertEqual(try matches(rules, "number", in: text), ["27"])
        XCTAssertEqual(try matches(rules, "punct", in: text), ["."])
    }

    func testRegexMustMatchTheWholeToken() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - {id: year, type: DATE, pattern: [{regex: '(19|20)\\d\\d'}]}
            """)
        // 20245 and 1.100 contain a year-like part but are not years.
        XCTAssertEqual(
            try matches(rules, "year", in: "Pemilu 2024, bukan 20245 atau 1.100 orang, tetapi juga 1999."),
            ["2024", "1999"])
    }

    func testListMembershipConsumesMultiWordEntriesAndNotInExcludes() throws {
        let rules = try load(
            """
            lists:
              office: offices.txt
              skip: [Wakil]
            phases:
              - id: p
                rules:
                  - id: office
                    type: ROLE
                    pattern: [{in: office}]
                  - id: title-not-office
                    type: PERSON
                    pattern: [{shape: title, not_in: [office, skip], op: "+"}]
            """, files: ["offices.txt": "# offices\nKepala\nSekretaris Daerah\nWakil\n"])
        XCTAssertEqual(
            try matches(rules, "office", in: "Sekretaris Daerah dan Kepala Dinas hadir."),
            ["Sekretaris Daerah", "Kepala"])
        // Lists are caseless: `kepala` is in the list too.
        XCTAssertEqual(try matches(rules, "office", in: "kepala dinas"), ["kepala"])
        XCTAssertEqual(try matches(rules, "title-not-office", in: "Wakil Kepala Joko Widodo hadir"), ["Joko Widodo"])
    }

    func testInlineListAndEntityReference() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - id: org-place
                    type: ORG
                    pattern:
                      - {entity: ORG}
                      - {lower: [provinsi, kabupaten], op: "?"}
                      - {entity: LOC}
                  - id: not-in-person
                    type: PERSON
                    pattern: [{shape: title, not_entity: [LOC], op: "+"}]
            """)
        let text = "Bawaslu Provinsi Papua Tengah dan KPU Mimika hadir di Timika bersama Yohanes."
        let entities: [(String, EntityType)] = [
            ("Bawaslu", .ORG), ("Papua Tengah", .LOC), ("KPU", .ORG), ("Mimika", .LOC), ("Timika", .LOC)
        ]
        // `entity:` consumes a whole entity, several tokens at once.
        XCTAssertEqual(
            try matches(rules, "org-place", in: text, entities: entities),
            ["Bawaslu Provinsi Papua Tengah", "KPU Mimika"])
        XCTAssertEqual(
            try matches(rules, "not-in-person", in: text, entities: entities),
            ["Bawaslu Provinsi", "Yohanes"]) // KPU is upper case, not title
    }

    func testSpaceBeforeAndParagraphStart() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - {id: opening, type: ORG, pattern: [{shape: upper, paragraph_start: true}]}
                  - {id: glued, type: ORG, pattern: [{text: "-"}, {shape: upper, space_before: false}]}
            """)
        XCTAssertEqual(
            try matches(rules, "opening", in: "RADARTV - Kedudukan ASN.\nBKN hadir, KPU juga."), ["RADARTV", "BKN"])
        XCTAssertEqual(try matches(rules, "glued", in: "BKN RI -KPU dan - BKD"), ["-KPU"])
    }

    // MARK: Operators and structure

    func testOptionalStarPlusAndMinMax() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - {id: opt, type: LOC, pattern: [{lower: kota, op: "?"}, {shape: title}]}
                  - {id: star, type: LOC, pattern: [{lower: pulau}, {shape: title, op: "*"}]}
                  - {id: plus, type: LOC, pattern: [{lower: pulau}, {shape: title, op: "+"}]}
                  - {id: range, type: LOC, pattern: [{lower: pulau}, {shape: title, min: 2, max: 3}]}
                  - {id: exactly, type: LOC, pattern: [{shape: title, min: 2}]}
            """)
        XCTAssertEqual(try matches(rules, "opt", in: "di kota Sorong"), ["kota Sorong"])
        XCTAssertEqual(try matches(rules, "opt", in: "di Sorong"), ["Sorong"])
        XCTAssertEqual(try matches(rules, "star", in: "pulau dan pulau Biak Numfor"), ["pulau", "pulau Biak Numfor"])
        XCTAssertEqual(try matches(rules, "plus", in: "pulau dan pulau Biak Numfor"), ["pulau Biak Numfor"])
        XCTAssertEqual(
            try matches(rules, "range", in: "pulau Biak, pulau Biak Numfor, pulau Raja Ampat Barat Daya"),
            ["pulau Biak Numfor", "pulau Raja Ampat Barat"])
        // `min` alone: exactly that many.
        XCTAssertEqual(try matches(rules, "exactly", in: "Raja Ampat Barat Daya"), ["Raja Ampat", "Barat Daya"])
    }

    func testGroupAnyOfAndCapture() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - id: paren
                    type: ORG
                    pattern:
                      - {shape: title, op: "+"}
                      - group: [{text: "("}, {shape: upper}, {text: ")"}]
                        op: "?"
                  - id: alternatives
                    type: DATE
                    pattern:
                      - any_of:
                          - {lower: tahun}
                          - group: [{lower: tahun}, {lower: anggaran}]
                      - {regex: '\\d{4}'}
                  - id: captured
                    type: PERSON
                    pattern:
                      - {lower: [kata, ujar]}
                      - {shape: title, op: "+", capture: true}
                  - id: captured-group
                    type: PERSON
                    pattern:
                      - {lower: kepala}
                      - group: [{shape: upper}, {shape: title}]
                        capture: true
                      - {text: ","}
            """)
        XCTAssertEqual(
            try matches(rules, "paren", in: "di Badan Kepegawaian Negara (BKN) RI"), ["Badan Kepegawaian Negara (BKN)"])
        XCTAssertEqual(
            try matches(rules, "alternatives", in: "tahun 2024 dan tahun anggaran 2025"),
            ["tahun 2024", "tahun anggaran 2025"])
        // The captured part is the span; the cue word is matched but not taken.
        XCTAssertEqual(
            try matches(rules, "captured", in: "\"Siap,\" kata Derek Hegemur di Jayapura."), ["Derek Hegemur"])
        let document = try tokenized("kata Derek Hegemur di Jayapura")
        let m = try XCTUnwrap(try matches(rules, "captured", in: document).first)
        XCTAssertEqual(m.start, 0)
        XCTAssertEqual(m.span, 1..<3)
        XCTAssertEqual(try matches(rules, "captured-group", in: "Kepala BKN Haryomo, hadir"), ["BKN Haryomo"])
    }

    func testLeftmostLongestWithoutOverlap() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - {id: titles, type: ORG, pattern: [{shape: title, op: "+"}]}
                  - id: short-or-long
                    type: ORG
                    pattern:
                      - any_of:
                          - group: [{lower: a}, {lower: b}]
                          - group: [{lower: a}, {lower: b}, {lower: c}, {lower: d}]
                  - id: overlapping
                    type: ORG
                    pattern: [{lower: [x, y]}, {lower: [y, z]}, {lower: [z, w], op: "?"}]
            """)
        // One match over the whole run of capitalized words, not one per word.
        XCTAssertEqual(
            try matches(rules, "titles", in: "oleh Badan Kepegawaian Negara di"), ["Badan Kepegawaian Negara"])
        XCTAssertEqual(try matches(rules, "short-or-long", in: "a b c d a b c"), ["a b c d", "a b"])
        // `x y z` and `y z w` overlap: the leftmost wins, then matching resumes after it.
        XCTAssertEqual(try matches(rules, "overlapping", in: "x y z w"), ["x y z"])
    }

    func testNestedStarsOnTwentyThousandTokensStayCorrect() throws {
        // (((any)*)* b)? shapes that make a backtracking matcher exponential; the Pike VM is linear.
        let rules = try hostileRules(
            extra: """
                      - id: never
                        type: ORG
                        pattern:
                          - group:
                              - any_of: [{kind: word}, {shape: lower}]
                                op: "*"
                            op: "*"
                          - {text: "§never§"}
                """)
        let body = Array(repeating: "a", count: 19_998).joined(separator: " ")
        let document = try tokenized("start " + body + " end")
        XCTAssertEqual(document.tokens.count, 20_000)
        let found = try matches(rules, "hostile", in: document)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first.map { $0.start..<$0.end }, 0..<20_000)
        XCTAssertEqual(try matches(rules, "never", in: document).count, 0)
        // Without the final `end` nothing matches either.
        let open = try tokenized("start " + body)
        XCTAssertEqual(try matches(rules, "hostile", in: open).count, 0)
    }

    // MARK: Gazetteers, phases and resolution

    func testGazetteerPhaseAndLongestSpanWins() throws {
        let rules = try load(
            """
            gazetteers:
              places: {file: places.tsv, priority: 1}
            nesting:
              ROLE: [LOC]
            phases:
              - id: lookup
                gazetteers: [places]
              - id: roles
                rules:
                  - id: role
                    type: ROLE
                    pattern: [{lower: bupati}, {entity: LOC}]
                  - id: short-org
                    type: ORG
                    priority: 9
                    pattern: [{shape: title}]
            """,
            files: [
                "places.tsv":
                    "Mimika\tLOC\tKabupaten Mimika\nKabupaten Mimika\tLOC\tKabupaten Mimika\nPapua Tengah\tLOC\n"
            ])
        let found = try tagged(rules, "bupati Mimika di Papua Tengah")
        // ROLE (two tokens) beats the one-token ORG of higher priority; LOC may nest in ROLE; the
        // two-token LOC beats the ORG rule's one-token matches.
        XCTAssertEqual(
            found, ["ROLE bupati Mimika role", "LOC Mimika gazetteer.places", "LOC Papua Tengah gazetteer.places"])
    }

    // MARK: Errors

    func testUnknownElementKeyIsRefusedWithItsLine() throws {
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: r
                    type: ORG
                    pattern:
                      - {shape: title}
                      - {lowercase: kpu}
            """, line: 8, contains: "unknown element key 'lowercase'")
    }

    /// A count out of bounds names its rule (it said only "'min' is 0 to 16", with the line of a 3,000-line file).
    func testACountOutOfBoundsNamesItsRule() throws {
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: long-name
                    type: PERSON
                    pattern:
                      - {shape: title, min: 17}
            """, line: 7, contains: "rule 'long-name': 'min' is 0 to 16")
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: long-name
                    type: PERSON
                    pattern:
                      - {shape: title, min: 2, max: 1}
            """, line: 7, contains: "rule 'long-name': 'max' is from 'min' to 32")
    }

    /// A list file that cannot be read says why (it said only "cannot read file"): missing, or a folder.
    func testAListFileThatCannotBeReadSaysWhy() throws {
        try assertConfigError(
            """
            lists:
              office: lists/none.txt
            phases: []
            """, line: 2, contains: "none.txt': No such file or directory")
    }

    func testUnknownRuleKeyIsRefusedWithItsLine() throws {
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: r
                    type: ORG
                    prio: 3
                    pattern: [{shape: title}]
            """, line: 6, contains: "unknown key 'prio'")
    }

    func testUnknownListIsRefusedWithItsLine() throws {
        try assertConfigError(
            """
            lists:
              office: [Kepala]
            phases:
              - id: p
                rules:
                  - id: r
                    type: ROLE
                    pattern:
                      - {in: office}
                      - {in: offices}
            """, line: 10, contains: "unknown list 'offices'")
    }

    func testBadRegexIsRefusedWithItsLine() throws {
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: r
                    type: DATE
                    pattern:
                      - {regex: '(19|20\\d\\d'}
            """, line: 7, contains: "regex does not compile")
    }

    func testUnknownTypeIsRefusedWithItsLine() throws {
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: r
                    type: PERSONS
                    pattern: [{shape: title}]
            """, line: 5, contains: "unknown entity type 'PERSONS'")
    }

    func testDuplicateRuleIdIsRefusedWithItsLine() throws {
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: same
                    type: ORG
                    pattern: [{shape: upper}]
              - id: q
                rules:
                  - id: same
                    type: ORG
                    pattern: [{shape: title}]
            """, line: 9, contains: "rule id 'same' is used twice")
    }

    func testUnknownTypeInAGazetteerNamesTheGazetteerFileAndLine() throws {
        try assertConfigError(
            """
            gazetteers:
              places: {file: places.tsv}
            phases:
              - id: lookup
                gazetteers: [places]
            """, files: ["places.tsv": "# places\nMimika\tLOC\nSorong\tCITY\n"], file: "places.tsv", line: 3,
            contains: "unknown type 'CITY'")
    }

    func testAnAlwaysEmptyPatternIsRefused() throws {
        try assertConfigError(
            """
            phases:
              - id: p
                rules:
                  - id: r
                    type: ORG
                    pattern:
                      - {shape: title, op: "*"}
            """, line: 7, contains: "could match nothing")
    }

    func testTheRealRulesFileCompiles() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        XCTAssertGreaterThan(rules.ruleCount, 20)
        XCTAssertGreaterThan(rules.gazetteers.reduce(0) { $0 + $1.entryCount }, 1_000)
        var ids = Set<String>()
        for case .match(_, _, let list) in rules.phases {
            for r in list { XCTAssertTrue(ids.insert(r.id).inserted, r.id) }
        }
    }
}

extension Document {
    /// The text of tokens `range` (from the first token's start to the last one's end).
    func tokenText(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return substring(TextRange(tokens[range.lowerBound].range.start, tokens[range.upperBound - 1].range.end))
    }
}
