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
}
