import XCTest

@testable import Warta

/// tokenize: ICU words with their kinds, Indonesian hyphenation, and sentences that do not end at
/// abbreviations from the list files.
final class TokenizeTests: XCTestCase {

    /// A tokenize stage reading the abbreviation, degree and honorific lists of pipelines/lists/.
    static func listStage() throws -> TokenizeStage {
        try TokenizeStage(
            options: StageOptions(
                stage: "tokenize",
                yaml: "abbreviations: [lists/abbreviations.txt, lists/degrees.txt, lists/honorifics.txt]",
                baseDirectory: Repo.pipelines))
    }

    func tokenized(_ text: String, _ stage: TokenizeStage? = nil) throws -> Document {
        var doc = try normalized(text)
        try (stage ?? DefaultPipeline.tokenize()).process(&doc)
        return doc
    }

    func tokens(_ doc: Document) -> [(String, Token.Kind)] { doc.tokens.map { (doc.substring($0.range), $0.kind) } }
    func sentences(_ doc: Document) -> [String] { doc.sentences.map { doc.substring($0) } }

    // MARK: Words

    func testWordNumberAndPunctuationKinds() throws {
        let doc = try tokenized("\"Untuk itu kami menggelar sosialisasi pada Pemilu 2024 ini,\" katanya.")
        let t = tokens(doc)
        XCTAssertEqual(
            t.map(\.0),
            [
                "\"", "Untuk", "itu", "kami", "menggelar", "sosialisasi", "pada", "Pemilu", "2024",
                "ini", ",", "\"", "katanya", "."
            ])
        XCTAssertEqual(
            t.map(\.1),
            [
                .punct, .word, .word, .word, .word, .word, .word, .word, .number,
                .word, .punct, .punct, .word, .punct
            ])
    }

    func testHyphenatedWordsAreOneToken() throws {
        let doc = try tokenized(
            "mengenai pelanggaran-pelanggaran pada Pemilu, HUT Korpri ke-52 dan 1.100 Pelajar se-Jaksel.")
        let t = tokens(doc)
        XCTAssertTrue(t.contains { $0.0 == "pelanggaran-pelanggaran" && $0.1 == .word })
        XCTAssertTrue(t.contains { $0.0 == "ke-52" && $0.1 == .word })
        XCTAssertTrue(t.contains { $0.0 == "se-Jaksel" && $0.1 == .word })
        XCTAssertTrue(t.contains { $0.0 == "1.100" && $0.1 == .number })
        XCTAssertFalse(t.contains { $0.0 == "-" })

        let apart = try tokenized("pelanggaran-pelanggaran ke-52", TokenizeStage(abbreviations: [], joinHyphens: false))
        XCTAssertEqual(tokens(apart).map(\.0), ["pelanggaran", "-", "pelanggaran", "ke", "-", "52"])
    }

    func testADatelineInCapitalsIsNotJoinedToTheFirstWord() throws {
        let doc = try tokenized(
            "MATARAM-Harga beras naik. JAYAPURA - Warga antre. COVID-19, PDI-Perjuangan, KPU-Bawaslu, se-Jaksel.")
        let t = tokens(doc).map(\.0)
        XCTAssertEqual(Array(t.prefix(3)), ["MATARAM", "-", "Harga"])
        let outlet = tokens(try tokenized("CIBINONG-RADAR BOGOR, rapat digelar. JawaPos.com-Kebakaran meluas.")).map(
            \.0)
        XCTAssertEqual(Array(outlet.prefix(3)), ["CIBINONG", "-", "RADAR"])
        XCTAssertTrue(outlet.contains("Kebakaran"), "\(outlet)")
        let pair = tokens(
            try tokenized(
                "Pasangan Rizal Marsaoly-Syamsia Duwila unggul di PON XXI Aceh-Sumut, kata Perserikatan Bangsa-Bangsa.")
        ).map(\.0)
        for word in ["Marsaoly", "Syamsia", "Aceh", "Sumut", "Bangsa-Bangsa"] {
            XCTAssertTrue(pair.contains(word), "\(word): \(pair)")
        }
        for word in ["COVID-19", "PDI-Perjuangan", "KPU-Bawaslu", "se-Jaksel"] { XCTAssertTrue(t.contains(word), word) }
    }

    func testDatesWithSlashesAreSplit() throws {
        let doc = try tokenized("Kamis (16/11/2023) dan Jumat (25/8).")
        XCTAssertEqual(
            tokens(doc).map(\.0),
            ["Kamis", "(", "16", "/", "11", "/", "2023", ")", "dan", "Jumat", "(", "25", "/", "8", ")", "."])
        XCTAssertEqual(tokens(doc).filter { $0.1 == .number }.map(\.0), ["16", "11", "2023", "25", "8"])
    }

    func testTokensCoverEveryNonSpaceCharacterOfTheSeeds() throws {
        let stage = try DefaultPipeline.tokenize()
        for seed in Repo.seeds {
            var doc = try normalized(Array(try Data(contentsOf: seed)))
            try stage.process(&doc)
            var covered = [Bool](repeating: false, count: doc.text.count)
            var previousEnd = 0
            for token in doc.tokens {
                XCTAssertGreaterThanOrEqual(token.range.start, previousEnd, "tokens overlap or go back")
                previousEnd = token.range.end
                for i in token.range.start..<token.range.end { covered[i] = true }
                let text = doc.substring(token.range)
                XCTAssertFalse(text.contains(" ") || text.contains("\n"), "token '\(text)' holds white space")
            }
            for (i, b) in doc.text.enumerated() where b != 0x20 && b != 0x0A {
                XCTAssertTrue(covered[i], "\(seed.lastPathComponent): byte \(i) is in no token")
            }
        }
    }

    // MARK: Sentences

    /// Sentences where a listed abbreviation is followed by a capitalized word of the same sentence.
    static let abbreviationCases: [(abbreviation: String, sentence: String)] = [
        ("S.Sos.", "Acara dibuka Septinus Timang, S.Sos. M.H. selaku Staf Ahli Bupati."),
        ("M.H.", "Kantor Bawaslu di Jl. M.H. Thamrin, Jakarta Pusat, dijaga ketat."),
        ("Dr.", "Materi netralitas disampaikan Dr. Haryomo Dwi Putranto dari BKN."),
        ("Kab.", "Sosialisasi digelar di Kab. Mimika, Papua Tengah, pada Senin."),
        ("No.", "Aturannya ada dalam Surat Edaran No. B/11 Tahun 2023 tentang netralitas."),
        ("A.", "Apel digelar di Jalan A. Yani, Kota Sorong.")
    ]

    func testNoSentenceBreakAfterListedAbbreviationsAndInitials() throws {
        let stage = try Self.listStage()
        let bare = TokenizeStage(abbreviations: [], initials: false)
        for (abbreviation, sentence) in Self.abbreviationCases {
            let text = sentence + " Ia menambahkan, netralitas ASN wajib dijaga."
            XCTAssertEqual(
                sentences(try tokenized(text, stage)), [sentence, "Ia menambahkan, netralitas ASN wajib dijaga."],
                "broken after \(abbreviation)")
            // Without the lists ICU alone would break there: the lists are what keeps the sentence whole.
            XCTAssertGreaterThan(
                sentences(try tokenized(text, bare)).count, 2, "ICU does not break after \(abbreviation)")
        }
    }

    func testDefaultPipelineKeepsSentencesWholeAfterKabAndNo() throws {
        let stage = try DefaultPipeline.tokenize()
        for (abbreviation, sentence) in Self.abbreviationCases where ["Kab.", "No.", "A."].contains(abbreviation) {
            XCTAssertEqual(sentences(try tokenized(sentence + " Acara selesai.", stage)), [sentence, "Acara selesai."])
        }
    }

    func testSentenceBreaksAfterANormalSentenceEnd() throws {
        let stage = try Self.listStage()
        let doc = try tokenized(
            "Menurut Derek, potensi pelanggaran sangat banyak. Dia menjelaskan sosialisasi dilakukan oleh KPU! "
                + "Apakah ASN netral? \"Dengan begitu tidak terpengaruh,\" ujarnya lagi.", stage)
        XCTAssertEqual(
            sentences(doc),
            [
                "Menurut Derek, potensi pelanggaran sangat banyak.",
                "Dia menjelaskan sosialisasi dilakukan oleh KPU!",
                "Apakah ASN netral?",
                "\"Dengan begitu tidak terpengaruh,\" ujarnya lagi."
            ])
        // Seed 003 writes two sentences on one line.
        var doc3 = try normalized(Repo.seed("003"))
        try stage.process(&doc3)
        XCTAssertTrue(
            sentences(doc3).contains(
                "RADARTV - Kedudukan seorang ASN harus bebas dari pengaruh dan intervensi semua golongan dan partai politik."
            ))
        XCTAssertTrue(
            sentences(doc3).contains(
                "Hal itu sesuai dengan Undang - Undang Republik Indonesia Nomor 20 Tahun 2023 tentang ASN."))
    }

    func testSentencesNeverSpanALineBreak() throws {
        let stage = try Self.listStage()
        // A headline without a final period is its own sentence.
        var doc3 = try normalized(Repo.seed("003"))
        try stage.process(&doc3)
        XCTAssertEqual(sentences(doc3).first, "Menghadapi Pemilu 2024, ASN Harus Profesional dan Netral")
        // Even after an abbreviation at the end of a line.
        let doc = try tokenized("Kegiatan digelar di Kab.\nMimika menjadi tuan rumah.", stage)
        XCTAssertEqual(sentences(doc), ["Kegiatan digelar di Kab.", "Mimika menjadi tuan rumah."])
        for seed in Repo.seeds {
            var d = try normalized(Array(try Data(contentsOf: seed)))
            try stage.process(&d)
            XCTAssertFalse(d.sentences.isEmpty)
            for s in d.sentences {
                XCTAssertFalse(d.text[s.start..<s.end].contains(0x0A), "\(seed.lastPathComponent): '\(d.substring(s))'")
                XCTAssertNotEqual(d.text[s.start], 0x20)
                XCTAssertNotEqual(d.text[s.end - 1], 0x20)
            }
            // Sentences tile the paragraphs: every non-space byte is in one sentence, in order.
            var covered = 0
            var previousEnd = 0
            for s in d.sentences {
                XCTAssertGreaterThanOrEqual(s.start, previousEnd)
                previousEnd = s.end
                covered += d.text[s.start..<s.end].filter { $0 != 0x20 }.count
            }
            XCTAssertEqual(covered, d.text.filter { $0 != 0x20 && $0 != 0x0A }.count, seed.lastPathComponent)
        }
    }

    func testMultiWordListEntriesUseTheirLastWord() throws {
        // honorifics.txt lists `Kombes Pol.`: the dot belongs to `Pol`.
        let stage = try Self.listStage()
        let doc = try tokenized("Pengamanan dipimpin Kombes Pol. Ade Ary di Jakarta. Acara selesai.", stage)
        XCTAssertEqual(sentences(doc), ["Pengamanan dipimpin Kombes Pol. Ade Ary di Jakarta.", "Acara selesai."])
    }

    // MARK: List and gazetteer surfaces

    /// ICU's tokens of one surface, as documents get them.
    func icuTokens(_ surface: String) -> [String] {
        let bytes = Array(surface.utf8)
        return TokenizeStage(abbreviations: []).words(bytes).map {
            String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self)
        }
    }

    /// Surfaces of ASCII letters, digits and spaces are split without ICU when the lists and gazetteers
    /// load: the tokens must be ICU's, for every surface of the pipelines' files and for made-up ones.
    func testPlainSurfacesGetICUsTokensWithoutICU() throws {
        var surfaces = [
            "Jakarta", "Kota  Bandung", " Bekasi Timur ", "G20", "2024 Jakarta", "a1b2 3c", "RT 05 RW 02", "x", " ",
            "Kec. Menteng", "Asy'ari", "pelanggaran-pelanggaran", "Musa\u{2019}ad", "Kafe\u{0301}", "Jl.Sudirman",
            "A\tB"
        ]
        let folders = ["gazetteers", "lists"].map { Repo.pipelines.appendingPathComponent($0) }
        for folder in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                for (entry, _) in try ListFile.entries(folder.appendingPathComponent(name)) {
                    surfaces.append(String(entry.split(separator: "\t", omittingEmptySubsequences: false).first ?? ""))
                }
            }
        }
        var plain = 0
        for surface in surfaces {
            if let words = RuleSetLoader.plainWords(surface) {
                plain += 1
                XCTAssertEqual(words, icuTokens(surface), surface)
            }
        }
        XCTAssertGreaterThan(plain, 10_000, "most gazetteer surfaces take the plain path")
        XCTAssertNil(RuleSetLoader.plainWords("Kec. Menteng"))
        XCTAssertNil(RuleSetLoader.plainWords("Kafe\u{0301}"))
        // The batch tokenizer, plain and ICU surfaces mixed, gives every surface its own ICU tokens.
        XCTAssertEqual(RuleSetLoader.tokenize(surfaces).map { $0 }, surfaces.map(icuTokens))
    }
}
