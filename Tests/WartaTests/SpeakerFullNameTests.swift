import Foundation
import XCTest

@testable import Warta

/// Issue 19: a quote's speaker is the fullest form of the name in the document (PersonFullNames.swift),
/// pronouns follow the text, and the attribution rules are data (rules/quotes.yaml, QuoteRules.swift).
final class SpeakerFullNameTests: XCTestCase {

    func testAShortMentionTakesTheFullNameWrittenInsideAnOfficePhraseAfterTheQuote() throws {
        let document = try Annotated.document(
            """
            Fraksi PKS menyoroti belanja hibah dalam rapat paripurna DPRD.
            "Kami akan meminta dokumen rinciannya saat pembahasan di Badan Anggaran," ujar Nenden.
            Juru bicara Fraksi PKS Nenden Kurniasih mengatakan pihaknya akan terus mengawasi.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Nenden Kurniasih")
        let mention = try XCTUnwrap(document.quotes.first?.speakerEntity)
        XCTAssertEqual(document.substring(document.entities[mention].range), "Nenden", "speaker_entity is the mention")
    }

    func testTheSpeakerCarriesNoHonorificDegreeOrPlace() throws {
        let document = try Annotated.document(
            """
            Kepala Kantor Kemenag Kota Kupang, H. Ismail Kadir Lamakarate, S.Ag., M.H., melepas jemaah.
            "Jemaah tahun ini sebagian besar sudah lanjut usia," kata Ismail.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Ismail Kadir Lamakarate")
    }

    func testAShortNameThatFitsTwoFullNamesStaysUnlinked() throws {
        let document = try Annotated.document(
            """
            Ketua KPU Ahmad Fauzi Rachman dan Ketua Bawaslu Ahmad Wahyudi Syarkawi hadir dalam rapat.
            "Semua tahapan berjalan sesuai jadwal yang ditetapkan," kata Ahmad.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Ahmad")
    }

    func testNyaFollowsTheSubjectOfTheSentenceBeforeNotTheLastQuote() throws {
        let document = try Annotated.document(
            """
            Rapat dihadiri juru bicara Fraksi PKS, Nenden Kurniasih, dan Ketua DPRD.
            "Anggaran hibah harus dibuka kepada publik sejak awal," kata Benny Manurung.
            Nenden kembali mengambil mikrofon. Ia mempertanyakan pos belanja yang tidak dirinci.
            "Kami minta rincian penerima hibah dibuka satu per satu," katanya.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes[1].speaker, "Nenden Kurniasih")
        XCTAssertEqual(document.quotes[1].rule, "quote.after.verb-nya")
    }

    func testAStatementReadOutGoesToItsAuthor() throws {
        let document = try Annotated.document(
            """
            Sambutan Penjabat Bupati Bogor dibacakan oleh Sekretaris Daerah Kabupaten Bogor, Ade Jaya Suherlan.
            "Pemerintah daerah akan menaikkan anggaran perbaikan jalan tahun depan," kata Ade membacakan jawaban Pj Bupati.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Penjabat Bupati Bogor")
        XCTAssertEqual(document.quotes.first?.rule, "quote.after.read-out")
    }

    func testARulesFileThatDoesNotLoadNamesItsLine() throws {
        let dir = try temporaryDirectory(self)
        let file = dir.appendingPathComponent("quotes.yaml")
        try """
        lists:
          pronoun: [ia]
          speech_nya: [katanya]
          speech_active: [mengatakan]
          speech_bare: [kata]
          according_to: [menurut]
        quotes:
          - id: quote.after.verb-nya
            side: after
            pattern:
              - {in: no_such_list, capture: cue}
        """.write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try QuoteRuleSet.load(file)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("quotes.yaml:11"), message)
            XCTAssertTrue(message.contains("unknown list 'no_such_list'"), message)
        }
    }
}
