import XCTest

@testable import Warta

/// A capitalized common word is no name, even after a word that usually introduces one (`kepada`, `oleh`):
/// outlets capitalize nouns mid-sentence (`kepada Awak media`), and a false PERSON there becomes the nearest
/// person for the next `-nya` quote. The words come from the generated `sentence_common` list (common
/// lower-case words of the NER train splits). Every sentence is the team's own.
final class PersonPrecisionTests: XCTestCase {

    func testACapitalizedCommonWordAfterAPrepositionIsNoPersonAndTakesNoQuote() throws {
        let document = try Annotated.document(
            """
            Bawaslu Terima Laporan
            Ketua Bawaslu Kota Ambon Maria Latuconsina menerima laporan itu pada Senin.
            Hasil kajian sudah dijelaskan kepada Awak media usai rapat. "Kami akan memprosesnya sesuai aturan," ujarnya.
            """)
        XCTAssertFalse(document.spans(.PERSON).contains("Awak"), "\(document.entityList)")
        XCTAssertEqual(document.quotes.map(\.speaker), ["Maria Latuconsina"])
    }

    func testANameAfterAPrepositionStaysAPerson() throws {
        let document = try Annotated.document(
            "Piagam itu diserahkan kepada Yohana Rumbekwan dan diterima oleh Darmaji di aula kantor camat.")
        document.assertHas(.PERSON, ["Yohana Rumbekwan", "Darmaji"])
    }
}
