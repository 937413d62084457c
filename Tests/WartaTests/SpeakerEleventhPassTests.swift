import Foundation
import XCTest

@testable import Warta

/// Issue 19's eleventh pass: classes of speaker errors seen in at least three of the six tuning splits dev5 to
/// dev10 (a census of all six), each tested on sentences written for the test, names and places invented.
final class SpeakerEleventhPassTests: XCTestCase {

    /// A fused office whose `Ka` is `Kepala` (`Kasi Intel`, list `office_shortening`) stands for the person
    /// named under its long form; the head of the same body, named too, is not taken for it.
    func testAFusedOfficeStandsForTheHolderOfItsLongForm() throws {
        let document = try Annotated.document(
            """
            Judul Sidang
            Kepala Kejaksaan Negeri Lembah Hijau, Darmawan Sitepu, membuka rapat evaluasi perkara pada Senin pagi.
            Kepala Seksi Intelijen Kejaksaan Negeri Lembah Hijau, Rudolf Wanggai, menyampaikan bahwa sidang berjalan lancar.
            "Semua saksi sudah kami hadirkan sesuai jadwal persidangan," ujar Kasi Intel.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Rudolf Wanggai")
    }

    /// `Kajari <place>` as a sentence's subject before `tegasnya`: the head of the prosecutors' office, not
    /// the head of its intelligence section, whose office also holds `Kepala ... Kejaksaan Negeri`.
    func testAFusedOfficeAsSubjectIsTheHolderWhoseOfficeOpensWithItsLongForm() throws {
        let document = try Annotated.document(
            """
            Judul Penahanan
            Kepala Kejaksaan Negeri Lembah Hijau, Darmawan Sitepu, menyampaikan bahwa kedua tersangka ditahan.
            Kepala Seksi Intelijen Kejaksaan Negeri Lembah Hijau, Rudolf Wanggai, mendampingi dalam jumpa pers.
            Kajari Lembah Hijau menegaskan bahwa penyidikan akan terus dikembangkan. "Kami tidak akan berhenti pada dua orang ini," tegasnya.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Darmawan Sitepu")
    }

    /// Two different people under long forms that fit (two heads of offices) leave the fused office as it is.
    func testAFusedOfficeWithTwoHoldersStaysAsWritten() throws {
        let document = try Annotated.document(
            """
            Judul Rapat
            Kepala Dinas Pendidikan Lembah Hijau, Darmawan Sitepu, dan Kepala Dinas Kesehatan Lembah Hijau, Rudolf Wanggai, hadir dalam rapat.
            "Sekolah akan kembali dibuka pekan depan," ujar Kadis.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertNotEqual(document.quotes.first?.speaker, "Darmawan Sitepu")
        XCTAssertNotEqual(document.quotes.first?.speaker, "Rudolf Wanggai")
    }

    /// A statement of a fused office that nobody holds in the text (`sambutan Kalaksa`) is the office's, in its
    /// fullest long form (`Kepala Pelaksana BPBD <place>`), not the fused word as written.
    func testAFusedOfficeWithNoHolderIsItsFullestLongForm() throws {
        let document = try Annotated.document(
            """
            Judul Apel Siaga
            Sambutan Kepala Pelaksana BPBD Lembah Hijau yang sedang memimpin evakuasi dibacakan oleh Sekretaris BPBD Lembah Hijau, Rudolf Wanggai.
            "Keselamatan warga di bantaran sungai harus menjadi prioritas kita bersama," demikian sambutan Kalaksa yang dibacakan Rudolf.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Kepala Pelaksana BPBD Lembah Hijau")
    }

    /// `demikian bunyi salah satu poin surat edaran` after a quote: one of a document's parts, nobody's speech,
    /// though a reader is named after it (rule `quote.after.document-part-one-of`); `bunyi SE tersebut` too.
    func testOneOfADocumentsPartsIsNobodys() throws {
        let document = try Annotated.document(
            """
            Judul Apel Netralitas
            Asisten Pemerintahan Kota Tanjung Damai, Rudolf Wanggai, membacakan surat edaran Wali Kota di depan pegawai.
            "Pegawai dilarang memasang foto pasangan calon di akun media sosial pribadi," demikian bunyi salah satu poin surat edaran yang dibacakan Rudolf.
            "Pelanggaran akan diteruskan kepada pejabat pembina kepegawaian," bunyi SE tersebut.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertNil(document.quotes.first?.speaker)
        XCTAssertEqual(document.quotes.first?.rule, "quote.after.document-part-one-of")
        XCTAssertNil(document.quotes.last?.speaker)
    }

    /// `jelasnya mengutip hasil kajian` after a quote: the speaker quotes a document's words, nobody's speech
    /// (rule `quote.after.nya-quoting-document`).
    func testANyaVerbQuotingADocumentIsNobodys() throws {
        let document = try Annotated.document(
            """
            Judul Kajian Pengawas
            Ketua Bawaslu Lembah Hijau, Sumarni Pakpahan, menjelaskan bahwa kedua terlapor sudah dimintai klarifikasi.
            "Perbuatan terlapor memenuhi unsur pelanggaran netralitas pegawai," jelasnya mengutip hasil kajian.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertNil(document.quotes.first?.speaker)
        XCTAssertEqual(document.quotes.first?.rule, "quote.after.nya-quoting-document")
    }

    /// `Dalam sambutan itu disebutkan, "..."`: the statement's author named with it earlier, not the reader, even
    /// where a degree before `Dalam` leaves no sentence break (rule `quote.before.in-statement-earlier`).
    func testAQuoteInTheStatementNamedBeforeIsItsAuthors() throws {
        let document = try Annotated.document(
            """
            Judul Apel Siaga
            Sambutan Penjabat Wali Kota Tanjung Damai dibacakan oleh Kepala Dinas Kesehatan Kota Tanjung Damai dr. Rudolf Wanggai, M.Kes. Dalam sambutan itu disebutkan, "Pemberantasan sarang nyamuk harus dimulai dari rumah masing-masing."
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Penjabat Wali Kota Tanjung Damai")
        XCTAssertEqual(document.quotes.first?.rule, "quote.before.in-statement-earlier")
    }

    /// English: two capitalized words after a lower-case job description and before a reporting verb are a
    /// name (`person.before-speech-en`), so the surname alone after a later quote is that person.
    func testAnEnglishNameBeforeAReportingVerbIsAPerson() throws {
        let document = try Annotated.document(
            """
            Clinic Opens in Green Valley
            Head nurse Welmina Wanggai said the team had trained for three months.
            "We are ready to receive the first mothers this week," Wanggai said.
            """)
        XCTAssertTrue(document.entities.contains { $0.type == .PERSON && $0.rule == "person.before-speech-en" })
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Welmina Wanggai")
    }

    /// English: a sentence opening on a name set off before `who` (`person.sentence-apposition-en`), or on two
    /// names before `a` (`person.sentence-apposition-article-en`), names the person a later `he`/`she` stands
    /// for; one capitalized word before `a` (`Meanwhile, a ...`) is no name.
    func testAnEnglishSentenceOpeningOnAnAppositiveNamesItsSubject() throws {
        let document = try Annotated.document(
            """
            Flood Shelters Fill Up
            Darmadi, who heads the district disaster agency, said the teams worked through the night.
            "We moved the elderly first," he said.
            Meanwhile, a volunteer said the kitchen ran out of rice.
            Rosalina Pakpahan, a teacher at the village school, described the water rising.
            "It came up to our knees in ten minutes," she said.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes.first?.speaker, "Darmadi")
        XCTAssertEqual(document.quotes.last?.speaker, "Rosalina Pakpahan")
        XCTAssertFalse(document.entities.contains { $0.type == .PERSON && document.substring($0.range) == "Meanwhile" })
    }

    /// The table's entries: a short word, a tab and the long form; a word listed twice has two long forms, and
    /// the other words of an office are taken by their long form too.
    func testTheShorteningTableReadsItsEntries() {
        let table = OfficeShortening(entries: ["kasi\tkepala seksi", "intel\tintelijen", "kakan\tkepala kantor"])
        let forms = table.expansions(of: ["kasi", "intel", "padang"])
        XCTAssertEqual(forms.count, 1)
        XCTAssertEqual(forms.first?.head, ["kepala", "seksi"])
        XCTAssertEqual(forms.first?.words, ["kepala", "seksi", "intelijen", "padang"])
        XCTAssertTrue(table.expansions(of: ["kepala", "seksi"]).isEmpty)
        XCTAssertNil(OfficeShortening.split("kasi kepala seksi"))
        XCTAssertNil(OfficeShortening.split("kasi\t"))
    }
}
