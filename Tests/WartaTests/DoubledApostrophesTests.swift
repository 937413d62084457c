import XCTest

@testable import Warta

/// `NormalizeStage.joinDoubledApostrophes` checks for a pair first and tests letters only around one;
/// here it is compared with the plain form it replaced (every character's neighbours tested), kept
/// below as the reference, on generated, hand-written and hostile lines.
final class DoubledApostrophesTests: XCTestCase {

    /// The form before issue 22's normalize session (branch engine11): the letter test at every index, then the pair test.
    static func reference(_ line: [LineScalar]) -> [LineScalar] {
        guard line.count >= 2 else { return line }
        var out: [LineScalar] = []
        var i = 0
        while i < line.count {
            let inWord =
                i > 0 && i + 2 < line.count && line[i - 1].value.properties.isAlphabetic
                && line[i + 2].value.properties.isAlphabetic
            if i + 1 < line.count, line[i].value == "'", line[i + 1].value == "'",
                line[i].rawEnd == line[i + 1].rawStart, !inWord
            {
                out.append(LineScalar("\"", line[i].rawStart, line[i + 1].rawEnd, changed: true))
                i += 2
                continue
            }
            out.append(line[i])
            i += 1
        }
        return out.count != line.count ? out : line
    }

    /// A line of scalars with raw spans: each scalar one raw unit after the last, or after a gap when
    /// `gapAfter` holds its index (two characters not next to each other in the raw text).
    static func line(_ text: String, gapAfter: Set<Int> = []) -> [LineScalar] {
        var raw = 0
        var out: [LineScalar] = []
        for (i, s) in text.unicodeScalars.enumerated() {
            out.append(LineScalar(s, raw, raw + 1, changed: false))
            raw += gapAfter.contains(i) ? 3 : 1
        }
        return out
    }

    static func same(_ a: [LineScalar], _ b: [LineScalar]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy {
                $0.value == $1.value && $0.rawStart == $1.rawStart && $0.rawEnd == $1.rawEnd && $0.changed == $1.changed
            }
    }

    func assertLikeReference(_ line: [LineScalar], file: StaticString = #filePath, line at: UInt = #line) {
        var fast = line
        NormalizeStage.joinDoubledApostrophes(&fast)
        let expected = Self.reference(line)
        XCTAssertTrue(
            Self.same(fast, expected),
            "'\(String(String.UnicodeScalarView(line.map(\.value))))': got '\(String(String.UnicodeScalarView(fast.map(\.value))))', reference '\(String(String.UnicodeScalarView(expected.map(\.value))))'",
            file: file, line: at)
    }

    func testWrittenLines() {
        let cases: [(String, String)] = [
            ("''Kami siap,'' kata Budi.", "\"Kami siap,\" kata Budi."),
            ("Ia membaca Qur''an tiap pagi.", "Ia membaca Qur''an tiap pagi."),
            ("''", "\""),
            ("'''", "\"'"),
            ("a''", "a\""),
            ("''b", "\"b"),
            ("x ''y'' z", "x \"y\" z"),
            ("é''ü", "é''ü"),
            ("tanpa tanda kutip sama sekali", "tanpa tanda kutip sama sekali")
        ]
        for (input, expected) in cases {
            var line = Self.line(input)
            NormalizeStage.joinDoubledApostrophes(&line)
            XCTAssertEqual(String(String.UnicodeScalarView(line.map(\.value))), expected, input)
            assertLikeReference(Self.line(input))
        }
        // Two apostrophes not next to each other in the raw text are no pair.
        var apart = Self.line("''Ya", gapAfter: [0])
        NormalizeStage.joinDoubledApostrophes(&apart)
        XCTAssertEqual(apart.count, 4)
        assertLikeReference(Self.line("a ''b'' c", gapAfter: [2, 5]))
    }

    /// Random lines over an alphabet dense in apostrophes, letters of several scripts, digits and marks,
    /// with raw gaps: the same scalars, spans and flags as the reference.
    func testRandomLinesMatchTheReference() {
        let alphabet: [Unicode.Scalar] = ["'", "'", "'", "a", "Z", "é", "ش", "1", " ", "\"", ",", "\u{2019}", "😀"]
        var random = SeededGenerator(state: 22)
        for _ in 0..<20_000 {
            let length = random.below(24)
            var text = ""
            var gaps = Set<Int>()
            for i in 0..<length {
                text.unicodeScalars.append(alphabet[random.below(alphabet.count)])
                if random.chance(10) { gaps.insert(i) }
            }
            assertLikeReference(Self.line(text, gapAfter: gaps))
        }
    }

    /// Long lines of nothing but apostrophes, of pairs between letters, or of no pair at all: the same
    /// as the reference.
    func testHostileLines() {
        for text in [
            String(repeating: "'", count: 50_001), String(repeating: "a''", count: 20_000),
            String(repeating: "ab ", count: 30_000) + "''", String(repeating: "é", count: 40_000)
        ] {
            assertLikeReference(Self.line(text))
        }
    }
}
