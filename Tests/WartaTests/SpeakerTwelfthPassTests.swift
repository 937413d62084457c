import Foundation
import XCTest

@testable import Warta

/// Issue 19's twelfth pass: the name side of speaker errors (a census of the six tuning splits dev5 to dev10):
/// a name's boundary, where a gazetteer word, a place, an office's unit or an English office word cut or
/// stretch the name. Each tested on sentences written for the test, names and places invented.
final class SpeakerTwelfthPassTests: XCTestCase {

    private func persons(_ document: Document) -> [String] {
        document.entities.filter { $0.type == .PERSON }.map { document.text(of: $0) }
    }

    /// A name's last word that a gazetteer lists as a place (a district) or an outlet, closed by a comma, stays
    /// in the name, and the speaker is the whole name (rule `person.gazetteer-surname`).
    func testAGazetteerWordClosingANameStaysInTheName() throws {
        let place = try Annotated.document(
            """
            Judul Rapat Kesehatan
            Direktur RSUD Lembah Hijau, dr. Sinta Maria Kambu, membuka rapat evaluasi pelayanan pada Senin pagi.
            "Ruang rawat inap baru siap dipakai bulan depan," kata Sinta.
            """)
        XCTAssertTrue(persons(place).contains("Sinta Maria Kambu"), "\(persons(place))")
        XCTAssertEqual(place.quotes.first?.speaker, "Sinta Maria Kambu")
        let outlet = try Annotated.document(
            """
            Judul Arus Lalu Lintas
            Kasat Lantas Polres Lembah Hijau AKP I Ketut Budi Antara, S.H., meminta warga bersabar selama pawai berlangsung.
            "Kami alihkan kendaraan ke jalan lingkar selatan," katanya.
            """)
        XCTAssertEqual(outlet.quotes.first?.speaker, "I Ketut Budi Antara")
    }

    /// A bare regency name that is also a common word or a given name is the body's place after an org head
    /// (`Kemenag Batang`), not the first word of the holder's name.
    func testAnAmbiguousPlaceAfterABodyIsNotInTheHoldersName() throws {
        let document = try Annotated.document(
            """
            Judul Pendaftaran Peserta
            Kepala Kemenag Batang Rudolf Wanggai menyampaikan bahwa pendaftaran peserta dibuka hingga akhir bulan.
            "Semua madrasah kami minta ikut mendaftar," ujarnya.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Rudolf Wanggai")
        XCTAssertFalse(persons(document).contains { $0.hasPrefix("Batang") }, "\(persons(document))")
    }

    /// The capitalized words after an office's unit word name the unit (`Kepala Seksi Intelijen`), never its
    /// holder (rule `veto.office-unit-name`), so a pronoun's speaker is the person named.
    func testTheWordsAfterAnOfficeUnitNameTheUnit() throws {
        let document = try Annotated.document(
            """
            Judul Penyidikan Dana Desa
            Penyidikan dipimpin Kepala Seksi Tindak Pidana Khusus (Kasi Pidsus) Rudolf Wanggai sejak awal bulan.
            Laporan itu diteruskan kepada Kepala Seksi Intelijen.
            "Kami sudah memeriksa dua belas saksi," tegasnya.
            """)
        XCTAssertEqual(persons(document), ["Rudolf Wanggai"])
        XCTAssertEqual(document.quotes.first?.speaker, "Rudolf Wanggai")
    }

    /// An English office written before a name (`Provincial Secretary`) is no word of the name; an occupation
    /// after `kepada` (`Reporter`) opens no name.
    func testOfficeAndOccupationWordsBeforeANameAreNotInIt() throws {
        let english = try Annotated.document(
            """
            Meeting
            The meeting was opened by Provincial Secretary Rudolf Wanggai on Monday morning.
            """)
        XCTAssertEqual(persons(english), ["Rudolf Wanggai"])
        let reporter = try Annotated.document(
            """
            Judul Wawancara
            Hal itu disampaikan Darmawan Sitepu kepada Reporter Suara Lembah, Rudolf Wanggai, pada Senin.
            """)
        XCTAssertFalse(persons(reporter).contains { $0.hasPrefix("Reporter") }, "\(persons(reporter))")
    }

    /// A given name shortened with its dot (`St.` for Siti, `Abd.`) and a title with its dot inside a name
    /// (`Nyimas Hj.`) stay in the name: after an honorific, after an office, and in a run of name words.
    func testShortenedNamesAndTitlesWithTheirDotsStayInTheName() throws {
        let afterHonorific = try Annotated.document(
            """
            Judul Rapat
            Kepala Dinas Sosial Lembah Hijau, Hj. St. Aminah Daeng Bau, S.Sos., menyampaikan laporan tahunan.
            """)
        XCTAssertEqual(persons(afterHonorific), ["St. Aminah Daeng Bau"])
        let afterOffice = try Annotated.document(
            """
            Judul Audit
            Inspektur Kabupaten Lembah Hijau, Nyimas Hj. Rohmah, S.E., memastikan audit sesuai standar.
            """)
        XCTAssertEqual(persons(afterOffice), ["Nyimas Hj. Rohmah"])
        let inARun = try Annotated.document(
            """
            Judul Sengketa
            Di sisi lain, kuasa hukum ahli waris, Darto Abd. Wahid, menyebut gugatan itu sah.
            """)
        XCTAssertEqual(persons(inARun), ["Darto Abd. Wahid"])
    }

    /// A name set off by commas right after a body or an office and the places that close it is the person
    /// the apposition names, not one more place of a list (rule `person.after-body-apposition`), and a quote
    /// after it is theirs.
    func testANameAfterABodyAndItsPlacesIsAPerson() throws {
        let school = try Annotated.document(
            """
            Judul Rapat Dengar Pendapat
            Seorang guru honorer SDN 4 Sukamaju, Ratnawati, tak kuasa menahan tangis di depan anggota dewan.
            "Saya sudah mengajar dua puluh tahun," ucapnya.
            """)
        XCTAssertEqual(persons(school), ["Ratnawati"])
        XCTAssertEqual(school.quotes.first?.speaker, "Ratnawati")
        let village = try Annotated.document(
            """
            Judul Laporan Netralitas
            Bawaslu menerima laporan tentang Kepala Desa (Kades) Sukamaju, Kecamatan Lembah Hijau, Lamaddu Baharing, ke Sentra Gakkumdu.
            """)
        XCTAssertEqual(persons(village), ["Lamaddu Baharing"])
    }

    /// A party to a case written capitalized (`Terdakwa`, `Penggugat`, list `common_person_noun`) is no name and
    /// no word of the name after it.
    func testAPartyToACaseIsNoName() throws {
        let document = try Annotated.document(
            """
            Judul Vonis
            Terdakwa Yonas Pattiasina alias Onyo mendengarkan putusan hakim dengan tenang.
            Majelis menilai Terdakwa terbukti membagikan uang kepada warga. Penggugat meminta lahan itu dikembalikan.
            """)
        XCTAssertEqual(persons(document), ["Yonas Pattiasina", "Onyo"])
    }

    /// The outlet a speaker told (`kata <name> kepada <outlet> usai ...`, rule `org.told-outlet`) and a reporter's
    /// outlet named with its region (`wartawan <word> <province>`, rule `org.reporter-outlet`) are organisations,
    /// not persons.
    func testAnOutletAsTheInterviewerIsNoPerson() throws {
        let document = try Annotated.document(
            """
            Judul Sidang
            "Putusan ini sudah adil," kata Rudolf Wanggai kepada Lembahpos usai sidang.
            Ditemui wartawan Gema Sulsel seusai sidang, Rudolf menolak berkomentar lagi.
            """)
        XCTAssertEqual(persons(document), ["Rudolf Wanggai", "Rudolf"])
        let organisations = document.entities.filter { $0.type == .ORG }.map { document.text(of: $0) }
        XCTAssertTrue(organisations.contains("Lembahpos"), "\(organisations)")
        XCTAssertTrue(organisations.contains("Gema Sulsel"), "\(organisations)")
        XCTAssertEqual(document.quotes.first?.speaker, "Rudolf Wanggai")
    }

    /// A degree after a name (`M.Epid.`, `S.Tr.`, and `M.Pd` without its last dot before `yang`) is no person.
    func testADegreeAfterANameIsNoPerson() throws {
        let document = try Annotated.document(
            """
            Judul Pelatihan
            Pelatihan dipimpin dr. Rina Oktaviana, M.Epid., dan diikuti kader desa.
            Kepala Sekolah Lembah Hijau, Dra. Maria Kewa, M.Pd, yang ikut mendampingi rombongan, menyampaikan terima kasih.
            Petugas BMKG, Yosefina Lamawuran, S.Tr., mengatakan hujan masih turun.
            """)
        XCTAssertEqual(persons(document), ["Rina Oktaviana", "Maria Kewa", "Yosefina Lamawuran"])
    }
}
