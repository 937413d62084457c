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

    func sentences(_ doc: Document) -> [String] { doc.sentences.map { doc.substring($0) } }

    // MARK: Words

    // Token fixtures (Support/InlineFixture.swift): every sentence `S` and every token by its kind,
    // `W` word, `N` number, `P` punctuation, `X` symbol.

    func testWordNumberAndPunctuationKinds() throws {
        try assertTokens(
            "⟦S ⟦P \"⟧⟦W Untuk⟧ ⟦W itu⟧ ⟦W kami⟧ ⟦W menggelar⟧ ⟦W sosialisasi⟧ ⟦W pada⟧ ⟦W Pemilu⟧ ⟦N 2024⟧ ⟦W ini⟧⟦P ,⟧⟦P \"⟧ ⟦W katanya⟧⟦P .⟧⟧"
        )
    }

    func testHyphenatedWordsAreOneToken() throws {
        try assertTokens(
            "⟦S ⟦W mengenai⟧ ⟦W pelanggaran-pelanggaran⟧ ⟦W pada⟧ ⟦W Pemilu⟧⟦P ,⟧ ⟦W HUT⟧ ⟦W Korpri⟧ ⟦W ke-52⟧ ⟦W dan⟧ ⟦N 1.100⟧ ⟦W Pelajar⟧ ⟦W se-Jaksel⟧⟦P .⟧⟧"
        )
        try assertTokens(
            "⟦S ⟦W pelanggaran⟧⟦P -⟧⟦W pelanggaran⟧ ⟦W ke⟧⟦P -⟧⟦N 52⟧⟧",
            stage: TokenizeStage(abbreviations: [], joinHyphens: false))
    }

    func testADatelineInCapitalsIsNotJoinedToTheFirstWord() throws {
        try assertTokens(
            "⟦S ⟦W MATARAM⟧⟦P -⟧⟦W Harga⟧ ⟦W beras⟧ ⟦W naik⟧⟦P .⟧⟧ ⟦S ⟦W JAYAPURA⟧ ⟦P -⟧ ⟦W Warga⟧ ⟦W antre⟧⟦P .⟧⟧ ⟦S ⟦W COVID-19⟧⟦P ,⟧ ⟦W PDI-Perjuangan⟧⟦P ,⟧ ⟦W KPU-Bawaslu⟧⟦P ,⟧ ⟦W se-Jaksel⟧⟦P .⟧⟧"
        )
        try assertTokens(
            "⟦S ⟦W CIBINONG⟧⟦P -⟧⟦W RADAR⟧ ⟦W BOGOR⟧⟦P ,⟧ ⟦W rapat⟧ ⟦W digelar⟧⟦P .⟧⟧ ⟦S ⟦W JawaPos.com⟧⟦P -⟧⟦W Kebakaran⟧ ⟦W meluas⟧⟦P .⟧⟧"
        )
        try assertTokens(
            "⟦S ⟦W Pasangan⟧ ⟦W Rizal⟧ ⟦W Marsaoly⟧⟦P -⟧⟦W Syamsia⟧ ⟦W Duwila⟧ ⟦W unggul⟧ ⟦W di⟧ ⟦W PON⟧ ⟦W XXI⟧ ⟦W Aceh⟧⟦P -⟧⟦W Sumut⟧⟦P ,⟧ ⟦W kata⟧ ⟦W Perserikatan⟧ ⟦W Bangsa-Bangsa⟧⟦P .⟧⟧"
        )
    }

    /// Whether a joined head holds a dot is read once over the document, not per join (a word of 160,000
    /// `Ab` joined by dashes took 9 s): the dot of an earlier part of the head counts (`…detik.com` then
    /// a dateline), a dot before the head does not; 8 times the word costs at most 14 times the CPU.
    func testAHeadsDotIsFoundOnceOverTheDocument() throws {
        try assertTokens(
            "⟦S ⟦W detik.com⟧ ⟦W kabar-Kebakaran⟧ ⟦W dan⟧ ⟦W berita-detik.com⟧⟦P -⟧⟦W Kebakaran⟧⟦P .⟧⟧")
        let stage = TokenizeStage(abbreviations: [], joinHyphens: true)
        func seconds(_ n: Int) -> Double {
            let text = Array((Array(repeating: "Ab", count: n).joined(separator: "-") + "\n").utf8)
            let start = LargeDocumentTests.threadCPUSeconds()
            XCTAssertEqual(stage.words(text).count, 1)
            return LargeDocumentTests.threadCPUSeconds() - start
        }
        let small = seconds(20_000), big = seconds(160_000)
        XCTAssertLessThan(big, max(small, 0.02) * 14, "160,000 words took \(big) s, 20,000 \(small) s")
    }

    func testDatesWithSlashesAreSplit() throws {
        try assertTokens(
            "⟦S ⟦W Kamis⟧ ⟦P (⟧⟦N 16⟧⟦P /⟧⟦N 11⟧⟦P /⟧⟦N 2023⟧⟦P )⟧ ⟦W dan⟧ ⟦W Jumat⟧ ⟦P (⟧⟦N 25⟧⟦P /⟧⟦N 8⟧⟦P )⟧⟦P .⟧⟧")
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

    /// Text tokenized before it came (the public NER sets) writes an initial's or an abbreviation's dot one space
    /// apart (`Hendra K . Saputra`, `Prof . Dr . Rina`): no sentence ends there, as with the dot glued. A spaced
    /// dot after a word that is neither still ends one.
    func testNoSentenceBreakAfterAnInitialOrAbbreviationWithItsDotSpaced() throws {
        let stage = try DefaultPipeline.tokenize()
        XCTAssertEqual(
            sentences(try tokenized("Buku itu ditulis Hendra K . Saputra pada 1990 .", stage)),
            ["Buku itu ditulis Hendra K . Saputra pada 1990 ."])
        XCTAssertEqual(
            sentences(try tokenized("Seminar dibuka Prof . Dr . Rina Maharani di aula .", stage)),
            ["Seminar dibuka Prof . Dr . Rina Maharani di aula ."])
        XCTAssertEqual(
            sentences(try tokenized("Rapat berlangsung lancar . Semua peserta pulang .", stage)),
            ["Rapat berlangsung lancar .", "Semua peserta pulang ."])
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
