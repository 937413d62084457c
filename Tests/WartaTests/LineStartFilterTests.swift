import XCTest

@testable import Warta

/// A `line:` furniture rule is not tried on a line whose first character its pattern cannot begin
/// with (`LineStartFilter`, decided by ICU when the rule is loaded). Checked against the full match
/// (the reference): a line the filter skips never matches whole, on the pipeline's own rules and on
/// patterns chosen to be awkward, for lines written here and generated ones.
final class LineStartFilterTests: XCTestCase {

    /// Written lines that begin like furniture, and ordinary sentences; none copied from an article.
    static let written = [
        "Baca juga: Hujan turun di kota kami", "BACA JUGA Sesuatu yang lain", "Sumber: kantor berita",
        "Exit mobile version", "Advertisement", "Iklan", "Scroll to continue with content",
        "Share this: Facebook, Twitter", "Bagikan artikel ini", "ZAN", "(ant/ndy)", "(*)", "Penulis: Budi Santoso",
        "Editor Sari Dewi", "Foto: dokumen pribadi", "Artikel ini telah tayang di laman lain",
        "Simak berita lain di Google News", "Cek update di Google News.", "Lihat selengkapnya: tautan",
        "Warga berkumpul di balai desa pada Senin pagi.", "\u{017F}umber: huruf s panjang",
        "\u{212A}ELVIN di awal baris", "  spasi di depan", "\"Kami siap,\" katanya.", "1.200 orang hadir"
    ]

    /// Random lines: a first character from all of ASCII and a few letters past it (long s and the
    /// Kelvin sign fold to ASCII letters under `(?i)`), then a written line's rest or random text.
    static func generated(count: Int) -> [[UInt16]] {
        var random = SeededGenerator(state: 2211)
        let tails = written.map { Array($0.utf16.dropFirst()) }
        let extra: [UInt16] = [0x17F, 0x212A, 0xE9, 0xC9, 0x131, 0x130]
        let letters = Array("abcsuBSPEZ :()/*.-,\"".utf16)
        return (0..<count).map { _ in
            let first = random.chance(90) ? UInt16(random.below(128)) : extra[random.below(extra.count)]
            if random.chance(50) { return [first] + tails[random.below(tails.count)] }
            return [first] + (0..<random.below(30)).map { _ in letters[random.below(letters.count)] }
        }
    }

    /// The filter never skips a line that matches whole; `positives` are lines that must match.
    func assertNeverSkipsAMatch(
        _ rule: FurnitureRule, lines: [[UInt16]], file: StaticString = #filePath, line at: UInt = #line
    ) {
        guard let filter = rule.lineStart else {
            return XCTFail("\(rule.id): no filter on a line rule", file: file, line: at)
        }
        for line in lines where !line.isEmpty && !filter.mayStart(with: line[0]) {
            XCTAssertNotEqual(
                rule.regex.wholeMatch(line), true, "\(rule.id) skips '\(String(decoding: line, as: UTF16.self))'",
                file: file, line: at)
        }
    }

    func testThePipelineRulesNeverSkipAMatchingLine() throws {
        let rules = try DefaultPipeline.normalize().furniture.filter { $0.scope == .line }
        XCTAssertGreaterThan(rules.count, 5)
        let lines = Self.written.map { Array($0.utf16) } + Self.generated(count: 4_000)
        var matched = Set<String>()
        for rule in rules {
            assertNeverSkipsAMatch(rule, lines: lines)
            for line in lines where rule.regex.wholeMatch(line) == true { matched.insert(rule.id) }
        }
        // The written lines are real positives for most rules, so the check above is not vacuous.
        XCTAssertGreaterThan(matched.count, rules.count / 2, "\(matched.sorted())")
        // And the filter does skip: an ordinary sentence is not tried by a rule that begins with a word.
        let share = try XCTUnwrap(rules.first { $0.id == "furniture.share" })
        XCTAssertEqual(share.lineStart?.mayStart(with: UInt16(UInt8(ascii: "W"))), false)
        XCTAssertEqual(share.lineStart?.mayStart(with: UInt16(UInt8(ascii: "b"))), true)
        XCTAssertEqual(share.lineStart?.mayStart(with: UInt16(UInt8(ascii: "B"))), true)
        XCTAssertEqual(share.lineStart?.mayStart(with: 0xE9), true)
        // The stage skips such a line and still drops a matching one.
        let doc = try normalized("Warga berkumpul di balai desa.\nBagikan artikel ini\nExit mobile version\nSelesai.")
        XCTAssertEqual(doc.string, "Warga berkumpul di balai desa.\nSelesai.")
    }

    func testAwkwardPatternsNeverSkipAMatchingLine() throws {
        let patterns = [
            "(?i)sumber\\s*:.*", "(?i)kelvin.*", "a?b.*", "(?:)", ".*", "\\d+.*", "x|y.*", "(?=a)a.*",
            "(?<![a-z])b.*", "\\s*\\(\\*+\\)\\s*", "\\p{Lu}{2,4}", "(?i)\\p{Lu}.*", "\\b\\w+", "$", "(?i)[^a-z].*",
            "\\Qa.b\\E.*", "(?x) a b .*", "[\\u017F]"
        ]
        var random = SeededGenerator(state: 7)
        for pattern in patterns {
            let rule = try FurnitureRule(id: pattern, kind: "k", scope: .line, pattern: pattern)
            var lines = Self.generated(count: 800)
            // Every ASCII first character alone and with a short rest.
            for unit in UInt16(0)..<128 {
                lines.append([unit])
                lines.append([unit] + (0..<random.below(6)).map { _ in Array("ab Z1(*)".utf16)[random.below(8)] })
            }
            lines += ["KELVIN", "\u{212A}elvin", "a.b", "ab", "\u{017F}"].map { Array($0.utf16) }
            assertNeverSkipsAMatch(rule, lines: lines)
        }
    }

    /// The filter has no say on a match rule (it may match anywhere in the line).
    func testMatchRulesHaveNoFilter() throws {
        let rule = try FurnitureRule(id: "m", kind: "k", scope: .match, pattern: "x")
        XCTAssertNil(rule.lineStart)
    }
}
