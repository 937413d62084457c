import Foundation
import XCTest

@testable import Warta

/// The lists that may start at a token, read by the token's form number from the lexeme table's
/// `attributes` rows (`MatchContext.mayStartEntry`, `listStartMask`, `forEachListStarting`): the same
/// answers as a context built without lexemes (each token's folded text looked up), for 70 random
/// lists (so past the first word of 64 lists) over random texts, with a table that keeps every form
/// and one full after a few forms (the rest in the document's own rows), documents looked up by four
/// threads sharing each table.
final class ListStartRowsTests: XCTestCase, RuleFixtures {
    static let words = [
        "Kota", "kota", "KOTA", "di", "Bank", "bank", "2024", "A", "Jl", ",", ".", "Menteri", "Luar", "Negeri",
        "ke-3", "yang", "PT", "Rp1.000", "-", "Ketua", "Budi", "Ångström", "ÅNGSTRÖM", "Straße", "e\u{301}"
    ]

    func randomRules(_ random: inout SeededGenerator) -> String {
        let words = Self.words
        var yaml = "lists:\n"
        for l in 0..<70 {
            let entries = (0..<(1 + random.below(4))).map { _ in
                (0..<(1 + random.below(3))).map { _ in words[random.below(words.count)] }.joined(separator: " ")
            }
            yaml += "  l\(l): [\(entries.map { "'\($0)'" }.joined(separator: ", "))]\n"
        }
        yaml += """
            phases:
              - id: p
                rules:
                  - {id: r0, type: ORG, pattern: [{in: l3}, {in: l69}]}
                  - {id: r1, type: LOC, pattern: [{in: l65, shape: [title]}]}

            """
        return yaml
    }

    func randomText(_ random: inout SeededGenerator) -> String {
        let words = Self.words
        var text = ""
        for p in 0..<(1 + random.below(3)) {
            if p > 0 { text += "\n\n" }
            for _ in 0..<(10 + random.below(40)) {
                text += words[random.below(words.count)] + (random.chance(15) ? "" : " ")
            }
        }
        return text
    }

    /// The differences between the list answers of a context through `table` and one without lexemes.
    func differences(_ rules: RuleSet, _ table: LexemeTable, _ document: Document) -> [String] {
        let withRows = MatchContext(view: TokenView(document, lexemes: table), lists: rules.lists)
        let plain = MatchContext(
            view: TokenView(document), lists: rules.lists, listsStartingWith: rules.listsStartingWith)
        var found: [String] = []
        for t in 0..<plain.view.count {
            let word = plain.view.features[t].text
            if withRows.listStartMask(at: t) != plain.listStartMask(at: t) { found.append("mask at \(t) \(word)") }
            if withRows.listsStarting(at: t) != plain.listsStarting(at: t) { found.append("lists at \(t) \(word)") }
            for l in 0..<rules.lists.count
            where withRows.mayStartEntry(of: l, at: t) != plain.mayStartEntry(of: l, at: t) {
                found.append("list \(l) at \(t) \(word)")
            }
        }
        return found
    }

    func testListStartsByFormRowAreThoseOfThePerTokenLookups() throws {
        var random = SeededGenerator(state: 22)
        let rules = try load(randomRules(&random))
        XCTAssertEqual(rules.lists.count, 70)
        let probe = TagStage(rules: rules)
        let tables = [
            probe.lexemes,
            LexemeTable(
                rules: rules, gazetteerStarts: probe.gazetteerStarts, requirements: probe.requirements, capacity: 6)
        ]
        var documents: [[Document]] = []
        for _ in 0..<4 { documents.append(try (0..<8).map { _ in try tokenized(randomText(&random)) }) }
        // Some token may start a list past the first 64, or the test checks little.
        let starts = documents.joined().contains { document in
            let plain = MatchContext(
                view: TokenView(document), lists: rules.lists, listsStartingWith: rules.listsStartingWith)
            return (0..<plain.view.count).contains { t in (64..<70).contains { plain.mayStartEntry(of: $0, at: t) } }
        }
        XCTAssertTrue(starts)
        for table in tables {
            let lock = NSLock()
            var found: [String] = []
            DispatchQueue.concurrentPerform(iterations: 4) { k in
                for pass in 0..<2 {
                    for (d, document) in documents[k].enumerated() {
                        let mine = differences(rules, table, document)
                        lock.lock()
                        let at = "capacity \(table.capacity), thread \(k), pass \(pass), document \(d)"
                        found += mine.map { "\(at): \($0)" }
                        lock.unlock()
                    }
                }
            }
            for difference in found.prefix(20) { XCTFail(difference) }
        }
        XCTAssertEqual(tables[1].count, 6)
    }
}

extension MatchContext {
    /// The lists `forEachListStarting` names at token `t`, in its order.
    func listsStarting(at t: Int) -> [Int] {
        var lists: [Int] = []
        forEachListStarting(at: t) { lists.append($0) }
        return lists
    }
}
