import Foundation
import XCTest

@testable import Warta

/// Issue 19's fifteenth pass: speaker errors of real articles of outlets not read before (a second hand census,
/// tuned on from this pass). A fused police office (`Kapolda`, `Kasat`) stands for the holder named under its
/// long form; a group's answer is nobody's; a person first described and then named (`bernama`, or after a
/// comma) is the speaker; a name right before its office is not the office's place. Sentences written for the
/// test, names and places invented.
final class SpeakerFifteenthPassTests: XCTestCase {

    /// `Kepala Polda <place> <rank> <name>` in the lead, then `tanya Kapolda`: the fused office is the holder
    /// named under its long form (`office_shortenings.tsv`), not the office.
    func testFusedPoliceOfficeIsItsHolder() throws {
        let document = try Annotated.document(
            """
            Judul Operasi Cipta Kondisi
            Puluhan tersangka ditanya Kepala Polda Lembah Hijau Irjen Pol Darmawan Sitepu dalam jumpa pers, Senin (3/2).
            "Sudah berapa kali kalian mencuri di pasar itu," tanya Kapolda.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Darmawan Sitepu"])
    }

    /// `Kepala Satuan ... Polres <place> <rank> <name>` then a bare `ucap Kasat` two paragraphs on.
    func testFusedUnitHeadIsItsHolder() throws {
        let document = try Annotated.document(
            """
            Judul Penangkapan Pengedar
            "Barang bukti kami amankan di rumah tersangka," ujar Kepala Satuan Narkoba Polres Sukamaju AKP Rudi Hartawan di Sukamaju, Kamis.
            Rudi mengatakan penangkapan itu hasil laporan warga sekitar.
            "Kami masih mengejar dua orang lainnya," ucap Kasat.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Rudi Hartawan", "Rudi Hartawan"])
    }

    /// `jawab pelaku serentak`, `jawab lagi pelaku serentak`: the answer of the people questioned is nobody's
    /// (`unnamed_person`, `again`), not the questioner's.
    func testGroupAnswerIsNobodys() throws {
        let document = try Annotated.document(
            """
            Judul Tanya Jawab Dengan Tersangka
            Kepala Polres Sukamaju AKBP Darmawan Sitepu menanyai para tersangka di halaman markas, Rabu (5/3).
            "Mau mengulangi lagi atau tidak," tanya Darmawan Sitepu.
            "Tidak mau pak," jawab pelaku serentak.
            "Benar tidak akan mengulangi," tanya Darmawan Sitepu lagi.
            "Kami janji pak," jawab lagi pelaku serentak.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Darmawan Sitepu", nil, "Darmawan Sitepu", nil])
    }

    /// `ujar seorang pedagang sayur bernama <name>`: the person described first and then named is the speaker
    /// (`quote.after.verb-unnamed-named`), whether or not the tagger found the name.
    func testDescribedThenNamedAfterBernama() throws {
        let document = try Annotated.document(
            """
            Judul Harga Cabai Naik
            Harga cabai rawit di pasar induk naik dua kali lipat dalam sepekan.
            "Pembeli sekarang hanya membeli seperempat kilo saja," ujar seorang pedagang sayur bernama Wartini kepada wartawan, Selasa (4/2).
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Wartini"])
        XCTAssertEqual(document.quotes.map(\.rule), ["quote.after.verb-unnamed-named"])
    }

    /// `ucap warga Desa <village> Kecamatan <district>, <name> (39)`: the name set off by a comma after the
    /// place is the speaker.
    func testDescribedThenNamedAfterComma() throws {
        let document = try Annotated.document(
            """
            Judul Jalan Rusak Diprotes
            Warga memasang spanduk protes di ujung jalan desa yang rusak parah.
            "Sudah lima tahun jalan ini tidak pernah diperbaiki," ucap warga Desa Sukamaju Kecamatan Lembah Hijau, Darmini (39).
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Darmini"])
    }

    /// `kata warga Desa <village> yang meminta namanya tidak ditulis, Kamis (6/7)`: the day after the comma is the
    /// date of the statement (a DATE), not the name `quote.after.verb-unnamed-named` looks for after a comma.
    func testDayAfterCommaIsNotTheNameOfTheDescribedPerson() throws {
        let document = try Annotated.document(
            """
            Judul Penambang Tertimbun Longsor
            Seorang penambang tertimbun longsor di lubang galian tambang rakyat, Rabu (5/7).
            "Jenazahnya sudah dimakamkan kemarin sore oleh keluarga," kata warga Desa Sukamaju yang meminta namanya tidak ditulis, Kamis (6/7).
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), [nil])
    }

    /// `"..." Tegas M Warsidi Camat Sukamaju.`: the words before the office (no comma between) are the speaker,
    /// not the office's place (`quote.after.verb-words-office`).
    func testNameRightBeforeItsOffice() throws {
        let document = try Annotated.document(
            """
            Judul Laporan Dana Desa
            Laporan pertanggungjawaban dana desa diubah oleh perangkat desa sebelum diserahkan.
            "Laporan itu harus dibuat ulang sesuai aturan," Tegas M Warsidi Camat Sukamaju.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["M Warsidi"])
    }

    /// `ujar wali kota` with no name after it: the office the lead names in full, resolved to its holder
    /// (`quote.after.verb-lower-office-alone`), not the official named last in the paragraph before.
    func testLowerCaseOfficeAloneIsTheHolderNamedInFull() throws {
        let document = try Annotated.document(
            """
            Judul Pasar Ramadan Dibuka
            Wali Kota Sukamaju Darmawan Sitepu membuka pasar ramadan di lapangan kota, Minggu (3/4).
            Pembukaan itu dihadiri Ketua DPRD Rudi Hartawan dan Sekretaris Daerah Wartini Lestari.
            "Pasar tahun ini lebih ramai dari tahun lalu dan pedagangnya lebih banyak," ujar wali kota.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Darmawan Sitepu"])
        XCTAssertEqual(document.quotes.map(\.rule), ["quote.after.verb-lower-office-alone"])
    }

    /// A witness the official names inside a quote, then the subject of a sentence of narration with no speech
    /// verb, is spoken of: the next `tambahnya` stays the official's.
    func testWitnessNamedInAnEarlierQuoteIsNotTheSpeaker() throws {
        let document = try Annotated.document(
            """
            Judul Dua Anak Hanyut
            Kapolsek Lembah Hijau Iptu Rudi Hartawan menjelaskan kejadian itu kepada wartawan, Rabu (4/5).
            "Kami mendapat informasi dari Dewi Eka Lestari yang melihat kedua anak itu bermain di tepi sungai," ungkap Kapolsek.
            Tidak lama kemudian Dewi Eka Lestari tidak melihat lagi kedua anak itu di tepi sungai.
            "Pencarian lalu dilakukan warga bersama petugas sampai malam hari," tambahnya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Rudi Hartawan", "Rudi Hartawan"])
    }

    /// A person the quote itself names (`"Tono lalu melaporkan ..." jelasnya`) is not the one saying it, though
    /// the sentence before makes them its subject.
    func testPersonNamedInsideTheQuoteIsNotItsSpeaker() throws {
        let document = try Annotated.document(
            """
            Judul Remaja Tenggelam
            Kapolsek Lembah Hijau Iptu Rudi Hartawan mengatakan laporan diterima sore hari.
            "Anggota kami langsung menuju lokasi setelah laporan masuk," ujarnya.
            Saat itu Tono mendengar suara benturan keras dari arah sungai.
            "Tono lalu melaporkan kejadian itu kepada ketua RT setempat," jelasnya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Rudi Hartawan", "Rudi Hartawan"])
    }

    /// An epithet with a term of office and its years before its demonstrative (`Mantan Ketua ... periode
    /// 2012-2017 ini menuturkan`) points back to the person named before (list `epithet_term`), not the office.
    func testEpithetWithTermOfOfficePointsBack() throws {
        let document = try Annotated.document(
            """
            Judul Evaluasi Pengawas
            Ketua Bawaslu Darmawan Sitepu meminta jajaran di daerah menjaga integritas.
            "Pengawasan tahun depan harus lebih baik dari tahun ini," kata Darmawan Sitepu di kantornya.
            Mantan Ketua Bawaslu Lembah Hijau periode 2012-2017 ini menuturkan evaluasi akan dilakukan.
            "Kami akan melakukan supervisi berjenjang untuk semua daerah," jelasnya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Darmawan Sitepu", "Darmawan Sitepu"])
    }

    /// A one-word mention that is the start of one word of a fuller name written elsewhere (`Syarif` for
    /// `Muhammad Syarifuddin`) stands for that name (`FullNameReader.fullestTruncated`).
    func testClippedOneWordNameLinksToTheFullName() throws {
        let document = try Annotated.document(
            """
            Judul Sosialisasi Pemilu di Kampus
            Anggota KPU Provinsi Lembah Hijau, Muhammad Syarifuddin hadir dalam sosialisasi pemilu di kampus negeri, Senin (6/2).
            "Anak muda harus datang ke tempat pemungutan suara dan memilih dengan tenang," kata Syarif.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Muhammad Syarifuddin"])
    }

    /// A one-word name that is a fuller name's word less two letters (`Darmin`, `Darminto`) is a name of its own:
    /// it stays as written (`FullNameReader.clippedNameMinLettersLeftOff`).
    func testNameTwoLettersShortOfAnotherIsNotClipped() throws {
        let document = try Annotated.document(
            """
            Judul Rapat Pleno Rekapitulasi
            Sekretaris Daerah Provinsi Lembah Hijau Fahmi Darminto membuka rapat koordinasi pemilu, Kamis (9/11).
            "Seluruh keberatan saksi sudah kami catat dalam formulir kejadian khusus," kata Darmin.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Darmin"])
    }

    /// Two fuller names that a clipped mention fits (`Syarifuddin`, `Syarifullah`): it stays as written.
    func testClippedNameThatTwoNamesFitStaysAsWritten() throws {
        let document = try Annotated.document(
            """
            Judul Sosialisasi Pemilu di Kampus
            Anggota KPU Provinsi Lembah Hijau, Muhammad Syarifuddin hadir bersama Ketua Bawaslu Ahmad Syarifullah dalam sosialisasi pemilu, Senin (6/2).
            "Anak muda harus datang ke tempat pemungutan suara dan memilih dengan tenang," kata Syarif.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Syarif"])
    }

    /// A full name written only in a photo caption that normalize removes (`..., <name> memberikan keterangan.
    /// (Foto: ...)`) is the fullest form of the short mention in the body (`FullNameReader.fullestInCaptions`).
    func testFullNameOnlyInARemovedCaption() throws {
        let document = try Annotated.document(
            """
            Wakil Bupati Sukamaju Tanggapi Penggeledahan Kantor Dinas
            Wakil Bupati Sukamaju, Lembah Hijau, Darsono Wiryawan memberikan keterangan kepada wartawan. (Foto: Rina)
            "Kami belum menerima surat resmi dari komisi itu sampai hari ini," ujar Darsono.
            Darsono juga mengaku belum tahu berapa pegawai yang diperiksa.
            """)
        XCTAssertEqual(document.removed.map(\.kind), ["caption"])
        XCTAssertEqual(document.quotes.map(\.speaker), ["Darsono Wiryawan"])
        let norms = document.entities.filter { $0.type == .PERSON }.map(\.norm)
        XCTAssertEqual(norms, ["Darsono Wiryawan", "Darsono Wiryawan"])
    }

    /// The caption's words after the name that are no name words (a verb in lower case, an office, a day) end
    /// it; two captions that write the mention differently leave it as written.
    func testCaptionNameEndsAtNonNameWordsAndNeedsOneForm() throws {
        XCTAssertEqual(
            FullNameReader.captionWords("Bupati Sukamaju, Darsono Wiryawan (kanan). (Foto: Rina)").map(\.word),
            ["Bupati", "Sukamaju", "Darsono", "Wiryawan", "kanan", "Foto", "Rina"])
        XCTAssertEqual(
            FullNameReader.captionWords("Bupati Sukamaju, Darsono Wiryawan (kanan).").map(\.stop),
            [false, true, false, true, true])
        let document = try Annotated.document(
            """
            Wakil Bupati Sukamaju Tanggapi Penggeledahan Kantor Dinas
            Wakil Bupati Sukamaju, Darsono Wiryawan memberikan keterangan kepada wartawan. (Foto: Rina)
            Kepala Dinas Sukamaju, Darsono Hadiputro menunggu di depan kantor. (Foto: Rina)
            "Kami belum menerima surat resmi dari komisi itu sampai hari ini," ujar Darsono.
            """)
        XCTAssertEqual(document.removed.map(\.kind), ["caption", "caption"])
        XCTAssertEqual(document.quotes.map(\.speaker), ["Darsono"])
    }

    /// `ujar wali kota` when the document names two mayors with their holders: which one spoke is not said, so
    /// the lower-case office is not given to the first of them (the quote falls to the subject before it).
    func testLowerCaseOfficeOfTwoHoldersIsNotTheFirst() throws {
        let document = try Annotated.document(
            """
            Judul Dua Kota Bekerja Sama
            Wali Kota Sukamaju Darmawan Sitepu dan Wali Kota Lembah Hijau Rudi Hartawan menandatangani kerja sama air bersih, Senin (6/3).
            Rudi mengatakan kerja sama itu sudah dirintis sejak tahun lalu.
            "Warga kami di perbatasan akan mendapat air bersih lebih dulu," ujar wali kota.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Rudi Hartawan"])
        XCTAssertNotEqual(document.quotes.map(\.rule), ["quote.after.verb-lower-office-alone"])
    }

}
