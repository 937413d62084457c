import Foundation
import XCTest

@testable import Warta

/// Issue 19's seventeenth pass: an office returned as the speaker though its holder is named beside it (the
/// holder of an office is the person named after it, over the lower-case words of an office's name, or the
/// person it stands in apposition to, `<name>, <office>`; a fused office counts the words written between its
/// long form and the holder), and short names clipped from a longer one (a one-word name; never a woman's name
/// a man's opens). Sentences written for the test, names and places invented.
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

    /// A one-word mention clipped from a one-word name (`Louren` of `Lourensius`) is that name, as a clipped
    /// word of a longer name was (`FullNameReader.fullestTruncated`).
    func testClippedMentionOfAOneWordName() throws {
        let document = try Annotated.document(
            """
            Judul Festival Budaya
            Ketua panitia festival, Lourensius, membuka acara di lapangan kota, Sabtu.
            "Festival ini kami gelar untuk anak muda kampung," kata Lourensius.
            "Tahun depan pesertanya akan lebih banyak lagi," lanjut Louren.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Lourensius", "Lourensius"])
    }

    /// A man's given name is no clipped form of a woman's name it opens (`Agus`, `Sri Agustina`: the letters
    /// left off, `tina`, are a feminine ending, `feminine_name_endings.txt`).
    func testGivenNameIsNoClippedFormOfAWomansName() throws {
        let document = try Annotated.document(
            """
            Judul Posyandu Desa
            Kepala Puskesmas Lembah Hijau, Sri Agustina, memeriksa balita di posyandu desa, Senin.
            Warga setempat, Agus, ikut membantu menimbang balita.
            "Saya senang anak-anak kami sehat semua," kata Agus.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Agus"])
    }

    /// A clipped name whose letters left off are no feminine ending still links (`Syarif`, `Syarifuddin`).
    func testClippedNameWithANonFeminineEndingStillLinks() throws {
        let document = try Annotated.document(
            """
            Judul Sosialisasi Pemilu
            Anggota KPU Provinsi Lembah Hijau, Muhammad Syarifuddin hadir dalam sosialisasi pemilu di kampus negeri.
            "Anak muda harus datang ke tempat pemungutan suara dan memilih dengan tenang," kata Syarif.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Muhammad Syarifuddin"])
    }

    /// A short mention takes the full name with its middle initial's dot as written (`Kiagus M. Yusuf`, not
    /// `Kiagus M Yusuf`: `AliasReader.writtenName`).
    func testFullNameKeepsTheDotOfItsInitial() throws {
        let document = try Annotated.document(
            """
            Judul Pelayanan Desa
            Camat Lembah Hijau, Kiagus M. Yusuf, S.STP., memastikan pelayanan di desa tidak terganggu. Berikut petikan wawancara dengan Kiagus Yusuf.
            "Pelayanan tetap berjalan seperti biasa," kata Kiagus Yusuf.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Kiagus M. Yusuf"])
    }

    /// `ujar legislator Fraksi PKS itu`: an epithet closed by a demonstrative points back to the person spoken
    /// of (`quote.after.verb-epithet-any`), not the office as written.
    func testEpithetWithADemonstrativePointsBack() throws {
        let document = try Annotated.document(
            """
            Judul Gizi Anak
            Anggota DPRD Lembah Hijau, Ratna Sari Dewi, meminta dinas kesehatan menambah makanan tambahan bagi balita.
            "Anak yang kurang gizi bisa jatuh sakit berat. Jadi program ini harus jalan terus," ujar legislator Fraksi PKS itu.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Ratna Sari Dewi"])
        XCTAssertEqual(document.quotes.map(\.rule), ["quote.after.verb-epithet-any"])
    }

    /// `tulis akun tersebut`: a lower-case word that is no office opens no epithet of a person.
    func testLowerCaseNounBeforeADemonstrativeIsNoEpithet() throws {
        let document = try Annotated.document(
            """
            Judul Akun Resmi
            Warga ramai membagikan unggahan akun resmi pemerintah kabupaten tentang jadwal vaksinasi.
            "Vaksinasi dibuka setiap Senin di puskesmas," tulis akun tersebut.
            """)
        XCTAssertFalse(document.quotes.contains { $0.rule == "quote.after.verb-epithet-any" })
    }

    /// An office the tagger ran on into its holder's name (`Kepala BPKAD <given> <middle> <surname>` as one
    /// ROLE) speaks by that name (`nameEndingOffice`), not as the office with the name glued on.
    func testOfficeThatRanIntoItsHoldersNameSpeaksByTheName() throws {
        let document = try Annotated.document(
            """
            Judul Anggaran Daerah
            Rapat anggaran dipimpin Kepala BPKAD Yohanes Marthen Wakerkwa di ruang rapat kantor bupati.
            "Semua dinas wajib menyerahkan laporan belanja sebelum akhir bulan," katanya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Yohanes Marthen Wakerkwa"])
    }

    /// A body's name after its acronym that the document writes elsewhere inside the body (`RSUD <name>`) is
    /// no holder's name: the office stays as written.
    func testBodyNameWrittenElsewhereIsNoHoldersName() throws {
        let document = try Annotated.document(
            """
            Judul Rumah Sakit
            Direktur RSUD Sinar Kasih Mulia memimpin rapat pelayanan pasien. Pasien RSUD Sinar Kasih Mulia terus bertambah.
            "Kami menambah tempat tidur di ruang rawat inap," ujar Direktur RSUD Sinar Kasih Mulia.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Direktur RSUD Sinar Kasih Mulia"])
    }

    /// `Kapolsek <district>, Iptu <name>` with the district taken for a one-word PERSON linked to the office:
    /// the holder is the person after the comma and the rank, so a later bare `ujar Kapolsek` is theirs
    /// (`holderAfterPlace`).
    func testOneWordPlaceTakenForTheHolderGivesWayToTheNameAfterTheRank() throws {
        let document = try Annotated.document(
            """
            Judul Warga Tenggelam
            Seorang warga dilaporkan tenggelam di sungai desa, Minggu sore.
            Kapolsek Sukamade, Iptu Alfian, membenarkan kejadian itu dan mengatakan timnya menuju lokasi.
            "Informasi yang kami terima ada warga yang tenggelam, saat ini tim menuju lokasi," ujar Kapolsek.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Alfian"])
    }
}
