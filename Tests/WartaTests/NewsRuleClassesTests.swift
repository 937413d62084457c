import XCTest

@testable import Warta

/// Error classes of the news development split fixed in rules and lists (issue 20): venues named with a
/// dash, the hall of a city, an office before a Balinese name, regional bodies by their short forms,
/// meetings named by their body, given-name abbreviations, laws in lower case.
final class NewsRuleClassesTests: XCTestCase {

    func testVenuesWithADashAndTheHallOfACity() throws {
        let document = try Annotated.document(
            """
            Warga berkumpul di Jalan Soekarno-Hatta sebelum menuju Bandara Soekarno-Hatta.
            Rapat digelar di Balai Kota Bandung, Senin.
            """)
        let fac = document.spans(.FAC)
        for name in ["Jalan Soekarno-Hatta", "Bandara Soekarno-Hatta", "Balai Kota Bandung"] {
            XCTAssertTrue(fac.contains(name), "\(name): \(document.entityList)")
        }
        XCTAssertFalse(document.spans(.ORG).contains("Balai Kota Bandung"), "\(document.entityList)")
        XCTAssertTrue(document.spans(.PERSON).isEmpty, "\(document.entityList)")
    }

    func testACandidatePairIsTwoNames() throws {
        let document = try Annotated.document(
            "Pasangan Budi Santoso-Wahyu Hidayat unggul di 12 kecamatan, kata Ketua KPU setempat.")
        let persons = document.spans(.PERSON)
        XCTAssertTrue(persons.contains("Budi Santoso"), "\(document.entityList)")
        XCTAssertFalse(persons.contains { $0.contains("-") }, "\(document.entityList)")
    }

    func testAnOfficeEndsBeforeABalineseName() throws {
        let document = try Annotated.document(
            "Sambutan itu dibacakan Sekda Provinsi Bali Anak Agung Made Wirasana di Denpasar.")
        XCTAssertTrue(document.spans(.ROLE).contains("Sekda Provinsi Bali"), "\(document.entityList)")
        XCTAssertFalse(document.spans(.ROLE).contains { $0.hasSuffix("Anak") }, "\(document.entityList)")
    }

    func testRegionalBodiesByTheirShortForms() throws {
        let document = try Annotated.document(
            """
            Acara itu dihadiri unsur Forkopimda Kota Kupang dan pejabat Disdikpora Provinsi Bali.
            Dalam High Level Meeting TPID Provinsi Bali, harga beras dibahas bersama Bulog.
            """)
        let orgs = document.spans(.ORG)
        for name in ["Forkopimda Kota Kupang", "Disdikpora Provinsi Bali", "TPID Provinsi Bali"] {
            XCTAssertTrue(orgs.contains(name), "\(name): \(document.entityList)")
        }
        XCTAssertTrue(
            document.spans(.EVENT).contains("High Level Meeting TPID Provinsi Bali"), "\(document.entityList)")
    }

    func testAGivenNameAbbreviationDoesNotEndTheName() throws {
        let document = try Annotated.document("Manajer klub Moh. Holil memenuhi panggilan komisi disiplin, Selasa.")
        XCTAssertTrue(document.spans(.PERSON).contains("Moh. Holil"), "\(document.entityList)")
    }

    func testTheDatelinesPlaceBesideTheOutlet() throws {
        let document = try Annotated.document(
            """
            Harga Cabai Naik
            SIRNAGALIHAN-RADAR CIANJUR, Harga cabai naik sejak pekan lalu.
            Jalan Rusak Dikeluhkan
            WARTAKITA.CO.ID, PANGRANGOWETAN - Warga mengeluhkan jalan rusak.
            """)
        let locs = document.spans(.LOC)
        XCTAssertTrue(locs.contains("SIRNAGALIHAN"), "\(document.entityList)")
        XCTAssertTrue(locs.contains("PANGRANGOWETAN"), "\(document.entityList)")
        XCTAssertFalse(document.spans(.ORG).contains("SIRNAGALIHAN"), "\(document.entityList)")
        XCTAssertTrue(document.spans(.ORG).contains("RADAR CIANJUR"), "\(document.entityList)")
    }
}
