import Foundation
import XCTest

@testable import Warta

/// Speaker and quote mechanisms of issue 19's fifth pass, found on the dev3 split's errors and written to
/// carry to other outlets: a statement's second paragraph without its opening mark, names shortened to
/// the start of their words, nicknames the text introduces, names framed by an honorific and a degree,
/// offices that took their holder's name, an office with no holder in its fullest form, enumerations
/// that name no subject, English appositions. Every sentence here is our own; each test failed before
/// its fix.
final class SpeakerMechanismTests: XCTestCase {
    private func quotes(_ text: String) throws -> [(text: String, speaker: String?)] {
        let document = try Annotated.document(text)
        return document.quotes.map { (document.substring($0.range), $0.speaker) }
    }

    private func speakers(_ text: String) throws -> [String?] {
        try Annotated.document(text).quotes.map(\.speaker)
    }

    /// A statement over two paragraphs whose second paragraph has no opening mark (`"A.` / `B," kata X.`):
    /// the second paragraph is a quote from its start to the closing mark, and both parts are X's.
    func testASecondParagraphWithoutItsOpeningMarkIsAQuote() throws {
        let text = """
            Kepala Dinas Pertanian Kabupaten Ngawi Bambang Sulistyo meninjau panen padi di Desa Karangasri.

            "Panen tahun ini naik dibanding tahun lalu karena irigasi sudah diperbaiki.

            Karena itu kami minta petani tetap menjaga saluran air bersama-sama," kata Bambang.

            Ia menyebut harga gabah masih stabil.
            """
        let found = try quotes(text)
        XCTAssertEqual(
            found.map(\.text),
            [
                "Panen tahun ini naik dibanding tahun lalu karena irigasi sudah diperbaiki.",
                "Karena itu kami minta petani tetap menjaga saluran air bersama-sama,"
            ])
        XCTAssertEqual(found.map(\.speaker), ["Bambang Sulistyo", "Bambang Sulistyo"])
    }

    /// A name written with a word shortened to its start (`Siti Nurmala` for `Siti Nurmalasari Pratiwi`),
    /// where the full name stands only inside the office phrase: the one full name it fits.
    func testANameShortenedToTheStartOfAWordLinksToTheFullName() throws {
        let text = """
            Kepala Dinas Sosial Kabupaten Sumbawa Siti Nurmalasari Pratiwi membuka pelatihan kader posyandu di Desa Labuhan.

            "Kader adalah ujung tombak kesehatan ibu dan anak di desa," kata Siti Nurmala.
            """
        XCTAssertEqual(try speakers(text), ["Siti Nurmalasari Pratiwi"])
    }

    /// The short mention skips a middle word and shortens the last (`Yohanes Laman` for `Yohanes Kristoforus
    /// Lamanepa`): its words in order, one whole, one the start of a word.
    func testAShortenedNameThatSkipsAWordLinksToTheFullName() throws {
        let text = """
            Ketua Komisi III DPRD Kabupaten Flores Timur, Yohanes Kristoforus Lamanepa, memimpin rapat dengar pendapat dengan dinas.

            "Kami minta dinas membuka data proyek jalan kepada publik," ujar Yohanes Laman.
            """
        XCTAssertEqual(try speakers(text), ["Yohanes Kristoforus Lamanepa"])
    }

    /// Two full names that a shortened mention fits leave it as written.
    func testAShortenedNameTwoFullNamesFitStaysAsWritten() throws {
        let text = """
            Kepala Dinas Sosial Kabupaten Sumbawa Siti Nurmalasari Pratiwi dan Sekretaris Dinas Sosial Siti Nurmalawati Hasan membuka pelatihan kader.

            "Kader adalah ujung tombak kesehatan ibu dan anak di desa," kata Siti Nurmala.
            """
        XCTAssertEqual(try speakers(text), ["Siti Nurmala"])
    }

    /// A nickname the text introduces with a cue (`yang akrab disapa Mamiq Zainuddin`) is no fuller form of
    /// the short name before the cue: `Zainuddin` is still the full name written first.
    func testANicknameIntroducedByACueIsNoFullerForm() throws {
        let text = """
            Ketua Bawaslu Kabupaten Lombok Barat, Lalu Ahmad Zainuddin Fahmi, membuka rapat evaluasi pengawasan kampanye.

            "Pengawasan kampanye tahun ini jauh lebih ketat dibanding tahun lalu," kata Zainuddin.

            Zainuddin, yang akrab disapa Mamiq Zainuddin, meminta jajarannya bekerja cermat.

            "Semua laporan warga harus kami tindak lanjuti dengan cepat," ujarnya.
            """
        XCTAssertEqual(try speakers(text), ["Lalu Ahmad Zainuddin Fahmi", "Lalu Ahmad Zainuddin Fahmi"])
    }

    /// An honorific before a name and a degree after it frame the whole name, over a word the tagger took
    /// for a date (`Syawal`, a month of the Hijri calendar).
    func testAnHonorificAndADegreeFrameTheName() throws {
        let text = """
            Dosen hukum administrasi di Ambon, Dr. Irwan Syawal, S.H., M.H., menyebut aturan parkir yang baru masih bisa digugat warga.

            "Warga yang dirugikan punya jalan ke pengadilan tata usaha negara," kata Irwan.
            """
        XCTAssertEqual(try speakers(text), ["Irwan Syawal"])
    }

    /// After an honorific, an office word that ends the name before a lower-case word is the surname
    /// (`TGH Lukman Hakim menjelaskan`), not an office.
    func testAnOfficeWordClosingAnHonorificsNameIsTheSurname() throws {
        let text = """
            Kepala Kantor Kementerian Agama Lombok Tengah TGH Lukman Hakim menjelaskan jadwal manasik haji.

            "Calon jemaah kami minta mengikuti manasik sampai selesai," kata Lukman.
            """
        XCTAssertEqual(try speakers(text), ["Lukman Hakim"])
    }

    /// A word that the document's offices end with (`Lobar` of `Kepala Dinas Pariwisata Lobar`) is their place, not
    /// the first word of the name after the next office (`Ketua KONI Lobar Hasanuddin Wirajaya`).
    func testAnOfficesPlaceIsNoFirstWordOfTheName() throws {
        let text = """
            Kepala Dinas Pariwisata Lobar H. Made Suartana membuka turnamen voli antardesa di Gerung.

            Ketua KONI Lobar Hasanuddin Wirajaya menilai turnamen itu penting bagi pembinaan atlet.

            "Atlet muda kita lahir dari turnamen desa seperti ini," ujarnya.
            """
        XCTAssertEqual(try speakers(text), ["Hasanuddin Wirajaya"])
    }

    /// A common word that opens a sentence (`Terdakwa <name> ...`) and that the text writes in lower case too
    /// is no part of the name.
    func testACommonWordOpeningASentenceIsNoPartOfTheName() throws {
        let text = """
            Jaksa menuntut terdakwa tujuh tahun penjara di PN Ambon.

            Terdakwa Muhammad Rizal Latuconsina hanya tertunduk mendengar tuntutan itu.

            "Saya menyesal dan siap menerima hukuman," ucap Rizal.
            """
        XCTAssertEqual(try speakers(text), ["Muhammad Rizal Latuconsina"])
    }

    /// A name grown inside an office phrase the tagger took whole does not run on from one body into another
    /// (`Ditjen Bina Keuda` into `Kemendagri <name>`): a bare `Bina Keuda` taken for a person elsewhere gets
    /// no "fuller name" made of the ministry and the officer's name.
    func testANameGrownInAnOfficePhraseStopsAtABody() throws {
        let text = """
            Kepala Subdirektorat Wilayah II Ditjen Bina Keuda Kemendagri Rudolf Tampubolon Sinaga membuka rapat teknis.

            Laporan penyaluran disampaikan kepada Menteri Dalam Negeri melalui Dirjen Bina Keuda paling lambat akhir bulan.

            "Kami tunggu laporan semua kabupaten tepat waktu," kata Rudolf.
            """
        let document = try Annotated.document(text)
        let norms = document.entities.filter { $0.type == .PERSON }.compactMap(\.norm)
        XCTAssertFalse(norms.contains { $0.contains("Kemendagri") }, "\(norms)")
        XCTAssertEqual(document.quotes.map(\.speaker), ["Rudolf Tampubolon Sinaga"])
    }

    /// A list of offices (`Ketua DPRD Jambi, Kapolda Jambi, Kajati Jambi, dan Ketua Bawaslu Jambi <name>`)
    /// names no subject: `tegasnya` after it is the one who spoke before.
    func testAListOfOfficesNamesNoSubject() throws {
        let text = """
            Kepala Biro Hukum Setda Provinsi Jambi Rosmaini Harahap menjelaskan aturan baru soal perjalanan dinas.

            Aturan itu disusun bersama Ketua DPRD Jambi, Kapolda Jambi, Kajati Jambi, dan Ketua Bawaslu Jambi Yusran Daulay pada tahun lalu.

            "Semua OPD wajib mematuhinya tanpa kecuali," tegasnya.
            """
        XCTAssertEqual(try speakers(text), ["Rosmaini Harahap"])
    }

    /// An office named as the speaker with nobody holding it in the text (`kata Bupati`) is its fullest form
    /// in the document.
    func testAnOfficeWithNoHolderIsItsFullestForm() throws {
        let text = """
            Bupati Sumbawa Barat membuka festival budaya di Taliwang, Sabtu (12/7/2025).

            "Festival ini milik seluruh warga, bukan milik pemerintah," kata Bupati dalam sambutannya.
            """
        XCTAssertEqual(try speakers(text), ["Bupati Sumbawa Barat"])
    }

    /// English: a name set off after a description before the reporting verb (`the defendant's lawyer,
    /// <name>, told`) is the speaker, not the person spoken of before.
    func testAnEnglishNameSetOffAfterADescriptionIsTheSpeaker() throws {
        let text = """
            Judge Samuel Okafor read the verdict on Monday.

            "We will appeal the ruling as soon as possible," the defendant's lawyer, Yosef Tambunan, told reporters.
            """
        XCTAssertEqual(try speakers(text), ["Yosef Tambunan"])
    }

    /// English: a long apposition between the name and the verb (`<name>, a commissioner of the ... Agency
    /// (Bawaslu), said`).
    func testAnEnglishLongAppositionKeepsTheSpeaker() throws {
        let text = """
            Yosef Tambunan said the ruling would be appealed.

            "The audit found no state losses at all," Ni Luh Putu Ariani, a commissioner of the Buleleng Regency Elections Supervisory Agency (Bawaslu), said on Tuesday.
            """
        XCTAssertEqual(try speakers(text), ["Ni Luh Putu Ariani"])
    }

    /// A short quote with a speech verb right after its closing mark is speech (a crowd's answer), and `para`
    /// after the verb names nobody: it is not the asker's.
    func testAShortAnswerOfACrowdIsAQuoteOfNobody() throws {
        let text = """
            Ketua DPRD Kabupaten Banjar Ahmad Rizani memimpin rapat paripurna.

            "Apakah rancangan peraturan daerah ini dapat kita setujui bersama?" tanya Rizani.

            "Setuju!" jawab para anggota dewan serempak.
            """
        let found = try quotes(text)
        XCTAssertEqual(
            found.map(\.text), ["Apakah rancangan peraturan daerah ini dapat kita setujui bersama?", "Setuju!"])
        XCTAssertEqual(found.map(\.speaker), ["Ahmad Rizani", nil])
    }

    /// A quote inside a sentence that opens on a written court filing (`Dalam gugatannya, ...`) quotes the
    /// filing: nobody's speech (quote.before.in-court-document).
    func testAQuoteOfACourtFilingIsNobodys() throws {
        let text = """
            Dalam gugatannya, Yakobus Tanlain memohon agar majelis "membatalkan akta jual beli tanah yang dibuat tanpa persetujuan ahli waris." Yakobus juga menuntut ganti rugi.
            """
        XCTAssertEqual(try speakers(text), [nil])
    }

    /// English: a name the tagger did not find, right before the reporting verb (`"..." Oktavianus said`),
    /// is the speaker in the fuller form the document writes (quote.after.words-verb-en), not the one who
    /// spoke before.
    func testAnEnglishUntaggedNameBeforeTheVerbIsTheSpeakerInItsFullerForm() throws {
        let text = """
            "The tender followed every rule in the book," Wa Ode Nurhayati said on Monday.

            A lawyer for the losing bidder, Oktavianus Rumere Lubis, described the tender as "a closed deal" before the hearing.

            "Our client offered the lowest price and still lost the tender," Oktavianus said after the hearing.
            """
        XCTAssertEqual(try speakers(text).last, "Oktavianus Rumere Lubis")
    }

    /// A name set off by commas before a lower-case description and a verb of speech (`Latumahina,
    /// pendamping hukum para pelapor, menegaskan ...`) is a PERSON (person.before-lower-apposition), so the
    /// quote after it with an epithet for a cue is theirs, not the one who spoke before.
    func testANameBeforeALowerCaseDescriptionIsTheSubject() throws {
        let text = """
            Ketua Bawaslu Kabupaten Gowa Ahmad Syarifuddin Daeng Nai menjelaskan tahapan klarifikasi.

            "Semua pihak sudah kami undang," ujar Ahmad.

            Sebaliknya, para pelapor menilai Bawaslu lamban. Latumahina, pendamping hukum para pelapor, menegaskan laporan itu sudah lengkap.

            "Kami hanya minta Bawaslu bekerja sesuai aturan yang berlaku," kata pengacara asal Makassar itu.
            """
        XCTAssertEqual(try speakers(text), ["Ahmad Syarifuddin Daeng Nai", "Latumahina"])
    }
}
