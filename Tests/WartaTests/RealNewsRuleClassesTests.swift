import XCTest

@testable import Warta

/// Error classes found by reading warta's output on real articles of many outlets (issue 20, third round),
/// fixed in rules and lists: how outlets cite laws (a short name before its article, the kind's acronym in
/// brackets, an issuer whose name has `dan`, joint decrees, circular numbers led by letters, a subject
/// followed by the next clause), an officer's name straight after a body's acronym, ranks, English offices,
/// Haji and Datuk markers in names, anniversaries. Every sentence is the team's own.
final class RealNewsRuleClassesTests: XCTestCase {

    func testALawsShortNameEndsBeforeTheArticleCitedAfterIt() throws {
        let document = try Annotated.document(
            "Penyidik menjerat pemilik akun itu dengan UU ITE Pasal 28 ayat 2, kata Kapolres.")
        XCTAssertEqual(document.spans(.LAW), ["UU ITE"], "\(document.entityList)")
    }

    func testAShortNameWithTheKindsAcronymOrAJoiner() throws {
        let document = try Annotated.document(
            """
            Polisi menyiapkan Pasal 27 Undang-Undang (UU) ITE untuk pelaku.
            Ia diduga melanggar Undang-undang Informasi dan Transaksi Elektronik sejak Januari.
            Komisi itu memprioritaskan revisi UU Aparatur Sipil Negara tahun ini.
            """)
        let laws = document.spans(.LAW)
        document.assertHas(
            .LAW,
            [
                "Undang-Undang (UU) ITE", "Undang-undang Informasi dan Transaksi Elektronik", "UU Aparatur Sipil Negara"
            ])
        XCTAssertEqual(laws.count, 3, "\(document.entityList)")
    }

    func testARegulationInLieuOfALawByItsShortName() throws {
        let document = try Annotated.document("Pemerintah menerbitkan Perppu Cipta Kerja pada akhir tahun.")
        XCTAssertEqual(document.spans(.LAW), ["Perppu Cipta Kerja"], "\(document.entityList)")
    }

    func testAnniversariesOfTheRepublicAndNoCeremonyWrapper() throws {
        let document = try Annotated.document(
            """
            Warga menyambut HUT ke-80 RI di lapangan desa.
            Perayaan Hari Ulang Tahun Republik Indonesia (HUT RI) ke-80 berlangsung meriah.
            Upacara HUT RI ke-80 digelar Minggu pagi.
            """)
        let events = document.spans(.EVENT)
        document.assertHas(
            .EVENT, ["HUT ke-80 RI", "Hari Ulang Tahun Republik Indonesia (HUT RI) ke-80", "HUT RI ke-80"])
        XCTAssertFalse(events.contains { $0.hasPrefix("Upacara") }, "\(document.entityList)")
    }

    func testACommaAfterTheSubjectStartsTheNextClauseButAListGoesOn() throws {
        let document = try Annotated.document(
            """
            Menurut Undang-Undang Nomor 10 Tahun 2016 tentang Pilkada, Bawaslu berwenang menindak pelanggaran.
            Jadwal itu diatur UU Nomor 1 Tahun 2015 tentang Pemilihan Gubernur, Bupati, dan Wali Kota sejak lama.
            """)
        let laws = document.spans(.LAW)
        XCTAssertTrue(
            laws.contains("Undang-Undang Nomor 10 Tahun 2016 tentang Pilkada"), "\(document.entityList)")
        XCTAssertTrue(
            laws.contains("UU Nomor 1 Tahun 2015 tentang Pemilihan Gubernur, Bupati, dan Wali Kota"),
            "\(document.entityList)")
        XCTAssertTrue(document.spans(.ORG).contains("Bawaslu"), "\(document.entityList)")
    }

    func testACircularByAnIssuerWithDanAndANumberLedByLetters() throws {
        let document = try Annotated.document(
            """
            Camat menerima Surat Edaran Nomor SE-450/112/BKPSDM/2024 dari bupati pekan lalu.
            Edaran itu merujuk Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor B/14/M.SM.00.00/2024 yang terbit Maret.
            """)
        let laws = document.spans(.LAW)
        document.assertHas(.LAW, ["Surat Edaran Nomor SE-450/112/BKPSDM/2024"])
        XCTAssertTrue(
            laws.contains(
                "Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor B/14/M.SM.00.00/2024"),
            "\(document.entityList)")
        XCTAssertFalse(
            document.spans(.ROLE).contains { $0.hasPrefix("Menteri") }, "nothing inside a LAW: \(document.entityList)")
    }

    func testAJointDecreeOfSeveralMinistersIsOneLaw() throws {
        let decree =
            "Surat Keputusan Bersama Menteri Agama, Menteri Ketenagakerjaan, dan Menteri Dalam Negeri Nomor 12 Tahun 2025, Nomor 3 Tahun 2025, Nomor 7 Tahun 2025 tentang Hari Libur Daerah"
        let document = try Annotated.document("Jadwal itu mengikuti \(decree) yang diumumkan Senin.")
        XCTAssertEqual(document.spans(.LAW), [decree], "\(document.entityList)")
    }

    func testTentangWithoutASubjectIsNoPartOfTheLaw() throws {
        let document = try Annotated.document(
            "Aturan itu tertuang dalam Perbawaslu No. 8 Tahun 2020 tentang perubahan atas Perbawaslu No. 2 Tahun 2019.")
        let laws = document.spans(.LAW)
        // (fourth round: an amending act is one LAW with the act it names, as dev2's gold reads it)
        XCTAssertEqual(
            laws, ["Perbawaslu No. 8 Tahun 2020 tentang perubahan atas Perbawaslu No. 2 Tahun 2019"],
            "\(document.entityList)")
        XCTAssertFalse(laws.contains { $0.hasSuffix("tentang") || $0.hasSuffix("atas") }, "\(document.entityList)")
    }

    func testAnOfficersNameAfterABodysAcronymIsAPerson() throws {
        let document = try Annotated.document(
            """
            Rapat itu dihadiri Ketua KPU Budi Hartono dan Ketua Bawaslu Rina Marlina di ruang kerja bupati.
            Sekjen Kemenag Ahmad Fauzi hadir mewakili menteri.
            """)
        let roles = document.spans(.ROLE), persons = document.spans(.PERSON), orgs = document.spans(.ORG)
        for role in ["Ketua KPU", "Ketua Bawaslu", "Sekjen Kemenag"] {
            XCTAssertTrue(roles.contains(role), "\(role): \(document.entityList)")
        }
        for person in ["Budi Hartono", "Rina Marlina", "Ahmad Fauzi"] {
            XCTAssertTrue(persons.contains(person), "\(person): \(document.entityList)")
        }
        XCTAssertFalse(
            orgs.contains { $0.contains("Budi") || $0.contains("Rina") || $0.contains("Ahmad") },
            "\(document.entityList)")
    }

    func testARankBeforeANameIsNoOfficeButTheOfficeOfABodyIs() throws {
        let document = try Annotated.document(
            """
            Kepala Bidang Humas Polda Bali Komisaris Besar Made Santika membenarkan penangkapan itu.
            Sementara itu, Inspektur Jenderal Suparman Hadi meninjau lokasi.
            Laporan itu diperiksa Inspektur Jenderal Kementerian Agama pekan ini.
            """)
        let roles = document.spans(.ROLE)
        XCTAssertFalse(roles.contains("Komisaris"), "\(document.entityList)")
        XCTAssertFalse(roles.contains("Inspektur Jenderal"), "\(document.entityList)")
        document.assertHas(.ROLE, ["Inspektur Jenderal Kementerian Agama", "Kepala Bidang Humas Polda Bali"])
    }

    func testTheOfficesAnElectionFillsAreNoRole() throws {
        let document = try Annotated.document(
            "Rapat koordinasi Pemilihan Kepala Daerah (Pilkada) serentak itu digelar di aula kantor camat.")
        XCTAssertFalse(document.spans(.ROLE).contains { $0.hasPrefix("Kepala Daerah") }, "\(document.entityList)")
    }

    func testHajiAndDatukMarkersInsideAndBeforeNames() throws {
        let document = try Annotated.document(
            """
            Kepala dinas Darmin Hi. Ahmad hadir bersama Camat Bacan Hi. Umar Salim.
            Gubernur Sumatera Barat Hendra Saputra Dt. Rajo Sati membuka acara itu.
            """)
        let persons = document.spans(.PERSON)
        document.assertHas(.PERSON, ["Darmin Hi. Ahmad", "Umar Salim", "Hendra Saputra Dt. Rajo Sati"])
        XCTAssertFalse(persons.contains { $0.hasSuffix("Hi") || $0.hasSuffix("Dt") }, "\(document.entityList)")
    }

    func testEnglishOfficesWithOfOrAfterThePlace() throws {
        let document = try Annotated.document(
            """
            The Regent of Mimika said the road would open next month.
            He met the Minister of Home Affairs and the Chairman of the General Elections Commission on Monday.
            "We are ready," North Luwu Regent Andi Rahman said, while Governor Maria Wonda stayed in Jayapura.
            """)
        let roles = document.spans(.ROLE), persons = document.spans(.PERSON)
        for role in [
            "Regent of Mimika", "Minister of Home Affairs", "Chairman of the General Elections Commission",
            "North Luwu Regent", "Governor"
        ] {
            XCTAssertTrue(roles.contains(role), "\(role): \(document.entityList)")
        }
        document.assertHas(.PERSON, ["Andi Rahman", "Maria Wonda"])
        XCTAssertFalse(
            persons.contains { $0.hasPrefix("Governor") || $0.hasPrefix("Regent") }, "\(document.entityList)")
    }

    func testARolePrefixAfterAnHonorificIsNoName() throws {
        let document = try Annotated.document(
            "Acara itu dihadiri Ibu Pj. Ketua TP PKK Kabupaten Sleman Ny. Ratna Dewi.")
        XCTAssertFalse(document.spans(.PERSON).contains("Pj"), "\(document.entityList)")
        XCTAssertTrue(document.spans(.PERSON).contains("Ratna Dewi"), "\(document.entityList)")
    }

    func testAMiddleInitialWithItsDotAfterAnOffice() throws {
        let document = try Annotated.document("Rapat dipimpin Ketua DPRD Kalteng Arlan S. Dohuk hingga malam.")
        XCTAssertTrue(document.spans(.PERSON).contains("Arlan S. Dohuk"), "\(document.entityList)")
    }

    func testANumericDateAfterACommaStartsAtItsNumber() throws {
        let document = try Annotated.document("Rapat itu digelar Selasa malam, 19/8/2025, di gedung dewan.")
        XCTAssertTrue(document.spans(.DATE).contains("19/8/2025"), "\(document.entityList)")
        XCTAssertFalse(document.spans(.DATE).contains { $0.hasPrefix(",") }, "\(document.entityList)")
    }

    func testARegionalSecretariatsPlaceAndTheHolderAfterIt() throws {
        let document = try Annotated.document("Acara itu dibuka Asisten I Setdakab Batu Bara Rudi Hartawan pagi tadi.")
        XCTAssertTrue(document.spans(.ORG).contains("Setdakab Batu Bara"), "\(document.entityList)")
        XCTAssertTrue(document.spans(.PERSON).contains("Rudi Hartawan"), "\(document.entityList)")
    }

    func testAPortfolioListClosesWithDanAndANameAfterACommaIsTheHolders() throws {
        let document = try Annotated.document(
            """
            Rapat dibuka Asisten Setdakab Tanah Bumbu Bidang Pemerintahan dan Kesejahteraan Rakyat, Yuli Astuti.
            Ia didampingi Staf Ahli Bupati bidang Hukum, Politik dan Pemerintahan.
            Sambutan dibacakan Asisten Setdakab Tanah Bumbu Bidang Perekonomian, Eka Sutrisna.
            """)
        let roles = document.spans(.ROLE)
        document.assertHas(.ROLE, ["Asisten Setdakab Tanah Bumbu Bidang Perekonomian"])
        XCTAssertTrue(document.spans(.PERSON).contains("Eka Sutrisna"), "\(document.entityList)")
        XCTAssertTrue(
            roles.contains("Asisten Setdakab Tanah Bumbu Bidang Pemerintahan dan Kesejahteraan Rakyat"),
            "\(document.entityList)")
        XCTAssertTrue(
            roles.contains("Staf Ahli Bupati bidang Hukum, Politik dan Pemerintahan"), "\(document.entityList)")
        XCTAssertTrue(document.spans(.PERSON).contains("Yuli Astuti"), "\(document.entityList)")
    }

    func testARankIsNoWordOfABodysNameAndPanOfTheMinistryIsNoParty() throws {
        let document = try Annotated.document(
            """
            Kepala Biro Penerangan Masyarakat Divisi Humas Polri Brigjen Arif Santosa menjelaskan hal itu.
            Edaran itu diteken Menteri PAN RB pekan lalu.
            """)
        XCTAssertTrue(
            document.spans(.ROLE).contains("Kepala Biro Penerangan Masyarakat Divisi Humas Polri"),
            "\(document.entityList)")
        XCTAssertFalse(document.spans(.ORG).contains { $0.hasSuffix("Brigjen") }, "\(document.entityList)")
        XCTAssertFalse(document.spans(.ORG).contains("PAN"), "\(document.entityList)")
    }

    func testAPostsWordAnActingOfficesWordAndJunctoAreNoNames() throws {
        let document = try Annotated.document(
            """
            Regu itu dikirim Koordinator Basarnas Pos SAR Banyumas ke lokasi.
            Hal itu disampaikan Kepala Pelaksana Harian BPBD Banyumas Rudi Santoso.
            Penyidik menerapkan Pasal 2 ayat (1) Jo. Pasal 18 UU Tipikor.
            """)
        let orgs = document.spans(.ORG)
        XCTAssertFalse(orgs.contains("Basarnas Pos"), "\(document.entityList)")
        XCTAssertFalse(orgs.contains { $0.hasPrefix("Harian") }, "\(document.entityList)")
        XCTAssertFalse(document.spans(.PERSON).contains("Jo"), "\(document.entityList)")
    }

    func testALowerCaseSubjectEndsBeforeTheClauseAfterIt() throws {
        let document = try Annotated.document(
            """
            Jaksa menerapkan UU No 31 tahun 1999 tentang pemberantasan korupsi sebagaimana telah diubah pada 2001.
            Penyidik juga memakai UU No 8 tahun 1981 tentang hukum acara pidana untuk menjerat pelaku.
            """)
        document.assertHas(
            .LAW, ["UU No 31 tahun 1999 tentang pemberantasan korupsi", "UU No 8 tahun 1981 tentang hukum acara pidana"]
        )
    }

    func testAHoldersNameAfterABodysAcronymAfterAnOffice() throws {
        let document = try Annotated.document(
            """
            Kepala Badan Pusat Statistik (BPS) Wiryanto Hadi menyebut harga beras naik.
            Harga dipantau Satuan Tugas (Satgas) Pangan setiap pekan.
            """)
        XCTAssertTrue(document.spans(.PERSON).contains("Wiryanto Hadi"), "\(document.entityList)")
        XCTAssertFalse(document.spans(.ORG).contains { $0.contains("Wiryanto") }, "\(document.entityList)")
        XCTAssertTrue(document.spans(.ORG).contains("Satuan Tugas (Satgas) Pangan"), "\(document.entityList)")
    }

    func testAnOfficesUnitAfterItsBodyIsNoName() throws {
        let document = try Annotated.document(
            "Hal itu dijelaskan Anggota KPU RI Divisi Hukum melalui keterangan tertulis.")
        XCTAssertFalse(document.spans(.PERSON).contains("Divisi Hukum"), "\(document.entityList)")
    }
}
