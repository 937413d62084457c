import XCTest

@testable import Warta

/// `NameWordIndex` against the plain scan it replaces: every name with a word that the asked word equals,
/// or starts or ends from 3 letters on (ignoring case), is among its candidates, in order.
final class NameWordIndexTests: XCTestCase {
    func testTheCandidatesHoldEveryNameAWordFitsOnRandomNames() {
        var rng = SystemRandomNumberGenerator()
        let letters = Array("aAbdeEgiIkmnorsuU")
        func word(_ n: Int) -> String { String((0..<n).map { _ in letters.randomElement(using: &rng)! }) }
        for _ in 0..<200 {
            let names = (0..<Int.random(in: 1...30, using: &rng)).map { _ in
                (0..<Int.random(in: 1...4, using: &rng)).map { _ in word(Int.random(in: 1...7, using: &rng)) }
                    .joined(separator: " ")
            }
            let index = NameWordIndex(names)
            for _ in 0..<20 {
                let w = word(Int.random(in: 1...6, using: &rng))
                let lw = w.lowercased()
                let expected = names.indices.filter { i in
                    names[i].split(separator: " ").contains { p in
                        let lp = p.lowercased()
                        return lp == lw || (lw.count >= NameWordIndex.letters && (lp.hasPrefix(lw) || lp.hasSuffix(lw)))
                    }
                }
                let found = index.candidates(w)
                XCTAssertEqual(found, found.sorted())
                XCTAssertTrue(Set(expected).isSubset(of: Set(found)), "\(w) in \(names): \(expected) not in \(found)")
            }
        }
    }

    func testAFewNamesByHand() {
        let index = NameWordIndex(["Gusti Muhammad Ridwansyah", "Rina Astuti", "Wa Ode Siti Rini"])
        XCTAssertTrue(index.candidates("Ridwan").contains(0), "a start")
        XCTAssertTrue(index.candidates("syah").contains(0), "an end")
        XCTAssertTrue(index.candidates("ode").contains(2), "a word in another case")
        XCTAssertFalse(index.candidates("Budi").contains(1))
    }
}
