import XCTest

@testable import Warta

/// `WordColumn` against an array of rows: every word and every bit of random rows of several widths
/// (none, one, several words), read back as written, also while more rows are appended.
final class WordColumnTests: XCTestCase {
    func testRowsReadBackAsWrittenAgainstAnArray() {
        var generator = SystemRandomNumberGenerator()
        for width in [0, 1, 2, 7] {
            let column = WordColumn(capacity: 300, width: width)
            var reference: [[UInt64]] = []
            for n in 0..<300 {
                let row = (0..<width).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
                let padded = [UInt64.random(in: .min ... .max, using: &generator)] + row
                XCTAssertEqual(column.append(padded, from: 1), n)
                reference.append(row)
                for r in Swift.stride(from: 0, to: reference.count, by: max(1, reference.count / 7)) {
                    for k in 0..<width { XCTAssertEqual(column.word(r, k), reference[r][k]) }
                    for b in 0..<(width * 64) {
                        XCTAssertEqual(column.bit(r, b), reference[r][b >> 6] >> UInt64(b & 63) & 1 == 1)
                    }
                }
            }
            XCTAssertEqual(column.count, 300)
        }
    }
}
