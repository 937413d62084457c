import Foundation
import XCTest

@testable import Warta

/// Issue 19's seventh pass (classes of speaker errors seen on a census of real articles, each on
/// sentences written for the test, names invented).
final class SpeakerSeventhPassTests: XCTestCase {

    /// A nickname introduced right after a bare office (`Bupati yang akrab disapa X`) stands for the one
    /// holder of that office named in the document (`Bupati <Regency>, <Name>`).
    func testANicknameIntroducedAfterAnOfficeStandsForItsHolder() throws {
        let document = try Annotated.document(
            """
            Bupati Lembah Hijau, Darsono Wirakusuma, meresmikan pasar ikan baru di tepi sungai, Kamis (3/4/2025).
            Dalam sambutannya, Bupati yang akrab disapa Abah Ocid itu meminta pedagang menjaga kebersihan.
            "Pasar ini milik bersama, jadi kebersihannya juga tanggung jawab bersama," ujar Ocid di depan para pedagang.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Darsono Wirakusuma")
    }

    /// An office word that is also a name's last word (`Hakim`), after given names and before a comma or
    /// a verb, is part of the name, and a later mention of the first word (`kata Rahmat`) stands for it.
    func testAnOfficeWordAfterGivenNamesBeforeACommaIsTheSurname() throws {
        let document = try Annotated.document(
            """
            Juru bicara Pengadilan Negeri Lembah Hijau, Rahmat Hakim, S.H., membenarkan sidang ditunda.
            "Sidang dilanjutkan pekan depan karena saksi belum hadir," kata Rahmat kepada wartawan.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Rahmat Hakim")
        let names = document.entities.filter { $0.type == .PERSON }.map { document.substring($0.range) }
        XCTAssertTrue(names.contains("Rahmat Hakim"), "\(names)")
    }

    /// A common noun for people written capitalized (`Paslon`) is no PERSON, and a `-nya` quote after a
    /// sentence ending on it goes to the speaker named before.
    func testACapitalizedCommonNounForPeopleTakesNoQuote() throws {
        let document = try Annotated.document(
            """
            Ketua Panwaslu Kecamatan Sungai Jernih, Marlina Tumewu, memantau kampanye di lapangan desa.

            "Kami sudah mengingatkan semua tim kampanye agar tidak memasang alat peraga di sekolah," kata Marlina.

            Pelanggaran paling banyak ditemukan di jalan desa dan di depan balai warga.

            Imbauan tertulis juga sudah disampaikan kepada Paslon. "Teguran itu kami kirim sejak hari pertama masa kampanye," jelasnya.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Marlina Tumewu", "Marlina Tumewu"])
        let names = document.entities.filter { $0.type == .PERSON }.map { document.substring($0.range) }
        XCTAssertFalse(names.contains("Paslon"), "\(names)")
    }

    /// `"...," ungkapnya <office>, <name>`: the name written right after the -nya verb is the speaker,
    /// not the person named in the sentence before.
    func testANameRightAfterANyaVerbIsTheSpeaker() throws {
        let document = try Annotated.document(
            """
            Berkas perkara tiga tersangka, di antaranya Bendahara Koperasi Sumber Tani Yohanes Lakaseru, belum sampai di pengadilan.
            "Sudah saya tanyakan ke bagian pendaftaran, belum ada yang masuk," ungkapnya Kepala Bagian Humas Pengadilan Negeri Lembah Hijau, Wiratama Sudibyo, saat dihubungi.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Wiratama Sudibyo")
        XCTAssertEqual(document.quotes.first?.rule, "quote.after.verb-nya-name")
    }

    /// A bare speech verb written capitalized right after the closing mark (`...,"Tutur <name>`, `..." Kata
    /// <name> lagi`) is the cue, not the first word of the name: the short name links to the full one.
    func testACapitalizedCueAfterTheClosingMarkIsNoPartOfTheName() throws {
        let document = try Annotated.document(
            """
            Anggota DPRD Kabupaten Lembah Hijau Darsono Wirakusuma meninjau saluran irigasi di Desa Sukamaju.

            " Air irigasi harus sampai ke sawah petani sebelum musim tanam dimulai bulan depan ," Kata Darsono lagi.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Darsono Wirakusuma")
    }

    /// An office that only acts in the paragraph before a `-nya` quote (`dakwaan oleh Jaksa Penuntut Umum`)
    /// does not stop the search: the quote goes to the person who spoke two paragraphs before.
    func testAnOfficeThatOnlyActsDoesNotTakeANyaQuoteFromTheSpeaker() throws {
        let document = try Annotated.document(
            """
            Juru bicara Pengadilan Negeri Lembah Hijau, Wiratama Sudibyo, menjelaskan jadwal sidang perkara koperasi.

            "Berkasnya belum kami terima sampai hari ini," kata Wiratama.

            Setelah berkas masuk, ketua pengadilan menunjuk majelis yang menyidangkan perkara itu.

            Sidang pertama dimulai dengan pembacaan dakwaan oleh Jaksa Penuntut Umum.

            "Biasanya sidang pertama digelar satu minggu setelah majelis ditunjuk," tuturnya.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Wiratama Sudibyo", "Wiratama Sudibyo"])
    }
}
