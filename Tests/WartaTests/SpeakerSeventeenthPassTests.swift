import Foundation
import XCTest

@testable import Warta

/// Issue 19's seventeenth pass: an office returned as the speaker though its holder is named beside it. The
/// holder of an office is the person named after it (over the lower-case words of an office's name), or the
/// person it stands in apposition to (`<name>, <office>`); a fused office counts the words written between its
/// long form and the holder. Sentences written for the test, names and places invented.
final class SpeakerSeventeenthPassTests: XCTestCase {

    /// `Kaban BKPSDM` is the holder named under `Kepala Badan ... (BKPSDM), <name>`: the acronym in brackets
    /// between the long office and its holder is a word the office holds.
    func testFusedOfficeHoldsTheAcronymBeforeItsHolder() throws {
        let document = try Annotated.document(
            """
            Judul Pelatihan Pegawai
            Dalam rapat itu, Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM), Hartono Wijaya, menjelaskan jadwal pelatihan pegawai.
            "Semua pegawai wajib hadir pada pelatihan bulan depan," ujar Kaban BKPSDM.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Hartono Wijaya"])
    }

    /// `Kapolres <city> dan <regency> <rank> <name>`: the office's name goes on over `dan` to its holder.
    func testOfficeNameGoesOnOverItsConnectorToTheHolder() throws {
        let document = try Annotated.document(
            """
            Judul Kunjungan Kapolda
            Kapolda Sulawesi Tenggara dalam kunjungan itu didampingi Kapolres Kendari dan Konawe Kombes Pol Bambang Sutrisno Hadi, serta para pejabat utama.
            "Situasi di wilayah kami sudah aman dan terkendali," ujar Kapolres Kendari.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Bambang Sutrisno Hadi"])
    }

    /// `ujar <rank> <name>, <office> dalam ...`: the office in apposition is that person's, so a later
    /// `pesan <office>` is theirs.
    func testOfficeInAppositionAfterTheNameIsTheirs() throws {
        let document = try Annotated.document(
            """
            Judul Pengungkapan Narkoba
            "Kami menyita barang bukti dalam jumlah besar selama enam bulan," ujar AKBP Hendro Wicaksono, Kapolres Lembah Hijau dalam konferensi pers, Senin.
            Kapolres Lembah Hijau berharap masyarakat terus memberikan informasi.
            "Laporkan kepada kami setiap peredaran barang terlarang di lingkungan masing-masing," pesan Kapolres Lembah Hijau.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Hendro Wicaksono", "Hendro Wicaksono"])
    }

    /// A person already named after one office is no apposition of the next one in a list
    /// (`Bupati <place> <name>, Wakil Bupati, ...`): the bare `Wakil Bupati` stays an office.
    func testHolderOfOneOfficeIsNoAppositionOfTheNext() throws {
        let document = try Annotated.document(
            """
            Judul Rapat Anggaran
            Rapat dihadiri Bupati Lembah Hijau Sutrisno Hadi, Wakil Bupati Lembah Hijau, dan para kepala dinas.
            "Anggaran tahun depan harus lebih tepat sasaran," kata Wakil Bupati Lembah Hijau.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Wakil Bupati Lembah Hijau"])
    }

    /// `Kombes Polisi <name>`: the police's service word after a rank (`military_corps.txt`) is no word of
    /// the name, and the office named before the rank is that person's.
    func testPoliceServiceWordAfterTheRankIsNoWordOfTheName() throws {
        let document = try Annotated.document(
            """
            Judul Penangkapan Pencuri
            Kapolresta Sukamaju, Kombes Polisi Hendra Gunawan memberikan apresiasi kepada jajarannya.
            "Saya mengapresiasi kerja cepat seluruh anggota," ujar Kapolresta Sukamaju.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Hendra Gunawan"])
    }
}
