import Foundation
import XCTest

@testable import Warta

/// `OfficeAcronymIndex` against the sets it replaced (each office's written words united with every fused
/// form of its words, `OfficeAcronym.forms(of:)`): the same answer for every office and word asked, and the
/// same holders of each word, in order; on random offices over a small vocabulary (words too short, not
/// letters only, or not ASCII among them) and words drawn from their forms and at random.
final class OfficeAcronymIndexTests: XCTestCase {
    static let vocabulary = [
        "kepala", "dinas", "kesehatan", "wakil", "bupati", "sekretaris", "daerah", "komandan", "distrik",
        "militer", "ka", "1016", "kodim", "ketua", "é", "éka", "x", "polres", "kapolres", "sekda"
    ]

    func testAnswersAreThoseOfTheFullSets() {
        var g = SeededGenerator(state: 12)
        var asked = 0, held = 0
        for _ in 0..<300 {
            let roles = (0..<(1 + g.below(6))).map { $0 * 2 + g.below(2) }
            var written: [Int: Set<String>] = [:], ordered: [Int: [String]] = [:]
            for i in roles {
                let words = (0..<(1 + g.below(5))).map { _ in Self.vocabulary[g.below(Self.vocabulary.count)] }
                ordered[i] = words
                written[i] = Set(words).union(g.chance(30) ? ["@lembah hijau"] : [])
            }
            let full = Dictionary(
                uniqueKeysWithValues: roles.map { ($0, written[$0]!.union(OfficeAcronym.forms(of: ordered[$0]!))) })
            var questions = Self.vocabulary + ["@lembah hijau", "", "wabup", "kadis", "sekda", "kadinkes"]
            for i in roles { questions += full[i]!.shuffled(using: &g).prefix(8) }
            let index = OfficeAcronymIndex(roles: roles, held: written, ordered: ordered, questions: Set(questions))
            for w in questions {
                XCTAssertEqual(index.holders(w), roles.filter { full[$0]!.contains(w) }, w)
                for i in roles {
                    let answer = index.holds(i, w)
                    XCTAssertEqual(answer, full[i]!.contains(w), "office \(ordered[i]!), word \(w)")
                    if answer { held += 1 }
                    asked += 1
                }
            }
        }
        XCTAssertGreaterThan(held, 1_000)
        XCTAssertGreaterThan(asked, 10_000)
    }
}
