import XCTest

@testable import Warta

/// Error classes found by reading warta's output on 54 real articles of outlets not read before (issue 20,
/// fourth round: regional dailies, police, prosecutor, KPU, Bawaslu and ministry pages, legal news), fixed in
/// rules and lists. Every sentence is the team's own.
final class RealNewsFourthRoundTests: XCTestCase {

    // MARK: laws

    func testAnAmendingActIsOneLawWithTheActItNames() throws {
        let document = try Annotated.document(
            """
            Kewenangan itu diatur Undang-Undang Nomor 6 Tahun 2020 tentang Perubahan Ketiga atas Undang-Undang Nomor 2 Tahun 2015 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 3 Tahun 2014 tentang Pemilihan Kepala Desa Menjadi Undang-Undang.
            Jaksa memakai UU RI No 4 tahun 2003, tentang perubahan atas UU RI No 9 tahun 1998, tentang Pengelolaan Pasar dalam dakwaannya.
            """)
        let laws = document.spans(.LAW)
        XCTAssertEqual(
            laws,
            [
                "Undang-Undang Nomor 6 Tahun 2020 tentang Perubahan Ketiga atas Undang-Undang Nomor 2 Tahun 2015 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 3 Tahun 2014 tentang Pemilihan Kepala Desa Menjadi Undang-Undang",
                "UU RI No 4 tahun 2003, tentang perubahan atas UU RI No 9 tahun 1998, tentang Pengelolaan Pasar"
            ], "\(document.entityList)")
    }

    func testASubjectStopsBeforeTheNextActAndBeforeAClause() throws {
        let document = try Annotated.document(
            """
            Larangan itu merujuk Undang-Undang Nomor 3 Tahun 2019 tentang Desa serta Surat Keputusan Bersama tiga menteri.
            Sanksi diatur Peraturan Pemerintah Nomor 8 Tahun 2020 tentang Disiplin Pegawai dan Surat Edaran Bupati.
            Dasarnya Undang-Undang Nomor 4 Tahun 2018 tentang Aparatur Desa terkait dengan cuti kepala desa.
            """)
        let laws = document.spans(.LAW)
        document.assertHas(
            .LAW,
            [
                "Undang-Undang Nomor 3 Tahun 2019 tentang Desa",
                "Peraturan Pemerintah Nomor 8 Tahun 2020 tentang Disiplin Pegawai",
                "Undang-Undang Nomor 4 Tahun 2018 tentang Aparatur Desa"
            ])
        XCTAssertEqual(laws.count, 3, "\(document.entityList)")
    }

    func testAShortCitationKeepsItsSubject() throws {
        let document = try Annotated.document("Seleksi itu mengikuti PP 12/2019 tentang Manajemen Pegawai Desa.")
        XCTAssertEqual(document.spans(.LAW), ["PP 12/2019 tentang Manajemen Pegawai Desa"], "\(document.entityList)")
    }

    func testAJointDecreeWithItsAcronymManyIssuersAndNumbers() throws {
        let document = try Annotated.document(
            """
            Pedoman itu tertuang dalam Surat Keputusan Bersama (SKB) Menteri PANRB, Menteri Dalam Negeri, Kepala BKN, dan Ketua Bawaslu Tahun 2023 tentang Pembinaan Netralitas Pegawai.
            Camat wajib menjalankan Keputusan Bersama Menteri Dalam Negeri, Menteri Agama, Kepala Badan Kepegawaian Negara, Ketua Komisi Aparatur Sipil Negara dan Ketua Bawaslu Nomor 4 Tahun 2023, Nomor 700-1234 Tahun 2023, Nomor 12 Tahun 2023, Nomor 2001.2/PM.02/K.1/2023 tentang Pedoman Pengawasan.
            """)
        let laws = document.spans(.LAW)
        XCTAssertTrue(
            laws.contains(
                "Surat Keputusan Bersama (SKB) Menteri PANRB, Menteri Dalam Negeri, Kepala BKN, dan Ketua Bawaslu Tahun 2023 tentang Pembinaan Netralitas Pegawai"
            ), "\(document.entityList)")
        XCTAssertTrue(
            laws.contains(
                "Keputusan Bersama Menteri Dalam Negeri, Menteri Agama, Kepala Badan Kepegawaian Negara, Ketua Komisi Aparatur Sipil Negara dan Ketua Bawaslu Nomor 4 Tahun 2023, Nomor 700-1234 Tahun 2023, Nomor 12 Tahun 2023, Nomor 2001.2/PM.02/K.1/2023 tentang Pedoman Pengawasan"
            ), "\(document.entityList)")
        XCTAssertEqual(laws.count, 2, "\(document.entityList)")
    }

    func testAClauseAboutADocumentAndADraftAreNoLaw() throws {
        let document = try Annotated.document(
            """
            Menurut Sekda, dalam SE tersebut ada beberapa larangan tentang kampanye bagi pegawai.
            Dewan membahas Rancangan Peraturan Daerah (Raperda) tentang Pajak Daerah pekan ini.
            """)
        XCTAssertEqual(document.spans(.LAW), [], "\(document.entityList)")
    }

    func testANumberTypedWithASpaceAroundASlashAndASubjectWithG20() throws {
        let document = try Annotated.document(
            """
            Camat menerima Surat Edaran Nomor 450 /118/12 Tahun 2024 tentang Jam Kerja Pegawai pekan lalu.
            Edaran lain bernomor Surat Edaran Nomor: 200.1.2/77/B.Pem/ 2024 Tentang Cuti Bersama.
            Panitia dibentuk dengan Keputusan Presiden No. 5 Tahun 2022 tentang Panitia Nasional Presidensi G20 Indonesia.
            """)
        document.assertHas(
            .LAW,
            [
                "Surat Edaran Nomor 450 /118/12 Tahun 2024 tentang Jam Kerja Pegawai",
                "Surat Edaran Nomor: 200.1.2/77/B.Pem/ 2024 Tentang Cuti Bersama",
                "Keputusan Presiden No. 5 Tahun 2022 tentang Panitia Nasional Presidensi G20 Indonesia"
            ])
    }

    func testLawsCitedInEnglish() throws {
        let document = try Annotated.document(
            """
            The board was formed under Law No. 12/2011 on Regional Finance, the minister said.
            The president signed Presidential Decree No. 9/2019 on the National Water Council in May.
            """)
        let laws = document.spans(.LAW)
        document.assertHas(.LAW, ["Law No. 12/2011 on Regional Finance"])
        XCTAssertTrue(
            laws.contains("Presidential Decree No. 9/2019 on the National Water Council"), "\(document.entityList)")
        XCTAssertEqual(laws.count, 2, "\(document.entityList)")
    }

    // MARK: venues

    func testStreetsWithTitlesRanksAndInitialsAndNoNumberWord() throws {
        let document = try Annotated.document(
            """
            Kantornya pindah ke Jalan Dr. Sutomo Raya No. 4, dekat Jalan Letjen S Parman.
            Posko berada di Jl. R. Saleh No. 7 dan Jalan Jend. Gatot Subroto.
            """)
        let venues = document.spans(.FAC)
        document.assertHas(
            .FAC, ["Jalan Dr. Sutomo Raya", "Jalan Letjen S Parman", "Jl. R. Saleh", "Jalan Jend. Gatot Subroto"])
        XCTAssertFalse(venues.contains { $0.hasSuffix("No") }, "\(document.entityList)")
        XCTAssertFalse(document.spans(.PERSON).contains { $0.contains("Sutomo") }, "\(document.entityList)")
    }

    func testVenuesInEnglishOrder() throws {
        let document = try Annotated.document(
            """
            The forum was held at the Bukit Jimbaran Convention Center on Monday.
            Traders at Sukawati Market and visitors to Lumintang Square were asked to stay home, and flights at Wai Oti Airport were delayed.
            """)
        document.assertHas(
            .FAC, ["Bukit Jimbaran Convention Center", "Sukawati Market", "Lumintang Square", "Wai Oti Airport"])
    }

    func testAVenueKeepsTheVillageItStandsIn() throws {
        let document = try Annotated.document(
            "Pengungsi ditampung di Masjid Nurul Huda Desa Talaga dan Bangsal Kepatihan sejak Jumat.")
        document.assertHas(.FAC, ["Masjid Nurul Huda Desa Talaga", "Bangsal Kepatihan"])
    }

    // MARK: offices and bodies

    func testAPublicBodysNameEndsBeforeItsOfficersName() throws {
        let document = try Annotated.document(
            """
            Rapat dipimpin Ketua Komisi II DPR RI Zainuddin Harahap di Senayan.
            Menurut Kepala Dinas Perhubungan Sumatera Barat Hendra Gunawan, jalur itu ditutup.
            """)
        document.assertHas(.ROLE, ["Ketua Komisi II DPR RI", "Kepala Dinas Perhubungan Sumatera Barat"])
        document.assertHas(.PERSON, ["Zainuddin Harahap", "Hendra Gunawan"])
        XCTAssertFalse(
            document.spans(.ORG).contains { $0.contains("Hendra") || $0.contains("Zainuddin") },
            "\(document.entityList)")
    }

    func testTheHoldersNameAfterTheBodysAcronymClosingTheOffice() throws {
        let document = try Annotated.document(
            "Hadir pula Ketua Dewan Kehormatan Penyelenggara Pemilu (DKPP) Toar Pangemanan dalam rapat itu.")
        XCTAssertTrue(document.spans(.PERSON).contains("Toar Pangemanan"), "\(document.entityList)")
    }

    // MARK: events

    func testNamedMeetingsOfABodyAndNationalMeetingsByField() throws {
        let document = try Annotated.document(
            """
            Harga cabai dibahas dalam Rapat Koordinasi TPID Kota Ambon di balai kota.
            Kementerian menggelar Rakornas (Rapat Koordinasi Nasional) Bidang Perencanaan dan Anggaran di Bandung.
            Sebelumnya digelar Rapat Koordinasi Pengawasan Dana Desa di aula kecamatan.
            """)
        let events = document.spans(.EVENT)
        document.assertHas(.EVENT, ["Rapat Koordinasi TPID Kota Ambon"])
        XCTAssertTrue(
            events.contains("Rakornas (Rapat Koordinasi Nasional) Bidang Perencanaan dan Anggaran"),
            "\(document.entityList)")
        XCTAssertFalse(events.contains { $0.contains("Dana Desa") }, "\(document.entityList)")
    }

    func testFestivalsAnniversariesWithYangAndElectionsWrittenOut() throws {
        let document = try Annotated.document(
            """
            Sanggar itu menjuarai Festival Seni Lembah Baliem bulan lalu.
            Lomba digelar memperingati HUT RI yang ke-79 di lapangan desa.
            Tahapan Pemilihan Bupati dan Wakil Bupati (Pilbup) Kabupaten Sikka dimulai Senin.
            Polres menggelar Apel Siaga Pemilihan Serentak 2024 pada Selasa pagi.
            """)
        let events = document.spans(.EVENT)
        document.assertHas(
            .EVENT,
            [
                "Festival Seni Lembah Baliem", "HUT RI yang ke-79",
                "Pemilihan Bupati dan Wakil Bupati (Pilbup) Kabupaten Sikka", "Pemilihan Serentak 2024"
            ])
        XCTAssertFalse(events.contains { $0.hasPrefix("Apel") }, "\(document.entityList)")
    }

    func testClassesOfOfficialsAndBareOfficeWordsAreNoRole() throws {
        let document = try Annotated.document(
            """
            Edaran itu ditujukan kepada para Kepala Bagian pada Setda Kabupaten Sikka dan Para Kepala UPTD se-Kabupaten Sikka.
            Surat yang sama dikirim kepada Kepala Perangkat Daerah se-Kabupaten Ende.
            Indonesia menjadi negara Anggota G20 sejak awal.
            """)
        XCTAssertEqual(document.spans(.ROLE), [], "\(document.entityList)")
    }

    func testAPortfolioAcronymAfterDanAndNoVenueOrTitleInsideAnOffice() throws {
        let document = try Annotated.document(
            """
            Hadir Menteri Hukum dan HAM Amir Syarifuddin dalam acara itu.
            Camat Kota Baru, Yusuf Lamaka, menampung warga di Aula Kantor Camat Kota Baru dan Masjid Al-Ikhlas Desa Tobai.
            Rapat dibuka Ketua KI Pusat Dr. Rahmat Tuanaya.
            """)
        let roles = document.spans(.ROLE)
        document.assertHas(.ROLE, ["Menteri Hukum dan HAM", "Ketua KI Pusat"])
        XCTAssertFalse(roles.contains { $0.contains("Masjid") || $0.hasSuffix("Dr") }, "\(document.entityList)")
        XCTAssertTrue(document.spans(.FAC).contains("Masjid Al-Ikhlas Desa Tobai"), "\(document.entityList)")
    }

    // MARK: persons

    func testNoRankInsideANameAfterTheJakartaChiefsOffices() throws {
        let document = try Annotated.document(
            "Hadir Kapolda Metro Jaya Irjen Bagus Wicaksono dan Pangdam Jaya Mayjen Dedi Kurniadi di lokasi.")
        document.assertHas(.ROLE, ["Kapolda Metro Jaya", "Pangdam Jaya"])
        let persons = document.spans(.PERSON)
        document.assertHas(.PERSON, ["Bagus Wicaksono", "Dedi Kurniadi"])
        XCTAssertFalse(persons.contains { $0.contains("Irjen") || $0.contains("Mayjen") }, "\(document.entityList)")
    }

    func testNamesJoinedByBrOrBinAndKoreanSyllables() throws {
        let document = try Annotated.document(
            """
            Ia menikah dengan Rosmaida br Tarigan pada 1990.
            Drama itu dibintangi Kim Ha - neul dan Jang Na - ra.
            """)
        document.assertHas(.PERSON, ["Rosmaida br Tarigan", "Kim Ha - neul", "Jang Na - ra"])
    }

    func testMembersOfAForceHeadsOfAllAgenciesAndPairsAreNoRole() throws {
        let document = try Annotated.document(
            """
            Ia tercatat sebagai anggota Polri aktif di daerah itu.
            Kepala OPD yang membiarkan stafnya berkampanye akan ditegur, kata Sekda.
            "Pengawas kami berjaga sampai subuh," ujarnya.
            Logistik untuk pemilihan gubernur dan bupati sudah tiba.
            """)
        let roles = document.spans(.ROLE)
        XCTAssertFalse(roles.contains { $0.lowercased().hasPrefix("anggota") }, "\(document.entityList)")
        XCTAssertFalse(roles.contains { $0.hasPrefix("Kepala") || $0 == "Pengawas" }, "\(document.entityList)")
        XCTAssertFalse(roles.contains("bupati"), "\(document.entityList)")
    }

    func testADivisionsListOfPortfoliosAndAnAmbiguousPlaceAfterAnOfficesAcronym() throws {
        let document = try Annotated.document(
            """
            Koordinator Divisi Pencegahan, Partisipasi Masyarakat dan Hubungan Masyarakat Bawaslu Sulut, Meiske Rondonuwu, memimpin apel.
            Sekretaris Daerah (Sekda) Bone Bolango menutup rapat.
            """)
        let roles = document.spans(.ROLE)
        XCTAssertTrue(
            roles.contains(
                "Koordinator Divisi Pencegahan, Partisipasi Masyarakat dan Hubungan Masyarakat Bawaslu Sulut"),
            "\(document.entityList)")
        document.assertHas(.ROLE, ["Sekretaris Daerah (Sekda) Bone Bolango"])
        XCTAssertTrue(document.spans(.PERSON).contains("Meiske Rondonuwu"), "\(document.entityList)")
    }
}
