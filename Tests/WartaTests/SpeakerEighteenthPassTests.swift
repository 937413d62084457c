import Foundation
import XCTest

@testable import Warta

/// Issue 19's eighteenth pass: a speaker the text does not name (`seorang petani`, `salah seorang warga`, a
/// villager who asked not to be named) keeps a later `-nya` cue, which is then nobody's the document names
/// (ANNOTATION.md), not the person named before; a statement read out is its author's where the sentence naming it
/// writes the author. Sentences written for the test, names and places invented.
final class SpeakerEighteenthPassTests: XCTestCase {

    /// `Seorang petani ... mengaku ...` before the quote: `ucapnya` is the farmer's, not the village head's.
    func testUnnamedOneWhoSpeaksBeforeTheQuoteKeepsTheNyaCue() throws {
        let document = try Annotated.document(
            """
            Banjir Rendam Sawah Warga
            Kepala Desa Sukamaju Bambang Wiryawan mengatakan air mulai surut sejak pagi. "Kami sudah membuka dapur umum di balai desa," kata Bambang.
            Seorang petani di Kampung Baru mengaku kehilangan seluruh tanamannya. "Sawah saya habis terendam lumpur, tidak ada yang bisa dipanen," ucapnya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Bambang Wiryawan", nil])
    }

    /// `salah seorang warga mengatakan, "..." ungkapnya` in one sentence: the resident's, not the district head's.
    func testUnnamedOneInTheQuotesOwnSentence() throws {
        let document = try Annotated.document(
            """
            Jalan Desa Rusak Parah
            Camat Sukamaju Hendra Gunawan meninjau jalan itu pada Senin pagi. "Perbaikan akan kami usulkan tahun depan," kata Hendra.
            Sementara itu, salah seorang warga mengatakan, "Jalan ini sudah rusak sejak lima tahun lalu dan belum pernah diperbaiki," ungkapnya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Hendra Gunawan", nil])
    }

    /// A villager who asked not to be named, with the statement's date after the cue, says the first quote
    /// (nobody's); `tambahnya` after a narration line that refers back follows the villager, not the victim
    /// named before.
    func testNyaCueAfterAnUnnamedSpeakersQuoteIsNobodys() throws {
        let document = try Annotated.document(
            """
            Bocah Tenggelam di Sungai
            Korban diketahui bernama Dimas Prakoso (12), warga Desa Sukamaju. Ia tenggelam saat bermain di sungai bersama temannya.
            "Anak itu sudah dimakamkan kemarin sore di pemakaman desa," kata warga Desa Sukamaju yang meminta namanya tidak ditulis, Senin (3/2/2025).
            Ia menjelaskan, korban tinggal bersama neneknya sejak kecil.
            "Dia anak yang rajin membantu neneknya di kebun," tambahnya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), [nil, nil])
    }

    /// Not unnamed: a person named after the description (`salah seorang petani <village>, <name>,`), an
    /// epithet pointing back with `itu`, and officers acting between their spokesman's quotes (`Petugas
    /// mengimbau ...`: `petugas` alone is no `unnamed_one`).
    func testNamedDescribedAndGenericSubjectsAreNoUnnamedSpeakers() throws {
        let named = try Annotated.document(
            """
            Panen Raya di Sukamaju
            Kepala Dinas Pertanian Kabupaten Sukamaju Rudi Hartawan mengatakan panen tahun ini meningkat. "Produksi naik hampir dua puluh persen," kata Rudi.
            Salah seorang petani Desa Sukamaju, Joko Santoso, mengatakan harga gabah cukup baik. "Kami bisa menabung untuk musim tanam berikutnya," ujarnya.
            """)
        XCTAssertEqual(named.quotes.map(\.speaker), ["Rudi Hartawan", "Joko Santoso"])
        let epithet = try Annotated.document(
            """
            Tradisi Adat di Kampung Tua
            Tetua adat Kampung Lama, Yohanes Bili Lede, mengatakan tradisi itu sudah berjalan ratusan tahun. "Kami menjaga pesan leluhur," kata Yohanes.
            Lelaki berusia 70 tahun itu mengatakan, selama bulan adat warga dilarang membuat keramaian.
            "Siapa pun yang datang harus ikut menghormati aturan kampung," ujarnya.
            """)
        XCTAssertEqual(epithet.quotes.map(\.speaker), ["Yohanes Bili Lede", "Yohanes Bili Lede"])
        let officers = try Annotated.document(
            """
            Patroli Malam di Pantai
            Kapolsek Pantai Indah Iptu Wayan Sudarsana mengatakan patroli digelar setiap malam. "Kami menyasar tempat hiburan yang ramai," kata Wayan.
            Petugas mengimbau masyarakat agar tidak membawa barang berharga saat berlibur.
            "Kalau ada yang mencurigakan, segera lapor ke polisi terdekat," ucapnya.
            """)
        XCTAssertEqual(officers.quotes.map(\.speaker), ["Wayan Sudarsana", "Wayan Sudarsana"])
    }

    /// `<office>, <name>, dalam sambutan yang dibacakan <reader>, ...` then `"...," demikian sambutan tersebut.`:
    /// the statement named before has no author right after its word; its author is the sentence's subject before
    /// it, not the reader.
    func testStatementWithItsAuthorBeforeIt() throws {
        let document = try Annotated.document(
            """
            Rapat Koordinasi Netralitas Pegawai
            Pada rapat di Aula Kantor Bupati Sukamaju, Senin (3/2/2025), Kepala Badan Kepegawaian Kabupaten Sukamaju, Hendra Saputra, dalam sambutan yang dibacakan Sekretaris Badan Kepegawaian, Rina Marlina, mengingatkan seluruh pegawai agar menjaga netralitas.
            "Netralitas adalah kewajiban setiap pegawai kepada negara," demikian sambutan tersebut.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Hendra Saputra"])
        XCTAssertEqual(document.quotes.map(\.rule), ["quote.after.statement-earlier"])
    }

    /// A quote after a sentence naming a statement read out (`Dalam sambutan Bupati <regency> yang dibacakan Asisten
    /// I, disampaikan ...`) is the author's, an office named nowhere with its holder, not the reader's.
    func testQuoteAfterASentenceOnAStatementReadOutIsTheAuthors() throws {
        let document = try Annotated.document(
            """
            Pertemuan Pemilik Hak Ulayat
            Pertemuan dipimpin Asisten I Sekretariat Daerah Kabupaten Sukamaju, Yusuf Rumbewas, dan dihadiri perwakilan keluarga pemilik lahan.
            Dalam sambutan Bupati Sukamaju yang dibacakan Asisten I, disampaikan bahwa pemerintah menghormati hak masyarakat adat. "Pemerintah daerah tidak pernah menutup mata terhadap hak masyarakat adat."
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Bupati Sukamaju"])
    }

    /// `laporan` (a report read out on its author's behalf) is a statement: `demikian laporan <author> yang
    /// dibacakan <reader>` names the author.
    func testReportReadOutIsItsAuthors() throws {
        let document = try Annotated.document(
            """
            Paripurna Anggaran Daerah
            Laporan Badan Anggaran dibacakan anggota badan anggaran, Sari Wulandari, atas nama Wakil Ketua DPRD Sukamaju, Teguh Santosa, yang berhalangan hadir.
            "Badan anggaran meminta lelang proyek dimulai lebih awal tahun depan," demikian laporan Teguh yang dibacakan Sari.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Teguh Santosa"])
        XCTAssertEqual(document.quotes.map(\.rule), ["quote.after.statement-of"])
    }

    /// Words embedded in a narration sentence (`<name> juga menyinggung janji <office>, <other>, yang menyebut "..."
    /// dalam ...`) are reported by the sentence's subject: the next `lanjutnya` is that subject's, not the one the
    /// embedded words are given to.
    func testNyaCueAfterWordsEmbeddedInANarrationSentenceIsItsSubjects() throws {
        let document = try Annotated.document(
            """
            Rapat Kerja Komisi Pendidikan
            Ketua Komisi Pendidikan DPRD Sukamaju Ahmad Fauzi Lubis meminta dinas mempercepat pendataan guru honorer. "Data harus selesai bulan ini," kata Fauzi.
            Fauzi juga menyinggung janji Kepala Dinas Pendidikan Sukamaju, Rudi Hermawan, yang menyebut "tidak ada guru yang kami tinggalkan" dalam proses pendataan itu.
            "Kami pegang janji itu. Kalau ada yang tertinggal, kami panggil dinas untuk rapat," lanjutnya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Ahmad Fauzi Lubis", "Rudi Hermawan", "Ahmad Fauzi Lubis"])
    }

    /// A sentence opening on `Turut hadir` in which someone then speaks (the degree's dot after the name ends no
    /// sentence, so the next one is part of it) is no mere list of who attended: its person is the subject.
    func testAttendanceSentenceInWhichSomeoneSpeaksNamesTheSubject() throws {
        let document = try Annotated.document(
            """
            Apel Pagi Pegawai Kota
            Sekretaris Kota Sukamaju Dewi Lestari memimpin apel pagi pegawai di halaman balai kota. "Pegawai wajib menjaga netralitas," ujar Dewi.
            Turut hadir pada apel itu Ketua Panitia Pengawas Kota Sukamaju, Prayoga Nugraha, S.H. Dalam kesempatan itu Prayoga menyampaikan bahwa pengawas sudah diminta memantau unggahan pegawai.
            "Kalau ada yang lupa, pengawas kami yang akan mengingatkan," katanya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Dewi Lestari", "Prayoga Nugraha"])
    }
}
