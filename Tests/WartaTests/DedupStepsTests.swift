import Foundation
import XCTest

@testable import Warta

/// The decomposed dedup semantics (`DedupRules`, `DedupResolver`) and the cluster steps of `warta dedup`
/// (issue 8): the steps, fed what a framework's grouping gives them, decide exactly as the sequential
/// stage does.
final class DedupStepsTests: XCTestCase {

    /// Word sequences as numbers: `w(1...12)` is a 12-word quote.
    func w(_ r: ClosedRange<UInt64>) -> [UInt64] { Array(r) }

    func decisions(_ docs: [[[UInt64]]], _ stage: QuoteDedupStage = QuoteDedupStage()) -> [[String]] {
        docs.enumerated().map { d, quotes in
            stage.assign(documentID: "d\(d)", quoteWords: quotes).map {
                $0.map { "\($0.original.document)#\($0.original.quote)~\($0.similarity)" } ?? "-"
            }
        }
    }

    // MARK: Semantics

    func testARepeatOfARepeatPointsAtTheFirstOccurrence() {
        var b = w(1...12); b[5] = 99 // one word changed: a near repeat of a
        let docs = [[w(1...12)], [b], [b, w(1...12)]]
        let result = decisions(docs)
        XCTAssertEqual(result[0], ["-"])
        XCTAssertEqual(result[1], ["d0#0~0.917"])
        // An exact repeat of b takes b's decision (b is not an original); an exact repeat of a points at a.
        XCTAssertEqual(result[2], ["d0#0~0.917", "d0#0~1.0"])
    }

    func testAQuoteNearOnlyToADuplicateIsAnOriginal() {
        // b repeats a truncated; c shares with b, not with a, more than the thresholds ask: b is a
        // candidate of c, but not an original, so c is one.
        let a = w(1...20)
        let b = w(1...16)
        let c = w(9...16) + w(200...203)
        let result = decisions([[a], [b], [c]])
        XCTAssertEqual(result[1], ["d0#0~1.0"])
        XCTAssertEqual(result[2], ["-"])
    }

    func testDuplicatesStayInTheIndex() {
        // Postings hold the first long quotes whatever was decided for them: with max_postings 1, the
        // shingles of a are full, so a later quote sharing them finds only a.
        let stage = QuoteDedupStage(maxPostings: 1)
        let a = w(1...12)
        var b = a; b[11] = 77
        let result = decisions([[a, b], [w(100...111)], [b]], stage)
        XCTAssertEqual(result, [["-", "d0#0~0.917"], ["-"], ["d0#0~0.917"]])
    }

    func testPieces() {
        let x = w(1...15)
        let y = w(40...55)
        var x2 = x; x2[0] = 500 // a near repeat of x, holding the same piece
        let result = decisions([[x, y, x2], [w(6...10), w(44...48), w(6...9), w(6...8)]])
        XCTAssertEqual(result[0], ["-", "-", "d0#0~0.933"])
        // A piece of x (also in x2, which is not an original) points at x; 4 words is still a piece; 3
        // words are too few.
        XCTAssertEqual(result[1], ["d0#0~1.0", "d0#1~1.0", "d0#0~1.0", "-"])
        // A phrase two originals hold is not a piece of either.
        let shared = decisions([[w(1...10) + w(20...25), w(1...10) + w(30...35)], [w(3...7)]])
        XCTAssertEqual(shared[1], ["-"])
    }

    func testResolverRules() {
        var r = DedupResolver<Int>()
        XCTAssertNil(r.resolve(0, exactFirst: nil, near: [], pieceOwners: []))
        XCTAssertNil(r.resolve(1, exactFirst: nil, near: [], pieceOwners: []))
        XCTAssertEqual(
            r.resolve(2, exactFirst: nil, near: [(1, 0.9), (0, 0.9)], pieceOwners: [])?.original, 0,
            "ties go to the earliest")
        XCTAssertEqual(
            r.resolve(3, exactFirst: nil, near: [(2, 1), (1, 0.8)], pieceOwners: [])?.original, 1,
            "2 is not an original")
        let inherited = r.resolve(4, exactFirst: 2, near: [(1, 1)], pieceOwners: [])
        XCTAssertEqual(inherited?.original, 0, "exact first: the decision of the first occurrence")
        XCTAssertEqual(inherited?.similarity, 0.9)
        XCTAssertNil(r.resolve(5, exactFirst: nil, near: [], pieceOwners: [0, 1]), "two originals hold the piece")
        XCTAssertEqual(r.resolve(6, exactFirst: nil, near: [], pieceOwners: [1, 2, 3])?.original, 1)
    }

    // MARK: The cluster steps decide as the stage does

    /// A tiny framework: groups key lines as `scale/spark_run.py` does and runs the `warta dedup` steps.
    /// Returns the patch of each duplicate quote by "doc#quote".
    func clusterDecisions(_ docs: [[[UInt64]]], speakers: [[[UInt64]]] = [], rules: DedupRules) throws -> [String:
        String]
    {
        var w = JSONWriter()
        for (d, quotes) in docs.enumerated() {
            DedupSteps.quoteKeys(
                documentID: "d\(d)", line: d + 1, quoteWords: quotes,
                quoteSpeakers: d < speakers.count ? speakers[d] : [],
                rules: rules, into: &w)
        }
        let keys = try w.bytes.split(separator: 0x0A).map { try jsonObject($0) }
        func order(_ k: [String: Any]) -> QuoteOrder { QuoteOrder(line: k["line"] as! Int, quote: k["quote"] as! Int) }
        func json(_ object: Any) -> String {
            String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        // Exact: first occurrence per key.
        var first: [String: [String: Any]] = [:]
        for k in keys where first[k["exact"] as! String].map({ order($0) > order(k) }) ?? true {
            first[k["exact"] as! String] = k
        }
        var edges: [String] = []
        var firsts: [[String: Any]] = []
        for k in keys {
            let f = first[k["exact"] as! String]!
            if order(f) == order(k) { firsts.append(k); continue }
            edges.append(
                json(["q": [k["line"], k["quote"]], "c": [f["line"], f["quote"]], "kind": "exact", "cdoc": f["doc"]!]))
        }
        // Postings: the first max_postings first occurrences per shingle (the keys are in order already).
        var postings: [String: [[Int]]] = [:]
        for k in firsts {
            for s in k["index"] as! [String] where postings[s, default: []].count < rules.maxPostings {
                postings[s, default: []].append([k["line"] as! Int, k["quote"] as! Int])
            }
        }
        var byOrder: [QuoteOrder: [String: Any]] = [:]
        for k in firsts { byOrder[order(k)] = k }
        let candidateInput = firsts.filter { !($0["query"] as! [String]).isEmpty }.map { k in
            json([
                "q": [k["line"], k["quote"]], "role": k["role"]!,
                "postings": (k["query"] as! [String]).map { postings[$0] ?? [] }
            ])
        }.joined(separator: "\n")
        let pairs = try DedupSteps.candidates(rules, input: Array(candidateInput.utf8)).split(separator: 0x0A).map {
            try jsonObject($0)
        }
        let verifyInput = pairs.map { p in
            let q = byOrder[QuoteOrder(json: p["q"])!]!, c = byOrder[QuoteOrder(json: p["c"])!]!
            return json([
                "q": p["q"]!, "c": p["c"]!, "kind": p["kind"]!, "words": q["words"]!, "cwords": c["words"]!,
                "cdoc": c["doc"]!,
                "speaker": q["speaker"]!, "cspeaker": c["speaker"]!
            ])
        }.joined(separator: "\n")
        let verified = try DedupSteps.verify(rules, input: Array(verifyInput.utf8))
        let resolved = try DedupSteps.resolve(input: Array((edges.joined(separator: "\n") + "\n").utf8) + verified)
        var result: [String: String] = [:]
        for line in resolved.split(separator: 0x0A) {
            let d = try jsonObject(line)
            result["d\((d["line"] as! Int) - 1)#\(d["quote"] as! Int)"] = d["patch"] as? String
        }
        return result
    }

    /// A deterministic corpus of random quotes over a small vocabulary, with repeats of every kind.
    func corpus(documents: Int, seed: UInt64) -> [[[UInt64]]] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var earlier: [[UInt64]] = []
        var docs: [[[UInt64]]] = []
        for _ in 0..<documents {
            var quotes: [[UInt64]] = []
            for _ in 0..<(1 + next(6)) {
                var q: [UInt64]
                if earlier.isEmpty || next(10) < 4 {
                    q = (0..<(2 + next(20))).map { _ in UInt64(next(60)) } // small vocabulary: chance overlaps
                } else {
                    q = earlier[next(earlier.count)]
                    switch next(7) {
                    case 0: break
                    case 1: if !q.isEmpty { q[next(q.count)] = UInt64(next(60)) }
                    case 2: q.insert(UInt64(next(60)), at: next(q.count + 1))
                    case 3: if q.count > 1 { q.remove(at: next(q.count)) }
                    case 4: q = Array(q.prefix(max(1, q.count * (6 + next(4)) / 10)))
                    case 5:
                        let start = next(max(1, q.count - 3)); q = Array(q[start..<min(q.count, start + 3 + next(4))])
                    default: q = Array(q.suffix(max(1, q.count / 2)))
                    }
                }
                if next(20) == 0 { q = [] } // a quote without words
                quotes.append(q)
                earlier.append(q)
            }
            docs.append(quotes)
        }
        return docs
    }

    /// Speaker keys for a corpus: one of a few speakers (or none) per quote, some of them a short form
    /// (a subset of the words) of another.
    func speakers(for docs: [[[UInt64]]], seed: UInt64) -> [[[UInt64]]] {
        var state = seed
        let pool: [[UInt64]] = [[], [7001], [7001, 7002], [7001, 7002, 7003], [7004, 7005], [7006]]
        return docs.map { quotes in
            quotes.map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return pool[Int((state >> 33) % UInt64(pool.count))]
            }
        }
    }

    func assertClusterEqualsStage(
        _ rules: DedupRules, seed: UInt64, withSpeakers: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let docs = corpus(documents: 400, seed: seed)
        let speakers = withSpeakers ? self.speakers(for: docs, seed: seed) : []
        let stage = QuoteDedupStage(rules: rules)
        var expected: [String: String] = [:]
        for (d, quotes) in docs.enumerated() {
            let quoteSpeakers = d < speakers.count ? speakers[d] : []
            for (q, decision) in stage.assign(documentID: "d\(d)", quoteWords: quotes, quoteSpeakers: quoteSpeakers)
                .enumerated()
            {
                guard let decision else { continue }
                expected["d\(d)#\(q)"] = DedupSteps.patch(
                    document: decision.original.document, quote: decision.original.quote,
                    similarity: decision.similarity)
            }
        }
        let cluster = try clusterDecisions(docs, speakers: speakers, rules: rules)
        XCTAssertGreaterThan(expected.count, 200, "the corpus has repeats", file: file, line: line)
        XCTAssertEqual(cluster.count, expected.count, file: file, line: line)
        for key in expected.keys.sorted() where cluster[key] != expected[key] {
            XCTFail("\(key): stage \(expected[key]!), cluster \(cluster[key] ?? "original")", file: file, line: line)
        }
        for key in cluster.keys.sorted() where expected[key] == nil {
            XCTFail("\(key): only the cluster links it", file: file, line: line)
        }
    }

    func testClusterStepsDecideAsTheStageDoes() throws {
        try assertClusterEqualsStage(DedupRules(), seed: 1)
        // Small caps and samples, so that full postings, sampling and stock phrases matter.
        try assertClusterEqualsStage(DedupRules(queryShingles: 5, maxPostings: 2, pieceMinWords: 3), seed: 2)
        try assertClusterEqualsStage(
            DedupRules(shingleSize: 2, jaccard: 0.4, shortWords: 8, queryShingles: 3, maxPostings: 3), seed: 3)
    }

    /// Issue 19: the rendering measure with its same-speaker condition decides the same way on a
    /// cluster (the speaker keys travel with the words through `candidates` and `verify`).
    func testClusterStepsDecideAsTheStageDoesWithRenderingsAndSpeakers() throws {
        let rendering = DedupRules(
            jaccard: 0.9, containment: 0.95, editSimilarity: 0.95, rendering: 0.5, renderingMinWords: 6)
        try assertClusterEqualsStage(rendering, seed: 4, withSpeakers: true)
        // The condition matters on this corpus: without it more quotes are linked.
        let docs = corpus(documents: 400, seed: 4)
        let speakers = self.speakers(for: docs, seed: 4)
        func links(_ rules: DedupRules) -> Int {
            let stage = QuoteDedupStage(rules: rules)
            return docs.indices.reduce(0) { n, d in
                n
                    + stage.assign(documentID: "d\(d)", quoteWords: docs[d], quoteSpeakers: speakers[d]).compactMap {
                        $0
                    }.count
            }
        }
        var anySpeaker = rendering
        anySpeaker.renderingSameSpeaker = false
        XCTAssertGreaterThan(links(anySpeaker), links(rendering))
    }

    // MARK: The command line

    /// Writes records as an NDJSON input file (keys sorted) in `dir`.
    static func ndjsonInput(_ records: [[String: String]], in dir: URL) throws -> URL {
        let lines = try records.map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
        }
        let input = dir.appendingPathComponent("in.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        return input
    }

    /// Issue 19, item 5: `--emit clusters` writes one line per statement, with its speaker (the fullest
    /// name) and every repeat, in the order of first occurrences.
    func testClustersListEachStatementWithItsRepeats() throws {
        let binary = try BuiltBinary.require()
        let dir = try temporaryDirectory(self)
        let quote = "Netralitas ASN menjadi prinsip penting untuk mewujudkan pemilu yang demokratis dan berintegritas"
        let input = try Self.ndjsonInput(
            [
                [
                    "id": "a",
                    "text": "Ketua Bawaslu Mimika Derek Hegemur membuka apel siaga.\n\"\(quote),\" ujar Derek."
                ],
                [
                    "id": "b",
                    "text":
                        "Ketua KPU hadir di Timika.\n\"Kami siap melayani semua pemilih di seluruh distrik,\" katanya."
                ],
                ["id": "c", "text": "Derek Hegemur kembali mengingatkan ASN.\n\"\(quote),\" katanya."]
            ], in: dir)
        let sh = URL(fileURLWithPath: "/bin/sh")
        let run = try runProcess(
            sh, ["-c", "\"$0\" run - --out - --emit clusters --quiet < \"$1\"", binary.path, input.path])
        XCTAssertEqual(run.status, 0, run.stderrText)
        let out = try run.stdout.split(separator: 0x0A).map { try jsonObject($0) }
        XCTAssertEqual(out.count, 2, "two statements")
        XCTAssertEqual(out[0]["doc"] as? String, "a")
        XCTAssertEqual(out[0]["quote"] as? Int, 0)
        XCTAssertEqual(out[0]["speaker"] as? String, "Derek Hegemur")
        XCTAssertEqual(out[0]["text"] as? String, quote + ",")
        let repeats = out[0]["repeats"] as? [[String: Any]]
        XCTAssertEqual(repeats?.count, 1)
        XCTAssertEqual(repeats?.first?["doc"] as? String, "c")
        XCTAssertEqual(repeats?.first?["similarity"] as? Double, 1)
        XCTAssertEqual((out[1]["repeats"] as? [Any])?.count, 0)
        // Not with --incremental: the clusters need every document of the run.
        let refused = try runProcess(
            binary,
            ["run", input.path, "--out", dir.appendingPathComponent("o").path, "--incremental", "--emit", "clusters"])
        XCTAssertEqual(refused.status, 64, refused.stderrText)
        // Nor the steps of a cluster run, whose records are not deduplicated here.
        for flags in [["--skip-dedup"], ["--emit", "quote-keys"]] {
            let other = try runProcess(
                binary, ["run", input.path, "--out", dir.appendingPathComponent("o").path, "--incremental"] + flags)
            XCTAssertEqual(other.status, 64, "\(flags): \(other.stderrText)")
        }
    }

    func testQuoteKeysRecordsAndResolveThroughTheBinary() throws {
        let binary = try BuiltBinary.require()
        let dir = try temporaryDirectory(self)
        let quote = "Netralitas ASN menjadi prinsip penting untuk mewujudkan pemilu yang demokratis dan berintegritas"
        let input = try Self.ndjsonInput(
            [
                ["id": "a", "text": "Ketua Bawaslu membuka apel siaga.\n\"\(quote),\" ujarnya."],
                ["id": "b", "text": "Ketua KPU hadir di Timika.\n\"\(quote),\" katanya."]
            ], in: dir)
        let sh = URL(fileURLWithPath: "/bin/sh")
        let run = try runProcess(
            sh,
            [
                "-c",
                "\"$0\" run - --out - --skip-dedup --emit quote-keys --with-records --first-line 11 --quiet < \"$1\"",
                binary.path, input.path
            ])
        XCTAssertEqual(run.status, 0, run.stderrText)
        let out = try run.stdout.split(separator: 0x0A).map { try jsonObject($0) }
        XCTAssertEqual(out.count, 4) // record a, its key, record b, its key
        XCTAssertEqual(out[0]["source"] as? String, "<stdin>:11")
        XCTAssertEqual(out[2]["source"] as? String, "<stdin>:12")
        XCTAssertEqual(
            ((out[2]["quotes"] as? [[String: Any]])?.first?["duplicate_of"]).map { $0 is NSNull }, true,
            "not deduplicated")
        // The key line's fields, as README ("Scaling out") lists them.
        XCTAssertEqual(
            out[1].keys.sorted(), ["doc", "exact", "index", "line", "query", "quote", "role", "speaker", "words"])
        XCTAssertEqual(out[1]["line"] as? Int, 11)
        XCTAssertEqual(out[3]["line"] as? Int, 12)
        XCTAssertEqual(out[3]["role"] as? String, "near")
        XCTAssertEqual(out[1]["exact"] as? String, out[3]["exact"] as? String)
        XCTAssertEqual((out[3]["query"] as? [String])?.count, 10) // 12 words: 10 shingles, all sampled

        let edges = dir.appendingPathComponent("edges.ndjson")
        try "{\"q\":[12,0],\"c\":[11,0],\"kind\":\"exact\",\"cdoc\":\"a\"}\n".write(
            to: edges, atomically: true, encoding: .utf8)
        let resolve = try runProcess(sh, ["-c", "\"$0\" dedup resolve < \"$1\"", binary.path, edges.path])
        XCTAssertEqual(resolve.status, 0, resolve.stderrText)
        XCTAssertEqual(
            String(decoding: resolve.stdout, as: UTF8.self),
            "{\"line\":12,\"quote\":0,\"patch\":\"\\\"duplicate_of\\\":{\\\"doc\\\":\\\"a\\\",\\\"quote\\\":0},\\\"similarity\\\":1\"}\n"
        )
        let options = try runProcess(binary, ["dedup", "options"])
        XCTAssertEqual(try jsonObject(options.stdout)["max_postings"] as? Int, 16)
        let bad = try runProcess(sh, ["-c", "echo '{\"q\":1}' | \"$0\" dedup verify", binary.path])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderrText.contains("stdin line 1"), bad.stderrText)
    }

    /// Standard input that cannot be read (opened on a directory) is an input error, exit 1, where
    /// `FileHandle.readDataToEndOfFile` trapped (exit 132); standard output that was closed or is full is
    /// an output error, exit 2 as for `warta run` (it was 1); each says what failed.
    func testUnreadableStdinAndUnwritableStdoutAreReportedWithTheirExitCodes() throws {
        let binary = try BuiltBinary.require()
        let sh = URL(fileURLWithPath: "/bin/sh")
        let directory = try runProcess(sh, ["-c", "\"$0\" dedup candidates < /", binary.path])
        XCTAssertEqual(directory.status, 1, directory.stderrText)
        XCTAssertTrue(
            directory.stderrText.contains("warta dedup candidates: cannot read <stdin>: Is a directory"),
            directory.stderrText)
        let closed = try runProcess(sh, ["-c", "\"$0\" dedup options >&-", binary.path])
        XCTAssertEqual(closed.status, 2, closed.stderrText)
        XCTAssertTrue(
            closed.stderrText.contains("cannot write <stdout>: standard output was closed"), closed.stderrText)
        let full = try runProcess(sh, ["-c", "\"$0\" dedup options > /dev/full", binary.path])
        XCTAssertEqual(full.status, 2, full.stderrText)
        XCTAssertTrue(full.stderrText.contains("cannot write <stdout>: No space left on device"), full.stderrText)
    }
}

extension DedupStepsTests {
    /// A bad line of a `warta dedup` step listed every field the step reads (`expected {"q", "c", "kind",
    /// "words", "cwords", "cdoc"}`), so the user had to guess which one was wrong (the breaker's report).
    /// Each problem now names its line, the field, what it must be and what was found.
    func testABadLineNamesTheFieldAndWhatWasFound() throws {
        let rules = DedupRules()
        let h = "\"0123456789abcdef\""
        let verifyCases: [(String, String)] = [
            (
                #"{"q":1,"c":[0,0],"kind":"near","words":[],"cwords":[],"cdoc":"d"}"#,
                #""q": expected [line, quote], two whole numbers, 0 or more, found a number or a boolean"#
            ),
            (
                "{\"q\":[1,0],\"c\":[0,0],\"kind\":\"piece\",\"words\":[\(h)],\"cwords\":\"x\",\"cdoc\":\"d\"}",
                #""cwords": expected a list of strings of 16 hex digits, found a string"#
            ),
            (
                "{\"q\":[1,0],\"c\":[0,0],\"kind\":\"piece\",\"words\":[\"xyz\"],\"cwords\":[\(h)],\"cdoc\":\"d\"}",
                #""words": expected a list of strings of 16 hex digits, found a list"#
            ),
            (
                "{\"q\":[1,0],\"c\":[0,0],\"kind\":\"piece\",\"words\":[\(h)],\"cwords\":[\(h)]}",
                #""cdoc": expected a string, found nothing (the field is missing)"#
            ),
            (
                "{\"q\":[1,0],\"c\":[0,0],\"kind\":\"piece\",\"words\":[\(h)],\"cwords\":[\(h)],\"cdoc\":\"d\",\"speaker\":null}",
                #""speaker": expected a list of strings of 16 hex digits, found null"#
            )
        ]
        for (line, expected) in verifyCases {
            XCTAssertThrowsError(try DedupSteps.verify(rules, input: Array(("\n" + line + "\n").utf8))) { error in
                XCTAssertEqual("\(error)", "stdin line 2: \(expected)", line)
            }
        }
        XCTAssertThrowsError(
            try DedupSteps.candidates(rules, input: Array(#"{"q":[1,0],"role":"long","postings":[]}"#.utf8))
        ) { error in
            XCTAssertEqual("\(error)", #"stdin line 1: "role": expected one of none, exact, piece, near, found 'long'"#)
        }
        let resolveCases: [(String, String)] = [
            (
                #"{"q":[1,0],"c":[2,0],"kind":"exact","cdoc":"d"}"#,
                #""c": expected a quote before "q" [1,0], found [2,0]"#
            ),
            (
                #"{"q":[1,0],"c":[0,0],"kind":"near","cdoc":"d","similarity":"high"}"#,
                #""similarity": expected a number, found a string"#
            ),
            (#"{"q":[1,0],"c":[0,0],"kind":{},"cdoc":"d"}"#, #""kind": expected a string, found an object"#)
        ]
        for (line, expected) in resolveCases {
            XCTAssertThrowsError(try DedupSteps.resolve(input: Array(line.utf8))) { error in
                XCTAssertEqual("\(error)", "stdin line 1: \(expected)", line)
            }
        }
    }
}

extension DedupStepsTests {
    /// `[3,-1]` as a quote and a similarity of -5 were read, exit 0, and reached the patch (the breaker's
    /// report). Each step refuses a negative or fractional line or quote, and `resolve` a similarity outside
    /// 0...1, naming the line and the field.
    func testImpossibleQuotesAndSimilaritiesAreRefusedInEveryStep() throws {
        let rules = DedupRules()
        let h = "\"0123456789abcdef\""
        let candidatesCases: [(String, String)] = [
            (
                #"{"q":[3,-1],"role":"near","postings":[]}"#,
                #""q": expected [line, quote], two whole numbers, 0 or more, found [3,-1]"#
            ),
            (
                #"{"q":[3,1],"role":"near","postings":[[[-2,0]]]}"#,
                #""postings": expected [line, quote], two whole numbers, 0 or more, found [-2,0]"#
            ),
            (
                #"{"q":[3,1],"role":"near","postings":[[[1.5,0]]]}"#,
                #""postings": expected [line, quote], two whole numbers, 0 or more, found [1.5,0]"#
            )
        ]
        for (line, expected) in candidatesCases {
            XCTAssertThrowsError(try DedupSteps.candidates(rules, input: Array(line.utf8))) { error in
                XCTAssertEqual("\(error)", "stdin line 1: \(expected)", line)
            }
        }
        let verifyLine =
            "{\"q\":[1,0],\"c\":[-1,0],\"kind\":\"piece\",\"words\":[\(h)],\"cwords\":[\(h)],\"cdoc\":\"d\"}"
        XCTAssertThrowsError(try DedupSteps.verify(rules, input: Array(verifyLine.utf8))) { error in
            XCTAssertEqual(
                "\(error)", #"stdin line 1: "c": expected [line, quote], two whole numbers, 0 or more, found [-1,0]"#)
        }
        let resolveCases: [(String, String)] = [
            (
                #"{"q":[3,-1],"c":[0,0],"kind":"exact","cdoc":"d"}"#,
                #""q": expected [line, quote], two whole numbers, 0 or more, found [3,-1]"#
            ),
            (
                #"{"q":[3,1],"c":[0,-4],"kind":"exact","cdoc":"d"}"#,
                #""c": expected [line, quote], two whole numbers, 0 or more, found [0,-4]"#
            ),
            (
                #"{"q":[1,0],"c":[0,0],"kind":"near","cdoc":"d","similarity":-5}"#,
                #""similarity": expected a number from 0 to 1, found -5.0"#
            ),
            (
                #"{"q":[1,0],"c":[0,0],"kind":"near","cdoc":"d","similarity":1.5}"#,
                #""similarity": expected a number from 0 to 1, found 1.5"#
            )
        ]
        for (line, expected) in resolveCases {
            XCTAssertThrowsError(try DedupSteps.resolve(input: Array(("\n" + line).utf8))) { error in
                XCTAssertEqual("\(error)", "stdin line 2: \(expected)", line)
            }
        }
        // The bounds themselves are values a run writes: similarity 1 (a piece), quote 0, line 0.
        let fine = #"{"q":[1,0],"c":[0,0],"kind":"near","cdoc":"d","similarity":1}"#
        XCTAssertEqual(
            String(decoding: try DedupSteps.resolve(input: Array(fine.utf8)), as: UTF8.self),
            #"{"line":1,"quote":0,"patch":"\"duplicate_of\":{\"doc\":\"d\",\"quote\":0},\"similarity\":1"}"# + "\n")
    }

    /// NaN is no JSON, but the check is the range's: NaN is outside it.
    func testANaNSimilarityIsRefused() {
        let fields = DedupLineFields(object: ["similarity": NSNumber(value: Double.nan)], line: 4)
        XCTAssertThrowsError(try fields.fraction("similarity")) { error in
            XCTAssertEqual("\(error)", #"stdin line 4: "similarity": expected a number from 0 to 1, found nan"#)
        }
    }

    /// `isPiece` is linear (it compared at every start: a `dedup verify` line of a 5,000-word piece of a
    /// 10,000-word quote, one word over and over, took 0.09 s, 4 times as long 0.85 s). It answers as
    /// comparing at every start did, on random short sequences of few words (repeats, overlaps, borders),
    /// and 8 times the words cost at most 14 times the CPU.
    func testIsPieceAnswersAsEveryStartDidInLinearTime() {
        func everyStart(_ words: [UInt64], _ other: [UInt64]) -> Bool {
            guard !words.isEmpty, other.count >= words.count else { return false }
            return (0...(other.count - words.count)).contains { other[$0..<($0 + words.count)].elementsEqual(words) }
        }
        var random = SeededGenerator(state: 11)
        for _ in 0..<5_000 {
            let words = (0..<random.below(6)).map { _ in UInt64(random.below(3)) }
            let other = (0..<random.below(14)).map { _ in UInt64(random.below(3)) }
            XCTAssertEqual(DedupRules.isPiece(words, of: other), everyStart(words, other), "\(words) in \(other)")
        }
        func seconds(_ n: Int) -> Double {
            let words = [UInt64](repeating: 1, count: n / 2 - 1) + [2], other = [UInt64](repeating: 1, count: n)
            let start = LargeDocumentTests.threadCPUSeconds()
            XCTAssertFalse(DedupRules.isPiece(words, of: other))
            return LargeDocumentTests.threadCPUSeconds() - start
        }
        let small = seconds(20_000), big = seconds(160_000)
        XCTAssertLessThan(big, max(small, 0.01) * 14, "160,000 words took \(big) s, 20,000 \(small) s")
    }
}
