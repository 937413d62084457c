import Foundation
import XCTest

@testable import Warta

/// Issue 19's eighth pass (classes of speaker errors seen on dev5, each on sentences written for the
/// test, names and places invented).
final class SpeakerEighthPassTests: XCTestCase {

    /// The Acehnese religious title `Teungku`, written out or short without its dot (`Tgk`), is no part
    /// of the name (ANNOTATION.md: the name without honorifics), so a later `Tgk <last name>` links to
    /// the full name written after the title.
    func testTheAcehneseTitleTeungkuIsNoPartOfTheSpeaker() throws {
        let document = try Annotated.document(
            """
            Imam meunasah Gampong Lhok Seudu, Teungku Hasballah Yunus, memimpin doa bersama warga, Jumat (4/4/2025).
            "Kami berdoa agar panen tahun ini lebih baik dari tahun lalu," ujar Tgk Hasballah di halaman meunasah.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Hasballah Yunus")
        let names = document.entities.filter { $0.type == .PERSON }.map { document.substring($0.range) }
        XCTAssertFalse(names.contains { $0.hasPrefix("Teungku") || $0.hasPrefix("Tgk") }, "\(names)")
    }
}
