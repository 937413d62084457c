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

    /// Against an index of the members as strings (the former one): every word sharing a member of the
    /// neighbourhood, as `String`s compare them (canonical equivalence: `é` and `e` + U+0301), is among the
    /// candidates of the hashed members, on random words of ASCII, precomposed and combining letters and CR LF.
    func testTheCandidatesHoldThoseOfTheMembersAsStrings() {
        var rng = SeededGenerator(state: 22)
        let letters = ["a", "b", "A", "é", "e\u{301}", "\u{301}", "\r", "\n", "\r\n", "ñ", "n\u{303}", "-"]
        func word() -> String { (0..<rng.below(7)).map { _ in letters[rng.below(letters.count)] }.joined() }
        var checked = 0
        for _ in 0..<300 {
            let words = (0..<(1 + rng.below(40))).map { _ in word() }
            let index = OneEditIndex(words)
            let members = words.map { Set(OneEditIndex.variants($0)) }
            for _ in 0..<20 {
                let w = word()
                let mine = Set(OneEditIndex.variants(w))
                let expected = words.indices.filter { !members[$0].isDisjoint(with: mine) }
                let found = index.candidates(w)
                XCTAssertEqual(found, Array(Set(found)).sorted())
                XCTAssertTrue(Set(expected).isSubset(of: Set(found)), "\(w) in \(words): \(expected) not in \(found)")
                checked += expected.count
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testSpellingsOneLetterApartByHand() {
        let index = OneEditIndex(["Setyono", "Haryomo", "Budi"])
        XCTAssertTrue(index.candidates("Setiyono").contains(0), "an insertion")
        XCTAssertTrue(index.candidates("Haryono").contains(1), "a substitution")
        XCTAssertTrue(index.candidates("Bud").contains(2), "a deletion")
        XCTAssertFalse(index.candidates("Bambang").contains(2))
    }
}
