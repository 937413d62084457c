import Foundation
import XCTest

@testable import Warta

/// Quote extraction and speaker attribution (issue 4, items 1 and 2) with the real pipeline, on
/// sentences of the seed articles and sentences of the same kind about other people and places.
final class QuoteTests: XCTestCase {

    /// Checks a quote: its text, speaker, the entity it points at (type and text), cue and rule.
    func assertQuote(
        _ document: Document, _ index: Int, text: String? = nil, startsWith prefix: String? = nil,
        speaker: String?, entity: (EntityType, String)? = nil, cue: String?, rule: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        guard index < document.quotes.count else {
            return XCTFail("no quote \(index); quotes: \(document.quoteTexts)", file: file, line: line)
        }
        let q = document.quotes[index]
        let quoted = document.substring(q.range)
        if let text { XCTAssertEqual(quoted, text, file: file, line: line) }
        if let prefix {
            XCTAssertTrue(quoted.hasPrefix(prefix), "quote \(index) is '\(quoted)'", file: file, line: line)
        }
        XCTAssertEqual(q.speaker, speaker, "speaker of '\(quoted.prefix(40))'", file: file, line: line)
        if let (type, surface) = entity {
            guard let e = q.speakerEntity, e < document.entities.count else {
                return XCTFail("no speaker entity for '\(quoted.prefix(40))'", file: file, line: line)
            }
            XCTAssertEqual(document.entities[e].type, type, file: file, line: line)
            XCTAssertEqual(document.substring(document.entities[e].range), surface, file: file, line: line)
            // The entity's text or norm is the speaker's name.
            XCTAssertEqual(
                document.entities[e].type == .PERSON ? (document.entities[e].norm ?? surface) : surface, speaker,
                file: file, line: line)
        } else {
            XCTAssertNil(q.speakerEntity, file: file, line: line)
        }
        XCTAssertEqual(q.cue, cue, "cue of '\(quoted.prefix(40))'", file: file, line: line)
        XCTAssertEqual(q.rule, rule, "rule of '\(quoted.prefix(40))'", file: file, line: line)
    }

    // MARK: Marks

    func testMixedMarksOpenStraightCloseCurly() throws {
        // Seed 001: opens with " and closes with ”.
        let document = try Annotated.document(
            """
            Dalam laporan panitia yang disampaikan oleh Erius Kogoya disebutkan, maksud kegiatan adalah langkah strategis.
            Ia melanjutkan, "Kita wajib mendukung suksesnya pesta demokrasi dengan memberikan suara, namun pada saat bersamaan tetap menjaga netralitas.”
            """)
        XCTAssertEqual(document.quotes.count, 1)
        assertQuote(
            document, 0,
            text:
                "Kita wajib mendukung suksesnya pesta demokrasi dengan memberikan suara, namun pada saat bersamaan tetap menjaga netralitas.",
            speaker: "Erius Kogoya", entity: (.PERSON, "Erius Kogoya"), cue: "melanjutkan",
            rule: "quote.before.pronoun-verb")

        // Seed 004: opens with “ (normalized to ") and closes with ".
        let other = try Annotated.document(
            """
            Ketua KPU DKI Jakarta, Wahyu Dinata mengajak aparatur bersikap netral.
            “Pelayanan publik tidak boleh berhenti sehingga ASN tidak boleh berpihak saat pelaksanaan pesta demokrasi nanti," tandasnya.
            """)
        assertQuote(
            other, 0,
            text:
                "Pelayanan publik tidak boleh berhenti sehingga ASN tidak boleh berpihak saat pelaksanaan pesta demokrasi nanti,",
            speaker: "Wahyu Dinata", entity: (.PERSON, "Wahyu Dinata"), cue: "tandasnya", rule: "quote.after.verb-nya")
    }

    func testAQuoteOverSeveralSentences() throws {
        let document = try Annotated.document(
            """
            Sekretaris Daerah (Sekda) DKI Jakarta, Joko Agus Setyono mengatakan, sosialisasi ini sangat penting.
            "Ketiga, tidak menggunakan fasilitas yang dimiliki oleh Pemprov DKI Jakarta untuk kepentingan para politisi. Serta, tidak terlibat praktik politik praktis dalam bentuk apapun, termasuk memberikan tanggapan melalui media sosial," paparnya.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        assertQuote(
            document, 0, startsWith: "Ketiga, tidak menggunakan fasilitas", speaker: "Joko Agus Setyono",
            entity: (.PERSON, "Joko Agus Setyono"), cue: "paparnya", rule: "quote.after.verb-nya")
        XCTAssertTrue(document.quoteTexts[0].hasSuffix("melalui media sosial,"))
    }

    func testAQuoteContinuedInTheNextParagraph() throws {
        // The first paragraph opens a quote and never closes it; the next one opens again: one statement.
        let document = try Annotated.document(
            """
            Bupati Mimika Johannes Rettob membuka rapat koordinasi pengamanan pemilu di Timika.
            "Kita wajib mendukung suksesnya pesta demokrasi dengan memberikan suara.
            "Namun pada saat bersamaan seluruh aparatur tetap menjaga netralitas sebagai abdi negara," ujar Johannes.
            """)
        XCTAssertEqual(document.quotes.count, 2)
        assertQuote(
            document, 0, text: "Kita wajib mendukung suksesnya pesta demokrasi dengan memberikan suara.",
            speaker: "Johannes Rettob", entity: (.PERSON, "Johannes"), cue: "ujar", rule: "quote.continued")
        assertQuote(
            document, 1, startsWith: "Namun pada saat bersamaan", speaker: "Johannes Rettob",
            entity: (.PERSON, "Johannes"), cue: "ujar", rule: "quote.after.verb-name")
    }

    func testAMissingClosingMarkEndsAtTheParagraph() throws {
        let document = try Annotated.document(
            """
            Wakil Ketua DPRD Mimika Aleks Tsenawatme menegaskan: "Sekolah tidak boleh dijadikan tempat kampanye oleh peserta pemilu
            Acara ditutup dengan penandatanganan pakta integritas oleh seluruh kepala sekolah.
            Rapat berikutnya digelar di Timika.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        assertQuote(
            document, 0, text: "Sekolah tidak boleh dijadikan tempat kampanye oleh peserta pemilu",
            speaker: "Aleks Tsenawatme", entity: (.PERSON, "Aleks Tsenawatme"), cue: "menegaskan",
            rule: "quote.before.name-verb")
    }

    func testApostrophesInNamesAreNotQuoteMarks() throws {
        // Seed 002: `Musa’ad` in a paragraph without quotes.
        let seed = try Annotated.document(
            """
            Pj Sekda Jhony Way mewakili PJ Gubernur Muhammad Musa’ad saat membuka kegiatan mengatakan bahwa sosialisasi ini membahas dua hal yaitu netralitas ASN dan implementasi NSPK.
            """)
        XCTAssertEqual(seed.quotes, [])
        // Straight apostrophes in names and words, and a real single-quoted quote in the same kind of text.
        let other = try Annotated.document(
            """
            Pj Gubernur Muhammad Musa'ad hadir pada hari Jum'at bersama rombongan dari Sorong.
            Ma'ruf Amin berkata, 'Kita harus menjaga persatuan bangsa ini sampai akhir.'
            """)
        XCTAssertEqual(other.quoteTexts, ["Kita harus menjaga persatuan bangsa ini sampai akhir."])
        assertQuote(
            other, 0, speaker: "Ma'ruf Amin", entity: (.PERSON, "Ma'ruf Amin"), cue: "berkata",
            rule: "quote.before.name-verb")
        XCTAssertEqual(other.reportedSpeech, [], "a single-quoted quote is direct speech, not reported speech")
        let curly = try Annotated.document(
            """
            "Kita tidak boleh lengah menghadapi berita bohong," kata Musa’ad di Sorong.
            """)
        XCTAssertEqual(curly.quoteTexts, ["Kita tidak boleh lengah menghadapi berita bohong,"])
    }

    func testScareQuotesAreSkippedButShortSpeechIsKept() throws {
        let document = try Annotated.document(
            """
            Bupati Mimika Johannes Rettob membuka kegiatan bertajuk "Pemilu Damai" di Timika.
            Tema tahun ini adalah "Bersatu Menjaga Netralitas" sesuai arahan pusat.
            Warga diminta tidak golput. "Datang ke TPS," katanya.
            """)
        XCTAssertEqual(document.quoteTexts, ["Datang ke TPS,"])
        assertQuote(
            document, 0, speaker: "Johannes Rettob", entity: (.PERSON, "Johannes Rettob"), cue: "katanya",
            rule: "quote.after.verb-nya")
    }

    // MARK: Speakers

    func testNyaVerbsGoToTheLastNamedSpeaker() throws {
        for verb in [
            "katanya", "ujarnya", "tegasnya", "ungkapnya", "jelasnya", "pungkasnya", "tandasnya", "paparnya",
            "tekannya", "imbuhnya", "tambahnya", "sebutnya", "tuturnya"
        ] {
            let document = try Annotated.document(
                """
                Ketua Bawaslu Mimika Jeffri Akamilo membuka apel siaga pengawasan di Timika.
                "Pengawas di tingkat distrik harus aktif melapor setiap hari kepada kami," \(verb).
                """)
            assertQuote(
                document, 0, speaker: "Jeffri Akamilo", entity: (.PERSON, "Jeffri Akamilo"), cue: verb,
                rule: "quote.after.verb-nya")
        }
    }

    func testSeedQuotesAfterSpeechVerbs() throws {
        // Seed 000: `katanya` and `ujarnya` after a paragraph naming the speaker.
        let document = try Annotated.document(
            """
            Pelaksana Tugas Sekretaris Daerah (Sekda) Provinsi Papua Derek Hegemur di Jayapura, Senin, mengatakan dalam rangka mewujudkan ASN yang memiliki integritas maka perlu dilakukan sosialisasi bersama.
            "Untuk itu kami menggelar sosialisasi netralitas agar seluruh ASN dan calon ASN bisa lebih mengerti," katanya usai melakukan apel gabungan di Istora Papua Bangkit, Kabupaten Jayapura.
            Menurut Derek, dalam penyelenggaraan pemilu dan pilkada ada banyak sekali potensi pelanggaran.
            "Dengan begitu tidak terpengaruh dengan kegiatan-kegiatan politik yang ada," ujarnya lagi.
            "Netralitas ASN merupakan hal yang perlu terus dijaga dan diawasi agar berjalan secara jujur dan adil," ujar Fahrizal.
            """)
        XCTAssertEqual(document.quotes.count, 3)
        assertQuote(
            document, 0, speaker: "Derek Hegemur", entity: (.PERSON, "Derek Hegemur"), cue: "katanya",
            rule: "quote.after.verb-nya")
        assertQuote(
            document, 1, speaker: "Derek Hegemur", entity: (.PERSON, "Derek"), cue: "ujarnya",
            rule: "quote.after.verb-nya")
        // `ujar Erius` / `ujar Fahrizal`: verb + name, the name is the speaker even when no full name is known.
        assertQuote(
            document, 2, speaker: "Fahrizal", entity: (.PERSON, "Fahrizal"), cue: "ujar", rule: "quote.after.verb-name")
    }

    func testVerbAndName() throws {
        let document = try Annotated.document(
            """
            Ketua Bawaslu Kota Sorong Yohanes Wambrauw memimpin apel siaga di lapangan.
            "Pengawas di tingkat kelurahan harus aktif melapor setiap hari," kata Yohanes.
            "Juga bagian dari fasilitasi kelembagaan pemerintah dan perwakilan partai politik," ujar Erius.
            "Aparatur dipandang memiliki jejaring banyak dan tingkat loyalitas tinggi," beber Yohanes Wambrauw.
            "Kami mengajak seluruh pegawai menjaga netralitas sampai pelantikan," ucap Yohanes.
            "Lapor jika menemukan pelanggaran di lapangan," tutur Yohanes.
            """)
        XCTAssertEqual(document.quotes.count, 5)
        assertQuote(
            document, 0, speaker: "Yohanes Wambrauw", entity: (.PERSON, "Yohanes"), cue: "kata",
            rule: "quote.after.verb-name")
        assertQuote(
            document, 1, speaker: "Erius", entity: (.PERSON, "Erius"), cue: "ujar", rule: "quote.after.verb-name")
        assertQuote(
            document, 2, speaker: "Yohanes Wambrauw", entity: (.PERSON, "Yohanes Wambrauw"), cue: "beber",
            rule: "quote.after.verb-name")
        assertQuote(
            document, 3, speaker: "Yohanes Wambrauw", entity: (.PERSON, "Yohanes"), cue: "ucap",
            rule: "quote.after.verb-name")
        assertQuote(
            document, 4, speaker: "Yohanes Wambrauw", entity: (.PERSON, "Yohanes"), cue: "tutur",
            rule: "quote.after.verb-name")
    }

    func testNyaFollowsTheMostRecentSpeaker() throws {
        let document = try Annotated.document(
            """
            Sekretaris Daerah Provinsi Lampung Fahrizal Darminto mengatakan seminar ini penting bagi ASN.
            "Netralitas ASN merupakan hal yang perlu terus dijaga dan diawasi," katanya.
            Hal senada disampaikan kepala BKD Provinsi Lampung Meiry Harika Sari, dirinya menjelaskan bahwa seminar ini dimaksudkan untuk membangun sinergitas.
            "Selanjutnya melalui seminar ini ditujukan untuk mengantisipasi pelanggaran asas netralitas," sebut Meiry.
            "Kami akan melanjutkan pembinaan di setiap perangkat daerah," ujarnya.
            """)
        XCTAssertEqual(document.quotes.count, 3)
        assertQuote(
            document, 0, speaker: "Fahrizal Darminto", entity: (.PERSON, "Fahrizal Darminto"), cue: "katanya",
            rule: "quote.after.verb-nya")
        assertQuote(
            document, 1, speaker: "Meiry Harika Sari", entity: (.PERSON, "Meiry"), cue: "sebut",
            rule: "quote.after.verb-name")
        assertQuote(
            document, 2, speaker: "Meiry Harika Sari", entity: (.PERSON, "Meiry"), cue: "ujarnya",
            rule: "quote.after.verb-nya")
    }

    func testVerbAndPronoun() throws {
        let document = try Annotated.document(
            """
            Ketua Bawaslu Kota Sorong Yohanes Wambrauw memimpin apel siaga di lapangan.
            "Kami tidak akan ragu menindak siapa pun yang melanggar aturan kampanye," jelas dia.
            """)
        assertQuote(
            document, 0, speaker: "Yohanes Wambrauw", entity: (.PERSON, "Yohanes Wambrauw"), cue: "jelas dia",
            rule: "quote.after.verb-pronoun")
    }

    func testNameAndVerbBeforeTheQuote() throws {
        let document = try Annotated.document(
            """
            Pj Gubernur Muhammad Musa’ad mengatakan, "Kita wajib mendukung suksesnya pesta demokrasi dengan memberikan suara."
            Wakil Ketua DPRD Mimika Aleks Tsenawatme menegaskan: "Anggaran pengamanan pemilu sudah kami setujui dalam sidang paripurna."
            Kapolres Mimika AKBP I Komang Budiartha mengatakan, "Personel gabungan akan disiagakan di seluruh distrik."
            """)
        XCTAssertEqual(document.quotes.count, 3)
        assertQuote(
            document, 0, speaker: "Muhammad Musa’ad", entity: (.PERSON, "Muhammad Musa’ad"), cue: "mengatakan",
            rule: "quote.before.name-verb")
        assertQuote(
            document, 1, speaker: "Aleks Tsenawatme", entity: (.PERSON, "Aleks Tsenawatme"), cue: "menegaskan",
            rule: "quote.before.name-verb")
        // The fullest form of the name keeps the Balinese birth-order name `I` (ANNOTATION.md; the news gold's `I Nyoman ...`).
        assertQuote(
            document, 2, speaker: "I Komang Budiartha", entity: (.PERSON, "Komang Budiartha"), cue: "mengatakan",
            rule: "quote.before.name-verb")
    }

    func testMenurutAndPronounsBeforeTheQuote() throws {
        let document = try Annotated.document(
            """
            Ketua Bawaslu Kota Sorong Yohanes Wambrauw memimpin apel siaga di lapangan.
            Menurut Yohanes, "Partisipasi masyarakat sangat dibutuhkan dalam pengawasan partisipatif."
            Ia menambahkan, "Laporan dapat disampaikan melalui posko pengaduan di setiap distrik."
            Dia menjelaskan, "Setiap laporan akan kami tindak lanjuti paling lambat tiga hari."
            """)
        XCTAssertEqual(document.quotes.count, 3)
        assertQuote(
            document, 0, speaker: "Yohanes Wambrauw", entity: (.PERSON, "Yohanes"), cue: "Menurut",
            rule: "quote.before.menurut")
        // The cue on the next line introduces the next quote; it does not attribute this one.
        assertQuote(
            document, 1, speaker: "Yohanes Wambrauw", entity: (.PERSON, "Yohanes"), cue: "menambahkan",
            rule: "quote.before.pronoun-verb")
        assertQuote(
            document, 2, speaker: "Yohanes Wambrauw", entity: (.PERSON, "Yohanes"), cue: "menjelaskan",
            rule: "quote.before.pronoun-verb")
    }

    func testRoleOrOrganisationSpeaksWhenNoPersonIsNamed() throws {
        let document = try Annotated.document(
            """
            Kepala Dinas Kesehatan mengatakan, "Seluruh puskesmas siap melayani petugas yang sakit selama tahapan pemilu."
            Pemerintah Provinsi Papua mengimbau, "Seluruh ASN dilarang memasang atribut partai di kantor pemerintahan."
            """)
        assertQuote(
            document, 0, speaker: "Kepala Dinas Kesehatan", entity: (.ROLE, "Kepala Dinas Kesehatan"),
            cue: "mengatakan", rule: "quote.before.name-verb")
        assertQuote(
            document, 1, speaker: "Pemerintah Provinsi Papua", entity: (.ORG, "Pemerintah Provinsi Papua"),
            cue: "mengimbau", rule: "quote.before.name-verb")
    }

    func testARoleThatIntroducesAPersonGivesThePerson() throws {
        // Seed 002: `Plt Kepala BKN Haryomo Dwi Putranto menjelaskan ...` then `-nya` quotes.
        let document = try Annotated.document(
            """
            Plt Kepala BKN Haryomo Dwi Putranto menjelaskan bahwa tahun politik membawa tantangan besar bagi ASN untuk menjaga netralitas.
            “Maka melalui sosialisasi ini diharapkan bisa berdampak dan menyadarkan para ASN akan pentingnya netralitas,” tekannya.
            """)
        assertQuote(
            document, 0, speaker: "Haryomo Dwi Putranto", entity: (.PERSON, "Haryomo Dwi Putranto"), cue: "tekannya",
            rule: "quote.after.verb-nya")
    }

    func testNobodySpeaks() throws {
        let document = try Annotated.document(
            """
            "Semua pihak diminta menahan diri dan menjaga situasi tetap kondusif," demikian bunyi imbauan tersebut.
            """)
        XCTAssertEqual(document.quotes.count, 1)
        assertQuote(document, 0, speaker: nil, entity: nil, cue: nil, rule: "quote.unattributed")
    }

    // MARK: Reported speech

    func testMenurutWithoutMarksIsReportedSpeech() throws {
        // Indirect speech is no quote: the only statement is the reported one.
        let document = try assertQuotes(
            """
            Pelaksana Tugas Sekretaris Daerah (Sekda) Provinsi Papua Derek Hegemur membuka apel gabungan di Jayapura.
            Menurut Derek, ⟦REPORTED{Derek Hegemur} dalam penyelenggaraan pemilu dan pilkada ada banyak sekali potensi pelanggaran yang bisa saja terjadi.⟧
            """)
        let reported = try XCTUnwrap(document.reportedSpeech.first)
        XCTAssertEqual(reported.cue, "Menurut")
        XCTAssertEqual(reported.rule, "reported.menurut")
        let e = try XCTUnwrap(reported.speakerEntity)
        XCTAssertEqual(document.substring(document.entities[e].range), "Derek")

        let other = try assertQuotes(
            "Ketua KPU Kota Jayapura, Theresia Mahuse mengatakan ⟦REPORTED{Theresia Mahuse} logistik pemilu sudah tiba di gudang.⟧"
        )
        let said = try XCTUnwrap(other.reportedSpeech.first)
        XCTAssertEqual(said.cue, "mengatakan")
        XCTAssertEqual(said.rule, "reported.name-verb")
    }

    // MARK: Seeds

    func testEverySeedQuoteHasASpeakerAndSeed000RepeatsOne() throws {
        let documents = try Annotated.run(
            Repo.seeds.map { url in
                (id: url.deletingPathExtension().lastPathComponent, text: try! String(contentsOf: url, encoding: .utf8))
            })
        XCTAssertEqual(documents.map { $0.quotes.count }, [5, 5, 4, 3, 4])
        for d in documents {
            for q in d.quotes { XCTAssertNotNil(q.speaker, "\(d.id): \(d.substring(q.range).prefix(50))") }
        }
        let seed000 = documents[0]
        let repeated = seed000.quotes.filter { $0.duplicateOf != nil }
        XCTAssertEqual(repeated.count, 1)
        XCTAssertEqual(repeated.first?.duplicateOf, QuoteReference(document: seed000.id, quote: 1))
        XCTAssertEqual(repeated.first?.similarity, 1)
    }
}
