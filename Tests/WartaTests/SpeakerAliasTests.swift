import Foundation
import XCTest

@testable import Warta

/// Issue 19 on outlets new to the rules (the dev2 split): the classes of speaker errors found there,
/// each on sentences written for the test (names invented).
final class SpeakerAliasTests: XCTestCase {

    /// A. A nickname the text introduces after the quote (`Bu Wati, sapaan akrabnya`) is a mention of the
    /// person whose full name it fits (`Wati` ends `Rahmawati`).
    func testANicknameIntroducedAfterTheQuoteGivesTheFullName() throws {
        let document = try Annotated.document(
            """
            Kepala Dinas Pertanian Kabupaten Sigi Rahmawati Lamadjido menyebut panen jagung tahun ini naik.
            "Petani kami sudah memakai benih unggul sejak musim tanam yang lalu," ujar Bu Wati, sapaan akrabnya.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Rahmawati Lamadjido")
    }

    /// A. A nickname that fits no part of the name (`Ongen` for `Markus Tahapary`) is the person named
    /// right before the cue, and every later mention of it stands for that person.
    func testANicknameIntroducedAfterTheNameStandsForThatPerson() throws {
        let document = try Annotated.document(
            """
            Pedagang ikan di Pasar Mardika, Markus Tahapary, yang akrab disapa Bung Ongen, mengeluhkan harga es balok.
            "Satu balok sekarang dua kali lipat dari harga bulan lalu," kata Ongen.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Markus Tahapary")
    }

    /// A. Initials are no fuller form of a nickname (`AH alias Ucok`): the nickname keeps no norm.
    func testInitialsAreNoFullerFormOfANickname() throws {
        let document = try Annotated.document(
            """
            Kasat Resnarkoba Polres Bitung AKP Jefri Mamahit memimpin penyergapan di Pelabuhan Bitung.
            Dua pria berinisial RK (31) dan TS alias Bombom (27), keduanya warga Kecamatan Girian, ditangkap.
            """)
        let nickname = try XCTUnwrap(document.entities.first { document.substring($0.range) == "Bombom" })
        XCTAssertEqual(nickname.type, .PERSON)
        XCTAssertNil(nickname.norm)
    }

    /// B. An address form before a shortened name (`Mbak Indri` for `Indriani`): the address form is no
    /// part of the name, and the one full name it fits is the speaker.
    func testAnAddressFormAndAShortenedNameGiveTheOneFullNameItFits() throws {
        let document = try Annotated.document(
            """
            Kepala Puskesmas Kalawat Indriani Sulastri Wenas memeriksa ibu hamil di posyandu.
            "Yang datang bulan ini lebih banyak daripada bulan lalu," kata Mbak Indri.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Indriani Sulastri Wenas")
    }

    /// B. A shortened name that two full names fit stays as written.
    func testAShortenedNameThatTwoFullNamesFitStaysUnlinked() throws {
        let document = try Annotated.document(
            """
            Rapat dihadiri Kepala Dinas Sosial Kota Gorontalo, Nurhayati Pakaya, dan Camat Dungingi, Suryati Mokodompit.
            "Bantuan beras akan dibagikan mulai pekan depan di tiap kelurahan," kata Bu Yati.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Yati")
    }

    /// C. A given name written shortened with its dot (`Moh.`) after an office and its place is part of
    /// the full name, not the end of the body's name.
    func testAnAbbreviatedGivenNameStaysInTheFullName() throws {
        let document = try Annotated.document(
            """
            Kepala Pelaksana BPBD Bone Bolango Moh. Arif Latjuba sebelumnya menyebut air naik dengan cepat.
            "Semua warga di bantaran sungai sudah kami pindahkan ke tenda pengungsian," kata Arif.
            """)
        XCTAssertEqual(document.quotes.first?.speaker, "Moh. Arif Latjuba")
    }

    /// D. English: a name set off by commas before `said`, or before an age, is a person; `she added` and
    /// a statement continued over paragraphs go to her, not to the person quoted first.
    func testEnglishPronounsAndContinuationsGoToThePersonJustNamed() throws {
        let document = try Annotated.document(
            """
            District head Stefanus Rihi Lena said the road to the coast was cut.
            "We are sending an excavator there tomorrow morning," Stefanus said.
            The head of the regency's health office, Welmince Ndolu Tefa, said two clinics had run out of vaccines.
            "We have asked the province for another shipment," Welmince said. "It should arrive by Friday.
            "Until then, nurses will visit the villages on foot," she added.
            For farmers such as Ndolu Huki Bessie, 61, the drought was the worst she remembered. "The wells dried up in August and have stayed dry," she said.
            """)
        let speakers = document.quotes.map(\.speaker)
        XCTAssertEqual(
            speakers,
            [
                "Stefanus Rihi Lena", "Welmince Ndolu Tefa", "Welmince Ndolu Tefa", "Welmince Ndolu Tefa",
                "Ndolu Huki Bessie"
            ])
    }

    /// E. An interview: a question paragraph (unquoted, ending in `?`) then a quoted answer with no cue:
    /// the answer is the interviewee's.
    func testAnswersOfAnInterviewGoToTheInterviewee() throws {
        let document = try Annotated.document(
            """
            Wartawan kemudian menemui Kepala Dinas Pendidikan Kota Bitung Hendrik Mamuaja. Berikut petikannya:
            Kapan sekolah kembali dibuka?
            "Senin depan semua sekolah dasar kembali belajar tatap muka seperti biasa."
            Bagaimana dengan gedung sekolah milik Yayasan Pelita Bitung yang rusak?
            "Murid sekolah yang rusak sementara belajar di balai desa sampai perbaikan selesai."
            """)
        XCTAssertEqual(document.quotes.count, 2)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Hendrik Mamuaja", "Hendrik Mamuaja"])
    }

    /// F. A part of a document read out (`membacakan amar tuntutan`) is nobody's speech.
    func testAPartOfADocumentReadOutHasNoSpeaker() throws {
        let document = try Annotated.document(
            """
            Jaksa Penuntut Umum Kejari Sigi Nur Aisyah Lamakampali membacakan tuntutannya di Pengadilan Tipikor Palu.
            "Menuntut terdakwa dengan pidana penjara selama enam tahun dan denda dua ratus juta rupiah," ujar Aisyah membacakan amar tuntutan.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertNil(document.quotes.first?.speaker)
        XCTAssertEqual(document.quotes.first?.rule, "quote.after.read-document-part")
    }

    /// G. `Ia berjanji` after a quote whose sentence opens with an office and the person set off after its
    /// ballot number: the person, never the office's text.
    func testAPronounAfterAnOfficeWithItsNumberIsThePersonNotTheOffice() throws {
        let document = try Annotated.document(
            """
            Calon Wali Kota nomor urut 3, Yeremias Bire Dae, menyebut banjir di kota itu "bukan kutukan alam". Ia berjanji memperbaiki saluran drainase.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Yeremias Bire Dae")
    }

    /// G. A dialogue: a question, its answer by another speaker, then a quoted paragraph with no cue: the
    /// asker speaks again.
    func testAlternatingSpeakersOfADialogueKeepApart() throws {
        let document = try Annotated.document(
            """
            Ketua Majelis Hakim Robert Simanjuntak lalu bertanya kepada terdakwa Yulius Ndoen.
            "Saudara sudah membaca surat tuntutan itu? Saudara paham isinya?" tanya Robert.
            "Sudah, Yang Mulia, saya paham semuanya," jawab Yulius.
            "Ada yang ingin Saudara sampaikan sebelum sidang ditunda?"
            "Saya mohon hukuman yang seringan-ringannya, Yang Mulia," kata Yulius.
            """)
        XCTAssertEqual(document.quotes.count, 4)
        XCTAssertEqual(
            document.quotes.map(\.speaker), ["Robert Simanjuntak", "Yulius Ndoen", "Robert Simanjuntak", "Yulius Ndoen"]
        )
    }

    /// H. Two apostrophes written for a double quotation mark are one mark.
    func testTwoApostrophesAreADoubleQuotationMark() throws {
        let text =
            "''Kami sudah menyiapkan tiga posko kesehatan di sepanjang jalur mudik,'' ujar Kepala Dinas Kesehatan Kota Dumai Siti Aminah Lubis."
        let document = try Annotated.document(text)
        XCTAssertEqual(document.quotes.count, 1)
        let quote = try XCTUnwrap(document.quotes.first)
        XCTAssertEqual(
            document.substring(quote.range), "Kami sudah menyiapkan tiga posko kesehatan di sepanjang jalur mudik,")
        XCTAssertEqual(quote.speaker, "Siti Aminah Lubis")
        // The one mark maps back to both raw apostrophes.
        XCTAssertEqual(document.text.first, UInt8(ascii: "\""))
        XCTAssertEqual(document.offsetMap.rawStart(0), 0)
        XCTAssertEqual(document.offsetMap.rawEnd(1), 2)
        // Between two letters the pair is no mark.
        let word = try Annotated.document("Setiap pagi Ahmad membaca Qur''an di serambi masjid.")
        XCTAssertTrue(word.substring(TextRange(0, word.text.count)).contains("Qur''an"))
    }
}
