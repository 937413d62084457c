import Foundation
import XCTest

@testable import Warta

/// Issue 19's ninth pass (classes of speaker errors seen on dev6, each on sentences written for the test,
/// names invented).
final class SpeakerNinthPassTests: XCTestCase {

    /// A noble title that stays in the name (list `noble_title`: Malay `Raja`, also an office word) opens
    /// the name of the office's holder, and a later `Raja <first name>` links to that full name.
    func testAMalayNobleTitleStaysInTheSpeaker() throws {
        let document = try Annotated.document(
            """
            Ketua Bawaslu Kabupaten Pulau Sepi, Raja Arman Syahputra, mengatakan pengawas ikut mengawal logistik sampai ke pulau terluar.
            "Kami kawal semua kotak suara sampai ke gudang di kecamatan," ucap Raja Arman.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Raja Arman Syahputra")
    }

    /// A Hijri month that is also a given name (`Ramadhan`), right after a given name and with no year after
    /// it, is a surname, no DATE: the speaker is the whole name; `bulan Ramadhan 1446 H` stays a date.
    func testAHijriMonthAfterAGivenNameIsASurname() throws {
        let document = try Annotated.document(
            """
            Selama bulan Ramadhan 1446 H warga berbuka bersama di balai desa.
            Ketua sanggar, Uray Fadil Ramadhan, mengatakan latihan sudah berjalan dua bulan.
            "Anak-anak berlatih setiap malam sesudah Isya di balai desa," kata Uray Fadil.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Uray Fadil Ramadhan")
        let dates = document.entities.filter { $0.type == .DATE }.map { document.substring($0.range) }
        XCTAssertEqual(dates, ["Ramadhan 1446 H"])
    }

    /// `Bunda` before a nickname the text introduces (`yang akrab disapa Bunda Wati`) is an address form
    /// (list `alias_address`), no part of the nickname, which links to the full name it ends.
    func testBundaIsAnAddressFormBeforeANickname() throws {
        let document = try Annotated.document(
            """
            Ketua Dharma Wanita Kabupaten Hj. Marlinawati Saputri, S.E., yang akrab disapa Bunda Wati, mengatakan kader harus rajin turun ke rumah warga.
            "Kader itu harus tahu apa yang dimasak warga setiap hari di rumah," kata Bunda Wati.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Marlinawati Saputri")
    }

    /// A nickname that is the start of a one-word name (`Haji Rusdi` for `Rusdiansyah`) links to it when
    /// no name of two or more words fits.
    func testANicknameLinksToTheOneWordNameItStarts() throws {
        let document = try Annotated.document(
            """
            Ketua Komisi I DPRD Kabupaten Lembah Hijau, H. Rusdiansyah, menegaskan dewan berada di pihak honorer, kata politisi yang akrab disapa Haji Rusdi itu.
            Kepala dinas, Marlina Hutagalung, menjelaskan usulan sudah dikirim.
            "Kalau tidak ada aturannya, kita jemput ke Jakarta bersama dinas," ujar Rusdi.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Rusdiansyah")
    }

    /// An office written with its place's short form (`Sekda Provinsi Sultra`) stands for the holder the
    /// document names under the long form (`Sekretaris Daerah Provinsi Sulawesi Tenggara, <name>`): the
    /// place counts by its norm.
    func testAnOfficeWithAPlaceShortFormStandsForItsHolder() throws {
        let document = try Annotated.document(
            """
            Terminal baru diresmikan oleh Sekretaris Daerah (Sekda) Provinsi Sulawesi Tenggara, Dr. H. Darmawan Sitepu, S.E., pada Kamis (23/10/2025).
            Dalam sambutannya, Sekda Provinsi Sultra menegaskan terminal itu bukan sekadar bangunan baru.
            "Ini pintu masuk ibu kota provinsi, jadi wajahnya harus layak dan pelayanannya harus manusiawi," ujarnya.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Darmawan Sitepu")
    }

    /// A middle abbreviation with its dot (`Ch.`) takes the name word after it, even where the dot was read
    /// as a sentence's end: a later first name links to the whole name.
    func testAMiddleAbbreviationDoesNotCutTheName() throws {
        let document = try Annotated.document(
            """
            Penasihat hukum terdakwa, Yosias Ch. Latumahina, berpendapat kliennya hanyalah korban dari sistem yang mahal.
            "Dia cuma disuruh antar amplop. Sekarang dia yang masuk penjara," ujar Yosias.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Yosias Ch. Latumahina")
    }

    /// An English office word before a name (`Provincial Secretary <name>`, list `office_en`) is no word of
    /// the speaker's name.
    func testAnEnglishOfficeWordIsNoPartOfTheSpeaker() throws {
        let document = try Annotated.document(
            """
            Terminal Opens
            Provincial Secretary Darmawan Sitepu, who officiated at the ceremony, praised the new building on Thursday.
            "This is the gateway to the provincial capital, so it has to look decent," Darmawan said.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Darmawan Sitepu")
    }

    /// A one-word mention linked to a fuller name (`Rusdi` -> `Rusdiansyah`) keeps its written word for the
    /// search back: a later bare `Rusdi` that opens a sentence (no PERSON for the tagger) is that person,
    /// and `ujarnya` after it goes to him, not to the one who spoke before.
    func testABareShortMentionTheTaggerMissedIsTheSubject() throws {
        let document = try Annotated.document(
            """
            Ketua Komisi I DPRD, H. Rusdiansyah, menegaskan dewan berada di pihak honorer, kata politisi yang akrab disapa Haji Rusdi itu.
            Kepala dinas, Marlina Hutagalung, menjelaskan usulan sudah dikirim ke pusat.
            "Kami tidak bisa mengusulkan sesuatu yang tidak ada aturannya," kata Marlina.
            Rusdi langsung menimpali. Menurutnya, pemerintah daerah tidak boleh hanya menunggu pusat.
            "Kalau tidak ada aturannya, kita jemput ke Jakarta bersama dinas," ujarnya.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Marlina Hutagalung", "Rusdiansyah"])
    }

    /// In English, capitalized words set off by a comma before an office word in lower case (`<name>, head of
    /// ...`) are a name, so `he told` after the quote goes to that person.
    func testAnEnglishNameBeforeHeadOfIsTheSubject() throws {
        let document = try Annotated.document(
            """
            Parade Draws Crowds
            The parade started at three in the afternoon.
            Yosafat Sianipar, head of the city's tourism office, said the event was scheduled for late afternoon.
            "We chose three in the afternoon so it isn't too hot," he told reporters.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Yosafat Sianipar")
    }

    /// A given name the tagger ran an office phrase over (`Kepala BKPSDM <place> Siti`, then `Marlina
    /// Hutagalung`) is the first word of the holder's name, and a later `jelas Marlina` links to it whole.
    func testAGivenNameAtTheEndOfAnOfficePhraseOpensTheName() throws {
        let document = try Annotated.document(
            """
            Judul Rapat
            Kepala BKPSDM Lembah Hijau Siti Marlina Hutagalung mengakui pihaknya tidak bisa berbuat banyak bagi honorer.
            "Kami memahami perasaan ibu-bapak, tapi kami harus ikut aturan," jelas Marlina.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Siti Marlina Hutagalung")
    }

    /// A statement read out on its author's behalf is the author's (ANNOTATION.md), also when the author is an
    /// office written in lower case that the tagger left out (`sambutan tertulis gubernur yang dibacakan
    /// <name>`): after the quote (`bunyi sambutan tersebut`) the author's fullest office in the document.
    func testAStatementReadOutIsItsLowerCaseOfficeAuthors() throws {
        let document = try Annotated.document(
            """
            Judul Peluncuran
            Gubernur Lembah Hijau berhalangan hadir dan diwakili Asisten I Setdaprov Darmawan Sitepu.
            Dalam sambutan tertulis gubernur yang dibacakan Darmawan, pemerintah provinsi meminta anggaran benar-benar dirasakan warga.
            "Setiap rupiah anggaran harus sampai ke piring anak dan ibu hamil," bunyi sambutan tersebut.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Gubernur Lembah Hijau")
    }

    /// Before the quote: a sentence opening on `Dalam sambutan <office> yang dibacakan <name>` quotes the
    /// statement's author, not its reader (rule `quote.before.in-statement-read-out`).
    func testAQuoteInsideASentenceOnAStatementReadOutIsTheAuthors() throws {
        let document = try Annotated.document(
            """
            Judul Peluncuran
            Dalam sambutan gubernur yang dibacakan Asisten Bidang Pemerintahan Darmawan Sitepu, pemerintah provinsi menegaskan anggaran harus "sampai ke piring anak dan ibu hamil" dan tidak habis untuk rapat.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "gubernur")
    }

    /// An office's words written as they stand still find its holder when a place among them has a norm
    /// (`Dandim Klaten`, the place between `Dandim 0723/Klaten,` and its holder): places by their norms are a
    /// second try, not the only one.
    func testAPlaceWrittenAsItStandsStillFindsTheHolder() throws {
        let document = try Annotated.document(
            """
            Judul TMMD
            Dandim 0723/Klaten, Letkol Arm Budi Santosa Wibowo mengakui program itu membawa manfaat bagi warga desa.
            "Semua sudah seperti keluarga sendiri di desa ini," jelas Dandim Klaten.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Budi Santosa Wibowo")
    }

    /// A verdict read out (`ucap <judge> saat membacakan amar putusan`, a word of time between the reader and
    /// the reading: list `read_out_when`) is a document's words, nobody's speech.
    func testAVerdictReadOutWithAWordOfTimeIsNobodys() throws {
        let document = try Annotated.document(
            """
            Judul Sidang
            Sidang dipimpin Ketua Majelis Hakim Yosefina Latuheru didampingi dua hakim anggota.
            "Menyatakan terdakwa terbukti secara sah dan meyakinkan bersalah melakukan tindak pidana pemilihan," ucap Yosefina saat membacakan amar putusan.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertNil(document.quotes.first?.speaker)
    }

    /// The operative words of a court ruling at a quote's start (`Menyatakan terdakwa ...`, `terbukti secara
    /// sah dan meyakinkan ...`; rules `side: inside`) are a document's words: nobody's, even after `ucap <judge>`.
    func testTheOperativeWordsOfARulingAreNobodys() throws {
        let document = try Annotated.document(
            """
            Judul Sidang
            Majelis hakim yang diketuai Yosefina Latuheru menyatakan terdakwa "terbukti secara sah dan meyakinkan bersalah melakukan tindak pidana pemilihan". Terdakwa juga didenda.
            "Menyatakan terdakwa Markus Tuhumury terbukti bersalah melakukan tindak pidana pemilihan," ucap Ketua Majelis Hakim Yosefina Latuheru dalam persidangan.
            "Kami menghormati putusan ini dan akan berpikir dulu selama tujuh hari," ujar Yosefina kepada wartawan.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), [nil, nil, "Yosefina Latuheru"])
        XCTAssertEqual(
            document.quotes.prefix(2).map(\.rule), ["quote.inside.proven-formula", "quote.inside.ruling-formula"])
    }
}
