import Foundation
import XCTest

@testable import Warta

/// Issue 19's sixteenth pass: speaker name boundaries. The corps abbreviation between a TNI officer's rank and
/// name (`military_corps.txt`) is no word of the name, and middle initials written as one word with dots
/// (`F.E.`) neither end the sentence nor the name. Sentences written for the test, names and places invented.
final class SpeakerSixteenthPassTests: XCTestCase {

    /// `Letkol Armed <name>`: `Armed` (Artileri Medan) is the rank's corps, not the name's first word.
    func testCorpsAfterRankIsNoWordOfTheName() throws {
        let document = try Annotated.document(
            """
            Judul Latihan Gabungan
            Komandan Kodim 0999 Sukamaju Letkol Armed Budiman Hartono mengatakan latihan berjalan lancar. "Semua prajurit siap menjalankan tugas," ujar Letkol Armed Budiman Hartono.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Budiman Hartono"])
    }

    /// `Mayor Arhanud <name>` right after the speech verb.
    func testCorpsAfterRankAfterTheSpeechVerb() throws {
        let document = try Annotated.document(
            """
            Judul Pertahanan Udara
            "Radar kami bekerja siang dan malam," kata Mayor Arhanud Dedi Kurniawan.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Dedi Kurniawan"])
    }

    /// `<office> <given> F.E. <surname>`: the initials written as one word with dots keep the surname in the
    /// name, and their last dot ends no sentence.
    func testInitialsWrittenTogetherStayInTheName() throws {
        let document = try Annotated.document(
            """
            Judul Pelayanan Pasien
            "Kami menambah jumlah perawat di ruang gawat darurat," ujar Direktur Rumah Sakit Umum Sukamaju Hendrik F.E. Manoppo.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Hendrik F.E. Manoppo"])
    }

    /// What counts as initials before a dot that ends no sentence: one capital, or two or three joined by dots.
    func testInitialsWordShape() {
        XCTAssertTrue(TokenizeStage.isInitials("V"))
        XCTAssertTrue(TokenizeStage.isInitials("F.E"))
        XCTAssertTrue(TokenizeStage.isInitials("A.B.C"))
        XCTAssertFalse(TokenizeStage.isInitials("A.B.C.D"))
        XCTAssertFalse(TokenizeStage.isInitials("Fe.E"))
        XCTAssertFalse(TokenizeStage.isInitials("f.e"))
    }
}
