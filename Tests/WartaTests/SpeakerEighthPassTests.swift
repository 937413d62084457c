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

/// Issue 19's eighth pass: a bare fused office (`ucap Sekda`) stands for the holder named under its long form.
final class SpeakerEighthPassOfficeTests: XCTestCase {

    /// `Sekda` is the fused acronym of `Sekretaris Daerah`: a quote given to the bare `Sekda` goes to the
    /// one person the document names as `Sekretaris Daerah`.
    func testABareFusedOfficeStandsForTheHolderOfItsLongForm() throws {
        let document = try Annotated.document(
            """
            Sekretaris Daerah Kabupaten Lembah Hijau, Darmawan Sitepu, membuka rapat anggaran di aula kantor bupati, Senin (7/4/2025).
            "Semua dinas harus menyerahkan laporan sebelum akhir bulan," ucap Sekda.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        XCTAssertEqual(document.quotes.first?.speaker, "Darmawan Sitepu")
    }

    /// The fused forms are the first two to four letters of two or three words in a row.
    func testFusedFormsOfAnOffice() {
        let forms = OfficeAcronym.forms(of: ["kepala", "dinas", "kesehatan", "lembah"])
        XCTAssertTrue(forms.isSuperset(of: ["dinkes", "dinkesle", "dikes"]), "\(forms.sorted())")
        XCTAssertFalse(forms.contains("kedinkele"), "runs of three words at most")
        XCTAssertFalse(forms.contains("dkes"), "two letters of each word at least")
        XCTAssertTrue(OfficeAcronym.forms(of: ["wakil", "bupati"]).contains("wabup"))
        XCTAssertTrue(OfficeAcronym.forms(of: ["sekretaris", "daerah"]).contains("sekda"))
        XCTAssertTrue(OfficeAcronym.forms(of: ["sekda"]).isEmpty)
        XCTAssertTrue(OfficeAcronym.forms(of: ["kepala", "1016"]).isEmpty)
    }
}
