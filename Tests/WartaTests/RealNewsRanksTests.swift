import XCTest

@testable import Warta

/// Police and military ranks written out in full (`Ajun Komisaris Besar Polisi`, `Inspektur Polisi Satu`,
/// `Letnan Kolonel Inf`), with or without their abbreviation in brackets, between an office and a name or
/// alone at a sentence start (issue 20 and 19: the rank is no part of the PERSON, nor of the speaker; the
/// guide annotates no rank). Every sentence is the team's own.
final class RealNewsRanksTests: XCTestCase {

    private let rankWords = ["Ajun", "Komisaris", "Polisi", "Inspektur", "Satu", "Besar", "Letnan", "Kolonel", "Inf"]

    /// After an office, with the rank's abbreviation in brackets, after the speech verb: the name alone is the
    /// PERSON and the speaker; no word of the rank is a PERSON or a ROLE.
    func testARankWithItsAbbreviationAfterAnOfficeIsLeftOutOfTheName() throws {
        let document = try Annotated.document(
            """
            "Barang bukti sudah kami sita," kata Kepala Satuan Reserse Narkoba Polres Sikka Ajun Komisaris Polisi (AKP) Fransiskus Xaverius Dapa, Kamis (6/6/2024).
            """)
        document.assertHas(.PERSON, ["Fransiskus Xaverius Dapa"])
        XCTAssertEqual(document.quotes.first?.speaker, "Fransiskus Xaverius Dapa", "\(document.entityList)")
        for word in rankWords {
            XCTAssertFalse(
                document.spans(.PERSON).contains { $0.split(separator: " ").contains(Substring(word)) },
                "\(word): \(document.entityList)")
        }
        XCTAssertFalse(document.spans(.ROLE).contains("Komisaris"), "\(document.entityList)")
    }

    /// After an office and before the speech verb, with no brackets: the name alone, and the speaker of a
    /// later `ujarnya` its full form, not the rank's last word with the name.
    func testARankWrittenOutBeforeASpeechVerbIsLeftOutOfTheName() throws {
        let document = try Annotated.document(
            """
            Kepala Kepolisian Resor Sikka Ajun Komisaris Besar Polisi Markus Lamawuran Bataona mengatakan patroli ditambah.

            "Kami jaga setiap malam," ujarnya.
            """)
        document.assertHas(.PERSON, ["Markus Lamawuran Bataona"])
        XCTAssertFalse(
            document.spans(.PERSON).contains { $0.hasPrefix("Polisi") || $0.hasPrefix("Ajun") },
            "\(document.entityList)")
        XCTAssertEqual(document.quotes.first?.speaker, "Markus Lamawuran Bataona", "\(document.entityList)")
    }

    /// At a sentence start, with the abbreviation in brackets; and an army rank with its corps after the verb.
    func testARankAtASentenceStartAndAnArmyRankWithItsCorps() throws {
        let document = try Annotated.document(
            """
            Komisaris Besar Polisi (Kombes) Yosef Amanue Keraf menjelaskan jalur mudik dijaga ketat.

            Inspektur Polisi Satu (Iptu) Gregorius Nong Sina mengatakan tiga pelaku ditahan.

            "Semua pos siaga," kata Komandan Kodim Letnan Kolonel Inf Paulus Rangga Wea.
            """)
        document.assertHas(.PERSON, ["Yosef Amanue Keraf", "Gregorius Nong Sina", "Paulus Rangga Wea"])
        for word in rankWords {
            XCTAssertFalse(
                document.spans(.PERSON).contains { $0.split(separator: " ").contains(Substring(word)) },
                "\(word): \(document.entityList)")
        }
        XCTAssertEqual(document.quotes.first?.speaker, "Paulus Rangga Wea", "\(document.entityList)")
    }

    /// A general's rank after a command (`Komandan Korem`, `Panglima Kodam`), with its service or not: no word
    /// of the rank is a word of the body, of the office or of the name.
    func testAGeneralsRankAfterACommandIsNoPartOfTheOfficeOrTheName() throws {
        let document = try Annotated.document(
            """
            Komandan Korem Brigadir Jenderal Yakobus Taolin Nuban mengatakan latihan gabungan berjalan lancar.

            Panglima Kodam Mayor Jenderal TNI Servasius Lewar Koten meninjau lokasi banjir, Jumat.

            Kepala Staf Kodam Udayana Brigjen TNI Fransiskus Dhae Woi menyerahkan bantuan.
            """)
        document.assertHas(.PERSON, ["Yakobus Taolin Nuban", "Servasius Lewar Koten", "Fransiskus Dhae Woi"])
        document.assertHas(.ROLE, ["Komandan Korem", "Panglima Kodam", "Kepala Staf Kodam Udayana"])
        for word in ["Mayor", "Brigadir", "Jenderal", "Brigjen"] {
            XCTAssertFalse(
                (document.spans(.ROLE) + document.spans(.PERSON) + document.spans(.ORG))
                    .contains { $0.split(separator: " ").contains(Substring(word)) },
                "\(word): \(document.entityList)")
        }
    }

    /// A speech verb written capitalized right after a rank and name (`... AKBP <name> Menegaskan, "..."`) is
    /// no word of the name. (The speaker's fullest form still runs on into the verb: the fullest-name step
    /// ends a name before a verb only in a title line.)
    func testACapitalizedSpeechVerbAfterARankAndNameIsNoPartOfTheName() throws {
        let document = try Annotated.document(
            """
            Kapolres Ende Ajun Komisaris Besar Polisi Agustinus Wae Roja Menegaskan, "Kami siap menjaga pemilu."
            """)
        document.assertHas(.PERSON, ["Agustinus Wae Roja"])
        XCTAssertFalse(document.spans(.PERSON).contains { $0.contains("Menegaskan") }, "\(document.entityList)")
    }
}
