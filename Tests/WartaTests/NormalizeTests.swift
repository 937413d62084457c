import XCTest

@testable import Warta

/// normalize as configured in pipelines/default.yaml, on the seeds' real cases.
final class NormalizeTests: XCTestCase {

    func seedDocument(_ prefix: String) throws -> Document {
        try normalized(Repo.seed(prefix), id: prefix)
    }

    // MARK: Characters

    func testCurlyDoubleQuotesBecomeStraight() throws {
        let doc = try seedDocument("002")
        XCTAssertFalse(doc.string.contains("\u{201C}") || doc.string.contains("\u{201D}"))
        let open = try doc.range(of: "\"Saat ini kita telah")
        XCTAssertEqual(doc.rawBytes(TextRange(open.start, open.start + 1)), Array("\u{201C}".utf8))
        let close = try doc.range(of: "aparatur Negara,\" tegasnya")
        let mark = close.start + "aparatur Negara,".utf8.count
        XCTAssertEqual(doc.rawBytes(TextRange(mark, mark + 1)), Array("\u{201D}".utf8))

        // Seed 001: a closing mark at the end of a line.
        let doc1 = try seedDocument("001")
        XCTAssertTrue(doc1.string.contains("tetap menjaga netralitas.\"\n"))
        XCTAssertTrue(doc1.string.contains("\"Asas netralisasi seorang ASN"))
    }

    func testApostropheInsideAWordIsKept() throws {
        let doc = try seedDocument("002")
        let name = try doc.range(of: "Musa\u{2019}ad")
        XCTAssertFalse(doc.string.contains("Musa'ad"))
        // Unchanged text is a byte copy of the raw input.
        XCTAssertEqual(doc.rawBytes(name), Array("Musa\u{2019}ad".utf8))
    }

    func testSingleQuotesOutsideWordsBecomeStraight() throws {
        try assertNormalized(
            "Ia menyebut \u{2018}netral\u{2019} sebagai kunci, kata Musa\u{2019}ad.",
            text: "Ia menyebut 'netral' sebagai kunci, kata Musa\u{2019}ad.")
    }

    /// The character rules above on text of our own, checked whole (the seed tests check raw offsets).
    func testMarksDashesAndSpacesOfAWholeText() throws {
        try assertNormalized(
            "Ia berkata, \u{201C}Kami siap.\u{201D} Rapat\u{00A0}digelar di Sorong \u{2013} Papua Barat Daya\u{2014}Senin.",
            text: "Ia berkata, \"Kami siap.\" Rapat digelar di Sorong - Papua Barat Daya-Senin.")
    }

    func testDashesBecomeHyphenMinus() throws {
        let doc3 = try seedDocument("003")
        let law = try doc3.range(of: "Undang - Undang Republik Indonesia Nomor 20 Tahun 2023")
        let dash = law.start + "Undang ".utf8.count
        XCTAssertEqual(doc3.rawBytes(TextRange(dash, dash + 1)), Array("\u{2013}".utf8))
        let doc2 = try seedDocument("002")
        XCTAssertTrue(doc2.string.contains("Koreri.com, Sorong - Badan Kepegawaian Negara"))
        for doc in [doc2, doc3] {
            XCTAssertFalse(doc.string.unicodeScalars.contains { (0x2010...0x2015).contains($0.value) }, doc.id)
        }
    }

    func testNoBreakSpacesBecomeOneSpace() throws {
        let doc = try seedDocument("002")
        // Raw: `Pemerintah` NBSP SPACE NBSP `bertempat`.
        let r = try doc.range(of: "Pemerintah bertempat")
        let space = r.start + "Pemerintah".utf8.count
        XCTAssertEqual(doc.rawBytes(TextRange(space, space + 1)), [0xC2, 0xA0, 0x20, 0xC2, 0xA0])
        // Raw: `dari` NBSP SPACE `Menpan`.
        let r2 = try doc.range(of: "dari Menpan")
        let space2 = r2.start + "dari".utf8.count
        XCTAssertEqual(doc.rawBytes(TextRange(space2, space2 + 1)), [0xC2, 0xA0, 0x20])
        XCTAssertFalse(doc.string.contains("\u{00A0}"))
    }

    func testRunsOfSpacesCollapseAndLinesAreTrimmed() throws {
        try assertNormalized(
            "  Pj Sekda   Jhony Way\t mewakili  PJ Gubernur.  \nMenurut Derek,\u{2003}ini penting. ",
            text: "Pj Sekda Jhony Way mewakili PJ Gubernur.\nMenurut Derek, ini penting.")
        for seed in Repo.seeds {
            let doc = try normalized(Array(try Data(contentsOf: seed)))
            XCTAssertFalse(doc.string.contains("  "), seed.lastPathComponent)
            XCTAssertFalse(doc.string.contains(" \n") || doc.string.contains("\n "), seed.lastPathComponent)
        }
    }

    func testControlAndFormatCharactersAreDroppedButNewlinesKept() throws {
        // BEL, ESC, NEL (C0/C1 controls); soft hyphen, zero-width space, BOM, LRI (format).
        let raw =
            "Derek\u{0007} Hegemur\u{001B} di Jayapura,\u{00AD} Senin\u{200B}.\u{0085}\nMenurut\u{FEFF} Derek, \u{2066}ini penting."
        let doc = try assertNormalized(raw, text: "Derek Hegemur di Jayapura, Senin.\nMenurut Derek, ini penting.")
        // Text around a dropped character still maps to its own bytes.
        let word = try doc.range(of: "Hegemur")
        XCTAssertEqual(doc.rawBytes(word), Array("Hegemur".utf8))
        let senin = try doc.range(of: "Senin")
        XCTAssertEqual(doc.rawBytes(senin), Array("Senin".utf8))
    }

    func testNFCComposesWithExactRawOffsets() throws {
        // `e` + COMBINING ACUTE ACCENT (3 raw bytes) becomes `é` (2 bytes).
        let raw = Array("Rapat di Kafe\u{0301} Jayapura.".utf8)
        let doc = try normalized(raw)
        XCTAssertEqual(doc.string, "Rapat di Kaf\u{00E9} Jayapura.")
        let e = try doc.range(of: "\u{00E9}")
        let rawE = "Rapat di Kaf".utf8.count
        XCTAssertEqual(doc.offsetMap.rawStart(e.start), rawE)
        XCTAssertEqual(doc.offsetMap.rawEnd(e.end), rawE + 3)
        // What follows is a byte copy again, shifted by one byte.
        let city = try doc.range(of: "Jayapura")
        XCTAssertEqual(doc.offsetMap.rawStart(city.start), city.start + 1)
        XCTAssertEqual(doc.rawBytes(city), Array("Jayapura".utf8))

        // `nfc: false` leaves the decomposed form.
        let plain = try NormalizeStage(options: StageOptions(stage: "normalize", yaml: "nfc: false"))
        XCTAssertEqual(try normalized(raw, stage: plain).string, "Rapat di Kafe\u{0301} Jayapura.")
    }

    func testInvalidUTF8BecomesReplacementCharacters() throws {
        let raw: [UInt8] = Array("Pemilu ".utf8) + [0xFF] + Array(" 2024 ".utf8) + [0xE2, 0x80] + Array(" ASN".utf8)
        let doc = try normalized(raw)
        XCTAssertEqual(doc.string, "Pemilu \u{FFFD} 2024 \u{FFFD} ASN")
        XCTAssertEqual(doc.encoding.replacements, 2)
        XCTAssertEqual(doc.warnings.count, 1)
        let second = TextRange(doc.text.count - " ASN".utf8.count - 3, doc.text.count - " ASN".utf8.count)
        XCTAssertEqual(doc.rawBytes(second), [0xE2, 0x80])
        let asn = try doc.range(of: "ASN")
        XCTAssertEqual(doc.rawBytes(asn), Array("ASN".utf8))
    }

    // MARK: Broken lines

    func testWordSplitByALineBreakIsRepaired() throws {
        let doc = try seedDocument("004")
        let r = try doc.range(of: "Aparatur Sipil Negara Dalam Pemilihan Umum.")
        XCTAssertFalse(doc.string.contains("Negara D\nalam"))
        let dalam = try doc.range(of: "Dalam Pemilihan")
        XCTAssertTrue(r.contains(dalam))
        // The joined word points at `D`, the line end and `alam` in the raw file.
        XCTAssertEqual(doc.rawBytes(TextRange(dalam.start, dalam.start + 5)), Array("D\nalam".utf8))
    }

    func testLineBrokenInsideASentenceIsJoinedWithASpace() throws {
        try assertNormalized(
            "setiap tahapan Pemilu\nyang berpotensi mengganggu netralitas.",
            text: "setiap tahapan Pemilu yang berpotensi mengganggu netralitas.")
        let off = try NormalizeStage(options: StageOptions(stage: "normalize", yaml: "join_broken_lines: false"))
        XCTAssertEqual(
            try normalized("setiap tahapan Pemilu\nyang berpotensi", stage: off).string,
            "setiap tahapan Pemilu\nyang berpotensi")
    }

    func testRealParagraphsAreNotGlued() throws {
        // Seed 003: a line without a final period, then a capitalized line.
        let doc3 = try seedDocument("003")
        XCTAssertTrue(doc3.string.contains("mengenai penyelenggaraan Pemilu\nHal senada disampaikan"))
        // Seed 004: a line ending with `.`, then a lower-case line (a caption fragment).
        let doc4 = try seedDocument("004")
        XCTAssertTrue(doc4.string.contains("serentak tahun 2024.\nguna menjaga netralitas menjelang Pemilu 2024\n"))
        // Seed 002: paragraphs separated by blank lines become one `\n`.
        let doc2 = try seedDocument("002")
        XCTAssertTrue(
            doc2.string.hasPrefix(
                "BKN RI- Pemprov PBD Gelar Sosialisasi Pastikan Netralitas ASN di Pilkada 2024\nPemprov PBD BKN RI"))
        XCTAssertFalse(doc2.string.contains("\n\n"))
        // A blank line keeps paragraphs apart even when the next one starts in lower case.
        try assertNormalized(
            "Satgas Netralitas ASN terdiri dari\n\nkementerian dalam negeri, Bawaslu dan BKN.",
            text: "Satgas Netralitas ASN terdiri dari\nkementerian dalam negeri, Bawaslu dan BKN.")
        // A sentence end followed by a capitalized line.
        let doc0 = try seedDocument("000")
        XCTAssertTrue(doc0.string.contains("(Pilkada) 2024.\nPelaksana Tugas Sekretaris Daerah"))
    }

    // MARK: Furniture

    struct Expected {
        var seed: String, rule: String, kind: String, text: String
    }

    static let seedFurniture: [Expected] = [
        Expected(
            seed: "000", rule: "furniture.also-published", kind: "boilerplate",
            text:
                "Berita ini telah tayang di Antaranews.com dengan judul: Pemprov Papua sosialisasi netralitas guna tingkatkan pemahaman ASN"
        ),
        Expected(seed: "001", rule: "furniture.credit-line", kind: "byline", text: "Tim Liputan Diskominfo Mimika"),
        Expected(seed: "002", rule: "furniture.byline-initials", kind: "byline", text: "ZAN"),
        Expected(seed: "002", rule: "furniture.exit-mobile-version", kind: "boilerplate", text: "Exit mobile version"),
        Expected(
            seed: "003", rule: "furniture.photo-caption", kind: "caption",
            text: "Penandatangan Fakta Integritas ASN dilingkungan Pemprov Lampung-Foto : Humas Pemprov Lampung-"),
        Expected(seed: "003", rule: "furniture.end-mark", kind: "boilerplate", text: "(*)"),
        Expected(
            seed: "003", rule: "furniture.google-news", kind: "boilerplate",
            text: "Cek Berita dan Artikel yang lain di Google News"),
        Expected(seed: "003", rule: "furniture.source-line", kind: "boilerplate", text: "Sumber:"),
        Expected(
            seed: "004", rule: "furniture.glued-related-headline", kind: "related",
            text: "1.100 Pelajar se-Jaksel Ikuti Sosialisasi Pemilu")
    ]

    func testSeedFurnitureIsRemovedAndRecordedWithItsRawSpan() throws {
        for seed in ["000", "001", "002", "003", "004"] {
            let doc = try seedDocument(seed)
            let expected = Self.seedFurniture.filter { $0.seed == seed }
            XCTAssertEqual(doc.removed.map(\.rule), expected.map(\.rule), "seed \(seed)")
            for (removal, e) in zip(doc.removed, expected) {
                XCTAssertEqual(removal.kind, e.kind, e.rule)
                XCTAssertEqual(removal.text, e.text, e.rule)
                XCTAssertEqual(
                    String(decoding: doc.raw[removal.rawStart..<removal.rawEnd], as: UTF8.self), e.text, e.rule)
                XCTAssertFalse(doc.string.contains(e.text), "\(e.rule) survived in seed \(seed)")
            }
        }
    }

    func testTextAroundSeedFurnitureIsKept() throws {
        let doc3 = try seedDocument("003")
        XCTAssertTrue(
            doc3.string.hasPrefix("Menghadapi Pemilu 2024, ASN Harus Profesional dan Netral\nRADARTV - Kedudukan"))
        XCTAssertTrue(
            doc3.string.hasSuffix(
                "\"Selanjutnya melalui seminar ini ditujukan untuk mengantisipasi pelanggaran asas netralitas pada Pemilihan Umum,\" pungkas Meiry."
            ))
        let doc4 = try seedDocument("004")
        XCTAssertTrue(doc4.string.contains("berpotensi mengganggu netralitas.\n\"Saya juga mengucapkan terima kasih"))
        let doc2 = try seedDocument("002")
        XCTAssertTrue(doc2.string.hasSuffix("Bawaslu dan BKN."))
    }

    func testReadAlsoAndScrollLinesAreRemoved() throws {
        let doc = try assertNormalized(
            """
            Menurut Derek, dalam penyelenggaraan pemilu dan pilkada ada banyak sekali potensi pelanggaran.
            ⟦CUT{related furniture.read-also} Baca Juga: Pemprov PBD Gelar Sosialisasi Netralitas ASN di Pilkada 2024⟧
            Dia menjelaskan sosialisasi dilakukan langsung oleh KPU dan Bawaslu.
            ⟦CUT{boilerplate furniture.scroll-to-continue} SCROLL TO CONTINUE WITH CONTENT⟧
            Dia menambahkan pihaknya imbau hal ini wajib menjadi perhatian.
            """,
            text: """
                Menurut Derek, dalam penyelenggaraan pemilu dan pilkada ada banyak sekali potensi pelanggaran.
                Dia menjelaskan sosialisasi dilakukan langsung oleh KPU dan Bawaslu.
                Dia menambahkan pihaknya imbau hal ini wajib menjadi perhatian.
                """)
        // A removal's text is its raw text after character normalization: here the same.
        for r in doc.removed {
            XCTAssertEqual(String(decoding: doc.raw[r.rawStart..<r.rawEnd], as: UTF8.self), r.text)
        }
    }

    /// Furniture lines that the rules with `requires` must still find, in several cases.
    static let requiresPositives = [
        "Warga antre di TPS. -Foto : Humas Pemprov Lampung-",
        "Suasana rapat koordinasi di kantor bupati (FOTO: Antara)",
        "Kegiatan sosialisasi netralitas ASN [Dok. Humas]",
        "Ilustrasi kotak suara (ilustrasi: Freepik)",
        "Kepala BKN memberi sambutan (Sumber Foto: Kompas)",
        "Demikian disampaikan Kepala Bawaslu. (*)",
        "ASN wajib netral dalam pemilu (***)  ",
        "1.100 Pelajar se-Jaksel Ikuti Sosialisasi Pemilu\"Saya berharap pelajar ikut memilih,\" katanya."
    ]

    /// Every default furniture rule with `requires` matches only lines that hold one of the texts: on
    /// the seeds' lines and on the furniture above, wherever the expression matches, `mayMatch` holds
    /// (a `requires` that does not follow from the expression would silently keep furniture).
    func testDefaultFurnitureRequiresFollowFromTheExpressions() throws {
        let rules = try DefaultPipeline.normalize().furniture.filter { !$0.required.isEmpty }
        XCTAssertEqual(
            Set(rules.map(\.id)), ["furniture.photo-caption", "furniture.end-mark", "furniture.glued-related-headline"])
        var lines = Self.requiresPositives
        for url in Repo.seeds {
            lines += String(decoding: try Data(contentsOf: url), as: UTF8.self).components(separatedBy: "\n")
        }
        var matched: Set<String> = []
        for rule in rules {
            for line in lines {
                let units = Array(line.utf16)
                let matches =
                    rule.scope == .line ? rule.regex.matchesWhole(units) : !rule.regex.matches(in: units).isEmpty
                guard matches else { continue }
                matched.insert(rule.id)
                XCTAssertTrue(rule.mayMatch(units), "\(rule.id) matches a line without its 'requires': \(line)")
            }
        }
        XCTAssertEqual(matched.count, rules.count, "a rule matched none of the lines: the test checks nothing for it")
    }

    func testRequiresIgnoresASCIICaseAndSkipsOtherLines() throws {
        let rule = try FurnitureRule(
            id: "x", kind: "caption", scope: .line, pattern: "(?i).*foto.*", requires: ["Foto", "(*"])
        XCTAssertTrue(rule.mayMatch(Array("sebuah FOTO".utf16)))
        XCTAssertTrue(rule.mayMatch(Array("akhir (*)".utf16)))
        XCTAssertTrue(rule.mayMatch(Array("fOtO".utf16)))
        XCTAssertFalse(rule.mayMatch(Array("fot o".utf16)))
        XCTAssertFalse(rule.mayMatch(Array("( *)".utf16)))
        XCTAssertFalse(rule.mayMatch(Array("".utf16)))
        XCTAssertTrue(
            try FurnitureRule(id: "y", kind: "k", scope: .line, pattern: "x").mayMatch(Array("apa saja".utf16)))
        // The default pipeline still drops such lines, whatever their case.
        let doc = try normalized("Rapat digelar di kantor bupati.\nSuasana rapat (FOTO: Antara)\nSelesai. (*)")
        XCTAssertEqual(doc.string, "Rapat digelar di kantor bupati.\nSelesai.")
        XCTAssertEqual(doc.removed.map(\.rule), ["furniture.photo-caption", "furniture.end-mark"])
    }

    // MARK: Offset map

    /// Raw forms a normalized character may come from when it is not a byte copy.
    static let rewrites: [Unicode.Scalar: Set<Unicode.Scalar>] = [
        "\"": ["\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}", "\u{2033}"],
        "'": ["\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2032}"],
        "-": ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}"],
        " ": [" ", "\u{00A0}", "\t", "\u{2002}", "\u{2003}", "\u{2009}", "\u{202F}", "\n", "\r"],
        "\n": ["\n", "\r"]
    ]

    func testEveryCharacterOfEverySeedMapsBackToItsRawBytes() throws {
        var checkedWords = 0
        for seed in Repo.seeds {
            let name = seed.lastPathComponent
            let doc = try normalized(Array(try Data(contentsOf: seed)))
            var offset = 0
            var previousRawStart = 0
            for scalar in doc.string.unicodeScalars {
                let length = String(scalar).utf8.count
                let range = TextRange(offset, offset + length)
                let rawStart = doc.offsetMap.rawStart(range.start), rawEnd = doc.offsetMap.rawEnd(range.end)
                XCTAssertGreaterThanOrEqual(rawStart, previousRawStart, "\(name): raw offsets go back at \(offset)")
                XCTAssertLessThan(rawStart, rawEnd, "\(name): empty raw span at \(offset)")
                let raw = String(decoding: doc.raw[rawStart..<rawEnd], as: UTF8.self)
                if raw != String(scalar) {
                    let allowed = Self.rewrites[scalar] ?? []
                    XCTAssertTrue(
                        !raw.isEmpty && raw.unicodeScalars.allSatisfy { allowed.contains($0) },
                        "\(name): '\(scalar)' at \(offset) maps to raw '\(raw)'")
                }
                previousRawStart = rawStart
                offset += length
            }
            // Words: byte-exact, except a word joined across a stray line break.
            for word in Self.words(doc) {
                checkedWords += 1
                let raw = doc.rawBytes(word.range)
                if raw == Array(word.text.utf8) { continue }
                let withoutBreaks = raw.filter { $0 != 0x0A && $0 != 0x0D }
                XCTAssertEqual(
                    String(decoding: withoutBreaks, as: UTF8.self), word.text, "\(name): word '\(word.text)'")
                XCTAssertEqual(word.text, "Dalam", "\(name): only the repaired word of seed 004 is not a copy")
            }
        }
        XCTAssertGreaterThan(checkedWords, 1500)
    }

    /// Maximal runs of letters and digits (apostrophe inside a word included), with their UTF-8 ranges.
    static func words(_ doc: Document) -> [(text: String, range: TextRange)] {
        var result: [(String, TextRange)] = []
        var start: Int? = nil
        var current = ""
        var offset = 0
        func isWordScalar(_ s: Unicode.Scalar) -> Bool {
            s.properties.isAlphabetic || s.properties.numericType != nil || s == "\u{2019}"
        }
        for s in doc.string.unicodeScalars {
            let length = String(s).utf8.count
            if isWordScalar(s) {
                if start == nil { start = offset }
                current.unicodeScalars.append(s)
            } else if let st = start {
                result.append((current, TextRange(st, offset)))
                start = nil
                current = ""
            }
            offset += length
        }
        if let st = start { result.append((current, TextRange(st, offset))) }
        return result.map { (text: $0.0, range: $0.1) }
    }

    func testRawEncodingsMapToTheSameText() throws {
        let seed = try Repo.seed("002")
        let plain = try normalized(seed)
        // CRLF line ends and a UTF-8 BOM give the same text, with raw offsets into the new bytes.
        var crlf: [UInt8] = [0xEF, 0xBB, 0xBF]
        for b in seed { if b == 0x0A { crlf.append(0x0D) }; crlf.append(b) }
        let doc = try normalized(crlf)
        XCTAssertEqual(doc.string, plain.string)
        XCTAssertTrue(doc.encoding.byteOrderMark)
        let name = try doc.range(of: "Haryomo Dwi Putranto")
        XCTAssertEqual(doc.rawBytes(name), Array("Haryomo Dwi Putranto".utf8))
        // UTF-16LE with BOM: same text.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in String(decoding: seed, as: UTF8.self).utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let doc16 = try normalized(utf16)
        XCTAssertEqual(doc16.string, plain.string)
        XCTAssertEqual(doc16.encoding.encoding, TextEncodingInfo.Encoding.utf16LE)
    }

    func testBinaryInputIsRefused() throws {
        XCTAssertThrowsError(try normalized(Array("Pemilu\u{0}2024".utf8))) { error in
            XCTAssertEqual(error as? DecodingError, .binary(offset: 6))
        }
    }
}
