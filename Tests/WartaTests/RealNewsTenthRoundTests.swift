import XCTest

@testable import Warta

/// Error classes of issue 20's tenth round, counted on the four tuning splits dev5, dev6, dev7 and dev8 together
/// and fixed only where a class occurs in at least two of them, in rules and lists. Every sentence is the team's
/// own.
final class RealNewsTenthRoundTests: XCTestCase {

    /// A village office before a village no gazetteer knows and its holder's given name (`Lurah Sukamaju Budi
    /// Santoso`) holds the village as its place; the holder's name starts at the given name (it began at the
    /// village). Before `, Kecamatan` the words are the village too (`Lurah Sukamaju Baru, Kecamatan ...`).
    func testAVillageOfficeTakesItsUnknownVillageAsItsPlace() throws {
        let document = try Annotated.document(
            """
            Rapat itu dihadiri Lurah Sukamaju Budi Santoso dan Camat Talang Jaya Rina Wulandari.
            Lurah Sukamaju Baru, Kecamatan Talang Jaya, juga hadir bersama Sekretaris Desa (Sekdes) Karangsari, Kecamatan Talang Jaya.
            """)
        document.assertHas(
            .ROLE,
            [
                "Lurah Sukamaju", "Camat Talang Jaya", "Lurah Sukamaju Baru",
                "Sekretaris Desa (Sekdes) Karangsari"
            ])
        document.assertHas(.LOC, ["Sukamaju", "Talang Jaya", "Sukamaju Baru", "Karangsari"])
        document.assertHas(.PERSON, ["Budi Santoso", "Rina Wulandari"])
        XCTAssertFalse(document.spans(.PERSON).contains("Sukamaju Budi Santoso"), "\(document.entityList)")
        XCTAssertFalse(document.spans(.PERSON).contains("Karangsari"), "\(document.entityList)")
    }

    /// A village office before a holder whose first name is a given name stays the bare office: the name is
    /// not read as a village (`Lurah Budi Santoso`).
    func testAVillageOfficeBeforeAGivenNameKeepsTheName() throws {
        let document = try Annotated.document(
            """
            Warga menyampaikan keluhan itu kepada Lurah Budi Santoso di kantornya.
            """)
        document.assertHas(.PERSON, ["Budi Santoso"])
        XCTAssertTrue(document.spans(.LOC).isEmpty, "\(document.entityList)")
    }

    /// A headline's verb after a venue (`Jembatan X Diresmikan`, `Pasar X Resmi Beroperasi`, `RSUD X Resmikan
    /// ...`) is no word of the venue's name.
    func testAHeadlineVerbEndsAVenue() throws {
        let document = try Annotated.document(
            """
            Jembatan Kali Pelangi Diresmikan
            Pasar Induk Sumberarum Resmi Beroperasi
            Warga memadati Jembatan Kali Pelangi sejak pagi.
            """)
        document.assertHas(.FAC, ["Jembatan Kali Pelangi", "Pasar Induk Sumberarum"])
        XCTAssertFalse(
            document.spans(.FAC).contains { $0.hasSuffix("Diresmikan") || $0.contains("Resmi") },
            "\(document.entityList)")
    }

    /// `RI` is the country inside a body or an event (`Bawaslu RI`, `HUT ke-80 RI`), but nothing inside a LAW is
    /// annotated (`UU RI Nomor 7 Tahun 2017`).
    func testRIIsTheCountryOutsideALaw() throws {
        let document = try Annotated.document(
            """
            Laporan itu diteruskan ke Bawaslu RI menjelang HUT ke-80 RI.
            Aturannya ada dalam UU RI Nomor 7 Tahun 2017 tentang Pemilihan Umum.
            """)
        document.assertHas(.ORG, ["Bawaslu RI"])
        document.assertHas(.EVENT, ["HUT ke-80 RI"])
        XCTAssertEqual(document.spans(.LOC).filter { $0 == "RI" }.count, 2, "\(document.entityList)")
    }

    /// A place in an outlet's name between a dateline's comma and its dash (`Kupang, Kabar NTT - ...`) is the
    /// brand's, no LOC; a body with its place in that slot (`Tahuna, Bawaslu Sulut - ...`) keeps its place.
    func testAPlaceInsideADatelineOutletIsTheBrands() throws {
        let document = try Annotated.document(
            """
            Kupang, Kabar NTT - Warga Kota Kupang berkumpul sejak pagi.
            """)
        document.assertHas(.ORG, ["Kabar NTT"])
        XCTAssertFalse(document.spans(.LOC).contains("NTT"), "\(document.entityList)")
        let body = try Annotated.document(
            """
            Tahuna, Bawaslu Sulut - Pengawasan diperketat menjelang pemungutan suara.
            """)
        body.assertHas(.LOC, ["Sulut"])
    }

    /// After a room (`Ruang Rapat`, `ruang rapat`) the office of a body is the building the room is in, a FAC;
    /// the office of a body after its head's office stays the body (`Kepala Kantor Kemenag Kota X`).
    func testAnOfficeAfterARoomIsTheBuilding() throws {
        let document = try Annotated.document(
            """
            Klarifikasi digelar di Ruang Rapat Kantor Bawaslu Kabupaten Sleman pada Senin.
            """)
        document.assertHas(.FAC, ["Kantor Bawaslu Kabupaten Sleman"])
        document.assertHas(.ORG, ["Bawaslu Kabupaten Sleman"])
        XCTAssertFalse(document.spans(.ORG).contains("Kantor Bawaslu Kabupaten Sleman"), "\(document.entityList)")
    }

    /// English names of public bodies by their kind: after the name (`Sleman Agriculture Office`, `Youth, Sports
    /// and Tourism Office`, `Bantul Police`) or before it with `of` (`Ministry of Agriculture`); not before an
    /// office's word (`Denpasar Police Chief` is a ROLE), not from a sentence's article (`The`) and not where the name
    /// goes on (`Post Office Travel Money`).
    func testEnglishNamesOfPublicBodies() throws {
        let document = try Annotated.document(
            """
            The head of the Sleman Agriculture Office, Budi Santoso, said the Youth, Sports and Tourism Office and the \
            Ministry of Agriculture agreed. Denpasar Police Chief Rina Wulandari and the Bantul Police disagreed.
            The General Elections Commission met on Monday. The Post Office Travel Money survey was cited.
            """)
        document.assertHas(
            .ORG,
            [
                "Sleman Agriculture Office", "Youth, Sports and Tourism Office", "Ministry of Agriculture",
                "Bantul Police", "General Elections Commission"
            ])
        XCTAssertFalse(document.spans(.ORG).contains("Denpasar Police"), "\(document.entityList)")
        XCTAssertFalse(document.spans(.ORG).contains("The General Elections Commission"), "\(document.entityList)")
        XCTAssertFalse(document.spans(.ORG).contains("Post Office"), "\(document.entityList)")
    }

    /// A hospital named after a doctor holds the doctor's title and name and its place: a body (`Pegawai RSUD dr.
    /// X`, `Direktur Rumah Sakit Umum Daerah (RSUD) dr. M. X`), a venue where one is (`dirawat di RSUP Dr. H. X`);
    /// the doctor's name is no PERSON.
    func testAHospitalNamedAfterADoctorIsWhole() throws {
        let document = try Annotated.document(
            """
            Pegawai RSUD dr. Sutomo Jaya hadir. Pasien dirawat di RSUP Dr. H. Abdul Karim Sleman sejak Senin.
            Direktur Rumah Sakit Umum Daerah (RSUD) dr. M. Yusuf Bantul, Rina Wulandari, hadir.
            """)
        document.assertHas(.ORG, ["RSUD dr. Sutomo Jaya", "Rumah Sakit Umum Daerah (RSUD) dr. M. Yusuf Bantul"])
        document.assertHas(.FAC, ["RSUP Dr. H. Abdul Karim Sleman"])
        document.assertHas(.LOC, ["Sleman", "Bantul"])
        XCTAssertEqual(document.spans(.PERSON), ["Rina Wulandari"], "\(document.entityList)")
    }

    /// In a headline a village office before one or two capitalized words and a headline's bare verb holds them as
    /// its village (`Kades Karangsari Minta ...`, `Video Lurah Karangsari Ajak ...`).
    func testAVillageOfficeInAHeadlineBeforeABareVerbHoldsItsVillage() throws {
        let document = try Annotated.document(
            """
            Kades Karangsari Minta Tanggul Permanen Dibangun Tahun Ini
            Warga desa itu kembali terendam banjir pada Senin pagi.
            """)
        document.assertHas(.ROLE, ["Kades Karangsari"])
        document.assertHas(.LOC, ["Karangsari"])
        XCTAssertFalse(document.spans(.PERSON).contains("Karangsari"), "\(document.entityList)")
    }

    /// The village election committee and overseer of UU 7/2017, written bare (`PPS`, `PKD`), are bodies.
    func testVillageElectionBodiesAreOrganisations() throws {
        let document = try Annotated.document(
            """
            Rekapitulasi suara dilakukan PPS di setiap desa dan diawasi PKD hingga selesai.
            """)
        document.assertHas(.ORG, ["PPS", "PKD"])
    }

    /// A paragraph wholly in brackets is a credit or a caption, no headline, even when its words are capitalized:
    /// the unit of a secretariat in it is read whole (`(Biro Adpim Setda Provinsi Jambi)` on its own line).
    func testABracketedCreditLineIsNoHeadline() throws {
        let document = try Annotated.document(
            """
            Bantuan diserahkan secara simbolis kepada perwakilan penerima.
            (Biro Adpim Setda Provinsi Jambi)
            """)
        document.assertHas(.ORG, ["Biro Adpim Setda Provinsi Jambi"])
    }

    /// In Maluku a village is a `negeri`, written before its name (`Negeri Karangsari`, `Raja Negeri Sukamaju`); the
    /// word of `Menteri Dalam Negeri`, `Pegawai Negeri Sipil` and a court (`Pengadilan Negeri Ambon`) names no village.
    func testAMalukuNegeriIsAVillage() throws {
        let document = try Annotated.document(
            """
            Raja Negeri Sukamaju, Budi Santoso, hadir di Negeri Karangsari bersama Menteri Dalam Negeri Budi Santoso. \
            Ia Pegawai Negeri Sipil di Pengadilan Negeri Ambon.
            """)
        document.assertHas(.LOC, ["Negeri Sukamaju", "Negeri Karangsari"])
        document.assertHas(.ROLE, ["Raja Negeri Sukamaju", "Menteri Dalam Negeri"])
        document.assertHas(.ORG, ["Pengadilan Negeri Ambon"])
        let villages = document.spans(.LOC).filter { $0.hasPrefix("Negeri") }
        XCTAssertEqual(Set(villages), ["Negeri Sukamaju", "Negeri Karangsari"], "\(document.entityList)")
    }

    /// A middle name's initial or abbreviation with its dot stays inside the name (`Budiman L. Wiranto`, `Rusdi Abd.
    /// Rahman`, `Marthen Ch. Wattimena`): the dot after `Abd` and `Ch` ends no sentence.
    func testAMiddleInitialOrAbbreviationStaysInTheName() throws {
        let document = try Annotated.document(
            """
            Sekretaris Daerah Kabupaten Sleman, Drs. Budiman L. Wiranto, M.Si. membuka acara. Kuasa hukum penggugat, \
            Rusdi Abd. Rahman, S.H., M.H., menyatakan kliennya menolak. Penasihat hukum terdakwa, Marthen Ch. \
            Wattimena, S.H., menyatakan pikir-pikir.
            """)
        document.assertHas(.PERSON, ["Budiman L. Wiranto", "Rusdi Abd. Rahman", "Marthen Ch. Wattimena"])
        XCTAssertFalse(document.spans(.PERSON).contains("Wattimena"), "\(document.entityList)")
    }

    /// After a regional office's Roman number the place is the office's (`Kantor Regional IV BKN Makassar` holds
    /// `BKN`, no second body `BKN Makassar`); after a commission's number the body with its place stays one ORG
    /// (`Komisi I DPRD Kabupaten Sleman` holds `DPRD Kabupaten Sleman`).
    func testAPlaceAfterARegionalOfficesNumberIsTheOffices() throws {
        let document = try Annotated.document(
            """
            Kepala Kantor Regional IV BKN Makassar hadir bersama Ketua Komisi I DPRD Kabupaten Sleman.
            """)
        document.assertHas(.ORG, ["Kantor Regional IV BKN Makassar", "BKN", "DPRD Kabupaten Sleman"])
        XCTAssertFalse(document.spans(.ORG).contains("BKN Makassar"), "\(document.entityList)")
    }

    /// An English citation of a numbered act with `Number` and `of` (`Presidential Regulation Number 6 of 2025 on
    /// ...`, `Circular Letter No. 51 of 2024`) is one LAW with its norm, and its year no DATE of its own.
    func testAnEnglishCitationWithNumberAndOfIsALaw() throws {
        let document = try Annotated.document(
            """
            The rule follows Presidential Regulation Number 6 of 2025 on the Governance of Subsidized Fertilizer. It \
            also cites Circular Letter No. 51 of 2024.
            """)
        document.assertHas(
            .LAW,
            [
                "Presidential Regulation Number 6 of 2025 on the Governance of Subsidized Fertilizer",
                "Circular Letter No. 51 of 2024"
            ])
        XCTAssertEqual(document.spans(.DATE), [], "\(document.entityList)")
    }

    /// In English the issuer written before an act's adjective kind belongs to the act (`Bali Provincial Regulation
    /// No. 4 of 2020 ...`, `Transportation Ministerial Regulation No. 37/2015 ...`); a sentence's article does not.
    func testAnEnglishIssuerBeforeAnActsKindIsPartOfTheLaw() throws {
        let document = try Annotated.document(
            """
            It cites Bali Provincial Regulation No. 4 of 2020 on the Strengthening of Culture. The port follows \
            Transportation Ministerial Regulation No. 37/2015 on passenger service standards. The Ministerial \
            Regulation No. 5/2020 applies.
            """)
        document.assertHas(
            .LAW,
            [
                "Bali Provincial Regulation No. 4 of 2020 on the Strengthening of Culture",
                "Transportation Ministerial Regulation No. 37/2015 on passenger service standards",
                "Ministerial Regulation No. 5/2020"
            ])
        XCTAssertFalse(document.spans(.LOC).contains("Bali"), "\(document.entityList)")
    }

    /// A court room by its name, written in lower case, is a venue with the court it is in (`ruang sidang Kartika
    /// PN Sleman`, `ruang sidang Kartika`); a court's room named by the court alone is none.
    func testACourtRoomByItsNameIsAVenue() throws {
        let document = try Annotated.document(
            """
            Sidang digelar di ruang sidang Kartika PN Sleman pada Senin. Putusan dibacakan di ruang sidang Kartika. \
            Terdakwa dibawa ke ruang sidang Pengadilan Tipikor Yogyakarta.
            """)
        document.assertHas(.FAC, ["ruang sidang Kartika PN Sleman", "ruang sidang Kartika"])
        XCTAssertEqual(document.spans(.FAC).count, 2, "\(document.entityList)")
    }

    /// A regional hospital by its name is the body where it acts or is headed (`RSUD Kali Bening Resmikan ...`,
    /// `Direktur RSUD Kali Bening`, `Pegawai RSUD Sleman`), a venue where one goes (`dirujuk ke RSUD Kali Bening`).
    func testAHospitalByItsNameIsABodyUnlessOneGoesThere() throws {
        let document = try Annotated.document(
            """
            RSUD Kali Bening Resmikan Ruang Baru
            Direktur RSUD Kali Bening, Budi Santoso, meresmikan ruang itu. Pasien dirujuk ke RSUD Kali Bening sejak \
            Senin. Pegawai RSUD Sleman hadir.
            """)
        document.assertHas(.ORG, ["RSUD Kali Bening", "RSUD Sleman"])
        document.assertHas(.ROLE, ["Direktur RSUD Kali Bening"])
        document.assertHas(.FAC, ["RSUD Kali Bening"])
        XCTAssertEqual(document.spans(.FAC).count, 1, "\(document.entityList)")
    }

    /// A government site before a dateline's dash is the outlet, also after the dateline's place and where the line
    /// joiner put the dateline after the headline (`Kabar Baru dprd-slemankab.go.id - ...`); in the text a site
    /// with no dash after it is a service, no ORG (`melalui lapor.go.id atau ...`).
    func testAGovernmentSiteInADatelineIsTheOutlet() throws {
        let joined = try Annotated.document(
            """
            Komisi Gelar Rapat Bersama Forum Honorer
            dprd-slemankab.go.id - Komisi I DPRD Kabupaten Sleman menggelar rapat.
            """)
        joined.assertHas(.ORG, ["dprd-slemankab.go.id"])
        let afterPlace = try Annotated.document(
            """
            Sleman, kpu.slemankab.go.id - KPU Kabupaten Sleman menggelar rapat. Warga melapor melalui lapor.go.id atau \
            langsung ke kantor.
            """)
        afterPlace.assertHas(.ORG, ["kpu.slemankab.go.id"])
        XCTAssertFalse(afterPlace.spans(.ORG).contains("lapor.go.id"), "\(afterPlace.entityList)")
    }
}
