import XCTest

@testable import Warta

/// `NormalizeStage.collapseSpaces` returns a line with no space at either end and no two in a row as it
/// is; here compared with the plain form that copied every line (kept below as the reference).
final class CollapseSpacesTests: XCTestCase {

    /// The form before issue 22's normalize session (branch engine11): every line copied, runs merged, ends trimmed.
    static func reference(_ line: [LineScalar]) -> [LineScalar] {
        var out: [LineScalar] = []
        for s in line {
            if s.value == " " {
                if out.isEmpty { continue }
                if var last = out.last, last.value == " " {
                    last.rawEnd = s.rawEnd
                    last.changed = true
                    out[out.count - 1] = last
                    continue
                }
            }
            out.append(s)
        }
        if out.last?.value == " " { out.removeLast() }
        return out
    }

    func testRandomAndHostileLinesMatchTheReference() {
        let alphabet: [Unicode.Scalar] = [" ", " ", " ", "a", "B", "é", ".", "\u{00A0}", "😀"]
        var random = SeededGenerator(state: 2212)
        var lines: [[Unicode.Scalar]] = (0..<20_000).map { _ in
            (0..<random.below(16)).map { _ in alphabet[random.below(alphabet.count)] }
        }
        lines += [
            Array(String(repeating: " ", count: 30_000).unicodeScalars),
            Array(String(repeating: "a ", count: 30_000).unicodeScalars),
            Array(String(repeating: "ab", count: 30_000).unicodeScalars),
            Array(("x" + String(repeating: "a ", count: 30_000) + " y").unicodeScalars)
        ]
        let stage = NormalizeStage()
        for scalars in lines {
            let line = scalars.enumerated().map { LineScalar($1, 2 * $0, 2 * $0 + 1, changed: $0 % 3 == 0) }
            var fast = line
            stage.collapseSpaces(&fast)
            let expected = Self.reference(line)
            let same =
                fast.count == expected.count
                && zip(fast, expected).allSatisfy {
                    $0.value == $1.value && $0.rawStart == $1.rawStart && $0.rawEnd == $1.rawEnd
                        && $0.changed == $1.changed
                }
            XCTAssertTrue(same, "'\(String(String.UnicodeScalarView(scalars.prefix(60))))'")
        }
    }

    func testWrittenLines() {
        let stage = NormalizeStage()
        for (input, expected) in [
            ("  Rapat  digelar   pagi ", "Rapat digelar pagi"), ("Rapat digelar pagi", "Rapat digelar pagi"),
            (" ", ""), ("a ", "a"), (" a", "a"), ("", "")
        ] {
            var line = input.unicodeScalars.enumerated().map { LineScalar($1, $0, $0 + 1, changed: false) }
            stage.collapseSpaces(&line)
            XCTAssertEqual(String(String.UnicodeScalarView(line.map(\.value))), expected, input)
        }
    }
}
