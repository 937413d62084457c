import Foundation
import XCTest

@testable import Warta

/// Issue 19's nineteenth pass: a holder's given name that a list also holds as a common word, right after a
/// rank (`FullNameReader.rankOpensName`). Sentences written for the test, names and places invented.
final class SpeakerNineteenthPassTests: XCTestCase {

    /// `<office>, <rank> <corps> Hari <surname>`: `Hari` (a day word, an event head) right after the rank
    /// and its corps word opens the name, so the office's later quotes are the whole name's.
    func testGivenNameThatIsACommonWordAfterARankOpensTheName() throws {
        let document = try Annotated.document(
            """
            Judul Penangkapan Pencuri Motor
            Kapolresta Sukamaju, Kombes Polisi Hari Wicaksono memberikan apresiasi kepada jajarannya.
            "Saya mengapresiasi kerja cepat seluruh anggota," ujar Kapolresta Sukamaju.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Hari Wicaksono"])
    }

    /// A short mention by the surname grows to the whole name the rank opens (`kata Wicaksono`).
    func testSurnameMentionGrowsToTheGivenNameAfterTheRank() throws {
        let document = try Annotated.document(
            """
            Judul Operasi Lalu Lintas
            Operasi itu dipimpin AKBP Hari Wicaksono bersama jajaran satuan lalu lintas.
            "Kami mengimbau pengendara selalu memakai helm," kata Wicaksono.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Hari Wicaksono"])
    }

    /// The corps word after the rank may be written with its dot (`Kombes Pol. Hari <surname>`).
    func testCorpsWordWithItsDotBetweenTheRankAndTheName() throws {
        let document = try Annotated.document(
            """
            Judul Pengamanan Pasar
            Kapolres Lembah Hijau, AKBP Pol. Hari Wicaksono meninjau pengamanan pasar pada Sabtu pagi.
            "Kami menambah personel di pintu masuk pasar," ujar Kapolres Lembah Hijau.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Hari Wicaksono"])
    }

    /// `Kepala <body acronym> <given> <surname>` where the tagger took the bare `Kepala` for no ROLE: the body's
    /// acronym, written elsewhere outside every person, is the office's, not the name's first word.
    func testBodyAcronymAfterABareOfficeWordIsNoWordOfTheName() throws {
        let document = try Annotated.document(
            """
            Judul Pasar Rakyat Sukamaju Mulai Beroperasi
            SUKAMAJU - Pemerintah Kabupaten (Pemkab) Lembah Hijau meresmikan Pasar Rakyat Sukamaju, Senin (3/6/2024).
            Dijelaskan Kepala Dinkopukmdag Sugiyanto Wibowo, anggaran pembangunan berasal dari dana pusat dan daerah.
            Setelah pasar beroperasi, Dinkopukmdag akan memasang papan larangan percaloan kios.
            "Kami ingin pedagang tertib dan pasar tetap bersih," kata Sugiyanto.
            """)
        XCTAssertEqual(document.quotes.map(\.speaker), ["Sugiyanto Wibowo"])
    }
}
