import Foundation
import XCTest

@testable import Warta

/// Issue 19: a quote's speaker is the fullest form of the name in the document (PersonFullNames.swift),
/// pronouns follow the text, and the attribution rules are data (rules/quotes.yaml, QuoteRules.swift).
final class SpeakerFullNameTests: XCTestCase {

    func testAShortMentionTakesTheFullNameWrittenInsideAnOfficePhraseAfterTheQuote() throws {
        // Pinned as the stage gives it: the reported statement's speaker is the whole office phrase, while
        // the quote's is the person named in it.
        let document = try assertQuotes(
            """
            Fraksi PKS menyoroti ⟦REPORTED{Fraksi PKS} belanja hibah dalam rapat paripurna DPRD.⟧
            "⟦QUOTE{Nenden Kurniasih} Kami akan meminta dokumen rinciannya saat pembahasan di Badan Anggaran,⟧" ujar Nenden.
            Juru bicara Fraksi PKS Nenden Kurniasih mengatakan ⟦REPORTED{Juru bicara Fraksi PKS Nenden Kurniasih} pihaknya akan terus mengawasi.⟧
            """)
        let mention = try XCTUnwrap(document.quotes.first?.speakerEntity)
        XCTAssertEqual(document.substring(document.entities[mention].range), "Nenden", "speaker_entity is the mention")
    }

    func testTheSpeakerCarriesNoHonorificDegreeOrPlace() throws {
        try assertQuotes(
            """
            Kepala Kantor Kemenag Kota Kupang, H. Ismail Kadir Lamakarate, S.Ag., M.H., melepas jemaah.
            "⟦QUOTE{Ismail Kadir Lamakarate} Jemaah tahun ini sebagian besar sudah lanjut usia,⟧" kata Ismail.
            """)
    }

    func testAShortNameThatFitsTwoFullNamesStaysUnlinked() throws {
        try assertQuotes(
            """
            Ketua KPU Ahmad Fauzi Rachman dan Ketua Bawaslu Ahmad Wahyudi Syarkawi hadir dalam rapat.
            "⟦QUOTE{Ahmad} Semua tahapan berjalan sesuai jadwal yang ditetapkan,⟧" kata Ahmad.
            """)
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
        let document = try assertQuotes(
            """
            Sambutan Penjabat Bupati Bogor dibacakan oleh Sekretaris Daerah Kabupaten Bogor, Ade Jaya Suherlan.
            "⟦QUOTE{Penjabat Bupati Bogor} Pemerintah daerah akan menaikkan anggaran perbaikan jalan tahun depan,⟧" kata Ade membacakan jawaban Pj Bupati.
            """)
        XCTAssertEqual(document.quotes.first?.rule, "quote.after.read-out")
    }

    /// The lists a quote rules file must declare (`QuoteRuleSet.requiredLists`), for the files the error tests write.
    static let requiredLists = """
        lists:
          pronoun: [ia]
          speech_nya: [katanya]
          speech_active: [mengatakan]
          speech_bare: [kata]
          according_to: [menurut]

        """

    func testARulesFileThatDoesNotLoadNamesItsLine() throws {
        let dir = try temporaryDirectory(self)
        let file = dir.appendingPathComponent("quotes.yaml")
        try """
        \(Self.requiredLists)quotes:
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

    /// Each section of the quote rules file reports its errors with the line of the node at fault (the
    /// loader is split by section, QuoteRuleLoader*.swift).
    func testEachQuoteRulesSectionNamesTheLineOfItsError() throws {
        let dir = try temporaryDirectory(self)
        let lists = Self.requiredLists
        let cases: [(String, Int, String)] = [
            ("lists: [a]\n", 1, "'lists' maps list names to files or inline lists"),
            ("lists:\n  pronoun: [ia]\n", 1, "the quote rules need the list 'speech_nya'"),
            (lists + "quotes: 3\n", 7, "'quotes' is a list of rules"),
            (
                lists + "quotes:\n  - {id: a, side: up, pattern: [{}]}\n", 8,
                "rule 'a': side is 'after', 'before' or 'inside'"
            ),
            (
                lists + "quotes:\n  - {id: a, side: after, pattern: [{capture: speaker}]}\n"
                    + "reported:\n  - {id: a, pattern: [{capture: speaker}]}\n", 10, "rule id 'a' is used twice"
            ),
            (
                lists + "quotes:\n  - id: a\n    side: after\n    speaker: earlier-author\n"
                    + "    pattern: [{capture: speaker}]\n", 8, "earlier-author needs author_after"
            ),
            (
                lists + "quotes:\n  - id: a\n    side: after\n    speaker: author\n    pattern:\n"
                    + "      - {capture: speaker}\n", 12, "speaker: author needs an 'author' capture"
            ),
            (
                lists + "quotes:\n  - id: a\n    side: after\n    pattern:\n      - {any_of: [{shape: round}]}\n",
                11, "rule 'a': unknown shape 'round'"
            ),
            (
                lists + "quotes:\n  - id: a\n    side: after\n    pattern:\n      - {entity: PERSON, op: '+'}\n",
                11, "rule 'a': an entity element cannot repeat"
            )
        ]
        for (n, (text, line, expected)) in cases.enumerated() {
            let file = dir.appendingPathComponent("quotes\(n).yaml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try QuoteRuleSet.load(file), "case \(n)") { error in
                let message = "\(error)"
                XCTAssertTrue(message.contains("quotes\(n).yaml:\(line)"), "case \(n): \(message)")
                XCTAssertTrue(message.contains(expected), "case \(n): \(message)")
            }
        }
    }
}

extension SpeakerFullNameTests {
    /// A first word written more than `NamePlaces.scanLimit` times has its places filed by the next word's
    /// start (the look-up was quadratic in such documents): a short mention still takes the one full name
    /// written with that first and second word.
    func testAFullNameIsFoundAmongManyPeopleSharingItsFirstWord() throws {
        let others = (0..<(NamePlaces.scanLimit + 10)).map { i -> String in
            let letters = Array("abdegikmnoprstu")
            return "Budi K\(letters[i % 15])\(letters[(i / 15) % 15])ra hadir di Jakarta."
        }
        try assertQuotes(
            others.joined(separator: "\n") + """

                Ketua panitia Budi Santoso Wiratama membuka acara itu.
                "⟦QUOTE{Budi Santoso Wiratama} Kami menyiapkan acara ini sejak tiga bulan lalu,⟧" kata Budi Santoso.
                """)
    }
}
