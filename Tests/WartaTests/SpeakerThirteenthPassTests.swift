import Foundation
import XCTest

@testable import Warta

/// Issue 19's thirteenth pass: a pronoun or `-nya` cue resolved to someone who is not speaking (a class found by
/// the hand census of real articles): a person written only by initials (a suspect listed `TR (31)`, `pelaku
/// berinisial TR`), and a person named inside the clause a speaker reports. Each tested on sentences written for
/// the test, names and places invented.
final class SpeakerThirteenthPassTests: XCTestCase {

    /// Suspects listed by their initials between an official's quotes are no antecedent of the next `ucapnya`:
    /// the official who spoke before is.
    func testInitialsListedBetweenQuotesDoNotTakeThePronoun() throws {
        let document = try Annotated.document(
            """
            Judul Penangkapan Pencuri Ternak
            Kapolres Lembah Hijau AKBP Darmawan Sitepu mengatakan pihaknya menangkap empat pelaku pencurian ternak.
            "Mereka kami tangkap di sebuah gudang di pinggir desa," kata Darmawan.
            Keempat pelaku itu berinisial TR (31), BS (27), dan KW (19), warga Desa Sukamaju.
            "Ketiganya sudah kami tahan di rutan," ucapnya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Darmawan Sitepu", "Darmawan Sitepu"])
    }

    /// A suspect by initials mentioned in the sentence before `katanya` does not take it from the official named
    /// as the subject before; a suspect by initials who speaks in the sentence (`TR mengaku`) does take it.
    func testInitialsTakeThePronounOnlyWhenTheySpeak() throws {
        let document = try Annotated.document(
            """
            Judul Penangkapan Kurir
            Kasat Narkoba Polres Lembah Hijau AKP Rudolf Wanggai mengatakan petugas menyamar sebagai pembeli.
            Kurir yang ditangkap berinisial TR (41), warga Desa Sukamaju.
            "Barang itu disimpan di dalam tas ransel," katanya.
            Sementara itu, kurir berinisial TR mengaku baru sekali mengantar barang.
            "Saya dibayar dua ratus ribu," katanya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Rudolf Wanggai", "TR"])
    }

    /// A person named in a sentence that goes on with a reported statement (`X mengatakan, ... . Terlebih, Y juga
    /// sudah menyampaikan ...`) is inside X's reported clause: `ujarnya` after it is X's (the list
    /// `reported_continuation`).
    func testAPersonInsideAReportedClauseDoesNotTakeThePronoun() throws {
        let document = try Annotated.document(
            """
            Judul Netralitas Pegawai
            Ketua DPRD Lembah Hijau, Darmawan Sitepu mengingatkan pegawai agar netral dalam pemilihan.
            Darmawan mengatakan, sikap netral pegawai adalah aturan yang harus dijalankan. Terlebih, Bupati Lembah Hijau, Rudolf Wanggai juga sudah menyampaikan agar semua pegawai menjaga netralitas.
            "Semua pegawai harus netral dan tidak memihak," ujarnya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Darmawan Sitepu"])
    }
}
