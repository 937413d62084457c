import Foundation
import XCTest

@testable import Warta

/// Issue 19: who a pronoun or `-nya` stands for, and the person of a name phrase, on the classes of
/// speaker errors seen on the news dev split (sentences written for the test).
final class SpeakerResolutionTests: XCTestCase {

    /// A person named only by initials (`berinisial RDS`), then written again in capitals as the subject.
    func testAPersonNamedByInitialsIsTheSubjectOfTheSentenceBefore() throws {
        let document = try Annotated.document(
            """
            Ketua Bawaslu Kota Palu Yusuf Hamdani Lasampa memanggil seorang lurah berinisial RDS.
            "Kami sudah kirim undangan klarifikasi kepada yang bersangkutan untuk hadir besok," ujar Yusuf.
            Dihubungi terpisah, RDS membantah ikut berkampanye. Ia mengaku datang karena acara digelar dekat rumahnya.
            "Saya datang sebagai warga biasa, bukan sebagai lurah, dan tidak ada maksud apa-apa," tuturnya.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes[0].speaker, "Yusuf Hamdani Lasampa")
        XCTAssertEqual(document.quotes[1].speaker, "RDS")
    }

    /// A body named in the sentence (an outlet the person spoke to) is no subject when a person follows.
    func testABodyInTheSentenceYieldsToThePersonNamedAfterIt() throws {
        let document = try Annotated.document(
            """
            Gubernur Kalimantan Barat Rachmat Sanusi Hamid melantik Dr. Agustinus Jalong Ngadan sebagai penjabat bupati.
            "Jabatan ini bukan tempat untuk bersantai menunggu bupati definitif," kata Rachmat.
            Kepada Pontianak Post usai pelantikan, Jalong memaparkan program awalnya.
            "Seratus hari pertama saya fokus membayar gaji pegawai tepat waktu dan memperbaiki jalan," ujarnya.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes[1].speaker, "Agustinus Jalong Ngadan")
    }

    /// A quote left open and continued in the next paragraph, then `tuturnya`: the subject is read before
    /// the statement's first paragraph, not two paragraphs back from its cue.
    func testAStatementContinuedOverParagraphsTakesTheSubjectBeforeItsFirstPart() throws {
        let document = try Annotated.document(
            """
            Kalaksa BPBD Maluku Hasanudin Tuanaya menyebut jumlah rumah rusak terus bertambah. "Tim kami belum sampai ke semua dusun di pegunungan," katanya.
            Di posko pengungsian lapangan Waimital, Yosina Latuheru (52) masih tidur beralas tikar bersama keluarganya.
            "Siang kami pulang melihat rumah, malam kembali ke tenda karena masih ada goyangan kecil.
            "Yang kami perlukan sekarang selimut dan obat untuk cucu yang batuk sejak kemarin," tuturnya.
            """)
        XCTAssertEqual(document.quotes.count, 3)
        XCTAssertEqual(document.quotes[0].speaker, "Hasanudin Tuanaya")
        XCTAssertEqual(document.quotes[1].speaker, "Yosina Latuheru")
        XCTAssertEqual(document.quotes[2].speaker, "Yosina Latuheru")
    }

    /// A regional address form (`Mama`, `Amaq`, `Inaq`) is no part of the name.
    func testARegionalAddressFormIsNoPartOfTheSpeakersName() throws {
        let document = try Annotated.document(
            """
            Di dermaga Tanjung Luar, Amaq Sahnan (50) menambatkan perahunya lebih awal dari biasanya.
            "Solar di penyalur dekat pelabuhan kosong sejak dua hari lalu, jadi kami tidak bisa melaut," kata Sahnan.
            Inaq Rumisah, istrinya, menunggu di warung. "Harga gas melon di warung sudah dua puluh lima ribu," ujarnya.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes[0].speaker, "Sahnan")
        XCTAssertEqual(document.quotes[1].speaker, "Rumisah")
    }

    /// An office phrase that took the speaker's name with it (one ROLE up to the surname): the speaker is
    /// the person that name stands for, not the office phrase.
    func testANameInsideAnOfficePhraseIsTheSpeaker() throws {
        try assertQuotes(
            """
            Kebakaran lahan gambut di Kumai meluas menjadi 186 hektare.
            "⟦QUOTE{Ferdinan Tambunan} Api sulit dipadamkan karena lahan gambut menyimpan bara di bawah permukaan,⟧" kata Kepala Manggala Agni Daops Pangkalan Bun Ferdinan Tambunan di Pangkalan Bun, Rabu.
            Menurut Ferdinan, ⟦REPORTED{Ferdinan Tambunan} titik api pertama terdeteksi pada Sabtu.⟧
            """)
    }

    /// A body that speaks with no person named for it is named in its fullest form (through the
    /// expansion the lists give its short form); with two bodies that fit, it stays as written.
    func testABodySpeakerIsItsFullestForm() throws {
        let document = try assertQuotes(
            """
            Data Dinas Kesehatan Kabupaten Banyumas mencatat 612 kasus demam berdarah hingga pekan ketiga Februari.
            Dinkes menyebut sebagian besar pasien yang meninggal "⟦QUOTE{Dinas Kesehatan Kabupaten Banyumas} terlambat dibawa ke fasilitas kesehatan terdekat⟧".
            """)
        let mention = try XCTUnwrap(document.quotes.first?.speakerEntity)
        XCTAssertEqual(document.substring(document.entities[mention].range), "Dinkes", "speaker_entity is the mention")
        try assertQuotes(
            """
            Dinas Kesehatan Kabupaten Banyumas dan Dinas Kesehatan Kabupaten Cilacap menggelar pengasapan bersama.
            Dinkes menyebut sebagian besar pasien yang meninggal "⟦QUOTE{Dinkes} terlambat dibawa ke fasilitas kesehatan terdekat⟧".
            """)
    }

    /// English-language articles: a rank written with dots (`Adj. Sr. Comr.`) ends no sentence, so the
    /// name after it is the speaker; reporting verbs of the wire style (`remarked`) are cues.
    func testEnglishRanksAndReportingVerbs() throws {
        let document = try Annotated.document(
            """
            Police arrested four people suspected of setting land on fire. "They burned the land to open new plantations," Sambas Police Chief Adj. Sr. Comr. Bayu Setiawan Hutagalung said on Thursday.
            "The suspects face up to ten years in prison under the plantation law," Bayu remarked.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes[0].speaker, "Bayu Setiawan Hutagalung")
        XCTAssertEqual(document.quotes[1].speaker, "Bayu Setiawan Hutagalung")
        XCTAssertEqual(document.quotes[1].cue, "remarked")
    }

    /// English: a name after the reporting verb that the tagger did not find is the speaker as written,
    /// and a day after the verb is no name. (A later `he said` does not reach such a speaker: pronouns
    /// resolve to entities only.)
    func testEnglishNameAfterTheVerbThatTheTaggerMissed() throws {
        let document = try Annotated.document(
            """
            Fires broke out on Saturday near Kubu village in Kumai district.
            "Peat fires are hard to put out because the embers keep burning underground," said Ferdinan Tambunan, head of the Pangkalan Bun fire brigade.
            "We have sent two more teams to the site this morning," he said.
            "The wind has changed direction and the smoke is moving toward the town," said Monday the agency.
            """)
        XCTAssertEqual(document.quotes.count, 3)
        XCTAssertEqual(document.quotes[0].speaker, "Ferdinan Tambunan")
        XCTAssertNotEqual(document.quotes[2].speaker, "Monday")
    }

    // MARK: Classes seen on articles of unseen outlets (third pass)

    /// A bare office (`Dandim`) stands for the person named after that office earlier, across a comma,
    /// a unit number, a place and a rank with its corps (`Dandim 0733 Semarang, Letkol Arm Bayu Prasetyo
    /// Wicaksono`), also when the first mention spells the office out with its acronym in parentheses.
    func testABareOfficeIsThePersonNamedAfterItsFirstMention() throws {
        let document = try Annotated.document(
            """
            Dandim 0733 Semarang, Letkol Arm Bayu Prasetyo Wicaksono, membuka kegiatan karya bakti di Desa Sumberejo.
            Dandim menegaskan prajurit harus dekat dengan warga. "Kami datang untuk membantu, bukan untuk dilayani," tegas Dandim.
            "Saluran air ini harus selesai sebelum musim hujan," ujarnya.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes[0].speaker, "Bayu Prasetyo Wicaksono")
        XCTAssertEqual(document.quotes[1].speaker, "Bayu Prasetyo Wicaksono")

        let spelled = try Annotated.document(
            """
            Komandan Korem (Danrem) 071/Wijayakusuma, Kolonel Inf Hendra Saputra Wibisono, memimpin apel di lapangan.
            "Setiap prajurit wajib menjaga netralitas selama tahapan pilkada berlangsung," tutur Danrem.
            """)
        XCTAssertEqual(spelled.quotes.first?.speaker, "Hendra Saputra Wibisono")
    }

    /// Two people hold the same office in the text: a bare mention of it stays the office.
    func testABareOfficeHeldByTwoNamedPeopleStaysTheOffice() throws {
        let document = try Annotated.document(
            """
            Dandim 0733 Semarang, Letkol Arm Bayu Prasetyo Wicaksono, dan Dandim 0714 Salatiga, Letkol Inf Rudi Hartanto Gunawan, hadir bersama.
            "Kedua kodim akan bekerja bersama dalam pengamanan pemilu tahun ini," kata Dandim.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Dandim")
    }

    /// An epithet with a demonstrative (`mantan Wakapolda itu`, `Mantan Kapolres itu pun ...`) points back
    /// to the person named before: it is no new speaker.
    func testAnEpithetWithADemonstrativePointsBackToThePreviousSpeaker() throws {
        let document = try Annotated.document(
            """
            Kepala Bidang Humas Polda Jambi Kombes Indra Gunawan Siregar mengatakan penyidik sudah memeriksa tujuh saksi.
            "Berkasnya kami lengkapi minggu ini," kata Indra.
            "Kami tidak akan menunda proses hukum perkara ini," ujar mantan Wakapolres Bungo itu.
            Mantan Kapolres Tebo itu pun menyatakan pihaknya terbuka kepada publik.
            "Silakan masyarakat mengikuti perkembangan kasus ini lewat kanal resmi kami," ungkapnya.
            """)
        XCTAssertEqual(document.quotes.count, 3)
        XCTAssertEqual(document.quotes[1].speaker, "Indra Gunawan Siregar")
        XCTAssertEqual(document.quotes[1].rule, "quote.after.verb-epithet")
        XCTAssertEqual(document.quotes[2].speaker, "Indra Gunawan Siregar")
    }

    /// A sentence whose subject is a pronoun before any name (`Selama setahun, ia menyebut DKPP ...`)
    /// refers back: `ujarnya` after it is the person named before, not the body in it.
    func testAPronounSubjectBeforeABodyRefersBack() throws {
        let document = try Annotated.document(
            """
            Ketua DKPP Sulawesi Tenggara Hasrul Mappiasse menyampaikan laporan kinerja lembaganya.
            Selama setahun, ia menyebut DKPP telah menerima dan menyidangkan 120 pengaduan.
            "Putusan terberat tetap pemberhentian, dan itu sudah kami jatuhkan beberapa kali," ujarnya.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Hasrul Mappiasse")
    }

    /// An office written in lower case between the cue and the name phrase (`kata ketua JPU KPK ...`).
    func testAnOfficeInLowerCaseBetweenTheCueAndTheName() throws {
        let document = try Annotated.document(
            """
            Sidang lanjutan perkara suap pengadaan alat kesehatan digelar di Pengadilan Tipikor Bandung, Selasa.
            "Terdakwa terbukti menerima uang dari rekanan secara bertahap selama dua tahun", kata ketua JPU KPK Rahmadi Surya Nugraha saat membacakan tuntutan.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Rahmadi Surya Nugraha")
        XCTAssertEqual(document.quotes.first?.rule, "quote.after.verb-lower-office")
    }

    /// English-language outlets: a title before the name (`President`, `Minister`) is no part of it.
    func testAnEnglishTitleIsNoPartOfTheSpeakersName() throws {
        let document = try Annotated.document(
            """
            President Bambang Sutrisno Hadikusumo urged ministers to cut travel spending on Monday.
            "Every rupiah must reach the people, not the hotels," Bambang said.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Bambang Sutrisno Hadikusumo")
    }

    /// `ujarnya` after a paragraph whose subject is a body (`Polda Riau belum menetapkan ...`) between a
    /// spokesman's quotes is the spokesman: a body is the subject only when no person spoke before.
    func testABodySubjectYieldsToThePersonWhoSpokeBefore() throws {
        let document = try Annotated.document(
            """
            Kepala Bidang Humas Polda Riau Kombes Sunarto Adi Wibowo mengatakan tim sudah bergerak sejak pagi.
            "Pelaku kami amankan di rumahnya tanpa perlawanan," kata Sunarto di Pekanbaru. Ia tidak merinci identitas pelaku.
            Polda Riau belum menetapkan status tersangka kepada pria tersebut.
            "Kami masih mendalami peran masing-masing orang yang diamankan," ujarnya.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes[1].speaker, "Sunarto Adi Wibowo")
    }

    /// The full name written only in a caption line (every word capitalized, so a title line) is the
    /// fullest form of a later short mention, when the tagger found the person there.
    func testAFullNameInACaptionLineIsTheFullestForm() throws {
        let document = try Annotated.document(
            """
            Ketua Bawaslu Agus Lantara (kanan). Foto: Dok/Sinta Maharani
            Kabar Pagi • 12 March 2025 09:15
            Jakarta: Ketua Badan Pengawas Pemilihan Umum (Bawaslu) RI Agus Lantara menyebut lembaganya sedang memeriksa laporan soal kepala desa yang berkampanye.
            "Kami sudah memanggil pelapor dan dua saksi pekan ini," kata Lantara saat ditemui.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Agus Lantara")
    }

    /// One-sentence paragraphs (English-language outlets): `she told reporters` goes to the subject named
    /// two paragraphs back when the paragraph before names nobody, not to a person named in passing.
    func testAPronounReachesPastAParagraphThatNamesNobody() throws {
        let document = try Annotated.document(
            """
            Trade Minister Ratna Dewi Kartikasari has defended the rice import quota set under the instruction of President Budi Santoso.
            The ministry issued a circular in March telling importers to report their stocks every week.
            "The quota is a safeguard, not a signal that harvests have failed," she told reporters on Friday.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Ratna Dewi Kartikasari")
    }

    /// Two single marks for each double mark (`‘’...,’’ kata ...`, normalized to `''`) open and close
    /// a quote as one double mark does.
    func testDoubledSingleMarksAreOneQuoteMark() throws {
        let document = try Annotated.document(
            """
            Bupati Rejang Lebong Syamsul Effendi meninjau jembatan gantung yang baru selesai dibangun.
            ‘’Jembatan ini dibangun dari usulan warga tiga desa sejak lima tahun lalu,’’ kata Syamsul.
            ‘’Kami minta warga ikut merawatnya supaya awet,’’ ujarnya.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(
            document.quotes.first.map { document.substring($0.range) },
            "Jembatan ini dibangun dari usulan warga tiga desa sejak lima tahun lalu,")
        XCTAssertEqual(document.quotes.map(\.speaker), ["Syamsul Effendi", "Syamsul Effendi"])
    }

    /// English office phrases with `of` and `the` before the name: the person at the end of the phrase.
    func testAnEnglishOfficePhraseBeforeTheNameGivesThePerson() throws {
        let document = try Annotated.document(
            """
            Villagers in Tabanan gathered at the hall on Sunday to discuss the new irrigation schedule.
            "We ask every farmer to open the gates only on the agreed days," said the Head of Subak Jatiluwih, Nyoman Sutama.
            The tourism board supported the plan, adding, "Visitors come for the terraces, so the water matters to us too," Chairman of PHRI Tabanan Ketut Wiranata affirmed.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes[0].speaker, "Nyoman Sutama")
        XCTAssertEqual(document.quotes[0].rule, "quote.after.verb-the-office-en")
        XCTAssertEqual(document.quotes[1].speaker, "Ketut Wiranata")
    }

    /// A nickname in quotation marks inside a name, and a short quoted term inside a sentence that
    /// reports speech, are no quotes (scare quotes); the speech around them still is.
    func testANicknameInsideANameAndAShortTermInASentenceAreNoQuotes() throws {
        let document = try Annotated.document(
            """
            Their lawyer, I Made "Jero" Wirawan said the three men would report to the police on Monday.
            Kapolsek Kuta Utara Kompol Agus Riyanto menyebut unggahan itu menyebar lewat grup "WhatsApp" warga.
            "Kami sudah meminta keterangan dari admin grup dan dua anggotanya," kata Agus.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Agus Riyanto")
    }

    /// Past the paragraph before the quote, only a person is taken for `ujarnya`: an outlet's name in a
    /// dateline three paragraphs back is no speaker.
    func testPastThePreviousParagraphOnlyAPersonIsTheSubject() throws {
        let document = try Annotated.document(
            """
            KABARTIMUR.COM, Ambon - Banjir merendam tiga desa di Seram Bagian Barat sejak Senin malam.
            Air mulai surut pada Rabu pagi setelah hujan berhenti.
            Sebagian warga sudah kembali membersihkan rumah mereka.
            "Kami butuh air bersih dan obat-obatan untuk anak-anak di pengungsian," ujarnya.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertNil(document.quotes.first?.speaker)
    }
}
