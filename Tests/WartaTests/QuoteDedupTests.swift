import Foundation
import XCTest

@testable import Warta

/// The dedup stage (issue 4 item 3) with the thresholds of `pipelines/default.yaml`: exact and near
/// repeats within and across documents, only ever pointing back, short quotes handled apart, and the
/// same answer on every run.
final class QuoteDedupTests: XCTestCase {

    // Statements in the style of the seeds (13 to 15 words).
    static let netralitas =
        "Netralitas ASN menjadi prinsip penting untuk mewujudkan pemilu yang demokratis dan berintegritas"
    static let menindak =
        "Kami akan menindak tegas setiap aparatur yang terbukti terlibat politik praktis selama masa kampanye"
    static let logistik =
        "Distribusi logistik pemilu ke distrik terpencil akan menggunakan pesawat karena akses darat belum tersedia"
    static let pelayanan = "Pelayanan publik tidak boleh berhenti selama tahapan pemilu berlangsung di seluruh daerah"
    /// Shares its opening words and its shape with `menindak`, says something else.
    static let pedagang = "Kami akan menindak tegas setiap pedagang yang terbukti menimbun beras selama bulan puasa"

    /// An article whose quotes are `"TEXT," ujarnya.` paragraphs after a sentence naming the speaker.
    func article(_ quotes: [String], speaker: String = "Ketua Bawaslu Mimika Jeffri Akamilo") -> String {
        ([speaker + " membuka apel siaga pengawasan pemilu di Timika."]
            + quotes.map { "\"\($0)\" ujarnya." }).joined(separator: "\n")
    }

    func run(_ articles: [[String]]) throws -> [Document] {
        let documents = try Annotated.run(
            articles.enumerated().map { (id: String(format: "doc%02d", $0.offset), text: article($0.element)) })
        for (d, quotes) in zip(documents, articles) {
            XCTAssertEqual(d.quotes.count, quotes.count, "\(d.id): \(d.quoteTexts)")
        }
        return documents
    }

    func ref(_ doc: Int, _ quote: Int) -> QuoteReference {
        QuoteReference(document: String(format: "doc%02d", doc), quote: quote)
    }

    // MARK: Exact

    func testSeed000RepeatsAQuoteWordForWord() throws {
        let url = try XCTUnwrap(Repo.seeds.first { $0.lastPathComponent.hasPrefix("000_") })
        let id = url.deletingPathExtension().lastPathComponent
        let document = try XCTUnwrap(
            try Annotated.run([(id: id, text: try String(contentsOf: url, encoding: .utf8))]).first)
        let repeats = document.quotes.enumerated().filter { $0.element.duplicateOf != nil }
        XCTAssertEqual(repeats.map(\.offset), [4])
        XCTAssertEqual(repeats.first?.element.duplicateOf, QuoteReference(document: id, quote: 1))
        XCTAssertEqual(repeats.first?.element.similarity, 1)
        XCTAssertEqual(document.substring(document.quotes[4].range), document.substring(document.quotes[1].range))
    }

    func testExactRepeatAcrossDocumentsIgnoresCaseAndPunctuation() throws {
        let docs = try run([[Self.netralitas + ","], [Self.pelayanan + ",", Self.netralitas.uppercased() + "!"]])
        XCTAssertNil(docs[0].quotes[0].duplicateOf)
        XCTAssertNil(docs[1].quotes[0].duplicateOf)
        XCTAssertEqual(docs[1].quotes[1].duplicateOf, ref(0, 0))
        XCTAssertEqual(docs[1].quotes[1].similarity, 1)
    }

    // MARK: Near repeats

    func testEditedRepeatsPointAtTheOriginal() throws {
        let edits = [
            "punctuation":
                "Netralitas ASN menjadi prinsip penting, untuk mewujudkan pemilu yang demokratis, dan berintegritas!",
            "word changed":
                "Netralitas ASN menjadi prinsip utama untuk mewujudkan pemilu yang demokratis dan berintegritas",
            "word added":
                "Netralitas ASN tentu menjadi prinsip penting untuk mewujudkan pemilu yang demokratis dan berintegritas",
            "word dropped":
                "Netralitas ASN menjadi prinsip penting untuk mewujudkan pemilu demokratis dan berintegritas",
            "changed and punctuation":
                "Netralitas ASN, menjadi prinsip penting untuk mewujudkan pemilu yang jujur dan berintegritas."
        ]
        for (kind, edited) in edits.sorted(by: { $0.key < $1.key }) {
            let docs = try run([[Self.netralitas + ",", Self.menindak + ","], [Self.logistik + ",", edited]])
            XCTAssertEqual(docs[1].quotes[1].duplicateOf, ref(0, 0), kind)
            let similarity = try XCTUnwrap(docs[1].quotes[1].similarity, kind)
            XCTAssertTrue(similarity > 0.5 && similarity <= 1, "\(kind): \(similarity)")
            XCTAssertNil(docs[1].quotes[0].duplicateOf, kind)
        }
    }

    func testTruncatedRepeatPointsAtTheOriginal() throws {
        let truncatedEnd = "Kami akan menindak tegas setiap aparatur yang terbukti terlibat politik praktis"
        let truncatedStart = "Aparatur yang terbukti terlibat politik praktis selama masa kampanye"
        let docs = try run([[Self.menindak + ","], [truncatedEnd + ",", truncatedStart + ","]])
        XCTAssertEqual(docs[1].quotes[0].duplicateOf, ref(0, 0))
        XCTAssertEqual(docs[1].quotes[1].duplicateOf, ref(0, 0))
    }

    func testSplitRepeatPointsBothPiecesAtTheOriginal() throws {
        // Within one document: the full quote first, its two pieces later (the second piece is short).
        let docs = try run([
            [
                Self.logistik + ",",
                Self.pelayanan + ",",
                "Distribusi logistik pemilu ke distrik terpencil akan menggunakan pesawat,",
                "Karena akses darat belum tersedia,"
            ]
        ])
        XCTAssertEqual(docs[0].quotes.map(\.duplicateOf), [nil, nil, ref(0, 0), ref(0, 0)])
    }

    func testUnrelatedQuotesAreNotLinked() throws {
        let docs = try run([
            [Self.netralitas + ",", Self.menindak + ",", Self.logistik + ","],
            [Self.pelayanan + ",", Self.pedagang + ","]
        ])
        for d in docs {
            XCTAssertTrue(d.quotes.allSatisfy { $0.duplicateOf == nil }, "\(d.id): \(d.quotes.map(\.duplicateOf))")
        }
    }

    func testAQuoteOnlyPointsBack() throws {
        // The truncated form comes first: it is the original, and the full quote later points at it.
        let truncated = "Kami akan menindak tegas setiap aparatur yang terbukti terlibat politik praktis"
        let docs = try run([[truncated + ","], [Self.menindak + ",", Self.menindak + ","]])
        XCTAssertNil(docs[0].quotes[0].duplicateOf)
        XCTAssertEqual(docs[1].quotes[0].duplicateOf, ref(0, 0))
        // A repeat of a repeat points at the first occurrence, never at the repeat.
        XCTAssertEqual(docs[1].quotes[1].duplicateOf, ref(0, 0))
        for (d, document) in docs.enumerated() {
            for (q, quote) in document.quotes.enumerated() {
                guard let target = quote.duplicateOf else { continue }
                let targetDoc = try XCTUnwrap(docs.firstIndex { $0.id == target.document })
                XCTAssertTrue(targetDoc < d || (targetDoc == d && target.quote < q), "\(document.id)#\(q) -> \(target)")
            }
        }
    }

    // MARK: Short quotes

    func testShortQuotesAreMatchedOnlyExactlyOrAsAPieceOfOneQuote() throws {
        let docs = try run([
            ["Harus tetap netral,", "Datang ke TPS,", Self.menindak + ",", Self.pedagang + ","],
            [
                "Harus tetap netral,", // exact: linked
                "Harus selalu netral,", // a word changed in a short quote: not linked
                "Datang ke TPS pagi,", // a word added: not linked
                "Politik praktis selama masa kampanye,", // a verbatim piece of one earlier quote: linked
                "Terbukti terlibat,", // too short to be taken for a piece
                "Kami akan menindak tegas setiap," // a phrase two earlier quotes share: not a piece of either
            ]
        ])
        XCTAssertEqual(docs[1].quotes.map(\.duplicateOf), [ref(0, 0), nil, nil, ref(0, 2), nil, nil])
    }

    // MARK: Determinism

    func testResultsDoNotDependOnDictionaryOrderOrRun() throws {
        // Several originals tie for a repeat made of pieces of both; the answer must not depend on
        // iteration order.
        let articles = [
            [Self.netralitas + ",", Self.menindak + ","],
            [
                Self.menindak + ",", Self.logistik + ",",
                "Netralitas ASN menjadi prinsip penting untuk mewujudkan pemilu,"
            ],
            ["Kami akan menindak tegas setiap aparatur yang terbukti,", Self.pedagang + ",", Self.pelayanan + ","]
        ]
        let first = try run(articles).map {
            $0.quotes.map { "\($0.duplicateOf.map { "\($0.document)#\($0.quote)" } ?? "-") \($0.similarity ?? 0)" }
        }
        let second = try run(articles).map {
            $0.quotes.map { "\($0.duplicateOf.map { "\($0.document)#\($0.quote)" } ?? "-") \($0.similarity ?? 0)" }
        }
        XCTAssertEqual(first, second)

        // Separate processes hash with different seeds: the binary's output must be byte-identical.
        let binary = try BuiltBinary.require()
        let dir = try temporaryDirectory(self)
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for (i, a) in articles.enumerated() {
            try article(a).write(
                to: input.appendingPathComponent(String(format: "doc%02d.txt", i)), atomically: true, encoding: .utf8)
        }
        var outputs: [[String]] = []
        for run in 0..<2 {
            let result = try runProcess(binary, ["run", input.path, "--out", "-", "--jobs", String(run + 1)])
            XCTAssertEqual(result.status, 0, result.stderrText)
            let lines = result.stdout.split(separator: 0x0A)
            outputs.append(
                try lines.map { line in
                    let record = try jsonObject(line)
                    let quotes = record["quotes"] as? [[String: Any]] ?? []
                    return quotes.map { q in
                        let d = q["duplicate_of"] as? [String: Any]
                        return "\(d?["doc"] ?? "-")#\(d?["quote"] ?? "-")~\(q["similarity"] ?? "-")"
                    }.joined(separator: " ")
                })
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertEqual(outputs[0].count, 3)
        XCTAssertEqual(outputs[0][1].split(separator: " ").first, "doc00#1~1", "an exact repeat across documents")
    }

    // MARK: Internals

    func testLongestCommonSubsequenceAndShingles() throws {
        XCTAssertEqual(QuoteDedupStage.lcs([1, 2, 3, 4, 5], [1, 3, 4, 9, 5]), 4)
        XCTAssertEqual(QuoteDedupStage.lcs([], [1]), 0)
        let stage = QuoteDedupStage(shingleSize: 3)
        XCTAssertEqual(stage.shingles([1, 2, 3, 1, 2, 3]).count, 3) // 123, 231, 312 (123 twice)
        XCTAssertEqual(stage.shingles([1, 2]).count, 1)
        XCTAssertEqual(QuoteDedupStage.intersectionCount([1, 3, 5, 7], [3, 4, 5, 8]), 2)
    }

    func testDedupOptionsAreReadFromThePipelineFile() throws {
        let stage = try Annotated.dedupStage()
        XCTAssertEqual(stage.rules.shingleSize, 3)
        XCTAssertGreaterThan(stage.rules.shortWords, 1)
        XCTAssertTrue((0.0...1.0).contains(stage.rules.jaccard))
        XCTAssertTrue((0.0...1.0).contains(stage.rules.editSimilarity))
        XCTAssertEqual(try DedupRules.load(pipeline: Repo.defaultPipeline), stage.rules)
        XCTAssertThrowsError(try QuoteDedupStage(options: StageOptions(stage: "dedup", yaml: "jaccard: 1.5"))) {
            error in
            XCTAssertTrue("\(error)".contains("jaccard"), "\(error)")
        }
    }

    /// Issue 19: another outlet's rendering of a statement (reworded, a clause dropped) is a repeat by the
    /// word-set Dice measure; two statements that share only a stock phrase are not.
    func testAnotherOutletsRenderingIsARepeatButAStockPhraseIsNot() {
        let rules = DedupRules(rendering: 0.6, renderingMinWords: 12)
        func words(_ s: String) -> [UInt64] {
            s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map {
                DedupRules.fnv(Array($0.utf8))
            }
        }
        let first = words(
            "Kenaikan ini pasti terasa, terutama bagi nelayan dan pelaku UMKM. Karena itu kami minta pemerintah kabupaten dan kota memperketat pengawasan di tingkat pangkalan supaya harga di lapangan tidak liar,"
        )
        let rendering = words(
            "Kenaikan ini pasti terasa, khususnya untuk nelayan dan UMKM. Pemerintah kabupaten/kota kami minta memperketat pengawasan di pangkalan agar harga di lapangan tidak liar,"
        )
        let speaker = DedupRules.speakerKey("Rahmat Hidayat")
        let similarity = rules.similarity(
            rendering, rules.shingles(rendering), first, speaker: speaker, otherSpeaker: speaker)
        XCTAssertNotNil(similarity)
        XCTAssertGreaterThanOrEqual(similarity ?? 0, 0.6)
        XCTAssertNil(
            DedupRules().similarity(
                rendering, DedupRules().shingles(rendering), first, speaker: speaker, otherSpeaker: speaker),
            "without the rendering measure it is not linked")
        let stock = words(
            "Netralitas ASN harus dijaga sejak hari pertama masa kampanye sampai penetapan calon terpilih nanti")
        let other = words(
            "Netralitas ASN harus dijaga oleh setiap pegawai di lingkungan pemerintah daerah tanpa kecuali sama sekali")
        XCTAssertNil(rules.similarity(other, rules.shingles(other), stock, speaker: speaker, otherSpeaker: speaker))
        // Too short for the rendering measure, however alike their words.
        let short = words("ASN harus netral dalam pemilu ini")
        let shortOther = words("dalam pemilu ini ASN harus netral")
        XCTAssertNil(
            rules.similarity(shortOther, rules.shingles(shortOther), short, speaker: speaker, otherSpeaker: speaker))
    }

    /// Issue 19: a rendering is the same statement by the same speaker. Two people saying much the same
    /// thing, or a quote nobody is named for, are not linked by the rendering measure; a short form of
    /// the name on one side (an outlet that never wrote the full name) still is. Word-for-word and
    /// edited repeats do not depend on the speaker.
    func testARenderingNeedsTheSameSpeaker() {
        let rules = DedupRules(rendering: 0.6, renderingMinWords: 12)
        func words(_ s: String) -> [UInt64] {
            s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map {
                DedupRules.fnv(Array($0.utf8))
            }
        }
        let first = words(
            "Kenaikan ini pasti terasa, terutama bagi nelayan dan pelaku UMKM. Karena itu kami minta pemerintah kabupaten dan kota memperketat pengawasan di tingkat pangkalan supaya harga di lapangan tidak liar,"
        )
        let rendering = words(
            "Kenaikan ini pasti terasa, khususnya untuk nelayan dan UMKM. Pemerintah kabupaten/kota kami minta memperketat pengawasan di pangkalan agar harga di lapangan tidak liar,"
        )
        let full = DedupRules.speakerKey("Rahmat Hidayat Siregar")
        func linked(_ a: String?, _ b: String?) -> Bool {
            rules.similarity(
                rendering, rules.shingles(rendering), first,
                speaker: DedupRules.speakerKey(a), otherSpeaker: DedupRules.speakerKey(b)) != nil
        }
        XCTAssertTrue(linked("Rahmat Hidayat Siregar", "Rahmat Hidayat Siregar"))
        XCTAssertTrue(linked("rahmat hidayat siregar", "Rahmat Hidayat Siregar"), "case is folded")
        XCTAssertTrue(linked("Rahmat", "Rahmat Hidayat Siregar"), "a short form of the same name")
        XCTAssertTrue(linked("Rahmat Hidayat Siregar", "Hidayat Siregar"))
        XCTAssertFalse(linked("Dewi Lestari", "Rahmat Hidayat Siregar"), "another speaker")
        XCTAssertFalse(linked("Rahmat Lubis", "Rahmat Hidayat Siregar"), "a name that shares one word is another name")
        XCTAssertFalse(linked(nil, "Rahmat Hidayat Siregar"), "nobody named on one side")
        XCTAssertFalse(linked(nil, nil))
        var anySpeaker = rules
        anySpeaker.renderingSameSpeaker = false
        XCTAssertNotNil(
            anySpeaker.similarity(rendering, anySpeaker.shingles(rendering), first), "the condition can be turned off")
        // An edited repeat is linked whoever is named.
        var edited = first
        edited[3] = DedupRules.fnv(Array("khususnya".utf8))
        XCTAssertNotNil(rules.similarity(edited, rules.shingles(edited), first, speaker: [], otherSpeaker: full))
    }

    /// Issue 19, with the default pipeline's rendering options turned on (it ships with `rendering: 0`):
    /// another outlet's rendering by the same speaker is linked; the same words by another speaker, or
    /// presented as said again a day later, are not.
    func testARenderingBySameSpeakerIsLinkedUnlessAnotherSpeakerOrSaidAgain() throws {
        let defaults = try Annotated.dedupStage().rules
        XCTAssertTrue(defaults.renderingSameSpeaker)
        XCTAssertTrue(defaults.restatedWords.contains("mengulang"))
        func stage() throws -> QuoteDedupStage {
            var rules = defaults
            rules.rendering = 0.62
            return QuoteDedupStage(rules: rules)
        }
        let first =
            "Kenaikan ini pasti terasa, terutama bagi nelayan dan pelaku UMKM. Karena itu kami minta pemerintah kabupaten dan kota memperketat pengawasan di tingkat pangkalan supaya harga di lapangan tidak liar,"
        let rendering =
            "Kenaikan ini pasti terasa, khususnya untuk nelayan dan UMKM. Pemerintah kabupaten/kota kami minta memperketat pengawasan di pangkalan agar harga di lapangan tidak liar,"
        let original = (
            id: "a",
            text:
                "Rapat harga elpiji digelar di Mataram.\n\"\(first)\" kata Kepala Biro Perekonomian Setda NTB Ahmad Rifai Hasan."
        )
        func decision(_ text: String) throws -> Document {
            let documents = try Annotated.run([original, (id: "b", text: text)], dedup: try stage())
            XCTAssertEqual(documents[0].quotes.first?.speaker, "Ahmad Rifai Hasan")
            XCTAssertEqual(documents[1].quotes.count, 1, documents[1].quoteTexts.description)
            return documents[1]
        }
        let same = try decision("Harga elpiji di pangkalan naik.\n\"\(rendering)\" kata Ahmad Rifai Hasan.")
        XCTAssertEqual(same.quotes.first?.speaker, "Ahmad Rifai Hasan")
        XCTAssertEqual(same.quotes.first?.duplicateOf, QuoteReference(document: "a", quote: 0))
        XCTAssertGreaterThanOrEqual(same.quotes.first?.similarity ?? 0, 0.62)
        let other = try decision("Harga elpiji di pangkalan naik.\n\"\(rendering)\" kata Baiq Isvie Rupaeda.")
        XCTAssertEqual(other.quotes.first?.speaker, "Baiq Isvie Rupaeda")
        XCTAssertNil(other.quotes.first?.duplicateOf, "another speaker")
        let again = try decision(
            "Ahmad Rifai Hasan mengulang penegasan yang ia sampaikan sehari sebelumnya.\n\"\(rendering)\" kata Ahmad Rifai Hasan."
        )
        XCTAssertEqual(again.quotes.first?.speaker, "Ahmad Rifai Hasan")
        XCTAssertNil(again.quotes.first?.duplicateOf, "said again later: a new utterance")
    }
}
