import XCTest

@testable import Warta

/// `OneEditIndex` against the plain scan it replaces: every word within one edit of the asked word
/// (`TagState.withinOneEdit`) is among its candidates, in order.
final class OneEditIndexTests: XCTestCase {
    func testTheCandidatesHoldEveryWordWithinOneEditOnRandomWords() {
        var rng = SystemRandomNumberGenerator()
        let letters = Array("abcdAé")
        func word() -> String {
            String((0..<Int.random(in: 0...5, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
        }
        for _ in 0..<300 {
            let words = (0..<Int.random(in: 1...40, using: &rng)).map { _ in word() }
            let index = OneEditIndex(words)
            XCTAssertEqual(index.count, words.count)
            for _ in 0..<20 {
                let w = word()
                let expected = words.indices.filter { TagState.withinOneEdit(words[$0], w) }
                let found = index.candidates(w)
                XCTAssertEqual(found, found.sorted())
                XCTAssertTrue(Set(expected).isSubset(of: Set(found)), "\(w) in \(words): \(expected) not in \(found)")
            }
        }
    }

    func testSpellingsOneLetterApartByHand() {
        let index = OneEditIndex(["Setyono", "Haryomo", "Budi"])
        XCTAssertTrue(index.candidates("Setiyono").contains(0), "an insertion")
        XCTAssertTrue(index.candidates("Haryono").contains(1), "a substitution")
        XCTAssertTrue(index.candidates("Bud").contains(2), "a deletion")
        XCTAssertFalse(index.candidates("Bambang").contains(2))
    }
}
