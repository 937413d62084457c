import Foundation
import XCTest

@testable import Warta

/// The quote rules' compiled matcher (`QuoteMatcher` over `QuotePattern`) against the matcher it
/// replaced (`ReferenceQuoteMatcher`, over the rule file's elements): the same match (end and captures)
/// for every rule, start, bound and anchoring, on random rules over random documents and on the
/// pipeline's own rules over sentences written for the test.
final class QuoteMatcherTests: XCTestCase {
    /// Words of every shape and kind, ASCII and not (`Éka` and `éka` are folded by ICU).
    static let vocabulary: [(String, Token.Kind)] = [
        ("Ali", .word), ("kata", .word), ("ujar", .word), ("ALI", .word), ("B", .word), ("Éka", .word),
        ("éka", .word), ("itu", .word), ("Kata", .word), (",", .punct), (":", .punct), ("12", .number),
        ("%", .symbol), ("bahwa", .word), ("Ujar", .word)
    ]
    static let words = ["Ali", "kata", "ujar", "ALI", "B", "Éka", "éka", "itu", "Kata", ",", ":", "12", "bahwa", "x"]
    static let listNames = ["pronoun", "speech_nya", "speech_active", "speech_bare", "according_to", "extra"]

    /// A random document: tokens of the vocabulary separated by spaces, two sentences, and entities over
    /// random token spans (nested and overlapping ones too, some starting at the same token).
    static func document(_ g: inout SeededGenerator) -> Document {
        let n = 1 + g.below(14)
        var text: [UInt8] = []
        var tokens: [Token] = []
        for i in 0..<n {
            if i > 0 { text.append(0x20) }
            let (word, kind) = vocabulary[g.below(vocabulary.count)]
            let start = text.count
            text += Array(word.utf8)
            tokens.append(Token(TextRange(start, text.count), kind))
        }
        var document = Document(id: "r", source: "r.txt", raw: text)
        document.text = text
        document.tokens = tokens
        let split = g.below(n)
        document.sentences =
            split == 0
            ? [TextRange(0, text.count)]
            : [TextRange(0, tokens[split - 1].range.end), TextRange(tokens[split].range.start, text.count)]
        for _ in 0..<g.below(5) {
            let a = g.below(n), b = a + g.below(min(3, n - a))
            document.entities.append(
                Entity(
                    type: EntityType.allCases[g.below(4)], range: TextRange(tokens[a].range.start, tokens[b].range.end),
                    rule: "test"))
        }
        return document
    }

    /// A random element: one to three token tests, or alternatives; an op, a max, a capture.
    static func element(_ g: inout SeededGenerator, depth: Int = 0) -> String {
        var tests: [String] = []
        if depth < 2, g.chance(15) {
            tests.append(
                "any_of: [\((0..<(1 + g.below(3))).map { _ in element(&g, depth: depth + 1) }.joined(separator: ", "))]"
            )
        } else {
            func some(_ items: [String]) -> String {
                "[" + (0..<(1 + g.below(2))).map { _ in items[g.below(items.count)] }.joined(separator: ", ") + "]"
            }
            for _ in 0..<(1 + g.below(3)) {
                switch g.below(9) {
                case 0: tests.append("text: \(some(words.map { "\"\($0)\"" }))")
                case 1: tests.append("lower: \(some(words.map { "\"\($0)\"" }))")
                case 2: tests.append("in: \(listNames[g.below(listNames.count)])")
                case 3: tests.append("not_in: \(listNames[g.below(listNames.count)])")
                // Inline words (two: one word alone is read as a list's name).
                case 4: tests.append("in: [\"\(words[g.below(words.count)])\", \"\(words[g.below(words.count)])\"]")
                case 5: tests.append("shape: \(some(TokenView.Shape.allCases.map(\.rawValue)))")
                case 6: tests.append("kind: \(some(Token.Kind.allCases.map(\.rawValue)))")
                case 7: tests.append("entity: \(some(["PERSON", "ROLE", "ORG", "LOC"]))")
                default: tests.append("not_entity: \(some(["PERSON", "ROLE", "ORG"]))")
                }
            }
            // One test per key (the first drawn).
            var byKey: [String: String] = [:]
            for test in tests {
                let key = String(test.prefix(while: { $0 != ":" }))
                if byKey[key] == nil { byKey[key] = test }
            }
            tests = byKey.keys.sorted().map { byKey[$0]! }
        }
        let entity = tests.contains { $0.hasPrefix("entity:") }
        if depth == 0 {
            if !entity {
                switch g.below(5) {
                case 0: tests.append("op: \"?\"")
                case 1: tests.append("op: \"*\"")
                case 2: tests.append("op: \"+\"")
                case 3: tests.append("op: \"+\", max: \(1 + g.below(3))")
                default: break
                }
            } else if g.chance(30) {
                tests.append("op: \"?\"")
            }
            if g.chance(40) { tests.append("capture: \(["speaker", "cue", "author"][g.below(3)])") }
        }
        return "{" + tests.joined(separator: ", ") + "}"
    }

    /// A rules file of random rules (every rule `speaker: none`, so no capture is required).
    static func rulesFile(_ g: inout SeededGenerator) -> String {
        var yaml = """
            lists:
              pronoun: [ali, itu]
              speech_nya: [kata]
              speech_active: [ujar, kata, éka]
              speech_bare: [ujar]
              according_to: [bahwa]
              extra: [Éka, B, "12", ","]
            quotes:

            """
        for r in 0..<8 {
            let elements = (0..<(1 + g.below(4))).map { _ in element(&g) }
            yaml +=
                "  - id: r\(r)\n    side: after\n    speaker: none\n    pattern: [\(elements.joined(separator: ", "))]\n"
        }
        return yaml
    }

    /// Both matchers over `document` with `rules`: every rule, start, bound and anchoring.
    static func compare(_ rules: QuoteRuleSet, _ document: Document, file: StaticString = #filePath, line: UInt = #line)
        -> Int
    {
        let view = TokenView(document)
        let spans = QuoteWork.entitySpans(document)
        var entityAt: [Int: Int] = [:]
        for (i, e) in spans.enumerated() {
            if let j = entityAt[e.start], spans[j].end >= e.end { continue }
            entityAt[e.start] = i
        }
        let compiled = QuoteMatcher(
            rules: rules, view: view, document: document, entityAt: entityAt, entityTokens: spans)
        let reference = ReferenceQuoteMatcher(
            rules: rules, view: view, document: document, entityAt: entityAt, entityTokens: spans)
        var matches = 0
        let all = rules.quoteRules + rules.reportedRules
        // A rule left out of `rulesThatMayStart` matches nowhere from that start.
        for start in 0..<view.count {
            for hi in start...view.count {
                let may = Set(compiled.rulesThatMayStart(all, at: start, hi: hi))
                for (r, rule) in all.enumerated() where !may.contains(r) {
                    for endsAtHi in [false, true] {
                        XCTAssertNil(
                            reference.match(rule, from: start, hi: hi, endsAtHi: endsAtHi),
                            "rule \(rule.id) from \(start)",
                            file: file, line: line)
                    }
                }
            }
        }
        // A rule that `mayEnd` says cannot end at `hi` matches from no start with its end there.
        for hi in 0...view.count {
            for rule in all where !compiled.mayEnd(rule, at: hi) {
                for start in 0...hi {
                    XCTAssertNil(
                        reference.match(rule, from: start, hi: hi, endsAtHi: true), "rule \(rule.id) to \(hi)",
                        file: file, line: line)
                }
            }
        }
        for rule in all {
            for start in 0..<view.count {
                for hi in start...view.count {
                    for endsAtHi in [false, true] {
                        let got = compiled.match(rule, from: start, hi: hi, endsAtHi: endsAtHi)
                        let want = reference.match(rule, from: start, hi: hi, endsAtHi: endsAtHi)
                        if got != nil { matches += 1 }
                        if got?.end != want?.end || got?.captures.byName != want?.captures {
                            XCTFail(
                                "rule \(rule.id) from \(start) to \(hi) (\(endsAtHi)) in '\(document.substring(TextRange(0, document.text.count)))': \(String(describing: got)) vs \(String(describing: want))",
                                file: file, line: line)
                            return matches
                        }
                    }
                }
            }
        }
        return matches
    }

    func testRandomRulesOverRandomDocumentsMatchTheReference() throws {
        var g = SeededGenerator(state: 22)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quote-matcher-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var matches = 0
        for r in 0..<40 {
            let url = dir.appendingPathComponent("rules\(r).yaml")
            try Self.rulesFile(&g).write(to: url, atomically: true, encoding: .utf8)
            let rules = try QuoteRuleSet.load(url)
            for _ in 0..<25 { matches += Self.compare(rules, Self.document(&g)) }
        }
        // Enough of the cases match for the comparison to say something about captures and ends.
        XCTAssertGreaterThan(matches, 10_000)
    }

    func testPipelineRulesOverWrittenSentencesMatchTheReference() throws {
        let rules = try QuoteRuleSet.load(Repo.pipelines.appendingPathComponent("rules/quotes.yaml"))
        let document = try Annotated.document(
            """
            "Kami akan memperbaiki jalan desa tahun ini," kata Kepala Dinas Pekerjaan Umum Kabupaten Sukamaju Budi Santoso.
            Menurut Budi, perbaikan dimulai bulan depan. Rina Wulandari mengatakan bahwa warga sudah menunggu lama.
            Ia menambahkan, "Anggaran sudah kami siapkan." "Jalan itu rusak sejak banjir," ujarnya di Sukamaju, Senin.
            "The road will be ready in May," said Ferdinan Tambunan, head of the agency.
            """)
        XCTAssertGreaterThan(Self.compare(rules, document), 0)
    }
}
