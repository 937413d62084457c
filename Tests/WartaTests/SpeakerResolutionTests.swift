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
}
