import Foundation
import XCTest

@testable import Warta

/// Issue 19's tenth pass: classes of speaker errors seen in at least two of the tuning splits dev5, dev6, dev7
/// and dev8 (a census of all four), each tested on sentences written for the test, names invented.
final class SpeakerTenthPassTests: XCTestCase {

    /// A speech verb with the statement read out and its author after it (`lanjut sambutan gubernur`): the
    /// author's, in the office's fullest form (rule `quote.after.verb-statement-of`).
    func testAVerbWithAStatementAndItsAuthorIsTheAuthors() throws {
        let document = try Annotated.document(
            """
            Judul Peresmian
            Gubernur Lembah Hijau berhalangan hadir. Sambutannya dibacakan Asisten II Setdaprov Darmawan Sitepu.
            "Jembatan ini kami bangun agar hasil kebun warga cepat sampai ke pasar kota," lanjut sambutan gubernur.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Gubernur Lembah Hijau")
    }

    /// A speech verb with the statement read out and no author after it (`lanjut sambutan yang dibacakan
    /// <reader>`): the author named with that statement earlier, not the reader
    /// (rule `quote.after.verb-statement-earlier`).
    func testAVerbWithAStatementReadOutIsTheEarlierAuthors() throws {
        let document = try Annotated.document(
            """
            Judul Peresmian
            Asisten II Setdaprov Darmawan Sitepu membacakan sambutan Gubernur Lembah Hijau di depan para kepala desa.
            "Jembatan ini kami bangun agar hasil kebun warga cepat sampai ke pasar kota," lanjut sambutan yang dibacakan Darmawan.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Gubernur Lembah Hijau")
    }

    /// `demikian penggalan sambutan itu` after a quote: a part of the statement (list `document_part`), whose
    /// author is the one named with that statement earlier (rule `quote.after.statement-earlier`).
    func testAFragmentOfAStatementIsTheEarlierAuthors() throws {
        let document = try Annotated.document(
            """
            Judul Peresmian
            Sekda Kota Tanjung Damai Rudolf Wanggai yang membacakan sambutan Penjabat Wali Kota menyebut layanan itu lama ditunggu.
            "Selama ini banyak pasien harus kami rujuk ke luar daerah dengan kapal," demikian penggalan sambutan itu.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Penjabat Wali Kota")
    }

    /// A quote inside a sentence whose subject reads out a statement on its author's behalf (`<name> yang
    /// membacakan sambutan Pj Bupati menyampaikan agar ... "..."`) is the author's, not the reader's (rule
    /// `quote.before.in-sentence-read-out`); a reader speaking for themself keeps their own quote.
    func testAQuoteInsideASentenceOfAReaderIsTheAuthors() throws {
        let document = try Annotated.document(
            """
            Judul Apel
            Pada kesempatan yang sama, Sekda Lembah Hijau Rudolf Wanggai yang membacakan sambutan Pj Bupati menyampaikan agar kepala dinas tidak memberi "perintah, isyarat, apalagi fasilitas kantor" kepada tim sukses.
            Rudolf Wanggai juga menyampaikan bahwa apel berikutnya digelar bulan depan.
            "Kami akan cek kehadiran semua pegawai," kata Rudolf.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes.first?.speaker, "Pj Bupati")
        XCTAssertEqual(document.quotes.last?.speaker, "Rudolf Wanggai")
    }

    /// The words of a banner or a caption right before the quote (`spanduk bertuliskan "..."`, list
    /// `inscription`) are nobody's, even inside a sentence that reports someone's speech (rule
    /// `quote.before.inscription`).
    func testABannersWordsAreNobodysInsideReportedSpeech() throws {
        let document = try Annotated.document(
            """
            Judul Sosialisasi
            Ketua PGRI Lembah Hijau, Sumarni Pakpahan, mengatakan guru siap membantu sosialisasi. Bahkan, ia mengatakan, pihaknya akan memasang spanduk bertuliskan "Guru Netral, Pilkada Damai" di setiap sekolah.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertNil(document.quotes.first?.speaker)
        XCTAssertEqual(document.quotes.first?.rule, "quote.before.inscription")
    }

    /// `Kata dia, "..."`: a bare speech verb and a pronoun opening the quote's sentence refer back to the person
    /// spoken of before (rule `quote.before.verb-pronoun`).
    func testABareVerbAndAPronounBeforeTheQuoteReferBack() throws {
        let document = try Annotated.document(
            """
            Judul Sengketa
            Ketua Bawaslu Lembah Hijau, Darwis Simanjuntak, menyebut posisi perkara ini sudah jelas. Kata dia, "bola ada di pejabat pembina kepegawaian" dan pengawas hanya memantau.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Darwis Simanjuntak")
    }

    /// A quote inside a sentence that opens on a person, with no speech verb and nobody else named before the
    /// quote, is that person's (rule `quote.before.in-sentence-subject`); one after a banner word stays nobody's.
    func testAQuoteInsideASentenceOpeningOnAPersonIsTheirs() throws {
        let document = try Annotated.document(
            """
            Judul Rapat Paripurna
            Ketua Pansus RPJMD, Darwis Simanjuntak, mengatakan rapat paripurna digelar pada Senin pagi.
            Darwis kemudian mengulang pesan pimpinan dewan agar rencana itu tidak sekadar menjadi "dokumen tebal yang tersimpan di lemari" bagi warga.
            Darwis juga memasang papan di depan gedung dewan dengan tulisan "Kawal Anggaran Desa" di bawah logo dewan.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes.first?.speaker, "Darwis Simanjuntak")
        XCTAssertNil(document.quotes.last?.speaker)
    }

    /// A PERSON the tagger ran on from an office into a name over the office's place (`Lurah Tanjungriso Ismail
    /// Rahaded`), the place written apart elsewhere (`Kelurahan Tanjungriso,`): the name, and the speaker, start
    /// after it. A name whose first word is written elsewhere only inside the name keeps it.
    func testAnOfficesPlaceWrittenApartIsNoPartOfTheName() throws {
        let document = try Annotated.document(
            """
            Judul Sengketa Lahan
            Sengketa lahan sekolah di Kelurahan Tanjungriso, Kecamatan Lembah Selatan, belum selesai.
            Lurah Tanjungriso Ismail Rahaded mengatakan pihak kelurahan tidak memiliki catatan peralihan hak.
            "Kelurahan posisinya netral, kami hanya bantu memberi keterangan," kata Ismail.
            Kepala Sekolah Darmono Rahaded Putra mengatakan murid tetap belajar seperti biasa.
            "Anak-anak tetap masuk setiap pagi," kata Darmono.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes.first?.speaker, "Ismail Rahaded")
        XCTAssertEqual(document.quotes.last?.speaker, "Darmono Rahaded Putra")
    }

    /// A nickname the text introduces whose words do not all fit a full name links to the one name its last
    /// word fits (`Dayu Sriani, sapaan akrabnya` for `Ida Ayu Made Sriani`; `akrab disapa Abu Rahman` for
    /// `Abdurrahman Ismail`, the end of a word), and a cue before it reaches over an address form with its dot
    /// (`yang biasa disapa dr. Ana`).
    func testANicknameLinksByItsLastWord() throws {
        let document = try Annotated.document(
            """
            Judul Festival
            Kepala Bidang Kesenian Dinas Kebudayaan, Dr. Ida Ayu Made Sriani, menyebut pawai diikuti duta dari sembilan kabupaten.
            "Pawai ini etalase kesenian setiap kabupaten," kata Dayu Sriani, sapaan akrabnya.
            Tokoh agama setempat, Abdurrahman Ismail, hadir dalam pembukaan. Ulama yang akrab disapa Abu Rahman itu mengingatkan warga menjaga kebersihan.
            "Jangan tinggalkan sampah di lapangan," ujar Abu Rahman.
            Direktur RSUD Lembah Hijau, dr. Yohana Rumbekwan, yang biasa disapa dr. Ana, mengatakan layanan dibuka besok.
            "Semua perawat sudah kami latih," jelas dr. Ana.
            """)
        XCTAssertEqual(
            document.quotes.map(\.speaker), ["Ida Ayu Made Sriani", "Abdurrahman Ismail", "Yohana Rumbekwan"])
    }

    /// A short name with an address form that the text says is how the person is called (`Bu Nur, begitu ia
    /// disapa`, list `alias_cue_after`) links to the one name it starts.
    func testAShortNameCalledSoLinksToTheName() throws {
        let document = try Annotated.document(
            """
            Judul Anggaran
            Kepala Badan Keuangan Daerah, Nurhasanah, menjelaskan penurunan pendapatan berasal dari dana transfer.
            Bu Nur, begitu ia disapa, mengatakan pendapatan asli daerah ditargetkan naik.
            "Kita tidak bisa terus bergantung pada transfer pusat," tuturnya.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Nurhasanah")
    }

    /// Customary and religious titles before a name (list `lead_title`: a Balinese temple priest's `Mangku`, a
    /// Sumbanese elder's `Rato`) are no part of it, even after a word that is a given name elsewhere (`Jero
    /// Mangku`); a mention made only of the words up to the title (`kata Jero Mangku`) stands for that person.
    func testALeadTitleIsNoPartOfTheSpeaker() throws {
        let document = try Annotated.document(
            """
            Judul Upacara
            Sebelum pawai dimulai, Jero Mangku Nyoman Sudarsa memimpin upacara kecil di sisi timur lapangan.
            "Kita mohon agar semua peserta selamat sampai tujuan," ujar Jero Mangku.
            Pemangku adat kampung, Rato Yohanis Lede Bora, menyambut rombongan di depan rumah adat.
            "Tamu boleh datang melihat, tapi harus ikut diam," kata Rato Yohanis.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Nyoman Sudarsa", "Yohanis Lede Bora"])
    }
}
