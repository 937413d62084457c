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
        XCTAssertEqual(found.map(\.text), [
            "Panen tahun ini naik dibanding tahun lalu karena irigasi sudah diperbaiki.",
            "Karena itu kami minta petani tetap menjaga saluran air bersama-sama,",
        ])
        XCTAssertEqual(found.map(\.speaker), ["Bambang Sulistyo", "Bambang Sulistyo"])
    }
}
