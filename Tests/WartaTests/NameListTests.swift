import Foundation
import XCTest

@testable import Warta

/// The name linker's list tests answered after the lexemes' list bits (`NameList.mayStart`) against the
/// same tests asked of every list's trie (a view built without the lexeme table, where `mayStart` is always
/// true: the path before the bits): the same answer for every list of the rules file at every token, the
/// same name words, cores and nicknames, and the same fullest names, on sentences written for the test.
final class NameListTests: XCTestCase {
    static let texts = [
        """
        Kepala Dinas Kesehatan Kabupaten Sukamaju dr. Rahmat Tanjung, Sp.PD., meninjau puskesmas, Senin (6/2).
        "Stok obat cukup sampai akhir bulan," kata Rahmat. Ia didampingi Hj. Siti Aminah Rahmawati, S.Sos.
        Kapolres Lembah Hijau AKBP Budi Santoso Wiryawan mengatakan patroli ditambah. Menurut Budi, situasi aman.
        """,
        """
        Wali Kota Tanjung Sari, Ny. Rina Petrus Silalahi, membuka pameran di Jakarta Selatan, Kamis.
        Ketua panitia Gusti Muhammad Ridwansyah yang akrab disapa Gus Wir menyebut ada 40 stan.
        "Kami senang," ujar Gusti Ridwan. Sekretaris Daerah Darsono Wiryawan, MSi, hadir pula. Terdakwa Abdul Hakim menolak.
        """,
        """
        Bupati Hendra Saputra Resmikan Pasar Baru Di Sukamaju
        Bupati Sukamaju Hendra Saputra meresmikan pasar baru pada Rabu. "Pasar ini milik warga," Kata Hendra.
        Dr. Mochtar Ramadhan, S.H., dan TGH Ahmad Hakim menjelaskan aturan baru kepada pedagang.
        """
    ]

    func testListAnswersWithLexemeBitsMatchTheTries() throws {
        let stage = try XCTUnwrap(DefaultPipeline.load().stages.compactMap { $0 as? TagStage }.first)
        let rules = stage.rules
        var positives = 0, names = 0
        // The run's table, and one full after four forms (its tokens' bits are the document's own rows).
        let full = LexemeTable(
            rules: rules, gazetteerStarts: stage.gazetteerStarts, requirements: stage.requirements, capacity: 4)
        for (n, text) in (Self.texts + Self.texts).enumerated() {
            let table = n < Self.texts.count ? stage.lexemes : full
            let document = try Annotated.document(text)
            let candidates = zip(document.entities, QuoteWork.entitySpans(document)).map { e, span in
                Candidate(
                    start: span.start, end: span.end, type: e.type, rule: e.rule, priority: 0, phase: 0, norm: e.norm,
                    normKind: .none)
            }
            var withBits = TagState(document: document, view: TokenView(document, lexemes: table), rules: rules)
            var withTries = TagState(document: document, view: TokenView(document), rules: rules)
            XCTAssertNotNil(withBits.view.lexemes)
            XCTAssertNil(withTries.view.lexemes)
            withBits.entities = candidates
            withTries.entities = candidates
            let a = FullNameReader(withBits), b = FullNameReader(withTries)
            for t in 0..<withBits.view.count {
                for l in rules.lists.indices {
                    let list = NameList(index: l, trie: rules.lists[l])
                    let inList = a.inList(list, t)
                    XCTAssertEqual(inList, b.inList(list, t), "list \(rules.listNames[l]) at \(t)")
                    XCTAssertEqual(a.covered(by: list, t), b.covered(by: list, t), "list \(rules.listNames[l]) at \(t)")
                    if inList { positives += 1 }
                }
                for (grown, right) in [(false, false), (true, false), (true, true)] {
                    XCTAssertEqual(a.nameWord(t, grown: grown, right: right), b.nameWord(t, grown: grown, right: right))
                }
            }
            for e in candidates where e.type == .PERSON {
                XCTAssertEqual(a.core(start: e.start, end: e.end), b.core(start: e.start, end: e.end))
                XCTAssertEqual(a.introducedNickname(e.start, e.end), b.introducedNickname(e.start, e.end))
                names += 1
            }
            withBits.linkFullestNames()
            withTries.linkFullestNames()
            XCTAssertEqual(withBits.entities.map(\.norm), withTries.entities.map(\.norm))
        }
        // The lists hold words of these sentences, and they name people: the comparison says something.
        XCTAssertGreaterThan(positives, 100)
        XCTAssertGreaterThan(names, 16)
    }
}
